"""carryover/model/scaffold.py: `carryover new` starts a file that already reads cleanly."""

from __future__ import annotations

import datetime as dt

import pytest

from carryover import LANGUAGES, ORIGINAL_LANGUAGE
from carryover.model.library import KINDS, read_library
from carryover.model.scaffold import scaffold
from carryover.model.schema import SECTIONS

TODAY = dt.date(2026, 3, 4)


@pytest.mark.parametrize("kind", KINDS)
def test_a_new_page_in_every_language_reads_without_a_problem(content, kind):
    """An author's first step must not be an error: every field and heading is in place."""
    for lang in LANGUAGES:
        (content / kind / f"new-page.{lang}.md").write_text(scaffold(kind, "new-page", lang, TODAY), encoding="utf-8")
    library = read_library(content)
    mine = [str(p) for p in library.problems.items if "new-page" in p.path]
    assert mine == []
    entry = library.entries[kind]["new-page"]
    assert set(entry.versions) == set(LANGUAGES)
    assert entry.meta.reviewed == TODAY and entry.meta.reviewer is None  # no review is claimed
    expected = list(SECTIONS[kind]) or [None]
    for version in entry.versions.values():
        assert [s.key for s in version.sections] == expected


def test_only_the_original_holds_the_shared_fields():
    """Shared fields in a translation must agree with the original: a fresh one leaves them out."""
    original = scaffold("strategies", "x", ORIGINAL_LANGUAGE, TODAY)
    assert "\ncategory:" in original and "reviewed: 2026-03-04" in original
    for lang in LANGUAGES:
        if lang != ORIGINAL_LANGUAGE:
            translation = scaffold("strategies", "x", lang, TODAY)
            assert "\ncategory:" not in translation and "reviewed:" not in translation
            assert translation.startswith("---\nid: x\n")
