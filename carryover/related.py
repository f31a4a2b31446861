"""Related cards: a deterministic score from what two cards share."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .library import Entry, Library

MAX_RELATED = 4


def relatedness(a: Entry, b: Entry) -> int:
    """Shared routines count most (same moment of the day), then tags, then category."""
    score = 3 * len(set(a.meta.routines) & set(b.meta.routines))
    score += 2 * len(set(a.meta.tags) & set(b.meta.tags))
    score += 2 if a.meta.category == b.meta.category else 0
    score += len(set(a.meta.signs) & set(b.meta.signs))
    return score


def related_cards(entry: Entry, library: Library) -> list[Entry]:
    """Cards the author named under ``related``, then the closest others; ties by id."""
    chosen = [library.cards[i] for i in entry.meta.related if i in library.cards and i != entry.id]
    others = [c for c in library.cards.values() if c.id != entry.id and c not in chosen]
    others.sort(key=lambda c: (-relatedness(entry, c), c.id))
    chosen += [c for c in others if relatedness(entry, c) > 0]
    return chosen[:MAX_RELATED]
