"""carryover/render/related.py: "related cards" are deterministic, the author's choice first."""

from __future__ import annotations

from pathlib import Path

from carryover import ORIGINAL_LANGUAGE
from carryover.model.library import EMPTY_TAXONOMY, KINDS, Entry, Library, Version
from carryover.model.problems import Problems
from carryover.model.schema import CardMeta
from carryover.model.source import SourceFile
from carryover.render import related
from carryover.render.related import MAX_RELATED, WINDOW, related_cards, related_index, relatedness


def card(card_id: str, category: str = "sensory", routines=(), tags=(), related_ids=()) -> Entry:
    meta = CardMeta.model_validate(
        {
            "id": card_id,
            "title": card_id.title(),
            "summary": "S.",
            "category": category,
            "tags": list(tags),
            "ages": {"from": 2, "to": 8},
            "routines": list(routines),
            "settings": ["home"],
            "time": 5,
            "materials": ["m"],
            "keywords": ["k"],
            "reviewed": "2026-01-15",
            "evidence": "practice",
            "related": list(related_ids),
        }
    )
    source = SourceFile(Path(f"{card_id}.{ORIGINAL_LANGUAGE}.md"), {}, "", 1)
    return Entry("strategies", card_id, {ORIGINAL_LANGUAGE: Version(ORIGINAL_LANGUAGE, source, meta, [])})


def library_of(*cards: Entry) -> Library:
    entries = {kind: {} for kind in KINDS}
    entries["strategies"] = {c.id: c for c in cards}
    return Library(Path("content"), EMPTY_TAXONOMY, {}, entries, Problems())


def test_a_shared_routine_counts_most_then_tags_and_category():
    """Cards for the same moment of the day help a parent most."""
    a = card("a", routines=["bedtime", "bath"], tags=["calming"])
    assert relatedness(a, card("b", routines=["bedtime"], category="fine-motor")) == 3
    assert relatedness(a, card("c", tags=["calming"], category="fine-motor")) == 2
    assert relatedness(a, card("d")) == 2  # same category only
    assert relatedness(a, card("e", routines=["bedtime", "bath"], tags=["calming"])) == 3 * 2 + 2 + 2
    assert relatedness(a, card("f", category="fine-motor")) == 0


def test_related_cards_are_ranked_by_score_then_id_and_never_the_card_itself():
    cards = [
        card("target", routines=["bedtime"], tags=["calming"]),
        card("zebra", routines=["bedtime"], tags=["calming"]),  # 3 + 2 + 2
        card("apple", routines=["bedtime"]),  # 3 + 2
        card("mango", routines=["bedtime"]),  # 3 + 2, after apple by id
        card("kiwi", tags=["calming"], category="fine-motor"),  # 2
        card("lime", tags=["calming"], category="gross-motor"),  # 2, after kiwi: one too many
    ]
    index = related_index(library_of(*cards))
    assert index["target"] == ["zebra", "apple", "mango", "kiwi"]
    assert all(card_id not in ids for card_id, ids in index.items())
    assert all(len(ids) <= MAX_RELATED for ids in index.values())


def test_the_author_s_choice_comes_first_even_with_nothing_shared():
    cards = [
        card("target", routines=["bedtime"], related_ids=["far", "missing", "target"]),
        card("far", category="fine-motor"),
        card("near", routines=["bedtime"]),
    ]
    library = library_of(*cards)
    assert related_index(library)["target"][:2] == ["far", "near"]  # unknown ids and itself are dropped
    assert [e.id for e in related_cards(library.cards["target"], library)] == related_index(library)["target"]


def test_a_card_sharing_nothing_is_offered_cards_of_its_category():
    cards = [card("lonely", category="fine-motor"), card("b", category="fine-motor"), card("c", category="sensory")]
    assert related_index(library_of(*cards))["lonely"] == ["b"]


def test_the_index_is_computed_once_per_library():
    library = library_of(card("a", tags=["t"]), card("b", tags=["t"]))
    assert related_index(library) is related_index(library)
    assert related_index(library_of(card("a"))) == {"a": []}


def test_a_long_shared_list_is_cut_to_a_window_around_the_card():
    """Every card at bedtime would otherwise be compared with every other: quadratic again."""
    ids = [f"c{i:03d}" for i in range(WINDOW * 2)]
    near = related._window(ids, 0)
    assert len(near) == WINDOW + 1
    assert near[WINDOW // 2] == "c000" and near[0] == ids[-(WINDOW // 2)]  # wraps round the list's end
    assert related._window(ids[:WINDOW], 3) == ids[:WINDOW]


def test_a_large_library_still_gets_the_best_neighbours_deterministically():
    cards = [card(f"c{i:03d}", routines=["bedtime"], tags=[f"t{i // 2}"]) for i in range(WINDOW * 3)]
    first = related_index(library_of(*cards))
    again = related_index(library_of(*reversed(cards)))
    assert first == again
    assert first["c010"][0] == "c011"  # shares the routine and its tag pair
