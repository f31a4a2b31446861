"""Reading level of a page's text: Flesch–Kincaid grade (English) and the
Szigriszt-Pazos / INFLESZ index (Spanish), both computed by textstat."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import textstat

from carryover.cache import KeptTable
from carryover.model.library import Library

# Targets from the project's plain-language rule.
ENGLISH_MAX_GRADE = 6.0
SPANISH_MIN_INFLESZ = 65.0

_MARKUP = [
    (re.compile(r"<[^>]+>"), " "),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\{[#.][^}]*\}"), " "),
    (re.compile(r"^\s*#+\s*", re.M), ""),
    (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.M), ""),
    (re.compile(r"[*_`>|]"), ""),
]


@dataclass(frozen=True)
class Reading:
    lang: str
    score: float

    @property
    def measure(self) -> str:
        return "grade" if self.lang == "en" else "INFLESZ"

    @property
    def ok(self) -> bool:
        if self.lang == "en":
            return self.score <= ENGLISH_MAX_GRADE
        return self.score >= SPANISH_MIN_INFLESZ

    @property
    def target(self) -> str:
        return f"≤ {ENGLISH_MAX_GRADE:g}" if self.lang == "en" else f"≥ {SPANISH_MIN_INFLESZ:g}"

    def __str__(self) -> str:
        return f"{self.measure} {self.score:.1f}"


def plain_text(markdown: str) -> str:
    """Markdown to sentences: headings and list items become sentences of their own."""
    lines = []
    for raw in markdown.split("\n"):
        text = raw
        for pattern, repl in _MARKUP:
            text = pattern.sub(repl, text)
        text = text.strip()
        if text:
            lines.append(text if text[-1] in ".!?:;" else text + ".")
    return "\n".join(lines)


def reading_level(markdown: str, lang: str) -> Reading:
    text = plain_text(markdown)
    textstat.set_lang(lang)
    if lang == "es":
        return Reading(lang, float(textstat.szigriszt_pazos(text)))
    return Reading(lang, float(textstat.flesch_kincaid_grade(text)))


def cached_reading_level(markdown: str, lang: str, scores: KeptTable) -> Reading:
    """``reading_level``, remembered by a hash of the text (in memory and in the build's
    cache): scoring every page took a few seconds a build, most of it loading the
    pronouncing dictionary, for pages that had not changed."""
    key = hashlib.sha256(f"{textstat.__version__}|{markdown}".encode()).hexdigest()[:20]
    return Reading(lang, scores.get(key, lambda: reading_level(markdown, lang).score))


def readability_warnings(library: Library, lang: str, scores: KeptTable) -> list[str]:
    """One line per page whose text in ``lang`` is harder to read than the target; ``scores``
    is the build's kept table of reading levels (text hash -> score)."""
    lines = []
    for entries in library.entries.values():
        for entry in sorted(entries.values(), key=lambda e: e.id):
            version = entry.versions.get(lang)
            if version is None:
                continue
            reading = cached_reading_level(version.source.body, lang, scores)
            if not reading.ok:
                lines.append(
                    f"{library.problems._rel(version.source.path)}: reading level {reading} is over the "
                    f"target ({reading.target}); use shorter sentences and everyday words"
                )
    scores.save()  # keeps the library's current pages only
    return lines
