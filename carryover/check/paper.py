"""Whether a card's handout fits on one sheet: an estimate from the text alone, so an author
hears it from `carryover check` before a printer does (tests print real handouts to PDF)."""

from __future__ import annotations

import math

from carryover.model.library import Entry, Library

# What fits on one page at the handout's type size; the build warns past this.
HANDOUT_LINE_BUDGET = 40


HANDOUT_CHARS_PER_LINE = 52


def estimated_handout_lines(entry: Entry, lang: str) -> int:
    """A paper-free estimate of a handout's height in lines of its body type."""
    version = entry.version(lang)
    total = 0
    for key in ("section_steps", "section_safety", "section_ask_therapist"):
        section = version.section(key)
        for line in (section.markdown if section else "").split("\n"):
            if line.strip():
                total += math.ceil(len(line.strip()) / HANDOUT_CHARS_PER_LINE)
    total += sum(math.ceil(len(m) / HANDOUT_CHARS_PER_LINE) for m in version.card.materials)
    return total


def handout_overflow_warnings(library: Library, lang: str) -> list[str]:
    """Cards whose handout would not fit on one page, so authors hear before printers do."""
    warnings = []
    for entry in sorted(library.cards.values(), key=lambda e: e.id):
        lines = estimated_handout_lines(entry, lang)
        if lines > HANDOUT_LINE_BUDGET:
            path = library.problems._rel(entry.version(lang).source.path)
            warnings.append(
                f"{path}: the printed handout would not fit on one page ({lines} lines of text; at most "
                f"{HANDOUT_LINE_BUDGET}). Shorten the steps, safety notes or 'when to ask' points"
            )
    return warnings
