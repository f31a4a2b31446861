"""Finding the right strategy: the library page's filters, static listings, the home page's
everyday moments, related cards and what a search result shows."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from filters import matching

from carryover import LANGUAGES
from carryover.render.related import related_cards


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def visible_cards(page) -> list[str]:
    return page.eval_on_selector_all(
        ".co-library__item:not([hidden]) > a", "els => els.map(e => e.getAttribute('href').replace(/\\/$/, ''))"
    )


def expected(library, category=None, band=None, routine=None, setting=None) -> set[str]:
    return {card.id for card in matching(library, category, band, routine, setting)}


@pytest.mark.browser
def test_library_filters_combine_and_live_in_the_url(server, page_factory, library):
    page = page_factory(locale="es-ES")
    page.goto(f"{server}/es/strategies/?age=0-2&routine=bedtime")
    want = expected(library, band="0-2", routine="bedtime")
    assert want and set(visible_cards(page)) == want
    assert page.locator(".co-library__count").inner_text() == f"{len(want)} estrategias"
    page.select_option("select[name=category]", "co-regulation")
    want = expected(library, category="co-regulation", band="0-2", routine="bedtime")
    assert set(visible_cards(page)) == want
    assert re.search(r"\?age=0-2&routine=bedtime&category=co-regulation$|category=co-regulation", page.url)
    shared = page.url
    other = page_factory(locale="es-ES")
    other.goto(shared)
    assert set(visible_cards(other)) == want
    page.get_by_role("button", name="Ver todas").click()
    page.wait_for_function("!location.search")
    assert len(visible_cards(page)) == len(library.cards)


@pytest.mark.browser
def test_impossible_combination_says_so(server, page_factory):
    page = page_factory()
    page.goto(f"{server}/en/strategies/?category=fine-motor&routine=bath-time&setting=school&age=0-2")
    assert visible_cards(page) == []
    assert "No strategy matches" in page.locator(".co-library__count").inner_text()


@pytest.mark.browser
def test_library_lists_every_card_without_javascript(server, page_factory, library):
    page = page_factory(java_script_enabled=False)
    page.goto(f"{server}/en/strategies/?category=sensory")
    assert len(visible_cards(page)) == len(library.cards)
    assert not page.locator(".co-filters").is_visible()


def test_every_filter_value_has_a_static_listing(site, library):
    tax = library.taxonomy
    for lang in LANGUAGES:
        listing = soup(site / lang / "strategies" / "index.html")
        browse = {urljoin(f"/{lang}/strategies/", a["href"]) for a in listing.select(".co-browse a")}
        static = (
            [("categories", k, expected(library, category=k)) for k in tax.categories]
            + [("ages", b.key, expected(library, band=b.key)) for b in tax.age_bands]
            + [("routines", r, expected(library, routine=r)) for r in library.routines]
            + [("settings", k, expected(library, setting=k)) for k in tax.settings]
        )
        for folder, key, cards in static:
            assert f"/{lang}/{folder}/{key}/" in browse
            page = soup(site / lang / folder / key / "index.html")
            linked = {a["href"].rstrip("/").split("/")[-1] for a in page.select("article a[href*='strategies/']")}
            assert cards <= linked, (folder, key, cards - linked)


def test_home_leads_from_everyday_moments(site, library):
    for lang in LANGUAGES:
        home = soup(site / lang / "index.html")
        links = home.select(".co-situations a")
        assert len(links) == len(library.taxonomy.situations) >= 10
        texts = [a.get_text() for a in links]
        assert texts == [s[lang] for s in library.taxonomy.situations]
        for a in links:
            assert (site / lang / a["href"] / "index.html").exists(), a["href"]
        signs = {a["href"] for a in home.select("article a[href^='signs/']")}
        assert signs == {f"signs/{s}/" for s in library.signs}


def test_related_cards_are_deterministic_and_relevant(library):
    for card in library.cards.values():
        first = [c.id for c in related_cards(card, library)]
        assert first == [c.id for c in related_cards(card, library)]
        assert card.id not in first
        assert 1 <= len(first) <= 4
        for other in first:
            o = library.cards[other].meta
            m = card.meta
            assert (
                other in m.related
                or set(o.routines) & set(m.routines)
                or set(o.tags) & set(m.tags)
                or (o.category == m.category)
                or set(o.signs) & set(m.signs)
            )


def test_next_step_links_are_shown_where_declared(site, library):
    declared = [
        (c, name, getattr(c.meta, name))
        for c in library.cards.values()
        for name in ("easier", "harder")
        if getattr(c.meta, name)
    ]
    assert declared
    for card, _name, target in declared:
        for lang in LANGUAGES:
            page = soup(site / lang / "strategies" / card.id / "index.html")
            here = f"/{lang}/strategies/{card.id}/"
            hrefs = [urljoin(here, a["href"]) for a in page.select(".co-next-steps a")]
            assert f"/{lang}/strategies/{target}/" in hrefs


@pytest.mark.browser
def test_search_results_show_category_and_ages(server, page_factory):
    page = page_factory(locale="es-ES", viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/es/")
    page.locator("input.md-search__input").fill("tijeras")
    page.wait_for_selector(".md-search-result__item")
    first = page.locator(".md-search-result__item").first
    tags = first.locator(".md-tag").all_inner_texts()
    assert "Motricidad fina" in tags
    assert any(re.fullmatch(r"\d+–\d+ años", t) for t in tags)
