"""Therapist tools in a real browser: bundles, short links, aliases, sharing, the practice log."""

from __future__ import annotations

import io
import re
from urllib.parse import quote, unquote

import pytest
from pypdf import PdfReader

from carryover import LANGUAGES

pytestmark = pytest.mark.browser
MARGINS = {side: "0.4in" for side in ("top", "bottom", "left", "right")}


def console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def longest_cards(library, n: int) -> list[str]:
    size = {c.id: len(c.versions["es"].source.body) for c in library.cards.values()}
    return sorted(size, key=size.get, reverse=True)[:n]


def test_a_bundle_link_opens_its_cards_in_its_language_and_prints_on_two_pages(server, page_factory, library):
    cards = longest_cards(library, 4)  # the cap, and the longest cards: the hardest case for print
    page = page_factory(locale="en-US")
    errors = console_errors(page)
    page.goto(f"{server}/es/bundle/#cards={','.join(cards)}&note={quote('Practica 5 minutos después de cenar')}")
    page.wait_for_function(f"document.querySelectorAll('.co-bundle-card').length === {len(cards)}")
    titles = page.locator(".co-bundle-card h2").all_inner_texts()
    assert titles == [library.cards[c].versions["es"].meta.title for c in cards]
    assert page.locator(".co-bundle-view__note").inner_text() == "Practica 5 minutos después de cenar"
    assert page.locator(".co-bundle-view__qr svg").count() == 1
    pdf = PdfReader(io.BytesIO(page.pdf(format="Letter", margin=MARGINS)))
    assert len(pdf.pages) <= 2
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", margin=MARGINS)))
    assert len(pdf.pages) <= 2
    assert errors == []


def test_an_unknown_card_in_a_bundle_is_named_not_broken(server, page_factory):
    page = page_factory()
    errors = console_errors(page)
    page.goto(f"{server}/en/bundle/#cards=blanket-burrito,no-such-card,<script>")
    page.wait_for_function("document.querySelectorAll('.co-bundle-card').length === 2")
    assert page.locator(".co-bundle-card--missing").inner_text() == "This strategy is no longer available."
    assert page.locator(".co-bundle-card h2").first.inner_text() == "The blanket burrito"
    assert errors == []


def test_making_a_bundle_link(server, page_factory):
    page = page_factory()
    page.goto(f"{server}/en/bundle/")
    page.wait_for_selector(".co-pick")
    page.fill("#bundle-search", "burrito")
    visible = [x for x in page.locator(".co-pick").all() if x.is_visible()]
    assert len(visible) == 1
    visible[0].locator("input").check()
    page.fill("#bundle-search", "")
    for label in page.locator(".co-pick").all()[:6]:
        box = label.locator("input")
        if not box.is_checked() and box.is_enabled():
            box.check()
    assert page.locator(".co-pick input:checked").count() == 4  # the hard cap
    assert page.locator(".co-pick input:disabled").count() > 0
    page.fill("#bundle-note", "Try one a day.")
    page.select_option("#bundle-language", "es")
    page.click("text=Create the link")
    link = page.input_value("#bundle-link")
    assert re.match(rf"{re.escape(server)}/es/bundle/#cards=[a-z0-9,-]+&note=Try%20one%20a%20day\.$", link)
    assert "blanket-burrito" in link
    page.goto(link)
    page.wait_for_function("document.querySelectorAll('.co-bundle-card').length === 4")


@pytest.mark.parametrize(("locale", "lang"), [("es-ES", "es"), ("es-419", "es"), ("en-US", "en"), ("fr-FR", "en")])
def test_short_links_follow_the_browser_language(server, page_factory, locale, lang):
    page = page_factory(locale=locale)
    page.goto(f"{server}/s/blanket-burrito/")
    page.wait_for_url(re.compile(rf"/{lang}/strategies/blanket-burrito/$"))


def test_short_links_work_without_javascript(server, page_factory):
    page = page_factory(locale="es-ES", java_script_enabled=False)
    page.goto(f"{server}/s/blanket-burrito/")
    page.wait_for_url(re.compile(r"/en/strategies/blanket-burrito/$"))


def test_every_alias_redirects_to_its_card(server, page_factory, library):
    aliases = [(a, c.id) for c in library.cards.values() for a in c.meta.aliases]
    assert aliases, "the starter library keeps at least one old id"
    page = page_factory()
    for alias, card in aliases:
        for lang in LANGUAGES:
            page.goto(f"{server}/{lang}/strategies/{alias}/#steps")
            page.wait_for_url(re.compile(rf"/{lang}/strategies/{card}/#steps$"))
        page.goto(f"{server}/s/{alias}/")
        page.wait_for_url(re.compile(rf"/strategies/{card}/$"))


def test_sharing_from_a_card(server, page_factory, library):
    page = page_factory(locale="es-ES")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{server}/es/strategies/blanket-burrito/")
    whatsapp = page.locator(".co-share a", has_text="WhatsApp").get_attribute("href")
    assert whatsapp.startswith("https://wa.me/?text=")
    message = unquote(whatsapp.split("text=", 1)[1])
    assert message == "Una estrategia que puede ayudar en casa: El burrito de manta\n" + (
        "http://127.0.0.1:8000/es/strategies/blanket-burrito/"
    )
    assert page.locator(".co-share a", has_text="Correo").get_attribute("href").startswith("mailto:?subject=")
    page.click(".co-copy")
    page.wait_for_function("document.querySelector('.co-share__status').textContent.length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == "http://127.0.0.1:8000/es/strategies/blanket-burrito/"
    assert page.locator("#step-3").count() == 1


def test_practice_log_survives_reload_exports_and_clears(server, page_factory):
    page = page_factory()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{server}/en/strategies/blanket-burrito/")
    page.fill("#tried-note", "Calmer at bedtime")
    page.click(".co-tried button[data-result=helped]")
    page.goto(f"{server}/en/strategies/pillow-squeeze-sandwich/")
    page.click(".co-tried button[data-result=hard]")
    page.goto(f"{server}/en/log/")
    page.reload()
    page.wait_for_selector(".co-log-card")
    assert (
        page.locator(".co-log-card h2").all_inner_texts() == ["The blanket burrito", "The pillow sandwich"]
        or page.locator(".co-log-card").count() == 2
    )
    assert page.locator(".co-log-helped").count() == 1 and page.locator(".co-log-hard").count() == 1
    page.click(".co-log-copy")
    text = page.input_value(".co-log-page__text")
    assert "The blanket burrito" in text and "helped — Calmer at bedtime" in text and "hard" in text
    page.on("dialog", lambda d: d.accept())
    page.click(".co-log-clear")
    assert page.locator(".co-log-card").count() == 0
    assert "Nothing logged yet" in page.locator(".co-log-page__grid").inner_text()


@pytest.mark.parametrize(
    "garbage",
    [
        "not json",
        '{"v": 99, "entries": "x"}',
        "[1,2,3]",
        '{"v":1,"entries":[null,{"card":"<b>","day":"x"},'
        '{"card":"blanket-burrito","day":"2020-01-01","result":"helped"}]}',
    ],
)
def test_practice_log_survives_garbage_in_storage(server, page_factory, garbage):
    page = page_factory()
    errors = console_errors(page)
    page.goto(f"{server}/en/log/")
    page.evaluate("g => localStorage.setItem('carryover.practice-log', g)", garbage)
    page.reload()
    page.wait_for_selector(".co-log-page:not([hidden])")
    assert "Nothing logged yet" in page.locator(".co-log-page__grid").inner_text()
    page.goto(f"{server}/en/strategies/blanket-burrito/")
    page.click(".co-tried button[data-result=helped]")
    page.goto(f"{server}/en/log/")
    page.wait_for_selector(".co-log-card")
    assert errors == []
