"""Search quality: realistic parent queries against the built site's real search, in Chromium.

The queries and the cards that must appear in the top five results live in
tests/data/search_queries.yml. The test prints the hit rate and fails under 90%.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from carryover import LANGUAGES

pytestmark = pytest.mark.browser
QUERIES = yaml.safe_load((Path(__file__).parent / "data" / "search_queries.yml").read_text(encoding="utf-8"))
TARGET = 0.90


def top_pages(page, query: str, n: int = 5) -> list[str]:
    """The first n distinct pages the search shows for a query (sections fold into their page)."""
    for text in ("", query):  # clear first, so the results of the previous query are gone
        page.evaluate(
            """q => { const box = document.querySelector('input.md-search__input');
                      box.value = q; box.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true})); }""",
            text,
        )
        page.wait_for_function(
            """q => { const m = document.querySelector('.md-search-result__meta');
                      if (!m) return false;
                      const t = JSON.parse(document.getElementById('__config').textContent).translations;
                      const idle = m.textContent.trim() === t['search.result.placeholder'];
                      return q === '' ? idle : !idle && !/Inicializando|Initializing/i.test(m.textContent) }""",
            arg=text,
            timeout=15000,
        )
    page.wait_for_timeout(50)
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link", "els => els.map(e => e.href.split(/[?#]/)[0])"
    )
    distinct: list[str] = []
    for href in hrefs:
        if href not in distinct:
            distinct.append(href)
    return distinct[:n]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_parents_find_the_right_card_in_the_top_five(server, page_factory, lang):
    queries = QUERIES[lang]
    assert len(queries) >= 40
    page = page_factory(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/{lang}/")
    page.locator("input.md-search__input").click()
    misses = []
    for item in queries:
        pages = top_pages(page, item["query"])
        if not any(any(p.endswith(f"/{lang}/strategies/{card}/") for p in pages) for card in item["expect"]):
            misses.append(f"{item['query']!r}: expected {item['expect']}, got {[p.split('/')[-2] for p in pages]}")
    rate = 1 - len(misses) / len(queries)
    print(f"\n[{lang}] search hit rate: {rate:.1%} ({len(queries) - len(misses)}/{len(queries)})")
    for miss in misses:
        print("  miss:", miss)
    assert rate >= TARGET, f"hit rate {rate:.1%} is under {TARGET:.0%}:\n" + "\n".join(misses)
