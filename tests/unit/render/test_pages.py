"""carryover/render/pages.py: pieces of a page that carry an author's or a data file's text, and
listings in pages."""

from __future__ import annotations

import math
import re
from types import SimpleNamespace
from urllib.parse import urljoin

import markdown
import pytest
import yaml

from carryover.render.facets import library_script
from carryover.render.pages import (
    md_link_target,
    render_entry,
    render_listings,
    render_site,
    sorted_cards,
    sources_section,
)

REFERENCE = {
    "authors": "Lee, A. & Ruiz, B.",
    "year": 2024,
    "title": "Coaching <at> home",
    "journal": "Child *Care*",
    "url": "https://example.org/a b<c>\\d",
}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/x", "https://example.org/x"),
        ("https://example.org/a b", "https://example.org/a%20b"),
        ("https://example.org/<x>", "https://example.org/%3Cx%3E"),
        ("https://example.org/a\\b", "https://example.org/a%5Cb"),
    ],
)
def test_a_link_target_cannot_end_early_or_escape(url, expected):
    assert md_link_target(url) == expected


def test_a_source_is_shown_as_written_and_links_where_it_says():
    """Authors, title and journal are text, never markup; the address is the reference's own."""
    library = SimpleNamespace(references={"lee-2024": REFERENCE})
    page = markdown.markdown("\n".join(sources_section(["lee-2024"], "en", library)), extensions=["attr_list"])
    assert "Lee, A. &amp; Ruiz, B. (2024). Coaching &lt;at&gt; home. <em>Child *Care*</em>." in page
    assert 'href="https://example.org/a%20b%3Cc%3E%5Cd"' in page


# ---- listings in pages (paging.py) ------------------------------------------------------


# A card's link in the library page's list (<a …><strong>) and in a listing's grid (<strong><a …>).
CARD_LINK = re.compile(r'<a href="([^"]+)"><strong>|<strong><a href="([^"]+)">')


def listed(page) -> list[str]:
    """The card ids a listing page links, in order, from its finished HTML."""
    html = "".join(page.late.values())
    return [(a or b).rstrip("/").split("/")[-1] for a, b in CARD_LINK.findall(html)]


def url_of(page) -> str:
    """Where a generated page is published: x.md at x/, x/index.md at x/."""
    return "https://x.org/en/" + page.path.removesuffix(".md").removesuffix("index").rstrip("/") + "/"


def front(page) -> dict:
    return yaml.safe_load(page.markdown.split("---\n")[1])


def test_the_starter_library_page_is_one_page_with_every_card(library):
    pages = render_listings(library, "en")
    assert not [p.path for p in pages if "/page/" in p.path]
    (first,) = [p for p in pages if p.path == "strategies/index.md"]
    html = "".join(first.late.values())
    assert "co-pager" not in html and '<p class="co-count co-library__count" role="status">73 strategies</p>' in html
    assert listed(first) == [e.id for e in sorted_cards(library.cards.values(), "en")]
    # the whole library is on the page: its items carry what the filters read, so they filter at once
    item = re.search(r'<li class="co-library__item"([^>]*)><a href="blanket-burrito/">', html)[1]
    assert (
        item == ' data-category="sensory" data-age="0-2 3-5 6-8" data-routine="bath-time bedtime" data-setting="home"'
    )


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_library_page_in_pages_lists_every_card_once_in_title_order(library, lang):
    pages = {p.path: p for p in render_listings(library, lang, page_size=10)}
    sources = ["strategies/index.md", *(f"strategies/page/{k}.md" for k in range(2, 9))]
    assert [s for s in sources if s in pages] == sources and "strategies/page/9.md" not in pages
    ids = [card for source in sources for card in listed(pages[source])]
    assert ids == [e.id for e in sorted_cards(library.cards.values(), lang)]
    third = pages["strategies/page/3.md"]
    assert front(third)["title"] == (
        "All strategies, page 3 of 8" if lang == "en" else "Todas las estrategias, página 3 de 8"
    )
    assert front(third)["search"] == {"exclude": True}
    html = "".join(third.late.values())
    count = "Strategies 21–30 of 73" if lang == "en" else "Estrategias 21–30 de 73"
    assert f'role="status">{count}</p>' in html
    assert 'aria-current="page">3</a>' in html and 'href="../4/" rel="next"' in html
    assert 'data-index="../../../assets/library/index.json" data-cards="../../"' in html
    assert "data-category=" not in html  # the script reads the facet index instead
    script = re.findall(r'<script src="([^"]+)" defer></script>', html)
    assert [urljoin("https://x.org/en/strategies/page/3/", s) for s in script] == [
        f"https://x.org/en/{library_script()[0]}"
    ]


def test_every_link_on_any_page_stays_in_the_site_and_a_card_link_reaches_a_card(library):
    cards = {f"https://x.org/en/strategies/{card}/" for card in library.cards}
    for page in render_listings(library, "en", page_size=10):
        html = "".join(page.late.values())
        for href in re.findall(r'href="([^"#]+)"', html):
            assert urljoin(url_of(page), href).startswith("https://x.org/en/"), (page.path, href)
        for a, b in CARD_LINK.findall(html):
            assert urljoin(url_of(page), a or b) in cards, (page.path, a or b)


def test_every_listing_is_cut_into_pages_that_hold_all_its_cards(library):
    pages = {p.path: p for p in render_listings(library, "es", page_size=5)}
    sensory = [c.id for c in sorted_cards((c for c in library.cards.values() if c.card.category == "sensory"), "es")]
    sources = ["categories/sensory.md", *(f"categories/sensory/page/{k}.md" for k in range(2, 5))]
    assert len(sensory) == 16 and [card for s in sources for card in listed(pages[s])] == sensory
    assert "categories/sensory/page/5.md" not in pages
    assert front(pages["categories/sensory/page/4.md"])["title"] == "Regulación sensorial, página 4 de 4"
    for prefix in ("tags/", "ages/", "settings/"):
        assert any(p.startswith(prefix) and "/page/2.md" in p for p in pages), prefix


def test_a_routines_and_a_signs_cards_come_in_pages_too(library):
    pages = {p.path: p for p in render_site(library, "en", page_size=5)}
    for kind, entry_id, members in [
        ("routines", "bedtime", [c for c in library.cards.values() if "bedtime" in c.card.routines]),
        ("signs", "sensory-regulation", [c for c in library.cards.values() if "sensory-regulation" in c.card.signs]),
    ]:
        count = math.ceil(len(members) / 5)
        sources = [f"{kind}/{entry_id}.md", *(f"{kind}/{entry_id}/page/{k}.md" for k in range(2, count + 1))]
        assert all(s in pages for s in sources) and f"{kind}/{entry_id}/page/{count + 1}.md" not in pages
        assert [card for s in sources for card in listed(pages[s])] == [e.id for e in sorted_cards(members, "en")]
        title = library.entries[kind][entry_id].version("en").meta.title
        assert front(pages[sources[1]])["title"] == f"{title}, page 2 of {count}"
    assert render_entry(library.routines["bedtime"], "en", library).path == "routines/bedtime.md"
