"""A site published under a sub-folder (https://clinic.example.org/ot/): the 404 pages, the
root 404.html for static hosts and the sitemap index follow it (issue 13, item 17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from carryover import LANGUAGES
from carryover.engine.mkdocs.build import build_site

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://clinic.example.org/ot/"


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("subpath") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CARRYOVER_SITE_URL", BASE)
        assert build_site(ROOT, out) == 0
    return out


def test_the_404_pages_switch_language_under_the_sub_path(subpath_site):
    for lang in LANGUAGES:
        html = BeautifulSoup((subpath_site / lang / "404.html").read_text("utf-8"), "html.parser")
        links = {a["hreflang"]: a["href"] for a in html.select(".md-select__link")}
        assert links == {code: f"/ot/{code}/" for code in LANGUAGES}
        assert not html.select('head link[rel="alternate"][hreflang]'), "no head alternates that 404"
        home = html.select_one(".co-notfound a.md-button--primary")["href"]
        assert home == f"/ot/{lang}/"


def test_a_root_404_page_exists_for_static_hosts(subpath_site):
    root = subpath_site / "404.html"
    assert root.is_file()
    html = BeautifulSoup(root.read_text("utf-8"), "html.parser")
    assert html.select_one(".co-notfound")
    # its links work from any address: absolute paths under the sub-folder
    assert all(a["href"].startswith("/ot/") for a in html.select(".co-notfound a[href]"))
    assert all(link["href"].startswith(("/ot/", "https://")) for link in html.select("link[href]"))


def test_the_sitemap_index_gives_absolute_addresses(subpath_site):
    index = (subpath_site / "sitemap.xml").read_text("utf-8")
    for lang in LANGUAGES:
        assert f"<loc>{BASE}{lang}/sitemap.xml</loc>" in index
    en = (subpath_site / "en" / "sitemap.xml").read_text("utf-8")
    assert f"<loc>{BASE}en/strategies/blanket-burrito/</loc>" in en
