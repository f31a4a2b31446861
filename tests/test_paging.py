"""Issue 18: the library page and every listing stay small. A library bigger than a page
(tests/paged_library.py: the starter library and 90 copies of one card, 163 cards) is built by
the real `carryover build`, read as HTML, and driven in Chromium: the static pages and their
pager without JavaScript, the filters from the address and from the menus on a paged
library (exact count, "Show more", only the chunks needed), the language switch on page 2,
and the static page kept when the data cannot load."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from filters import matching
from local_server import served
from paged_library import write_paged_library

from carryover import LANGUAGES
from carryover.check.library import load_library
from carryover.render.paging import PAGE_SIZE, sorted_cards

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def paged(tmp_path_factory) -> tuple[Path, Path]:
    """(content, site) of the paged library, built once for this file."""
    work = tmp_path_factory.mktemp("paged")
    content = write_paged_library(work / "content")
    site = work / "site"
    env = dict(os.environ, CARRYOVER_SITE_URL="https://clinic.example.org/", CARRYOVER_CACHE=str(work / "cache"))
    done = subprocess.run(
        [sys.executable, "-m", "carryover", "--content", str(content), "build", "--output", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return content, site


@pytest.fixture(scope="module")
def big(paged):
    return load_library(paged[0])


@pytest.fixture(scope="module")
def site(paged) -> Path:
    return paged[1]


@pytest.fixture(scope="module")
def paged_server(site):
    with served(site) as url:
        yield url


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def listed(path: Path, site: Path) -> list[str]:
    """The cards a listing page shows, in order, as site paths (/en/strategies/x/)."""
    base = "/" + path.parent.relative_to(site).as_posix() + "/"
    html = soup(path)
    items = html.select(".co-library__item > a") or html.select(".co-cards li strong a")
    return [urljoin(base, a["href"]) for a in items]


def pages_of(site: Path, lang: str, listing: str) -> list[Path]:
    """Page 1, 2 … of a listing, as files; stops at the first page that does not exist."""
    found = [site / lang / listing / "index.html"]
    while (site / lang / listing / "page" / str(len(found) + 1) / "index.html").exists():
        found.append(site / lang / listing / "page" / str(len(found) + 1) / "index.html")
    return found


def expected(library, lang: str, category=None, band=None, routine=None, setting=None) -> list[str]:
    """The ids of the cards that match, in the language's title order."""
    return [card.id for card in sorted_cards(matching(library, category, band, routine, setting), lang)]


# ---- the built site -------------------------------------------------------------------------


def test_the_library_is_big_enough_for_two_pages_of_everything(big):
    assert len(big.cards) == 163
    assert len(expected(big, "en", category="sensory")) > PAGE_SIZE
    assert len(expected(big, "en", routine="bedtime")) > PAGE_SIZE
    assert sum("sensory-regulation" in c.card.signs for c in big.cards.values()) > PAGE_SIZE


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pages_of_every_listing_show_each_card_once_in_title_order(site, big, lang):
    tax = big.taxonomy
    listings = [
        ("strategies", [c.id for c in sorted_cards(big.cards.values(), lang)]),
        *((f"categories/{k}", expected(big, lang, category=k)) for k in tax.categories),
        *((f"ages/{b.key}", expected(big, lang, band=b.key)) for b in tax.age_bands),
        *((f"settings/{k}", expected(big, lang, setting=k)) for k in tax.settings),
        *((f"routines/{r}", expected(big, lang, routine=r)) for r in big.routines),
        *((f"tags/{k}", [c.id for c in sorted_cards(big.cards.values(), lang) if k in c.card.tags]) for k in tax.tags),
    ]
    for listing, cards in listings:
        files = pages_of(site, lang, listing)
        assert len(files) == max(1, math.ceil(len(cards) / PAGE_SIZE)), listing
        shown = [card for path in files for card in listed(path, site)]
        assert shown == [f"/{lang}/strategies/{c}/" for c in cards], listing
        for path in files:
            assert len(listed(path, site)) <= PAGE_SIZE
    assert len(pages_of(site, lang, "strategies")) == 2
    assert len(pages_of(site, lang, "signs/sensory-regulation")) == 2


def test_page_two_says_its_number_in_its_title_heading_and_count(site):
    page = soup(site / "en" / "strategies" / "page" / "2" / "index.html")
    assert page.title.get_text().startswith("All strategies, page 2 of 2")
    assert page.h1.get_text().rstrip("#") == "All strategies, page 2 of 2"
    assert page.select_one(".co-library__count").get_text() == "Strategies 101–163 of 163"
    es = soup(site / "es" / "categories" / "sensory" / "page" / "2" / "index.html")
    assert es.h1.get_text().rstrip("#") == "Regulación sensorial, página 2 de 2"
    assert es.select_one(".co-count").get_text() == "Estrategias 101–106 de 106"


def test_the_pager_is_an_accessible_list_of_links(site):
    first = soup(site / "es" / "strategies" / "index.html").select_one("nav.co-pager")
    assert first["aria-label"] == "Páginas"
    links = [(a.get_text(" ", strip=True), a["href"], a.get("aria-current")) for a in first.select("a")]
    assert links == [("1", "./", "page"), ("2", "page/2/", None), ("Siguiente ›", "page/2/", None)]
    second = soup(site / "es" / "strategies" / "page" / "2" / "index.html").select_one("nav.co-pager")
    assert [a["href"] for a in second.select("a")] == ["../../", "../../", "../2/"]
    assert second.select_one("[aria-current=page]").get_text() == "2"
    assert second.select_one("a[aria-label='Página 1']")["href"] == "../../"


def test_a_listing_of_one_page_has_no_pager(site):
    html = soup(site / "en" / "categories" / "fine-motor" / "index.html")
    assert html.select(".co-cards li") and not html.select(".co-pager")
    assert not (site / "en" / "categories" / "fine-motor" / "page").exists()


def test_the_language_switch_on_page_two_stays_on_page_two(site):
    for lang in LANGUAGES:
        for listing in ("strategies", "categories/sensory", "routines/bedtime"):
            html = soup(site / lang / listing / "page" / "2" / "index.html")
            switch = {a["hreflang"]: a["href"] for a in html.select("a.md-select__link")}
            assert switch == {other: f"/{other}/{listing}/page/2/" for other in LANGUAGES}


def test_every_page_is_in_the_sitemap_with_its_alternates_and_none_is_searched(site):
    sitemap = (site / "en" / "sitemap.xml").read_text(encoding="utf-8")
    for listing in ("strategies", "categories/sensory", "signs/sensory-regulation"):
        loc = f"<loc>https://clinic.example.org/en/{listing}/page/2/</loc>"
        assert loc in sitemap
        assert f'hreflang="es" href="https://clinic.example.org/es/{listing}/page/2/"' in sitemap
    # Listings are left out of search like page 1 (front matter ``search: exclude``): not in
    # the theme's index, and not marked for Pagefind's.
    index = site / "en" / "search" / "search_index.json"
    if index.exists():
        docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
        assert not [d["location"] for d in docs if "/page/" in d["location"]]
    for path in (site / "en").rglob("page/*/index.html"):
        assert "data-pagefind-body" not in path.read_text(encoding="utf-8"), path


def test_every_link_of_the_listing_pages_reaches_a_file(site):
    for lang in LANGUAGES:
        for path in (site / lang).rglob("page/*/index.html"):
            base = "/" + path.parent.relative_to(site).as_posix() + "/"
            for a in soup(path).select("article a[href]"):
                target = urljoin(base, a["href"]).split("#")[0].split("?")[0]
                file = site / target.lstrip("/")
                assert (file / "index.html").exists() or file.is_file(), (path, a["href"])


def test_the_filters_data_is_an_index_and_chunks(site, big):
    index = json.loads((site / "en" / "assets" / "library" / "index.json").read_text(encoding="utf-8"))
    assert index["total"] == 163 and len(index["chunks"]) == math.ceil(163 / index["chunk"])
    ids = []
    for name in index["chunks"]:
        ids += [c["id"] for c in json.loads((site / "en" / "assets" / "library" / name).read_text("utf-8"))["cards"]]
    assert ids == [c.id for c in sorted_cards(big.cards.values(), "en")]
    page = soup(site / "en" / "strategies" / "page" / "2" / "index.html").select_one("form.co-filters")
    assert urljoin("/en/strategies/page/2/", page["data-index"]) == "/en/assets/library/index.json"
    assert page.has_attr("hidden")


# ---- in Chromium --------------------------------------------------------------------------


def shown(page) -> list[str]:
    """The cards the library page shows, as ids, in order."""
    return page.eval_on_selector_all(
        ".co-library__item:not([hidden]) > a",
        "els => els.map(e => new URL(e.href).pathname.split('/').filter(Boolean).pop())",
    )


def chunks_for(site: Path, lang: str, ids: list[str]) -> set[str]:
    """The chunks holding ``ids`` (the cards a view shows)."""
    folder = site / lang / "assets" / "library"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    names = set()
    for name in index["chunks"]:
        if {c["id"] for c in json.loads((folder / name).read_text("utf-8"))["cards"]} & set(ids):
            names.add(name)
    return names


@pytest.mark.browser
def test_without_javascript_the_pages_link_each_other(paged_server, page_factory, big):
    page = page_factory(java_script_enabled=False)
    page.goto(f"{paged_server}/en/strategies/?routine=bedtime")
    order = [c.id for c in sorted_cards(big.cards.values(), "en")]
    assert shown(page) == order[:PAGE_SIZE]
    assert page.locator(".co-library__count").inner_text() == "Strategies 1–100 of 163"
    assert not page.locator(".co-filters").is_visible() and not page.locator(".co-library__more").is_visible()
    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Next").click()
    page.wait_for_url("**/en/strategies/page/2/")
    assert shown(page) == order[PAGE_SIZE:]
    assert page.title().startswith("All strategies, page 2 of 2")
    page.get_by_role("link", name="Page 1", exact=True).click()
    page.wait_for_url("**/en/strategies/")
    assert shown(page) == order[:PAGE_SIZE]


@pytest.mark.browser
def test_a_shared_filter_link_shows_the_exact_count_and_only_fetches_what_it_shows(
    paged_server, page_factory, site, big
):
    page = page_factory()
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "/assets/library/" in r.url else None)
    page.goto(f"{paged_server}/en/strategies/?routine=bedtime")
    want = expected(big, "en", routine="bedtime")
    assert len(want) == 105
    page.wait_for_function("document.querySelector('.co-library__count').textContent.startsWith('Showing')")
    assert page.locator(".co-library__count").inner_text() == "Showing 100 of 105 strategies"
    assert shown(page) == want[:100]
    assert not page.locator("nav.co-pager").is_visible()
    names = {url.rsplit("/", 1)[-1] for url in fetched}
    assert names == {"index.json", *chunks_for(site, "en", want[:100])}
    more = page.get_by_role("button", name="Show more")
    more.click()
    page.wait_for_function("document.querySelector('.co-library__count').textContent === '105 strategies'")
    assert shown(page) == want
    assert not more.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('href')") == f"{want[100]}/"
    assert page.url.endswith("/en/strategies/?routine=bedtime")


@pytest.mark.browser
def test_the_menus_filter_from_page_two_and_clearing_them_brings_page_two_back(paged_server, page_factory, big):
    page = page_factory(locale="es-ES")
    page.goto(f"{paged_server}/es/strategies/page/2/")
    static = shown(page)
    assert len(static) == 63
    page.select_option("select[name=category]", "sensory")
    page.select_option("select[name=age]", "0-2")
    want = expected(big, "es", category="sensory", band="0-2")
    assert 0 < len(want) <= 100
    page.wait_for_function(f"document.querySelector('.co-library__count').textContent === '{len(want)} estrategias'")
    assert shown(page) == want
    assert re.search(r"/es/strategies/page/2/\?category=sensory&age=0-2$", page.url)
    assert page.locator("h1").inner_text().rstrip("#").strip() == "Todas las estrategias"
    assert page.title().startswith("Todas las estrategias - ")
    switch = page.eval_on_selector("a.md-select__link[hreflang=en]", "a => a.getAttribute('href')")
    assert switch == "/en/strategies/page/2/?category=sensory&age=0-2"
    page.select_option("select[name=setting]", "school")
    want = expected(big, "es", category="sensory", band="0-2", setting="school")
    count = (
        f"{len(want)} estrategias"
        if len(want) > 1
        else "Ninguna estrategia cumple todo esto. Prueba con menos filtros."
    )
    assert len(want) != 1
    page.wait_for_function(f"document.querySelector('.co-library__count').textContent === {json.dumps(count)}")
    assert shown(page) == want
    page.get_by_role("button", name="Ver todas").click()
    page.wait_for_function("!location.search")
    assert shown(page) == static
    assert page.locator(".co-library__count").inner_text() == "Estrategias 101–163 de 163"
    assert page.locator("nav.co-pager").is_visible()
    assert page.locator("h1").inner_text().rstrip("#").strip() == "Todas las estrategias, página 2 de 2"


@pytest.mark.browser
def test_the_language_switch_on_page_two_opens_page_two(paged_server, page_factory, big):
    page = page_factory()
    page.goto(f"{paged_server}/en/strategies/page/2/")
    page.locator(".md-header__option .md-select button").first.hover()
    page.locator("a.md-select__link[hreflang=es]").click()
    page.wait_for_url("**/es/strategies/page/2/")
    assert page.locator(".co-library__count").inner_text() == "Estrategias 101–163 de 163"
    assert shown(page) == [c.id for c in sorted_cards(big.cards.values(), "es")][PAGE_SIZE:]


@pytest.mark.browser
def test_when_the_data_cannot_load_the_page_says_so_and_stays_usable(paged_server, page_factory, big):
    page = page_factory()
    page.route("**/assets/library/**", lambda route: route.abort())
    page.goto(f"{paged_server}/en/strategies/?routine=bedtime")
    page.wait_for_function("document.querySelector('.co-library__count').textContent.includes('could not load')")
    assert shown(page) == [c.id for c in sorted_cards(big.cards.values(), "en")][:PAGE_SIZE]
    assert page.locator("nav.co-pager").is_visible()
    page.unroute("**/assets/library/**")
    page.select_option("select[name=age]", "9-12")  # the next change tries again
    want = expected(big, "en", routine="bedtime", band="9-12")
    page.wait_for_function("!document.querySelector('.co-library__count').textContent.includes('could not')")
    page.wait_for_function("!document.querySelector('.co-library__count').textContent.startsWith('Loading')")
    assert shown(page) == want[:PAGE_SIZE]


@pytest.mark.browser
def test_matches_spread_far_apart_come_a_few_chunks_at_a_time(paged_server, page_factory, site, big):
    """The index says how many chunks one step may fetch (``most``); here one, so each step
    shows the matches of one more chunk."""
    folder = site / "en" / "assets" / "library"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    chunks = [[c["id"] for c in json.loads((folder / n).read_text("utf-8"))["cards"]] for n in index["chunks"]]
    want = expected(big, "en", routine="bedtime")
    steps = [[c for c in chunk if c in want] for chunk in chunks]
    steps = [s for s in steps if s]
    assert len(steps) >= 2
    page = page_factory()
    page.route("**/assets/library/index.json", lambda route: route.fulfill(json={**index, "most": 1}))
    fetched = []
    page.on("request", lambda r: fetched.append(r.url.rsplit("/", 1)[-1]) if "/cards-" in r.url else None)
    page.goto(f"{paged_server}/en/strategies/?routine=bedtime")
    page.wait_for_function("document.querySelector('.co-library__count').textContent.startsWith('Showing')")
    assert page.locator(".co-library__count").inner_text() == f"Showing {len(steps[0])} of {len(want)} strategies"
    assert shown(page) == steps[0] and len(fetched) == 1
    page.get_by_role("button", name="Show more").click()
    total = len(steps[0]) + len(steps[1])
    page.wait_for_function(f"document.querySelectorAll('.co-library__item:not([hidden])').length === {total}")
    assert shown(page) == steps[0] + steps[1] and len(fetched) == 2


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_pages_and_the_results_pass_axe_and_fit_a_small_phone(paged_server, page_factory, scheme):
    from test_accessibility import axe_violations, settled  # the same rules as every other page

    found = {}
    for lang in LANGUAGES:
        page = page_factory(viewport={"width": 320, "height": 800}, color_scheme=scheme)
        for path in ("strategies/page/2/", "categories/sensory/", "strategies/?routine=bedtime"):
            page.goto(f"{paged_server}/{lang}/{path}")
            page.wait_for_load_state("networkidle")
            settled(page)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            violations = axe_violations(page) + ([f"{overflow}px sideways at 320 px"] if overflow > 0 else [])
            if violations:
                found[f"{lang}/{path}"] = violations
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)
