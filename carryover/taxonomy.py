"""The site's vocabulary (content/taxonomy.yml) and interface text (locales/*.yml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from . import LANGUAGES

LOCALES_DIR = Path(__file__).parent / "locales"


@dataclass(frozen=True)
class AgeBand:
    key: str
    start: int
    end: int
    labels: dict[str, str]


@dataclass(frozen=True)
class Taxonomy:
    """Categories, settings, age bands and tags, each with a label per language."""

    categories: dict[str, dict]
    settings: dict[str, dict[str, str]]
    age_bands: tuple[AgeBand, ...]
    tags: dict[str, dict[str, str]]
    safety_rules: dict[str, dict[str, list[list[str]]]]
    situations: tuple[dict, ...] = ()

    def category_label(self, key: str, lang: str) -> str:
        return self.categories[key][lang]["label"]

    def category_description(self, key: str, lang: str) -> str:
        return self.categories[key][lang]["description"]

    def setting_label(self, key: str, lang: str) -> str:
        return self.settings[key][lang]

    def tag_label(self, key: str, lang: str) -> str:
        return self.tags[key][lang]

    def bands_for(self, start: int, end: int) -> list[AgeBand]:
        """Every band an age range overlaps."""
        return [b for b in self.age_bands if b.start <= end and start <= b.end]


def load_taxonomy(path: Path) -> Taxonomy:
    data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    bands = tuple(
        AgeBand(key=str(key), start=v["from"], end=v["to"], labels={lang: v[lang] for lang in LANGUAGES})
        for key, v in data["age_bands"].items()
    )
    return Taxonomy(
        categories=data["categories"],
        settings=data["settings"],
        age_bands=bands,
        tags=data["tags"],
        safety_rules=data.get("safety_rules", {}),
        situations=tuple(data.get("situations", [])),
    )


@cache
def load_ui(lang: str) -> dict[str, str]:
    """Interface strings for one language (the same keys in every language)."""
    return yaml.safe_load((LOCALES_DIR / f"{lang}.yml").read_text(encoding="utf-8"))
