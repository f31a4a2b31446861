"""Paper pages (handouts, bilingual handouts, schedules, first–then boards) in each language:
a way to the same sheet in the other language, and an honest notice where a translation
is missing."""

from __future__ import annotations

import functools
import http.server
import io
import shutil
import socketserver
import threading
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from carryover import LANGUAGES, ORIGINAL_LANGUAGE
from carryover.engine.mkdocs.build import build_site
from carryover.model.taxonomy import load_ui

ROOT = Path(__file__).resolve().parent.parent
UNTRANSLATED_CARD, UNTRANSLATED_ROUTINE = "blanket-burrito", "bedtime"  # bedtime has the most steps
MARGINS = {side: "0.4in" for side in ("top", "bottom", "left", "right")}  # Chromium's defaults, as in test_print


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def paper_paths(library, lang: str) -> list[str]:
    """The site path (/es/strategies/x/handout/) of every paper page of one language."""
    cards = [f"/{lang}/strategies/{c}/{k}/" for c in sorted(library.cards) for k in ("handout", "bilingual")]
    routines = [f"/{lang}/routines/{r}/{k}/" for r in sorted(library.routines) for k in ("schedule", "first-then")]
    return cards + routines


def page_file(site: Path, path: str) -> Path:
    return site / path.strip("/") / "index.html"


def language_of(element) -> str:
    """The language an element is in: its own ``lang`` or its nearest ancestor's."""
    return element["lang"] if element.has_attr("lang") else element.find_parent(attrs={"lang": True})["lang"]


def test_every_paper_page_links_the_same_sheet_in_each_other_language(site, library):
    checked = 0
    for lang in LANGUAGES:
        for path in paper_paths(library, lang):
            html = soup(page_file(site, path))
            bar = html.select_one(".co-paper-bar")  # on screen only: print.css hides the bar
            for other in (o for o in LANGUAGES if o != lang):
                links = bar.select(f'a[hreflang="{other}"]')
                assert len(links) == 1, f"{path}: no link to the {other} sheet"
                link = links[0]
                assert link["lang"] == other
                assert link.get_text(strip=True) == load_ui(other)["language_name"]
                href = link["href"]
                assert not href.startswith(("/", "http:", "https:")), f"{path}: {href} breaks a sub-path deploy"
                target = urljoin(path, href)
                assert target == f"/{other}/{path[len(lang) + 2 :]}", f"{path} links {target}"
                assert page_file(site, target).exists(), target
                checked += 1
    assert checked == 2 * (2 * len(library.cards) + 2 * len(library.routines))


def test_translated_paper_pages_carry_no_missing_translation_notice(site, library):
    for lang in LANGUAGES:
        for path in paper_paths(library, lang):
            html = soup(page_file(site, path))
            assert not html.select(".co-untranslated"), path
            expected = 2 if path.endswith("/bilingual/") else 1
            assert len(html.select(".co-sheet")) == expected, path


@pytest.fixture(scope="module")
def partly_translated(tmp_path_factory) -> Path:
    """The real library without the Spanish of one card and one routine, built."""
    tmp = tmp_path_factory.mktemp("partly-translated")
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "strategies" / f"{UNTRANSLATED_CARD}.es.md").unlink()
    (content / "routines" / f"{UNTRANSLATED_ROUTINE}.es.md").unlink()
    out = tmp / "site"
    assert build_site(ROOT, out, content=content) == 0
    return out


def test_an_untranslated_cards_spanish_handout_says_so_in_spanish(partly_translated):
    es = load_ui("es")
    html = soup(page_file(partly_translated, f"/es/strategies/{UNTRANSLATED_CARD}/handout/"))
    sheet = html.select_one(".co-sheet")
    notice = sheet.select_one(".co-untranslated")  # inside the sheet: on screen and on paper
    assert notice is not None
    assert language_of(notice) == "es"
    assert es["not_translated_title"] in notice.get_text()
    assert es["paper_not_translated"] in notice.get_text()
    # the card's own text is the English original, marked so; the sheet around it stays Spanish
    assert language_of(sheet.find("h1")) == ORIGINAL_LANGUAGE
    assert language_of(sheet.select_one(".co-sheet__summary")) == ORIGINAL_LANGUAGE
    assert language_of(sheet.select_one("#steps-es").find_next("ol")) == ORIGINAL_LANGUAGE
    assert language_of(sheet.select_one("#materials-es").find_next("ul")) == ORIGINAL_LANGUAGE
    assert language_of(sheet.select_one("#steps-es")) == "es"
    assert language_of(sheet.select_one(".co-log")) == "es"
    english = soup(page_file(partly_translated, f"/en/strategies/{UNTRANSLATED_CARD}/handout/"))
    assert not english.select(".co-untranslated")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_untranslated_cards_bilingual_page_does_not_pretend(partly_translated, lang):
    """One sheet, the one that exists, and a notice on screen that the other is missing."""
    ui = load_ui(lang)
    html = soup(page_file(partly_translated, f"/{lang}/strategies/{UNTRANSLATED_CARD}/bilingual/"))
    sheets = html.select(".co-sheet")
    assert [language_of(s) for s in sheets] == [ORIGINAL_LANGUAGE]
    notice = html.select_one(".co-paper-notice.co-untranslated")
    assert notice is not None and not notice.find_parent(class_="co-sheet")  # on screen, not on the sheet
    assert language_of(notice) == lang
    assert ui["paper_no_bilingual"] in notice.get_text()
    assert ui["bilingual_suffix"] not in html.title.get_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_untranslated_card_offers_no_bilingual_handout_but_a_translated_one_does(partly_translated, lang):
    untranslated = soup(page_file(partly_translated, f"/{lang}/strategies/{UNTRANSLATED_CARD}/"))
    assert untranslated.select('.co-actions a[href="handout/"]')
    assert not untranslated.select('.co-actions a[href="bilingual/"]')
    translated = soup(page_file(partly_translated, f"/{lang}/strategies/animal-walks/"))
    assert translated.select('.co-actions a[href="bilingual/"]')


@pytest.mark.parametrize("kind", ["schedule", "first-then"])
def test_an_untranslated_routines_spanish_sheets_say_so(partly_translated, kind):
    es = load_ui("es")
    html = soup(page_file(partly_translated, f"/es/routines/{UNTRANSLATED_ROUTINE}/{kind}/"))
    sheet = html.select_one(".co-sheet")
    notice = sheet.select_one(".co-untranslated")
    assert notice is not None and language_of(notice) == "es"
    assert es["paper_not_translated"] in notice.get_text()
    labels = sheet.select(".co-cut__label")
    assert labels and all(language_of(label) == ORIGINAL_LANGUAGE for label in labels)
    english = soup(page_file(partly_translated, f"/en/routines/{UNTRANSLATED_ROUTINE}/{kind}/"))
    assert not english.select(".co-untranslated")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def partly_translated_server(partly_translated):
    handler = functools.partial(_QuietHandler, directory=str(partly_translated))
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize(
    "path",
    [
        f"/es/strategies/{UNTRANSLATED_CARD}/handout/",
        f"/es/routines/{UNTRANSLATED_ROUTINE}/schedule/",
        f"/es/routines/{UNTRANSLATED_ROUTINE}/first-then/",
    ],
)
def test_an_untranslated_sheet_prints_its_notice_on_one_page(partly_translated_server, page_factory, path):
    page = page_factory()
    page.goto(partly_translated_server + path)
    page.emulate_media(media="print")
    assert page.locator(".co-sheet .co-untranslated").is_visible()
    assert not page.locator(".co-paper-bar").is_visible()
    for paper in ("A4", "Letter"):
        pdf = PdfReader(io.BytesIO(page.pdf(format=paper, margin=MARGINS)))
        assert len(pdf.pages) == 1, f"{path} on {paper}: {len(pdf.pages)} pages"
        assert "Aún sin traducir" in pdf.pages[0].extract_text()


@pytest.mark.browser
def test_the_bilingual_notice_and_the_language_link_stay_off_paper(partly_translated_server, page_factory):
    page = page_factory()
    page.goto(f"{partly_translated_server}/es/strategies/{UNTRANSLATED_CARD}/bilingual/")
    notice, link = page.locator(".co-paper-notice"), page.locator('.co-paper-bar a[hreflang="en"]')
    assert notice.is_visible() and link.is_visible()
    assert link.evaluate("e => parseFloat(getComputedStyle(e).borderTopWidth)") >= 1  # a button, like its neighbours
    page.emulate_media(media="print")
    assert not notice.is_visible() and not link.is_visible()
    for paper in ("A4", "Letter"):
        assert len(PdfReader(io.BytesIO(page.pdf(format=paper, margin=MARGINS))).pages) == 1
