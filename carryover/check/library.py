"""Every check of a library, in one place: ``carryover check`` and the build run this same
function, so what one rejects the other rejects.

``load_library`` reads the content and checks each file and the library as a whole
(errors); ``check_library`` adds what concerns the published pages of each language
(warnings the strict build stops on): reading level over target, and a handout too long for one sheet of paper. Stale
translations are notes: published, with a notice on the page, and listed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from carryover import LANGUAGES, ORIGINAL_LANGUAGE
from carryover.check.content import validate_library
from carryover.check.paper import handout_overflow_warnings
from carryover.check.readability import readability_warnings
from carryover.context import BuildContext
from carryover.model.library import KINDS, Library, ParsedFiles, read_library
from carryover.model.problems import Problem

# Notes travel from the engine's log to the build's output with this mark (INFO lines are
# otherwise left out of what the build prints).
NOTE_MARK = "[carryover note]"


def load_library(
    root: Path, icons_dir: Path | None = None, today: dt.date | None = None, parsed: ParsedFiles | None = None
) -> Library:
    """Read ``root`` (the content folder) into a paired ``Library`` and check it as a whole:
    what every caller (the command line, the engine, tests) means by "the library"."""
    library = read_library(root, parsed)
    if library.data_loaded:
        validate_library(library, icons_dir=icons_dir, today=today or dt.date.today())
    return library


def load_library_cached(root: Path, context: BuildContext, today: dt.date | None = None) -> Library:
    """``load_library``, with the files parsed by an earlier build (same bytes, same code)
    taken from the build's cache. Checking always runs."""
    parsed = ParsedFiles(root)
    library = load_library(root, context.icons_dir, today, parsed)
    parsed.save(library)
    return library


def check_library(library: Library, languages: Iterable[str] = LANGUAGES, context: BuildContext | None = None) -> None:
    """Add the published pages' warnings for ``languages`` to ``library.problems``."""
    if library.problems:  # pages that cannot be built are not measured
        return
    context = context or BuildContext()
    for lang in languages:
        scores = context.table(f"reading-{lang}.json")
        for line in [*readability_warnings(library, lang, scores), *handout_overflow_warnings(library, lang)]:
            path, _, message = line.partition(": ")
            library.problems.items.append(Problem(path, 0, "body", message, "warning"))


def stale_translations(library: Library) -> list[tuple[str, str, str]]:
    """(kind, id, language) of every translation made from an older version of its original
    (``translated_from`` differs from the original's fingerprint; see ``carryover sync``)."""
    return [
        (kind, entry.id, lang)
        for kind in KINDS
        for entry in sorted(library.entries[kind].values(), key=lambda e: e.id)
        for lang in sorted(entry.versions)
        if entry.stale(lang)
    ]


def notes(library: Library) -> list[str]:
    """What is published but worth knowing: pages not translated yet, translations that may be out of date."""
    lines = []
    for kind, page_id, lang in library.missing_translations():
        lines.append(f"content/{kind}/{page_id}.{ORIGINAL_LANGUAGE}.md: note: not translated into '{lang}' yet")
    for kind, page_id, lang in stale_translations(library):
        lines.append(
            f"content/{kind}/{page_id}.{lang}.md: note: this translation may be out of date (the original changed "
            f"since it was last synced); update it, then run 'carryover sync {page_id}'"
        )
    return lines
