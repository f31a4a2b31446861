"""carryover/engine/mkdocs/search.py: the theme's search box, answered in the page by Pagefind."""

from __future__ import annotations

from carryover.engine.mkdocs.search import SEARCH_SCRIPT, THEME_INDEX, unused_theme_file


def test_the_theme_s_own_search_engine_is_not_published():
    assert unused_theme_file("assets/javascripts/lunr/min/lunr.es.min.js")
    assert unused_theme_file("assets/javascripts/workers/search.f8cc74c7.min.js")
    assert not unused_theme_file("assets/javascripts/site.0123456789.js")
    assert not unused_theme_file("assets/stylesheets/site.0123456789.css")


def test_no_page_goes_into_the_theme_s_index():
    assert THEME_INDEX == {"exclude": True}


def test_the_stand_in_answers_the_theme_s_four_messages_with_pagefind():
    script = SEARCH_SCRIPT.read_text(encoding="utf-8")
    assert "var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3" in script  # the theme's SearchMessageType
    assert (
        'import(base + "pagefind.js")' in script and "noWorker: true" in script
    )  # its own worker file is not published
