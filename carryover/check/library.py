"""Every check of a library, in one place: ``carryover check`` and the build run this same
function, so what one rejects the other rejects.

``load_library`` already checks each file and the library as a whole (errors); this adds
what concerns the published pages of each language (warnings the strict build stops on):
reading level over target, and a handout too long for one sheet of paper. Stale
translations are notes: published, with a notice on the page, and listed.
"""

from __future__ import annotations

from collections.abc import Iterable

from carryover import LANGUAGES, ORIGINAL_LANGUAGE
from carryover.check.readability import readability_warnings
from carryover.model.library import KINDS, Library
from carryover.model.problems import Problem
from carryover.render.paper import handout_overflow_warnings

# Notes travel from the engine's log to the build's output with this mark (INFO lines are
# otherwise left out of what the build prints).
NOTE_MARK = "[carryover note]"


def check_library(library: Library, languages: Iterable[str] = LANGUAGES) -> None:
    """Add the published pages' warnings for ``languages`` to ``library.problems``."""
    if library.problems:  # pages that cannot be built are not measured
        return
    for lang in languages:
        for line in [*readability_warnings(library, lang), *handout_overflow_warnings(library, lang)]:
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
