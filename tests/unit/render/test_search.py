"""carryover/render/search.py: what the search index reads in a page."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup
from small_library import write_small_library

from carryover.model.library import read_library
from carryover.render.search import KEYWORD_WEIGHT, PAGE_WEIGHT, search_terms, search_title, search_weight


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    content = write_small_library(tmp_path_factory.mktemp("small"))
    return read_library(shutil.copytree(content, tmp_path_factory.mktemp("copy") / "content"))


def test_cards_weigh_most_and_listings_are_not_searched():
    assert search_weight("strategies") == max(PAGE_WEIGHT.values()) == 1.0
    assert search_weight("routines") and search_weight("signs") and search_weight("guides")
    assert search_weight("library") is None and search_weight("bundle") is None


def test_a_card_s_keywords_are_searched_hidden_and_weigh_most(library):
    card = next(iter(library.cards.values()))
    html = BeautifulSoup(search_terms(card, "en", library), "html.parser")
    words = html.select_one("[data-pagefind-weight]")
    assert words.has_attr("hidden") and float(words["data-pagefind-weight"]) == KEYWORD_WEIGHT == 10.0
    assert words.get_text() == " ".join(card.version("en").card.keywords)


def test_a_card_s_result_shows_its_category_and_ages_which_are_not_searched(library):
    card = next(iter(library.cards.values()))
    html = BeautifulSoup(search_terms(card, "es", library), "html.parser")
    facts = html.select_one("[data-pagefind-ignore]")
    assert facts.has_attr("hidden")
    metas = {m["data-pagefind-meta"]: m.get_text() for m in facts.select("[data-pagefind-meta]")}
    assert metas["fact1"] == library.taxonomy.category_label(card.card.category, "es")
    assert "años" in metas["fact2"]


def test_a_result_shows_the_title_as_written():
    html = BeautifulSoup(search_title('Tom & "Jerry" <3'), "html.parser")
    (title,) = html.select("[data-pagefind-meta=title]")
    assert title.get_text() == 'Tom & "Jerry" <3'
    assert title.find_parent("div").has_attr("hidden") and title.find_parent("div").has_attr("data-pagefind-ignore")
