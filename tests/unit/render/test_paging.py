"""carryover/render/paging.py: listings in pages of a fixed size, their addresses, the pager,
and what the count and the title say."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from carryover.render.paging import (
    PAGE_SIZE,
    count_text,
    digit_group,
    format_count,
    page_href,
    page_source,
    page_title,
    pager,
    pager_numbers,
    paginate,
)


def address(number: int, listing: str = "https://x.org/en/categories/sensory/") -> str:
    return listing if number == 1 else f"{listing}page/{number}/"


@pytest.mark.parametrize(("total", "size", "shapes"), [
    (0, 10, [(1, 0, 0, 0)]),
    (1, 10, [(1, 1, 1, 1)]),
    (10, 10, [(1, 1, 10, 10)]),
    (11, 10, [(1, 1, 10, 10), (2, 11, 11, 1)]),
    (25, 10, [(1, 1, 10, 10), (2, 11, 20, 10), (3, 21, 25, 5)]),
])  # fmt: skip
def test_pages_hold_size_items_in_order_and_say_which(total, size, shapes):
    items = list(range(total))
    pages = paginate(items, size)
    assert [(p.number, p.first, p.last, len(p.items)) for p in pages] == shapes
    assert [i for p in pages for i in p.items] == items
    assert {(p.pages, p.total) for p in pages} == {(len(shapes), total)}


def test_a_page_holds_at_least_one_item():
    with pytest.raises(ValueError):
        paginate([1, 2], 0)


def test_the_starter_library_fits_on_one_page():
    """73 cards: the library page keeps every card and gets no pager (issue 18)."""
    assert PAGE_SIZE >= 73
    assert len(paginate(list(range(73)))) == 1


@pytest.mark.parametrize(("listing", "number", "source"), [
    ("strategies/index.md", 1, "strategies/index.md"),
    ("strategies/index.md", 2, "strategies/page/2.md"),
    ("categories/sensory.md", 1, "categories/sensory.md"),
    ("categories/sensory.md", 12, "categories/sensory/page/12.md"),
    ("routines/bedtime.md", 3, "routines/bedtime/page/3.md"),
])  # fmt: skip
def test_page_one_keeps_the_listings_address_and_page_k_lives_under_page(listing, number, source):
    assert page_source(listing, number) == source


def test_every_pager_link_reaches_the_page_it_names():
    for here in range(1, 6):
        for there in range(1, 6):
            assert urljoin(address(here), page_href(here, there)) == address(there), (here, there)


@pytest.mark.parametrize(("current", "pages", "shown"), [
    (1, 1, [1]),
    (1, 2, [1, 2]),
    (2, 3, [1, 2, 3]),
    (1, 10, [1, 2, None, 10]),
    (3, 10, [1, 2, 3, 4, None, 10]),
    (4, 10, [1, 2, 3, 4, 5, None, 10]),  # 1 … 3 would hide one number: it is shown
    (5, 10, [1, None, 4, 5, 6, None, 10]),
    (9, 10, [1, None, 8, 9, 10]),
    (10, 10, [1, None, 9, 10]),
    (25, 50, [1, None, 24, 25, 26, None, 50]),
])  # fmt: skip
def test_the_pager_shows_first_last_and_the_neighbours(current, pages, shown):
    assert pager_numbers(current, pages) == shown


def test_the_pager_stays_short_on_a_phone_whatever_the_number_of_pages():
    for pages in (1, 2, 7, 50, 500):
        for current in range(1, pages + 1):
            numbers = pager_numbers(current, pages)
            assert len(numbers) <= 7
            assert current in numbers and 1 in numbers and pages in numbers


def test_a_page_outside_the_listing_is_an_error():
    with pytest.raises(ValueError):
        pager_numbers(4, 3)


def test_one_page_has_no_pager():
    assert pager(paginate(list(range(5)), 10)[0], "en") is None


def test_the_pager_of_a_middle_page():
    page = paginate(list(range(500)), 10)[24]  # page 25 of 50
    p = pager(page, "en")
    assert p["label"] == "Pages"
    assert p["previous"] == {"href": "../24/", "text": "Previous"}
    assert p["next"] == {"href": "../26/", "text": "Next"}
    links = p["links"]
    assert [link and link["number"] for link in links] == ["1", None, "24", "25", "26", None, "50"]
    assert [link["href"] for link in links if link] == ["../../", "../24/", "../25/", "../26/", "../50/"]
    assert [link["label"] for link in links if link and link["current"]] == ["Page 25"]


def test_the_first_and_last_pages_have_one_step():
    pages = paginate(list(range(30)), 10)
    first, last = pager(pages[0], "es"), pager(pages[-1], "es")
    assert first["previous"] is None and first["next"] == {"href": "page/2/", "text": "Siguiente"}
    assert last["next"] is None and last["previous"] == {"href": "../2/", "text": "Anterior"}
    assert [link["current"] for link in first["links"]] == [True, False, False]


@pytest.mark.parametrize(("lang", "total", "expected"), [
    ("en", 1, "1 strategy"),
    ("en", 73, "73 strategies"),
    ("es", 73, "73 estrategias"),
])  # fmt: skip
def test_a_listing_of_one_page_counts_its_cards(lang, total, expected):
    assert count_text(paginate(list(range(total)))[0], lang) == expected


def test_a_page_of_a_longer_listing_says_which_cards_it_shows():
    pages = paginate(list(range(5000)))
    assert count_text(pages[1], "en") == "Strategies 101–200 of 5,000"
    assert count_text(pages[-1], "es") == "Estrategias 4.901–5.000 de 5.000"
    assert count_text(paginate(list(range(312)), 48)[1], "es") == "Estrategias 49–96 de 312"


def test_numbers_are_written_as_the_language_writes_them():
    assert (format_count(1027, "en"), format_count(1027, "es"), format_count(999, "es")) == ("1,027", "1.027", "999")
    assert (digit_group("en"), digit_group("es")) == (",", ".")


def test_the_title_of_page_k_says_its_number():
    pages = paginate(list(range(120)))
    assert page_title("All strategies", pages[0], "en") == "All strategies"
    assert page_title("All strategies", pages[1], "en") == "All strategies, page 2 of 2"
    assert page_title("Todas las estrategias", pages[1], "es") == "Todas las estrategias, página 2 de 2"
