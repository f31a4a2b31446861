"""Search: the worker that makes Spanish and English search forgiving, and the
extra fields (parents' keywords, category, ages) added to the built index."""

from __future__ import annotations

from pathlib import Path

from .library import Library
from .pages import age_text

WORKER_TEMPLATE = Path(__file__).parent / "assets" / "search-worker.js"
WORKER_NAME = "carryover-search.js"
KEYWORD_BOOST = 40


def search_worker_script(material_worker: str) -> str:
    """Our worker script, which loads Material's (named ``material_worker``, a sibling file)."""
    return WORKER_TEMPLATE.read_text(encoding="utf-8").replace("__MATERIAL_WORKER__", material_worker)


def enrich_search_index(index: dict, library: Library, lang: str) -> dict:
    """Add each card's keywords (boosted: they are the words parents type) and show its
    category and ages with the result."""
    index.setdefault("config", {}).setdefault("fields", {})["keywords"] = {"boost": KEYWORD_BOOST}
    for doc in index.get("docs", []):
        location = doc.get("location", "")
        if not location.startswith("strategies/") or "#" in location:
            continue
        card_id = location.split("/")[1]
        entry = library.cards.get(card_id)
        if entry is None:
            continue
        version = entry.version(lang)
        doc["keywords"] = " ".join(version.meta.keywords)
        doc["tags"] = [library.taxonomy.category_label(entry.meta.category, lang), age_text(entry.meta, lang)]
    return index
