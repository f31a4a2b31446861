"""The content schema, declared once: what each kind of page may and must say.

The original (English) file of a page holds every field; the translation holds
the fields written in its own language, and may repeat shared fields only if
they agree. Vocabulary checks (is 'sensory' a category?) need the taxonomy and
live in ``carryover.check.content``; this module checks shape and types.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Summary = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]

ID_RE = re.compile(ID_PATTERN)
# Addresses the build itself publishes under a kind's folder: <kind>/index.html (the library
# page, each kind's index) and <kind>/page/<k>/ (the library's pages after the first, see
# carryover/render/paging.py). No page and no old address may take them. Each id with the
# address it would collide with, for the message.
RESERVED_IDS: Mapping[str, str] = MappingProxyType({"index": "{kind}/", "page": "{kind}/page/2/"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)


class AgeRange(_Strict):
    """Ages in whole years; a card belongs to every age band it overlaps."""

    from_: int = Field(alias="from", ge=0, le=12, strict=True)  # strict: `true` is not 1
    to: int = Field(ge=0, le=12, strict=True)

    @model_validator(mode="after")
    def _ordered(self) -> AgeRange:
        if self.from_ > self.to:
            raise ValueError(f"ages are reversed: 'from' ({self.from_}) is older than 'to' ({self.to})")
        return self


# ---- strategy cards -------------------------------------------------------

CARD_SHARED = (
    "category",
    "tags",
    "ages",
    "routines",
    "signs",
    "settings",
    "time",
    "reviewed",
    "reviewer",
    "evidence",
    "sources",
    "easier",
    "harder",
    "related",
    "aliases",
)


class CardMeta(_Strict):
    """Front matter of a card's original file."""

    id: Id
    title: Title
    summary: Summary
    category: Text
    tags: list[Text] = []
    ages: AgeRange
    routines: list[Id] = []
    signs: list[Id] = []
    settings: list[Text] = Field(min_length=1)
    time: int = Field(ge=1, le=60, strict=True)  # strict: `time: true` is an error, not "1 minute"
    materials: list[Text] = Field(min_length=1, max_length=8)
    keywords: list[Text] = Field(min_length=1)
    reviewed: dt.date  # when the page was last checked or updated
    reviewer: Id | None = None  # who checked it: a key of content/reviewers.yml
    evidence: Text  # how much research backs it: a key of the taxonomy's evidence levels
    sources: list[Text] = []
    easier: Id | None = None
    harder: Id | None = None
    related: list[Id] = []
    aliases: list[Id] = []


class CardTranslationMeta(_Strict):
    """Front matter of a card's translation: its own words, plus optional shared fields."""

    id: Id
    title: Title
    summary: Summary
    materials: list[Text] = Field(min_length=1, max_length=8)
    keywords: list[Text] = Field(min_length=1)
    translated_from: str | None = None
    category: Text | None = None
    tags: list[Text] | None = None
    ages: AgeRange | None = None
    routines: list[Id] | None = None
    signs: list[Id] | None = None
    settings: list[Text] | None = None
    time: int | None = Field(default=None, ge=1, le=60, strict=True)
    reviewed: dt.date | None = None
    reviewer: Id | None = None
    evidence: Text | None = None
    sources: list[Text] | None = None
    easier: Id | None = None
    harder: Id | None = None
    related: list[Id] | None = None
    aliases: list[Id] | None = None


# ---- routines --------------------------------------------------------------

ROUTINE_SHARED = ("icon", "reviewed", "reviewer", "aliases")


class RoutineStep(_Strict):
    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    icon: Text


class RoutineStepTranslation(_Strict):
    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    icon: Text | None = None


class RoutineMeta(_Strict):
    id: Id
    title: Title
    summary: Summary
    icon: Text
    steps: list[RoutineStep] = Field(min_length=2, max_length=10)
    reviewed: dt.date
    reviewer: Id | None = None
    aliases: list[Id] = []


class RoutineTranslationMeta(_Strict):
    id: Id
    title: Title
    summary: Summary
    steps: list[RoutineStepTranslation] = Field(min_length=2, max_length=10)
    translated_from: str | None = None
    icon: Text | None = None
    reviewed: dt.date | None = None
    reviewer: Id | None = None
    aliases: list[Id] | None = None


# ---- signs and guides -------------------------------------------------------

PAGE_SHARED = ("reviewed", "reviewer", "sources", "aliases", "order")


class PageMeta(_Strict):
    """Front matter of a sign or guide page's original file."""

    id: Id
    title: Title
    summary: Summary
    reviewed: dt.date
    reviewer: Id | None = None
    sources: list[Text] = []
    aliases: list[Id] = []
    order: int | None = Field(default=None, strict=True)


class PageTranslationMeta(_Strict):
    id: Id
    title: Title
    summary: Summary
    translated_from: str | None = None
    reviewed: dt.date | None = None
    reviewer: Id | None = None
    sources: list[Text] | None = None
    aliases: list[Id] | None = None
    order: int | None = Field(default=None, strict=True)


# The front matter of a page's original file, of a translation's, and of either.
OriginalMeta: TypeAlias = CardMeta | RoutineMeta | PageMeta
TranslationMeta: TypeAlias = CardTranslationMeta | RoutineTranslationMeta | PageTranslationMeta
Meta: TypeAlias = OriginalMeta | TranslationMeta

SCHEMAS: dict[str, tuple[type[OriginalMeta], type[TranslationMeta], tuple[str, ...]]] = {
    "strategies": (CardMeta, CardTranslationMeta, CARD_SHARED),
    "routines": (RoutineMeta, RoutineTranslationMeta, ROUTINE_SHARED),
    "signs": (PageMeta, PageTranslationMeta, PAGE_SHARED),
    "guides": (PageMeta, PageTranslationMeta, PAGE_SHARED),
}

# Body headings each kind must have, in order, as keys into the locale files.
SECTIONS: dict[str, tuple[str, ...]] = {
    "strategies": (
        "section_why",
        "section_steps",
        "section_five_minutes",
        "section_easier_harder",
        "section_safety",
        "section_ask_therapist",
    ),
    "routines": ("section_hard", "section_helps"),
    "signs": (
        "section_notice",
        "section_why_happen",
        "section_try_today",
        "section_when_evaluation",
        "section_how_start",
    ),
    "guides": (),
}

# Each section's anchor on the published page (#steps), the same in every language:
# a therapist's link to a section works in both.
SECTION_ANCHORS = {
    "section_why": "why-it-helps",
    "section_materials": "what-you-need",
    "section_steps": "steps",
    "section_five_minutes": "five-minute-version",
    "section_easier_harder": "easier-or-harder",
    "section_safety": "safety",
    "section_ask_therapist": "when-to-ask-your-therapist",
    "section_hard": "what-is-often-hard",
    "section_helps": "what-helps",
    "section_notice": "what-you-might-notice",
    "section_why_happen": "why-it-can-happen",
    "section_try_today": "what-you-can-try-today",
    "section_when_evaluation": "when-to-ask-for-an-evaluation",
    "section_how_start": "how-to-start",
}
