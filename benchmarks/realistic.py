"""Distinct card text for the benchmark's libraries (``bench.py --text realistic``).

The generator's cards are the real cards used again and again; their text compresses far
better than a real library's would (a search index of 1,000 such cards is 2.3 MB raw
and 87 KB gzipped). Here every generated card after the first round gets its own words: in its
summary, its body (outside headings, bold labels, links and the Safety section) and a few
keywords, a share of the words is replaced by a word of the same length drawn from Faker's
English (``en_US``) or Spanish (``es_ES``) word list, seeded by the card's number so a
library is the same on every run.

Same-length words keep the reading level close to the original's (syllables follow
length). The Safety section is never touched and no word naming a small object or a
safety rule's wording is ever drawn, so the checks that guard safety notes see what they
saw in the real card. A card the checker still flags (reading level) is written again from
its real text: ``fallbacks`` counts them, and the benchmark prints that count.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

WORD = re.compile(r"(?<![\w\x00])[A-Za-zÀ-ÿ]{4,}(?!\w)")
SKIP_LINE = re.compile(r"^\s*(#|<|\|)")
LINK = re.compile(r"\[[^\]]*\]\([^)]*\)")
BOLD = re.compile(r"\*\*[^*]+\*\*")
SAFETY_HEADINGS = ("## Safety", "## Seguridad")
FAKER_LOCALES = {"en": "en_US", "es": "es_ES"}


@dataclass
class Vocabulary:
    """Words by language and length, without any word a safety check listens for."""

    words: dict[str, dict[int, list[str]]] = field(default_factory=dict)

    @classmethod
    def load(cls, taxonomy: Path) -> Vocabulary:
        from faker import Faker  # noqa: PLC0415 - only for realistic libraries (pip install -e .[bench])

        data = yaml.safe_load(taxonomy.read_text(encoding="utf-8"))
        banned: set[str] = set()
        for lang_words in (data.get("small_object_words") or {}).values():
            banned.update(w.lower() for w in lang_words)
        for rule in (data.get("safety_rules") or {}).values():
            for groups in rule.values():
                banned.update(w.lower() for group in groups for w in group)
        vocabulary = cls()
        for lang, locale in FAKER_LOCALES.items():
            fake = Faker(locale)
            fake.seed_instance(1)
            pool = sorted(set(fake.get_words_list()))
            by_length: dict[int, list[str]] = {}
            for word in pool:
                low = word.lower()
                if low.isalpha() and not any(b in low or low in b for b in banned):
                    by_length.setdefault(len(word), []).append(low)
            vocabulary.words[lang] = by_length
        return vocabulary

    def like(self, word: str, lang: str, rng: random.Random) -> str:
        """A word of the same length (its capital kept), or ``word`` when there is none."""
        choices = self.words.get(lang, {}).get(len(word))
        if not choices:
            return word
        new = rng.choice(choices)
        return new.capitalize() if word[0].isupper() else new


def vary_line(line: str, lang: str, vocabulary: Vocabulary, rng: random.Random, share: float) -> str:
    """``line`` with about ``share`` of its longer words replaced; links and bold labels kept."""
    kept: list[str] = []

    def keep(match: re.Match) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    masked = BOLD.sub(keep, LINK.sub(keep, line))
    varied = WORD.sub(lambda m: vocabulary.like(m.group(0), lang, rng) if rng.random() < share else m.group(0), masked)
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], varied)


def vary_body(body: str, lang: str, vocabulary: Vocabulary, rng: random.Random, share: float = 0.45) -> str:
    """A card's body with its own words; headings, HTML, tables and the Safety section as they were."""
    out, in_safety = [], False
    for line in body.split("\n"):
        if line.startswith("## "):
            in_safety = line.startswith(SAFETY_HEADINGS)
        out.append(line if in_safety or SKIP_LINE.match(line) else vary_line(line, lang, vocabulary, rng, share))
    return "\n".join(out)


def vary_summary(summary: str, lang: str, vocabulary: Vocabulary, rng: random.Random) -> str:
    return vary_line(summary, lang, vocabulary, rng, 0.35)


def extra_keywords(lang: str, vocabulary: Vocabulary, rng: random.Random, count: int = 3) -> list[str]:
    """A few words of the card's own that parents might type."""
    words = [w for length in (5, 6, 7, 8) for w in vocabulary.words.get(lang, {}).get(length, [])]
    return rng.sample(words, count) if len(words) >= count else []
