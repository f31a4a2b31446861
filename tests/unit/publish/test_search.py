"""carryover/publish/search.py: each language's Pagefind index, from the finished pages."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from carryover.publish.search import FOLDER, UNUSED, SearchIndexError, index_site


def page(folder: Path, path: str, body: str, lang: str = "es") -> None:
    target = folder / path / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f'<!doctype html><html lang="{lang}"><head><title>t</title></head><body>{body}</body></html>')


def indexed(site: Path) -> dict[str, dict]:
    found = {}
    for path in (site / FOLDER / "fragment").glob("*.pf_fragment"):
        record = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])
        found[record["url"]] = record
    return found


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CARRYOVER_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def site(tmp_path):
    page(
        tmp_path,
        "strategies/presion",
        "<nav>Menú</nav><div data-pagefind-body><h1>La presión profunda</h1>"
        '<p data-pagefind-meta="summary">Un abrazo firme</p><div hidden data-pagefind-weight="10">rabieta</div></div>',
    )
    page(tmp_path, "strategies", "<h1>Todas las fichas</h1><p>rabieta</p>")  # a listing: not searched
    return tmp_path


def test_only_the_marked_pages_are_indexed_with_their_summary(site):
    index_site(site, "es")
    records = indexed(site)
    assert list(records) == ["/strategies/presion/"]
    record = records["/strategies/presion/"]
    assert record["meta"] == {"title": "La presión profunda", "summary": "Un abrazo firme"}
    assert "rabieta" in record["content"] and "Menú" not in record["content"]


def test_the_index_is_in_the_site_s_language_only(site):
    index_site(site, "es")
    entry = json.loads((site / FOLDER / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["es"]
    assert (site / FOLDER / "wasm.es.pagefind").is_file()
    assert not (site / FOLDER / "wasm.unknown.pagefind").exists()


def test_pagefind_s_own_search_interfaces_are_not_published(site):
    index_site(site, "es")
    assert (site / FOLDER / "pagefind.js").is_file()
    assert not [name for name in UNUSED if (site / FOLDER / name).exists()]


def test_a_new_index_replaces_the_old_one_whole(site):
    """``mkdocs serve`` rebuilds into the same folder: an old page's record must not stay."""
    index_site(site, "es")
    stale = site / FOLDER / "fragment" / "old.pf_fragment"
    stale.write_bytes(b"")
    index_site(site, "es")
    assert not stale.exists()


def test_a_failure_stops_with_what_pagefind_said(tmp_path):
    with pytest.raises(SearchIndexError, match="the es search index could not be made"):
        index_site(tmp_path / "missing", "es")


def test_an_unchanged_site_s_index_is_used_again_without_pagefind(site, tmp_path, monkeypatch):
    """A warm build: the same searched pages, in another staging folder, another build."""
    index_site(site, "es")
    first = {p.relative_to(site): p.read_bytes() for p in (site / FOLDER).rglob("*") if p.is_file()}
    again = tmp_path / "next-build"
    shutil.copytree(site, again, ignore=shutil.ignore_patterns(FOLDER))

    def no_pagefind(*args, **kwargs):
        raise AssertionError("Pagefind ran for an unchanged site")

    monkeypatch.setattr(subprocess, "run", no_pagefind)
    index_site(again, "es")
    assert {p.relative_to(again): p.read_bytes() for p in (again / FOLDER).rglob("*") if p.is_file()} == first


def test_a_changed_page_gets_a_new_index(site):
    index_site(site, "es")
    page(site, "strategies/presion", "<div data-pagefind-body><h1>La presión</h1><p>cosquillas</p></div>")
    index_site(site, "es")
    assert "cosquillas" in indexed(site)["/strategies/presion/"]["content"]


def test_a_listing_or_a_paper_page_is_not_read(site):
    """Only the searched kinds' pages are read (a fifth of a big site's files)."""
    page(site, "strategies/presion/handout", "<div data-pagefind-body><h1>Hoja</h1></div>")
    page(site, "categories/calma", "<div data-pagefind-body><h1>Calma</h1></div>")
    index_site(site, "es")
    assert list(indexed(site)) == ["/strategies/presion/"]
