"""Related cards: a deterministic score from what two cards share.

Computed for the whole library at once through inverted lists (routine → cards,
tag → cards), so the cost follows the number of shared features rather than the
square of the number of cards: comparing every pair took 8 s at 1,000 cards.

A list can still hold a large share of a big library (every bedtime card), and
walking whole lists grew with the square again: 3 s at 3,000 cards. So from a list
longer than ``WINDOW`` a card takes as candidates only its ``WINDOW`` neighbours in
the list's id order. The result stays deterministic, the cost linear, and on a
library with no list that long (the starter library) it is the exact best.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from carryover.model.library import Entry, Library

MAX_RELATED = 4
WINDOW = 64
ROUTINE_WEIGHT, TAG_WEIGHT, CATEGORY_WEIGHT = 3, 2, 2

_computed: WeakKeyDictionary = WeakKeyDictionary()


def relatedness(a: Entry, b: Entry) -> int:
    """Shared routines count most (same moment of the day), then tags and category."""
    score = ROUTINE_WEIGHT * len(set(a.card.routines) & set(b.card.routines))
    score += TAG_WEIGHT * len(set(a.card.tags) & set(b.card.tags))
    return score + (CATEGORY_WEIGHT if a.card.category == b.card.category else 0)


def related_index(library: Library) -> dict[str, list[str]]:
    """Every card's related card ids, best first; ties by id."""
    if library in _computed:
        return _computed[library]
    cards = library.cards
    by_routine: dict[str, list[str]] = defaultdict(list)
    by_tag: dict[str, list[str]] = defaultdict(list)
    by_category: dict[str, list[str]] = defaultdict(list)
    for card_id in sorted(cards):
        meta = cards[card_id].card
        for routine in meta.routines:
            by_routine[routine].append(card_id)
        for tag in meta.tags:
            by_tag[tag].append(card_id)
        by_category[meta.category].append(card_id)
    position = {
        (feature, card_id): i
        for lists in (by_routine, by_tag)
        for feature, ids in lists.items()
        for i, card_id in enumerate(ids)
    }
    category_of = {card_id: entry.card.category for card_id, entry in cards.items()}
    result: dict[str, list[str]] = {}
    for card_id, entry in cards.items():
        meta = entry.card
        scores: Counter[str] = Counter()
        for features, lists, weight in ((meta.routines, by_routine, ROUTINE_WEIGHT), (meta.tags, by_tag, TAG_WEIGHT)):
            for feature in features:
                for other in _window(lists[feature], position[(feature, card_id)]):
                    scores[other] += weight
        for other in scores:
            if category_of[other] == meta.category:
                scores[other] += CATEGORY_WEIGHT
        scores.pop(card_id, None)
        chosen = [i for i in meta.related if i in cards and i != card_id]
        ranked = sorted(scores, key=lambda other: (-scores[other], other))
        chosen += [i for i in ranked if i not in chosen][:MAX_RELATED]
        if len(chosen) < MAX_RELATED:  # a card that shares no routine or tag: its own kind
            chosen += [i for i in by_category[meta.category] if i != card_id and i not in chosen]
        result[card_id] = chosen[:MAX_RELATED]
    _computed[library] = result
    return result


def _window(ids: list[str], at: int) -> list[str]:
    """The whole list, or the ``WINDOW`` ids around position ``at`` (wrapping round)."""
    if len(ids) <= WINDOW:
        return ids
    start = at - WINDOW // 2
    return [ids[(start + i) % len(ids)] for i in range(WINDOW + 1)]


def related_cards(entry: Entry, library: Library) -> list[Entry]:
    """Cards the author named under ``related``, then the closest others."""
    return [library.cards[i] for i in related_index(library).get(entry.id, [])]
