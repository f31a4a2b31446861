"""The library page's filters: what they offer, and the small data files the browser script
filters with, so that it never needs every card on the page.

Per language, under ``assets/library/``:

- ``index.json``, the facet index: for each filter (``category``, ``age``, ``routine``,
  ``setting``, the names the page's address uses: ``?age=0-2&routine=bedtime``) its values
  once, and every card's values as a bitmask, in the language's title order. The masks
  are one string per filter, ``width`` hexadecimal digits a card (bit i: the filter's
  i-th value), so any number of routines fits; at 5,000 cards the index is about 10 KB
  compressed. It also lists the chunks by name.
- ``cards-<k>.<hash>.json``, the cards' display data (id, title, summary, facts, and the
  original's language for a card not translated yet) in chunks of ``CHUNK_SIZE`` cards in
  the same order, named by their content (never a stale chunk under a new index). A
  filtered view fetches only the chunks holding the matches it shows, at most
  ``MOST_CHUNKS`` at a time.

The script (``templates/library.js``, published here minified and named by its content,
loaded by the library page alone, so no other page carries it) reads the index, counts
the matches exactly, and shows them a page at a time with "Show more". Without
JavaScript, or when the files cannot be fetched, the static pages (``paging.py``) and the
listing of every filter value ("Browse by") remain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import rjsmin

from carryover import ORIGINAL_LANGUAGE
from carryover.cache import fingerprint
from carryover.model.library import Entry, Library
from carryover.model.taxonomy import load_ui
from carryover.render.fragments import card_facts
from carryover.render.paging import sorted_cards

# Where the files live in a language's site, and the index's name there.
DATA_FOLDER = "assets/library"
INDEX = f"{DATA_FOLDER}/index.json"
# Cards per chunk: a chunk is 2-4 KB compressed. Smaller chunks cost more requests; bigger
# ones make a filter whose matches are spread out fetch more cards it does not show.
CHUNK_SIZE = 50
# The most chunks one step of the script fetches (about 30 KB compressed): a filter whose few
# matches are spread through the library shows those in the first chunks, and "Show more"
# goes on, rather than fetching every chunk at once.
MOST_CHUNKS = 12
FORMAT = 1  # the index's layout; the script refuses another
SCRIPT = Path(__file__).parent / "templates" / "library.js"


@dataclass(frozen=True)
class Filter:
    """One filter of the library page: its name in the address, its label, the folder of its
    static listings ("Browse by"), its values with their labels, and a card's values."""

    name: str
    label: str
    folder: str
    options: tuple[tuple[str, str], ...]
    values_of: Callable[[Entry], set[str]]


def library_filters(library: Library, lang: str) -> list[Filter]:
    """The filters, in the order the page shows them; values in the order of their menus."""
    ui = load_ui(lang)
    tax = library.taxonomy
    routines = sorted(library.routines.values(), key=lambda e: e.version(lang).meta.title.casefold())
    return [
        Filter(
            "category",
            ui["filter_category"],
            "categories",
            tuple((k, tax.category_label(k, lang)) for k in tax.categories),
            lambda e: {e.card.category},
        ),
        Filter(
            "age",
            ui["filter_age"],
            "ages",
            tuple((b.key, b.labels[lang]) for b in tax.age_bands),
            lambda e: {b.key for b in tax.bands_for(e.card.ages.from_, e.card.ages.to)},
        ),
        Filter(
            "routine",
            ui["filter_routine"],
            "routines",
            tuple((r.id, r.version(lang).meta.title) for r in routines),
            lambda e: set(e.card.routines),
        ),
        Filter(
            "setting",
            ui["filter_setting"],
            "settings",
            tuple((k, tax.setting_label(k, lang)) for k in tax.settings),
            lambda e: set(e.card.settings),
        ),
    ]


def mask_column(cards: list[Entry], values: list[str], values_of: Callable[[Entry], set[str]]) -> tuple[int, str]:
    """Every card's values as a bitmask of ``width`` hexadecimal digits, the cards one after
    another: (width, digits)."""
    width = max(1, -(-len(values) // 4))
    bit = {value: 1 << i for i, value in enumerate(values)}
    masks = (sum(bit[v] for v in values_of(card) if v in bit) for card in cards)
    return width, "".join(f"{mask:0{width}x}" for mask in masks)


def card_row(entry: Entry, lang: str, library: Library) -> dict:
    """What the script shows of a card: the same as the library page's static item."""
    own = entry.version(lang).meta
    return {
        "id": entry.id,
        "title": own.title,
        "summary": own.summary,
        "facts": card_facts(entry.card, lang, library.taxonomy),
        "lang": "" if entry.translated(lang) else ORIGINAL_LANGUAGE,
    }


def library_script() -> tuple[str, str]:
    """(path in a language's site, minified text) of the library page's script."""
    text = rjsmin.jsmin(SCRIPT.read_text(encoding="utf-8")) + "\n"
    return f"assets/javascripts/library.{hashlib.sha256(text.encode()).hexdigest()[:10]}.js", text


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def filter_files(library: Library, lang: str, chunk_size: int = CHUNK_SIZE) -> list[tuple[str, str]]:
    """(path in the language's site, text) of the facet index, every chunk and the script."""
    if chunk_size < 1:
        raise ValueError(f"a chunk holds at least one card, not {chunk_size}")
    cards = sorted_cards(library.cards.values(), lang)
    files, names = [], []
    for k, start in enumerate(range(0, len(cards), chunk_size), start=1):
        text = _json({"cards": [card_row(e, lang, library) for e in cards[start : start + chunk_size]]})
        name = f"cards-{k}.{fingerprint(text)[:10]}.json"
        names.append(name)
        files.append((f"{DATA_FOLDER}/{name}", text))
    facets = {}
    for f in library_filters(library, lang):
        values = [value for value, _ in f.options]
        width, masks = mask_column(cards, values, f.values_of)
        facets[f.name] = {"values": values, "width": width, "cards": masks}
    index = {
        "format": FORMAT,
        "total": len(cards),
        "chunk": chunk_size,
        "most": MOST_CHUNKS,
        "chunks": names,
        "filters": facets,
    }
    return [(INDEX, _json(index)), *files, library_script()]
