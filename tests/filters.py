"""Which cards a library page's filters should show, worked out from the library itself (the
tests of the filters compare the page with this)."""

from __future__ import annotations

from carryover.model.library import Entry, Library


def matching(library: Library, category=None, band=None, routine=None, setting=None) -> list[Entry]:
    """The cards with every value asked for, in the library's order."""
    tax = library.taxonomy
    found = []
    for card in library.cards.values():
        m = card.card
        if category and m.category != category:
            continue
        if band and band not in [b.key for b in tax.bands_for(m.ages.from_, m.ages.to)]:
            continue
        if routine and routine not in m.routines:
            continue
        if setting and setting not in m.settings:
            continue
        found.append(card)
    return found
