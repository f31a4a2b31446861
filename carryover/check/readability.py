"""Reading level of a page's text, computed by textstat with the formula and the target its
language's locale file names (``readability: {formula, measure, max | min}``): the
Flesch–Kincaid grade for English, the Szigriszt-Pazos / INFLESZ index for Spanish. A
language whose locale file names none is not measured (``measured``)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import textstat

from carryover.cache import KeptTable
from carryover.model.library import Library
from carryover.model.taxonomy import load_ui

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
        return str(load_ui(self.lang)["readability"]["measure"])

    @property
    def ok(self) -> bool:
        """Within the target; always, in a language that has none."""
        if not measured(self.lang):
            return True
        rule = load_ui(self.lang)["readability"]
        return self.score <= float(rule["max"]) if "max" in rule else self.score >= float(rule["min"])

    @property
    def target(self) -> str:
        if not measured(self.lang):
            return "none"
        rule = load_ui(self.lang)["readability"]
        return f"≤ {float(rule['max']):g}" if "max" in rule else f"≥ {float(rule['min']):g}"

    def __str__(self) -> str:
        if not measured(self.lang):
            return "not measured (its locale file names no readability formula)"
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


def measured(lang: str) -> bool:
    """Whether pages in ``lang`` have a reading-level target (their locale file names one)."""
    return bool(load_ui(lang).get("readability"))


def reading_level(markdown: str, lang: str) -> Reading:
    """The page's score by its language's formula (0 in a language that is not measured)."""
    if not measured(lang):
        return Reading(lang, 0.0)
    text = plain_text(markdown)
    textstat.set_lang(lang)
    formula = getattr(textstat, load_ui(lang)["readability"]["formula"])
    return Reading(lang, float(formula(text)))


def cached_reading_level(markdown: str, lang: str, scores: KeptTable) -> Reading:
    """``reading_level``, remembered by a hash of the text (in memory and in the build's
    cache): scoring every page took a few seconds a build, most of it loading the
    pronouncing dictionary, for pages that had not changed."""
    key = hashlib.sha256(f"{textstat.__version__}|{markdown}".encode()).hexdigest()[:20]
    return Reading(lang, scores.get(key, lambda: reading_level(markdown, lang).score))


def readability_warnings(library: Library, lang: str, scores: KeptTable) -> list[str]:
    """One line per page whose text in ``lang`` is harder to read than the target; ``scores``
    is the build's kept table of reading levels (text hash -> score)."""
    lines: list[str] = []
    if not measured(lang):
        return lines
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
