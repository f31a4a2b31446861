"""carryover/check/paper.py: an author hears that a handout overflows its sheet before a printer does."""

from __future__ import annotations

from small_library import EN, ES

from carryover.check.paper import (
    HANDOUT_CHARS_PER_LINE,
    HANDOUT_LINE_BUDGET,
    estimated_handout_lines,
    handout_overflow_warnings,
)
from carryover.model.library import read_library


def add_steps(content, name: str, count: int, length: int) -> None:
    path = content / name
    marker = "2. Press the pillow gently." if name == EN else "2. Presiona el cojín con suavidad."
    steps = "".join(f"\n{i}. " + "x" * (length - 3) for i in range(3, 3 + count))
    path.write_text(path.read_text(encoding="utf-8").replace(marker, marker + steps), encoding="utf-8")


def test_the_estimate_counts_steps_safety_asks_and_materials(content):
    """Two steps, one safety note, one 'when to ask' point and one material: five short lines."""
    card = read_library(content).cards["squeeze"]
    assert estimated_handout_lines(card, "en") == 5
    assert estimated_handout_lines(card, "es") == 5


def test_a_long_line_counts_as_the_lines_it_wraps_to(content):
    add_steps(content, EN, 1, HANDOUT_CHARS_PER_LINE)
    assert estimated_handout_lines(read_library(content).cards["squeeze"], "en") == 6
    add_steps(content, EN, 1, 2 * HANDOUT_CHARS_PER_LINE + 1)
    assert estimated_handout_lines(read_library(content).cards["squeeze"], "en") == 6 + 3


def test_only_the_overflowing_language_is_warned_naming_its_file(content):
    """Spanish runs longer than English: each language's own handout is measured."""
    library = read_library(content)
    assert handout_overflow_warnings(library, "en") == [] == handout_overflow_warnings(library, "es")
    add_steps(content, ES, HANDOUT_LINE_BUDGET, 10)
    library = read_library(content)
    assert handout_overflow_warnings(library, "en") == []
    (warning,) = handout_overflow_warnings(library, "es")
    assert warning.startswith(
        f"content/{ES}: the printed handout would not fit on one page ({5 + HANDOUT_LINE_BUDGET} lines of text; "
        f"at most {HANDOUT_LINE_BUDGET})"
    )


def test_a_handout_exactly_at_the_budget_is_not_warned(content):
    add_steps(content, EN, HANDOUT_LINE_BUDGET - 5, 10)
    library = read_library(content)
    assert estimated_handout_lines(library.cards["squeeze"], "en") == HANDOUT_LINE_BUDGET
    assert handout_overflow_warnings(library, "en") == []
