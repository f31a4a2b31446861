"""carryover/render/facets.py: the library page's filters and the data files its script reads,
decoded here as the script decodes them (overrides/assets/javascripts/library.js)."""

from __future__ import annotations

import hashlib
import json
import math
from types import SimpleNamespace

import pytest
from small_library import EN, ES

from carryover import ORIGINAL_LANGUAGE
from carryover.cache import fingerprint
from carryover.check.library import load_library
from carryover.render.facets import (
    DATA_FOLDER,
    INDEX,
    MOST_CHUNKS,
    filter_files,
    library_filters,
    library_script,
    mask_column,
)
from carryover.render.paging import sorted_cards


def data(library, lang: str, chunk_size: int = 10) -> tuple[dict, list[dict]]:
    """The index, and the cards of every chunk one after another, as the script reads them."""
    files = dict(filter_files(library, lang, chunk_size))
    files.pop(library_script()[0])
    index = json.loads(files.pop(INDEX))
    cards = []
    for name in index["chunks"]:
        cards += json.loads(files.pop(f"{DATA_FOLDER}/{name}"))["cards"]
    assert not files, "every file is the index, one of its chunks or the script"
    return index, cards


def has(index: dict, position: int, name: str, value: str) -> bool:
    """Bit ``value`` of card ``position`` in the ``name`` filter's masks (library.js's ``matching``)."""
    f = index["filters"][name]
    bit = f["values"].index(value)
    digit = f["cards"][position * f["width"] + f["width"] - 1 - bit // 4]
    return bool(int(digit, 16) & (1 << (bit % 4)))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_index_gives_every_cards_values_in_title_order(library, lang):
    index, cards = data(library, lang)
    ordered = sorted_cards(library.cards.values(), lang)
    assert [c["id"] for c in cards] == [e.id for e in ordered]
    assert index["total"] == len(ordered) == 73
    for f in library_filters(library, lang):
        assert index["filters"][f.name]["values"] == [value for value, _ in f.options]  # the menus' values
        for position, entry in enumerate(ordered):
            shown = {value for value, _ in f.options if has(index, position, f.name, value)}
            assert shown == f.values_of(entry), (f.name, entry.id)


def test_the_filters_values_are_the_cards_own(library):
    """What each filter reads, checked against the cards themselves (not against the filters' code)."""
    index, cards = data(library, "en")
    tax = library.taxonomy
    for position, row in enumerate(cards):
        meta = library.cards[row["id"]].meta
        assert has(index, position, "category", meta.category)
        assert all(has(index, position, "routine", r) for r in meta.routines)
        assert all(has(index, position, "setting", s) for s in meta.settings)
        bands = {b.key for b in tax.age_bands if b.start <= meta.ages.to and meta.ages.from_ <= b.end}
        assert {b.key for b in tax.age_bands if has(index, position, "age", b.key)} == bands
    assert sum(has(index, p, "routine", "bedtime") for p in range(len(cards))) == sum(
        "bedtime" in c.meta.routines for c in library.cards.values()
    )


def test_the_cards_are_in_chunks_named_by_their_content(library):
    index, _ = data(library, "en", chunk_size=10)
    assert index["chunk"] == 10 and len(index["chunks"]) == math.ceil(73 / 10) == 8
    assert index["most"] == MOST_CHUNKS  # what one step of the script may fetch
    files = dict(filter_files(library, "en", 10))
    for k, name in enumerate(index["chunks"], start=1):
        text = files[f"{DATA_FOLDER}/{name}"]
        assert name == f"cards-{k}.{fingerprint(text)[:10]}.json"
        assert len(json.loads(text)["cards"]) == (10 if k < 8 else 3)


def test_a_chunk_shows_what_the_library_page_shows(library):
    _, cards = data(library, "es")
    burrito = next(c for c in cards if c["id"] == "blanket-burrito")
    assert burrito == {
        "id": "blanket-burrito",
        "title": "El burrito de manta",
        "summary": library.cards["blanket-burrito"].version("es").meta.summary,
        "facts": ["Regulación sensorial", "2–8 años", "5 minutos"],
        "lang": "",
    }


def test_a_card_not_translated_yet_carries_its_originals_language(content):
    (content / ES).unlink()
    library = load_library(content)
    _, cards = data(library, "es")
    assert [(c["id"], c["lang"], c["title"]) for c in cards] == [("squeeze", ORIGINAL_LANGUAGE, "Pillow squeeze")]


def test_an_edit_renames_only_its_own_chunk(content):
    for n in range(3):  # four cards, chunks of two
        for name in (EN, ES):
            text = (content / name).read_text(encoding="utf-8").replace("id: squeeze", f"id: squeeze-{n}")
            text = text.replace("title: ", f"title: {n} ", 1)
            (content / name.replace("squeeze", f"squeeze-{n}")).write_text(text, encoding="utf-8")
    before = json.loads(dict(filter_files(load_library(content), "en", 2))[INDEX])["chunks"]
    path = content / "strategies" / "squeeze-2.en.md"
    path.write_text(path.read_text(encoding="utf-8").replace("A gentle squeeze", "A soft squeeze"), encoding="utf-8")
    after = json.loads(dict(filter_files(load_library(content), "en", 2))[INDEX])["chunks"]
    assert len(before) == len(after) == 2
    assert before[0] == after[0] and before[1] != after[1]  # "2 Pillow squeeze" is in the second


def test_a_mask_has_room_for_any_number_of_values():
    values = [f"r{i}" for i in range(9)]  # nine routines: three hex digits a card
    cards = [SimpleNamespace(v={"r0", "r8"}), SimpleNamespace(v=set()), SimpleNamespace(v={"r4", "gone"})]
    width, masks = mask_column(cards, values, lambda c: c.v)
    assert (width, masks) == (3, "101" + "000" + "010")
    assert mask_column([], [], lambda c: set()) == (1, "")


TRICKY_TITLE = 'Tom & Jerry\'s "bear" <3 *wow* [x](javascript:alert(1)) {{ 7*7 }}'


def test_text_that_looks_like_markup_stays_text_in_the_data(content):
    """The script shows it with textContent: the data holds the text as typed, not escaped."""
    path = content / EN
    text = path.read_text(encoding="utf-8").replace("title: Pillow squeeze", f"title: {json.dumps(TRICKY_TITLE)}")
    path.write_text(text, encoding="utf-8")
    library = load_library(content)
    assert not library.problems.errors
    _, cards = data(library, "en")
    assert cards[0]["title"] == TRICKY_TITLE


def test_the_script_is_published_minified_under_its_contents_name():
    path, text = library_script()
    assert path == f"assets/javascripts/library.{hashlib.sha256(text.encode()).hexdigest()[:10]}.js"
    assert "js_library_loading" in text and "/* Carryover" not in text  # minified: no comments


def test_a_chunk_holds_at_least_one_card(library):
    with pytest.raises(ValueError):
        filter_files(library, "en", 0)
