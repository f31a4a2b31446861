"""Print is a first-class output: printed to PDF in Chromium, pages counted, QR codes decoded."""

from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from bs4 import BeautifulSoup
from PIL import Image
from pypdf import PdfReader

from carryover import LANGUAGES
from carryover.model.settings import ClinicSettings, SiteSettings
from carryover.render.paper import render_handout

pytestmark = pytest.mark.browser

# Chromium's default print margins (about 1 cm)
MARGINS = {side: "0.4in" for side in ("top", "bottom", "left", "right")}


def printed_pages(page, url: str, paper: str) -> int:
    page.goto(url)
    return len(PdfReader(io.BytesIO(page.pdf(format=paper, margin=MARGINS))).pages)


def print_targets(library, lang: str, kind: str) -> list[tuple[str, int]]:
    if kind == "handouts":
        return [(f"/{lang}/strategies/{c}/handout/", 1) for c in sorted(library.cards)]
    if kind == "bilingual":
        return [(f"/{lang}/strategies/{c}/bilingual/", 2) for c in sorted(library.cards)]
    return [(f"/{lang}/routines/{r}/{kind}/", 1) for r in sorted(library.routines)]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", ["handouts", "bilingual", "schedule", "first-then"])
def test_every_printable_page_prints_on_its_page_count(server, page_factory, library, lang, kind):
    page = page_factory()
    wrong = []
    for path, expected in print_targets(library, lang, kind):
        for paper in ("A4", "Letter"):
            pages = printed_pages(page, server + path, paper)
            if pages != expected:
                wrong.append(f"{path} on {paper}: {pages} pages, expected {expected}")
    assert wrong == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_handout_qr_codes_open_the_card_in_the_same_language(server, page_factory, library, lang):
    page = page_factory(device_scale_factor=2)
    for card in sorted(library.cards):
        page.goto(f"{server}/{lang}/strategies/{card}/handout/")
        shot = page.locator(".co-qr svg").first.screenshot()
        results = zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)).convert("L"))
        assert [r.text for r in results] == [f"http://127.0.0.1:8000/{lang}/strategies/{card}/"], card


def test_handout_has_what_the_family_needs(site, library):
    for lang in LANGUAGES:
        for card in library.cards.values():
            html = BeautifulSoup(
                (site / lang / "strategies" / card.id / "handout" / "index.html").read_text("utf-8"), "html.parser"
            )
            sheet = html.select_one(".co-sheet")
            assert sheet.find("h1").get_text(strip=True).rstrip("#") == card.versions[lang].meta.title
            text = sheet.get_text(" ")
            for anchor in ("steps", "safety", "ask"):
                assert sheet.select_one(f"#{anchor}-{lang}"), anchor
            assert len(sheet.select(".co-log__days .co-box")) == 7
            # the starter library names no reviewer, so no sheet claims a review
            assert ("Last updated" if lang == "en" else "Última actualización") in text
            assert "Reviewed" not in text and "Revisado" not in text
            assert len(sheet.select("ol li")) >= 2


def test_clinic_details_come_from_configuration(library):
    card = library.cards["blanket-burrito"]
    bare = render_handout(card, "en", library, SiteSettings()).body
    assert "co-clinic" not in bare
    clinic = {
        "name": "Little Steps OT",
        "phone": "+1 555 0100",
        "whatsapp": "+1 555 0101",
        "email": "hi@example.org",
        "website": "example.org",
        "logo": "assets/logo.png",
    }
    branded = render_handout(card, "es", library, SiteSettings(clinic=ClinicSettings(**clinic))).body
    for value in clinic.values():
        assert value in branded
    assert "Teléfono: +1 555 0100" in branded


def test_card_and_routine_pages_link_their_printables(site, library):
    for lang in LANGUAGES:
        card = (site / lang / "strategies" / "blanket-burrito" / "index.html").read_text("utf-8")
        assert 'href="handout/"' in card and 'href="bilingual/"' in card
        routine = (site / lang / "routines" / "morning" / "index.html").read_text("utf-8")
        for target in ('href="schedule/"', 'href="first-then/"', 'href="schedule.png"'):
            assert target in routine


def test_link_previews(site, library):
    for lang in LANGUAGES:
        for kind in ("strategies", "routines"):
            for entry_id in library.entries[kind]:
                image = site / lang / "assets" / "previews" / kind / f"{entry_id}.png"
                assert Image.open(image).size == (1200, 630)
                html = (site / lang / kind / entry_id / "index.html").read_text("utf-8")
                og = re.search(r'<meta property="og:image" content="([^"]+)"', html)
                assert og and og.group(1) == f"http://127.0.0.1:8000/{lang}/assets/previews/{kind}/{entry_id}.png"
                assert 'name="twitter:card" content="summary_large_image"' in html
        for routine in library.routines:
            assert Image.open(site / lang / "routines" / routine / "schedule.png").size == (1080, 1920)


def test_a_card_page_prints_without_site_chrome(server, page_factory):
    page = page_factory()
    page.goto(f"{server}/en/strategies/blanket-burrito/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".co-actions"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(".co-safety").is_visible()


@pytest.mark.parametrize("path", ["strategies/blanket-burrito/handout/", "routines/morning/first-then/"])
def test_paper_pages_offer_a_way_back_and_a_print_button(server, page_factory, path):
    page = page_factory()
    page.goto(f"{server}/es/{path}")
    back, button = page.locator(".co-print-bar a"), page.locator(".co-print-bar button")
    assert back.get_attribute("href") == "../" and back.inner_text() == "← Volver a la página"
    assert button.is_visible() and button.inner_text() == "Imprimir"  # shown by the page's own script
    for control in (back, button):  # drawn as the theme's buttons, not as bare text
        assert control.evaluate("e => parseFloat(getComputedStyle(e).borderTopWidth)") >= 1
    page.emulate_media(media="print")
    assert not page.locator(".co-print-bar").is_visible()
