"""Search: the worker that makes Spanish and English search forgiving, and the
extra fields (parents' keywords, category, ages) added to the built index."""

from __future__ import annotations

from pathlib import Path

from carryover.model.library import Library
from carryover.render.fragments import card_facts

WORKER_TEMPLATE = Path(__file__).parent / "assets" / "search-worker.js"
LAZY_SEARCH = Path(__file__).parent / "assets" / "lazy-search.js"
WORKER_NAME = "carryover-search.js"
KEYWORD_BOOST = 40


def search_worker_script(material_worker: str) -> str:
    """Our worker script, which loads Material's (named ``material_worker``, a sibling file)."""
    return WORKER_TEMPLATE.read_text(encoding="utf-8").replace("__MATERIAL_WORKER__", material_worker)


# Cards are what parents come for; guides and other pages still show, a little lower.
PAGE_BOOST = {"strategies": 1.0, "routines": 0.8, "signs": 0.7, "guides": 0.6}


def enrich_search_index(index: dict, library: Library, lang: str) -> dict:
    """One search document per page, with its parents' words.

    - Material indexes every section of a page as its own document, titled by its
      heading; on cards those headings ("When to ask your therapist") repeat on every
      page and drowned the real matches. Sections are folded into their page.
    - Each card's keywords are added with a strong boost (they are the words parents
      type), and its category and ages are shown with the result.
    - During ``mkdocs serve --dirty`` the theme appends the rebuilt pages' documents
      after the previous ones: the newest document of a page wins.
    """
    index.setdefault("config", {}).setdefault("fields", {})["keywords"] = {"boost": KEYWORD_BOOST}
    pages: dict[str, dict] = {}
    for doc in index.get("docs", []):
        page, _, anchor = doc.get("location", "").partition("#")
        # A page's own document starts it; a later one (a preview's rebuild) starts it afresh.
        if not anchor or page not in pages:
            pages[page] = dict(doc, location=page)
        else:
            pages[page]["text"] = f"{pages[page].get('text', '')} {doc.get('text', '')}".strip()
    docs = []
    for location, doc in pages.items():
        kind, _, rest = location.partition("/")
        page_id = rest.strip("/")
        entry = library.entries.get(kind, {}).get(page_id) if page_id and "/" not in page_id else None
        if entry is not None:
            doc["boost"] = PAGE_BOOST.get(kind, 1.0)
            if kind == "strategies":
                doc["keywords"] = " ".join(entry.version(lang).card.keywords)
                doc["tags"] = card_facts(entry.card, lang, library.taxonomy)[:2]  # category and ages, not time
        docs.append(doc)
    index["docs"] = docs
    return index
