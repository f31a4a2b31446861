"""carryover/engine/mkdocs/search.py: one search document per page, with the words parents type."""

from __future__ import annotations

import shutil

import pytest
from small_library import write_small_library

from carryover.engine.mkdocs.search import KEYWORD_BOOST, PAGE_BOOST, enrich_search_index
from carryover.model.library import read_library


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    content = write_small_library(tmp_path_factory.mktemp("small"))
    return read_library(shutil.copytree(content, tmp_path_factory.mktemp("copy") / "content"))


def index(*docs: dict) -> dict:
    return {"config": {"lang": ["en"]}, "docs": [dict(d) for d in docs]}


CARD_DOCS = (
    {"location": "strategies/squeeze/", "title": "Pillow squeeze", "text": "Intro"},
    {"location": "strategies/squeeze/#steps", "title": "Steps", "text": "Lie down."},
    {"location": "strategies/squeeze/#when-to-ask", "title": "When to ask", "text": "Dislikes pressure."},
)


def test_a_page_s_sections_fold_into_one_document(library):
    """Section headings repeat on every card and drowned the real matches."""
    docs = enrich_search_index(index(*CARD_DOCS), library, "en")["docs"]
    assert len(docs) == 1
    (doc,) = docs
    assert doc["location"] == "strategies/squeeze/"
    assert doc["title"] == "Pillow squeeze"
    assert doc["text"] == "Intro Lie down. Dislikes pressure."


def test_a_card_carries_its_keywords_category_and_ages_in_the_search_language(library):
    result = enrich_search_index(index(*CARD_DOCS), library, "en")
    assert result["config"]["fields"]["keywords"] == {"boost": KEYWORD_BOOST}
    assert result["config"]["lang"] == ["en"]  # the theme's own settings are kept
    (doc,) = result["docs"]
    assert doc["keywords"] == "squeeze calm down"
    assert doc["boost"] == PAGE_BOOST["strategies"]
    category, ages = doc["tags"]
    assert category == library.taxonomy.category_label("sensory", "en")
    assert "2" in ages and "8" in ages
    (es,) = enrich_search_index(index(*CARD_DOCS), library, "es")["docs"]
    assert es["keywords"] == "apretar calmarse"


def test_cards_rank_above_routines_signs_and_guides():
    assert PAGE_BOOST["strategies"] > PAGE_BOOST["routines"] > PAGE_BOOST["signs"] > PAGE_BOOST["guides"]


def test_other_pages_keep_their_document_without_card_fields(library):
    docs = enrich_search_index(
        index(
            {"location": "routines/bedtime/", "title": "Bedtime", "text": "Sleep"},
            {"location": "", "title": "Home", "text": "Welcome"},
            {"location": "strategies/", "title": "All cards", "text": "List"},
            {"location": "strategies/gone/", "title": "Gone", "text": "Old"},
        ),
        library,
        "en",
    )["docs"]
    by_location = {d["location"]: d for d in docs}
    assert set(by_location) == {"routines/bedtime/", "", "strategies/", "strategies/gone/"}
    assert by_location["routines/bedtime/"]["boost"] == PAGE_BOOST["routines"]
    assert "keywords" not in by_location["routines/bedtime/"]
    for location in ("", "strategies/", "strategies/gone/"):
        assert "boost" not in by_location[location] and "keywords" not in by_location[location]


def test_a_rebuilt_page_s_newest_document_wins(library):
    """`mkdocs serve --dirty` appends a rebuilt page after its old documents."""
    docs = enrich_search_index(
        index(
            *CARD_DOCS,
            {"location": "strategies/squeeze/", "title": "Pillow squeeze", "text": "New intro"},
            {"location": "strategies/squeeze/#steps", "title": "Steps", "text": "Sit up."},
        ),
        library,
        "en",
    )["docs"]
    assert [d["text"] for d in docs] == ["New intro Sit up."]
