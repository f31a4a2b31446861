"""Real-browser tests: Playwright driving Debian's Chromium against the built site."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def heading(page) -> str:
    """The page's h1 text, without the permalink mark."""
    return page.locator("h1").evaluate("e => e.firstChild.textContent.trim()")


def search(page, query: str) -> list[str]:
    """Type a query into Material's search box and return the result links."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # on a phone, search opens from a header button
        page.locator("label[for=__search]").first.click()
    box.fill("")
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length === 0")
    box.type(query, delay=20)
    page.wait_for_function(  # results, or the theme's own "nothing found"; never the loading text
        """() => { const t = JSON.parse(document.getElementById('__config').textContent).translations;
                   const m = document.querySelector('.md-search-result__meta');
                   return document.querySelectorAll('.md-search-result__item').length > 0
                       || (m && m.textContent.trim() === t['search.result.none']) }""",
        timeout=15000,
    )
    return page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link", "els => els.map(e => e.href.split('?')[0])"
    )


def test_language_switch_keeps_the_card_both_ways(server, page_factory):
    page = page_factory()
    page.goto(f"{server}/en/strategies/blanket-burrito/")
    assert heading(page) == "The blanket burrito"
    page.locator(".md-header__option .md-select").first.hover()
    page.locator("a.md-select__link[hreflang=es]").click()
    page.wait_for_url(re.compile(r"/es/strategies/blanket-burrito/$"))
    assert page.locator("html").get_attribute("lang") == "es"
    assert heading(page) == "El burrito de manta"
    page.locator(".md-header__option .md-select").first.hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_url(re.compile(r"/en/strategies/blanket-burrito/$"))
    assert heading(page) == "The blanket burrito"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("presión", "/es/strategies/blanket-burrito/"),
        ("presion", "/es/strategies/blanket-burrito/"),  # typed without the accent
        ("PRESION profunda", "/es/strategies/blanket-burrito/"),
        ("rabieta", "/es/strategies/blanket-burrito/"),  # keyword, singular of "rabietas"
        ("cepillarse los dientes", "/es/strategies/tooth-brushing-routine/"),
        ("cepillo", "/es/strategies/tooth-brushing-routine/"),  # another form of the same word
    ],
)
def test_spanish_search_forgives_accents_and_word_forms(server, page_factory, query, expected):
    page = page_factory(locale="es-ES")
    page.goto(f"{server}/es/")
    results = search(page, query)
    assert any(r.endswith(expected) for r in results), f"{query!r} → {results[:8]}"
    assert all("/es/" in r for r in results), "Spanish search must return Spanish pages only"


def test_english_search_finds_english_only(server, page_factory):
    page = page_factory()
    page.goto(f"{server}/en/")
    results = search(page, "meltdowns")
    assert any("/en/strategies/" in r for r in results)
    assert all("/en/" in r for r in results)
    assert search(page, "rabieta") == [], "a Spanish keyword must not match the English index"


def test_root_sends_a_spanish_browser_to_spanish(server, page_factory):
    page = page_factory(locale="es-MX")
    page.goto(f"{server}/")
    page.wait_for_url(re.compile(r"/es/$"))
    english = page_factory(locale="en-GB")
    english.goto(f"{server}/")
    english.wait_for_url(re.compile(r"/en/$"))


def test_text_put_in_without_a_key_is_searched(server, page_factory):
    """Pasted or dictated text, or a phone keyboard's suggestion, comes as an "input" with no
    key; the theme listened for keys only."""
    page = page_factory(viewport={"width": 390, "height": 844})
    page.goto(f"{server}/en/")
    page.locator("label[for=__search]").first.click()
    page.locator("input.md-search__input").evaluate(
        """box => { box.value = 'burrito'; box.dispatchEvent(new InputEvent('input', {bubbles: true})) }"""
    )
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    links = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    assert any("/en/strategies/blanket-burrito/" in href for href in links), links
