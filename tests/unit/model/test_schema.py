"""carryover/model/schema.py: the shape each kind of page must have, declared once."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from carryover.model.schema import (
    SCHEMAS,
    SECTION_ANCHORS,
    SECTIONS,
    AgeRange,
    CardMeta,
    CardTranslationMeta,
    PageMeta,
    RoutineMeta,
)

CARD = {
    "id": "squeeze",
    "title": "Pillow squeeze",
    "summary": "A gentle squeeze.",
    "category": "sensory",
    "ages": {"from": 2, "to": 8},
    "settings": ["home"],
    "time": 5,
    "materials": ["A pillow"],
    "keywords": ["squeeze"],
    "reviewed": "2026-01-15",
    "evidence": "practice",
}


def errors(model, data) -> list[tuple[tuple, str]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [(e["loc"], e["type"]) for e in info.value.errors()]


def test_a_valid_card_reads_with_dates_and_defaults():
    card = CardMeta.model_validate(CARD)
    assert card.reviewed == dt.date(2026, 1, 15)
    assert (card.ages.from_, card.ages.to) == (2, 8)
    assert card.tags == [] and card.reviewer is None


def test_an_unknown_field_is_an_error_not_ignored():
    """A misspelt field ('sumary') silently ignored would leave the page without it."""
    assert errors(CardMeta, {**CARD, "sumary": "x"}) == [(("sumary",), "extra_forbidden")]


@pytest.mark.parametrize(
    ("change", "loc", "kind"),
    [
        ({"time": True}, ("time",), "int_type"),  # `time: true` is not "1 minute"
        ({"time": 61}, ("time",), "less_than_equal"),
        ({"ages": {"from": True, "to": 8}}, ("ages", "from"), "int_type"),
        ({"ages": {"from": 2, "to": 13}}, ("ages", "to"), "less_than_equal"),
        ({"id": "Pillow_Squeeze"}, ("id",), "string_pattern_mismatch"),
        ({"id": "a--b"}, ("id",), "string_pattern_mismatch"),
        ({"title": "x" * 81}, ("title",), "string_too_long"),
        ({"summary": "   "}, ("summary",), "string_too_short"),
        ({"materials": [f"m{i}" for i in range(9)]}, ("materials",), "too_long"),
        ({"settings": []}, ("settings",), "too_short"),
        ({"reviewed": "2026-02-30"}, ("reviewed",), "date_from_datetime_parsing"),
    ],
)
def test_each_wrong_value_is_refused_at_its_field(change, loc, kind):
    assert errors(CardMeta, {**CARD, **change}) == [(loc, kind)]


def test_reversed_ages_are_one_clear_error():
    with pytest.raises(ValidationError, match=r"ages are reversed: 'from' \(9\) is older than 'to' \(3\)"):
        AgeRange.model_validate({"from": 9, "to": 3})
    assert AgeRange.model_validate({"from": 4, "to": 4}).from_ == 4


def test_text_is_stripped():
    assert CardMeta.model_validate({**CARD, "title": "  Pillow squeeze  "}).title == "Pillow squeeze"


def test_a_translation_needs_only_its_own_words():
    """Shared fields live in the original; a translation may leave them all out."""
    meta = CardTranslationMeta.model_validate(
        {"id": "squeeze", "title": "Apretón", "summary": "Un apretón.", "materials": ["Un cojín"], "keywords": ["a"]}
    )
    assert meta.category is None and meta.ages is None and meta.translated_from is None
    assert ("category",) in [loc for loc, _ in errors(CardMeta, {k: v for k, v in CARD.items() if k != "category"})]


def test_a_routine_needs_at_least_two_steps_with_icons():
    routine = {"id": "bedtime", "title": "Bedtime", "summary": "Sleep.", "icon": "bed", "reviewed": "2026-01-15"}
    assert errors(RoutineMeta, {**routine, "steps": [{"label": "Bath", "icon": "bathtub"}]}) == [
        (("steps",), "too_short")
    ]
    assert errors(RoutineMeta, {**routine, "steps": [{"label": "Bath"}, {"label": "Bed", "icon": "bed"}]}) == [
        (("steps", 0, "icon"), "missing")
    ]


def test_a_page_order_must_be_a_whole_number():
    page = {"id": "a", "title": "A", "summary": "S", "reviewed": "2026-01-15"}
    assert PageMeta.model_validate({**page, "order": 2}).order == 2
    assert errors(PageMeta, {**page, "order": "2"}) == [(("order",), "int_type")]


def test_every_shared_field_exists_in_both_the_original_and_the_translation():
    """A shared field a translation could not repeat, or the original does not have, is a typo."""
    for kind, (original, translation, shared) in SCHEMAS.items():
        for name in shared:
            assert name in original.model_fields, (kind, name)
            assert name in translation.model_fields, (kind, name)
        assert "translated_from" in translation.model_fields and "translated_from" not in original.model_fields


def test_every_section_has_one_anchor_and_anchors_are_unique():
    """Anchors are what a therapist links to (#steps): the same in every language, never two alike."""
    for keys in SECTIONS.values():
        for key in keys:
            assert key in SECTION_ANCHORS, key
    assert len(set(SECTION_ANCHORS.values())) == len(SECTION_ANCHORS)
    assert SECTION_ANCHORS["section_steps"] == "steps"
