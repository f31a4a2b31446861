"""A library bigger than a page of a listing: the starter library and ``CLONES`` more cards, each
a copy of "The blanket burrito" (sensory; bedtime and bath time; the sign
sensory-regulation; ages 2 to 8) under its own id and title. The titles start with every
letter in both languages, so the copies spread through the title order. Then the library
page, the sensory category, the bedtime routine and the sensory-regulation sign each have
two pages. ``write_paged_library`` writes it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from carryover.model.library import fingerprint_text

ROOT = Path(__file__).resolve().parent.parent
BASE = "blanket-burrito"
CLONES = 90
EN_WORDS = [
    *("Apple", "Bear", "Cloud", "Duck", "Egg", "Fox", "Garden", "Hill", "Island", "Jelly", "Kite", "Leaf", "Moon"),
    *("Nest", "Owl", "Pond", "Quilt", "River", "Star", "Tiger", "Umbrella", "Violin", "Whale", "Xylophone", "Yo-yo"),
    "Zebra",
]
ES_WORDS = [
    *("Abeja", "Barco", "Casa", "Dedo", "Estrella", "Foca", "Gato", "Hoja", "Isla", "Jirafa", "Kiwi", "Luna", "Mano"),
    *("Nube", "Oso", "Pato", "Queso", "Rana", "Sol", "Tigre", "Uva", "Vaca", "Wafle", "Xilófono", "Yoyó", "Zapato"),
]


def clone_id(number: int) -> str:
    return f"clone-{number:03d}"


def write_paged_library(folder: Path, clones: int = CLONES) -> Path:
    """The starter library with ``clones`` copies of one card, in ``folder``."""
    content = Path(shutil.copytree(ROOT / "content", folder))
    en = (content / "strategies" / f"{BASE}.en.md").read_text(encoding="utf-8")
    es = (content / "strategies" / f"{BASE}.es.md").read_text(encoding="utf-8")
    for n in range(1, clones + 1):
        word = (n - 1) % len(EN_WORDS)
        page_id = clone_id(n)
        text_en = re.sub(r"^id: .*$", f"id: {page_id}", en, count=1, flags=re.M)
        text_en = re.sub(r"^title: .*$", f"title: {EN_WORDS[word]} game {n}", text_en, count=1, flags=re.M)
        text_es = re.sub(r"^id: .*$", f"id: {page_id}", es, count=1, flags=re.M)
        text_es = re.sub(r"^title: .*$", f"title: {ES_WORDS[word]}, juego {n}", text_es, count=1, flags=re.M)
        text_es = re.sub(
            r"^translated_from: .*$", f"translated_from: '{fingerprint_text(text_en)}'", text_es, flags=re.M
        )
        (content / "strategies" / f"{page_id}.en.md").write_text(text_en, encoding="utf-8")
        (content / "strategies" / f"{page_id}.es.md").write_text(text_es, encoding="utf-8")
    return content
