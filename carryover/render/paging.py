"""Listings in static pages of a fixed size, so that no page grows with the library.

Every list of cards the build makes (the library page, each category, tag, age band and
setting, a routine's or a sign's cards) is cut into pages of ``PAGE_SIZE`` cards, in the
language's title order (``sorted_cards``). Page 1 keeps the listing's own address
(``categories/sensory/``); page k lives at ``<listing>/page/<k>/``, so the language switch
(same path, other language) lands on the same page number. A listing that fits on one page
gets no pager and no other page. The pager is plain links (``pager.html``): reading needs
no JavaScript.

At 5,000 cards (benchmarks' realistic text) a page of 100 is 10-13 KB of HTML compressed,
where the library page holding every card was 200 KB, a sign's page 100 KB and the age
band 0-2 129 KB.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import ceil
from typing import Any

from babel import numbers as babel_numbers

from carryover.model.library import Entry
from carryover.model.taxonomy import load_ui

# Cards on one page of a listing. The starter library (73 cards) fits on one page.
PAGE_SIZE = 100
# Where page k of a listing lives, under the listing's own folder.
PAGE_FOLDER = "page"


def sorted_cards(entries: Iterable[Entry], lang: str) -> list[Entry]:
    """Cards in the order every listing shows them: by their title in ``lang``."""
    return sorted(entries, key=lambda e: e.version(lang).meta.title.casefold())


@dataclass(frozen=True)
class Page:
    """One page of a listing: its number (from 1), how many pages there are, the positions
    (from 1) of its first and last item in the whole listing, and its items."""

    number: int
    pages: int
    first: int
    last: int
    total: int
    items: tuple[Any, ...]


def paginate(items: Sequence[Any], size: int = PAGE_SIZE) -> list[Page]:
    """``items`` cut into pages of ``size``; an empty listing is one empty page."""
    if size < 1:
        raise ValueError(f"a page holds at least one item, not {size}")
    total = len(items)
    count = max(1, ceil(total / size))
    return [
        Page(
            k + 1,
            count,
            min(k * size + 1, total),
            min((k + 1) * size, total),
            total,
            tuple(items[k * size : (k + 1) * size]),
        )
        for k in range(count)
    ]


def page_source(listing: str, number: int) -> str:
    """The Markdown source of page ``number`` of the listing whose page 1 is ``listing``:
    ``strategies/index.md`` -> ``strategies/page/2.md``; ``categories/sensory.md`` ->
    ``categories/sensory/page/2.md`` (published at …/page/2/)."""
    if number == 1:
        return listing
    folder = listing.removesuffix(".md").removesuffix("/index")
    return f"{folder}/{PAGE_FOLDER}/{number}.md"


def to_listing(number: int) -> str:
    """From page ``number``'s address back up to the listing's own (page 1's) folder."""
    return "" if number == 1 else "../../"


def page_href(current: int, target: int) -> str:
    """The relative link from page ``current`` of a listing to its page ``target``."""
    if target == 1:
        return "./" if current == 1 else "../../"
    return f"{PAGE_FOLDER}/{target}/" if current == 1 else f"../{target}/"


def pager_numbers(current: int, pages: int, around: int = 1) -> list[int | None]:
    """The page numbers a pager shows: the first, the last, and ``around`` on each side of
    the current one; None where numbers are left out (shown as "…"). A gap of one number
    shows the number itself: 1 2 3 4 … 9, never 1 … 3 4."""
    if not 1 <= current <= pages:
        raise ValueError(f"page {current} of {pages}")
    wanted = sorted({1, pages, *range(max(1, current - around), min(pages, current + around) + 1)})
    shown: list[int | None] = []
    previous = 0
    for number in wanted:
        if number - previous == 2:
            shown.append(previous + 1)
        elif number - previous > 2:
            shown.append(None)
        shown.append(number)
        previous = number
    return shown


def format_count(n: int, lang: str) -> str:
    """A whole number as the language writes it, by Babel (the locale file's ``date.locale``):
    5,000 in English, 5.000 in Spanish. The library's script groups digits the same way
    (``digit_group``)."""
    return babel_numbers.format_decimal(n, locale=load_ui(lang)["date"]["locale"])


def digit_group(lang: str) -> str:
    """What separates groups of three digits in ``lang`` (for the browser script)."""
    return babel_numbers.get_group_symbol(load_ui(lang)["date"]["locale"])


def count_text(page: Page, lang: str) -> str:
    """The line above a listing: "73 strategies", or on a listing of several pages
    "Strategies 101–200 of 5,000"."""
    ui = load_ui(lang)
    if page.pages > 1:
        return ui["listing_count_range"].format(
            first=format_count(page.first, lang), last=format_count(page.last, lang), n=format_count(page.total, lang)
        )
    if page.total == 1:
        return ui["listing_count_one"]
    return ui["listing_count_other"].format(n=format_count(page.total, lang))


def page_title(title: str, page: Page, lang: str) -> str:
    """A listing's title, with the page number from page 2 on (its heading and <title>)."""
    if page.number == 1:
        return title
    return load_ui(lang)["listing_page_title"].format(title=title, number=page.number, pages=page.pages)


def pager(page: Page, lang: str) -> dict | None:
    """What ``pager.html`` shows for ``page``, or None for a listing of one page."""
    if page.pages == 1:
        return None
    ui = load_ui(lang)
    here = page.number

    def link(number: int) -> dict:
        return {
            "number": format_count(number, lang),
            "href": page_href(here, number),
            "label": ui["pager_page"].format(number=number),
            "current": number == here,
        }

    return {
        "label": ui["pager_label"],
        "previous": {"href": page_href(here, here - 1), "text": ui["pager_previous"]} if here > 1 else None,
        "next": {"href": page_href(here, here + 1), "text": ui["pager_next"]} if here < page.pages else None,
        "links": [link(n) if n is not None else None for n in pager_numbers(here, page.pages)],
    }
