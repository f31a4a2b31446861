"""Installable and offline, proven in Chromium: the manifest and its icons, the service worker
keeping what a family opened (a card, its handout, a home program's cards, the log, search)
so that it renders with no network in the page's language, the offline page for the rest,
and a rebuilt card showing on the next online visit (the new worker replaces the old caches)."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import socketserver
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

from carryover import LANGUAGES
from carryover.engine.mkdocs.build import build_site
from carryover.model.taxonomy import load_ui

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
CARD = "strategies/blanket-burrito/"
BUNDLE = "bundle/#cards=blanket-burrito,visual-schedule&note=Hola"
TITLES = {"en": ("The blanket burrito", "A picture schedule"), "es": ("El burrito de manta", "Un horario con dibujos")}


def heading(page) -> str:
    """The page's title, without its permalink mark."""
    return page.locator("h1").first.inner_text().rstrip("#¶ \n")


def worker_settings(site: Path, lang: str) -> dict:
    first = (site / lang / "sw.js").read_text(encoding="utf-8").split("\n", 1)[0]
    return json.loads(first.removeprefix("var CARRYOVER = ").removesuffix(";"))


def poll(page, script: str, arg=None, timeout: float = 20) -> None:
    """Wait until ``script`` (which may return a promise) gives a true value."""
    end = time.monotonic() + timeout
    while not page.evaluate(script, arg):
        if time.monotonic() > end:
            pytest.fail(f"timed out waiting for: {script}")
        page.wait_for_timeout(100)


def controlled(page) -> None:
    """Wait until the language's worker controls the page."""
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=15000)


def wait_kept(page, paths: list[str]) -> None:
    """Wait until every path (from the language's root) is in the worker's cache."""
    poll(
        page,
        """paths => { const root = new URL(document.querySelector('link[rel=manifest]').href);
                      return Promise.all(paths.map(p => caches.match(new URL(p, root).href)))
                        .then(found => found.every(Boolean)) }""",
        paths,
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_manifest_icons_and_worker_are_valid(site, lang):
    ui = load_ui(lang)
    manifest = json.loads((site / lang / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == ui["offline_app_name"].format(site="Carryover")
    assert manifest["short_name"] == "Carryover" and len(manifest["short_name"]) <= 12
    assert manifest["start_url"] == manifest["scope"] == manifest["id"] == "./"
    assert manifest["lang"] == lang and manifest["dir"] == "ltr"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#00695c" and manifest["background_color"] == "#ffffff"
    purposes = set()
    for icon in manifest["icons"]:
        with Image.open(site / lang / icon["src"]) as image:
            assert image.format == "PNG" and icon["type"] == "image/png"
            assert f"{image.width}x{image.height}" == icon["sizes"], icon
            if icon["purpose"] == "maskable":  # the picture stays inside the middle 80% circle
                corner = image.convert("RGB").getpixel((image.width // 5, image.height // 5))
                assert corner == (0, 105, 92)
        purposes.add((icon["sizes"], icon["purpose"]))
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= purposes
    settings = worker_settings(site, lang)
    assert settings["lang"] == lang and re.fullmatch(r"[0-9a-f]{16}", settings["version"])
    for path in [*settings["precache"], *settings["later"]]:
        target = site / lang / path
        assert (target / "index.html" if path.endswith("/") else target).is_file(), path
    precache = settings["precache"]
    assert any(p.endswith(".css") for p in precache) and any(p.endswith(".js") for p in precache)
    assert sum(p.endswith(".woff2") for p in settings["precache"]) == 2
    code = (site / lang / "sw.js").read_text(encoding="utf-8")
    assert "http" not in code.replace("https://", "").split("\n", 1)[1].lower().replace("http-", ""), "no other site"
    for html in (site / lang / CARD / "index.html", site / lang / "404.html", site / lang / "offline" / "index.html"):
        text = html.read_text(encoding="utf-8")
        assert re.search(r'<link rel="manifest" href="[^"]*manifest\.webmanifest">', text), html
        assert '<meta name="theme-color" content="#00695c">' in text, html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_what_a_family_opened_works_offline_in_its_language(server, page_factory, lang):
    ui = load_ui(lang)
    card, other = TITLES[lang]
    page = page_factory(locale="es-ES" if lang == "es" else "en-US")
    page.goto(f"{server}/{lang}/{CARD}")
    controlled(page)
    page.click(".co-tried button[data-result=helped]")  # something in the practice log
    page.goto(f"{server}/{lang}/{BUNDLE}")  # the home program a therapist sent
    page.wait_for_function("document.querySelectorAll('.co-bundle-card').length === 2")
    wait_kept(
        page,
        [CARD, f"{CARD}handout/", "strategies/visual-schedule/", "strategies/visual-schedule/handout/", "log/", "./"],
    )

    page.context.set_offline(True)
    try:
        page.goto(f"{server}/{lang}/{CARD}")
        assert heading(page) == card
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Atkinson')
        page.reload()
        assert heading(page) == card
        page.goto(f"{server}/{lang}/{CARD}handout/")
        assert card in heading(page)
        assert page.evaluate("document.documentElement.lang") == lang
        page.goto(f"{server}/{lang}/strategies/visual-schedule/")  # opened only through the program
        assert heading(page) == other
        page.goto(f"{server}/{lang}/{BUNDLE}")
        page.wait_for_function("document.querySelectorAll('.co-bundle-card').length === 2")
        assert page.locator(".co-bundle-card h2").all_inner_texts() == [card, other]
        assert not page.locator(".co-bundle-card--missing").count()
        page.goto(f"{server}/{lang}/log/")
        page.wait_for_selector(".co-log-card")
        assert card in page.locator(".co-log-page").inner_text()
        assert page.evaluate("document.documentElement.lang") == lang

        page.goto(f"{server}/{lang}/guides/what-is-pediatric-ot/")  # never opened: the offline page
        assert heading(page) == ui["offline_title"]
        assert page.evaluate("document.documentElement.lang") == lang
        page.wait_for_selector(".co-offline:not([hidden]) .co-offline__list a")
        kept = page.locator(".co-offline__list a").all_inner_texts()
        assert card in kept and other in kept and kept[0] != ui["offline_title"], kept
        assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Atkinson')
        page.keyboard.press("Tab")
        for _ in range(60):  # the keyboard reaches the home link and the kept pages
            if "co-offline-home" in page.evaluate("String(document.activeElement.className)"):
                break
            page.keyboard.press("Tab")
        else:
            pytest.fail("the offline page's home link is not reachable with Tab")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == f"{server}/{lang}/"
        assert page.locator("h1").count() and page.evaluate("document.documentElement.lang") == lang
    finally:
        page.context.set_offline(False)


def search(page, query: str) -> list[str]:
    page.locator("input.md-search__input").click()
    page.evaluate(
        """q => { const box = document.querySelector('input.md-search__input');
                  box.value = q; box.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true})); }""",
        query,
    )
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_works_offline_once_used(site, server, page_factory, lang):
    page = page_factory(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/{lang}/")
    controlled(page)
    page.reload()
    assert any("blanket-burrito" in href for href in search(page, "burrito"))
    # Search's engine and index come from the language's own Pagefind folder: its engine and
    # the chunks and results this search fetched are kept.
    pagefind = site / lang / "pagefind"
    wait_kept(page, [f"pagefind/{p.name}" for p in pagefind.iterdir() if p.is_file()])
    poll(
        page,
        """() => caches.keys().then(names => Promise.all(names.map(n => caches.open(n).then(c => c.keys()))))
                 .then(lists => { const urls = lists.flat().map(r => r.url);
                                  return ['/pagefind/index/', '/pagefind/fragment/'].every(
                                    part => urls.some(u => u.includes(part))) })""",
    )
    page.wait_for_timeout(500)
    page.context.set_offline(True)
    try:
        page.reload()
        assert any("blanket-burrito" in href for href in search(page, "burrito"))
    finally:
        page.context.set_offline(False)


@pytest.fixture
def rebuilt_site(tmp_path):
    """A site built from a copy of the content, served; the test edits the copy and builds again."""
    content = Path(shutil.copytree(ROOT / "content", tmp_path / "content"))
    out = tmp_path / "site"
    assert build_site(ROOT, out, content=content) == 0
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield content, out, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_rebuilt_card_shows_on_the_next_online_visit(rebuilt_site, page_factory):
    content, out, server = rebuilt_site
    old = worker_settings(out, "en")["version"]
    page = page_factory()
    page.goto(f"{server}/en/{CARD}")
    controlled(page)
    page.reload()
    wait_kept(page, [CARD, "log/"])
    page.context.set_offline(True)
    page.reload()
    assert heading(page) == "The blanket burrito"
    page.context.set_offline(False)

    source = content / "strategies" / "blanket-burrito.en.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("title: The blanket burrito", "title: The cozy blanket burrito", 1),
        encoding="utf-8",
    )
    assert build_site(ROOT, out, content=content) == 0
    new = worker_settings(out, "en")["version"]
    assert new != old, "a rebuild with a changed card names a new worker"

    page.goto(f"{server}/en/{CARD}")  # online: the new card at once, and the new worker installs
    assert heading(page) == "The cozy blanket burrito"
    poll(
        page,
        """v => caches.keys().then(names => names.some(n => n.endsWith(' shell ' + v[1]))
                                          && !names.some(n => n.endsWith(' shell ' + v[0])))""",
        [old, new],
    )
    poll(
        page,
        "() => navigator.serviceWorker.getRegistration().then(r => !!r && !!r.active && !r.waiting && !r.installing)",
    )
    page.reload()  # the new worker's first page: what was kept is fetched again
    wait_kept(page, ["sw.js?warmed"])
    poll(
        page,
        """() => caches.match(new URL('assets/cards.json', document.querySelector('link[rel=manifest]').href).href)
                   .then(r => !!r && r.text()).then(t => !!t && t.includes('The cozy blanket burrito'))""",
    )
    page.context.set_offline(True)
    try:
        page.reload()
        assert heading(page) == "The cozy blanket burrito", "never stale"
        page.goto(f"{server}/en/bundle/#cards=blanket-burrito")
        page.wait_for_function("document.querySelectorAll('.co-bundle-card').length === 1")
        assert page.locator(".co-bundle-card h2").inner_text() == "The cozy blanket burrito"
    finally:
        page.context.set_offline(False)
