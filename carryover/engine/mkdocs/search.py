"""Search in this engine: the theme's search box and result list, answered in the page by
``assets/search.js`` (joined ahead of the theme's script), which runs Pagefind on the index
the build makes from the finished pages (``carryover/publish/search.py``). The theme's own
index is left empty: every page is kept out of it, so the build no longer reads each page's
HTML for it, and its search engine (lunr and its worker) is not published."""

from __future__ import annotations

from pathlib import Path

SEARCH_SCRIPT = Path(__file__).parent / "assets" / "search.js"
# The theme's own search engine and its languages: not used, not published.
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")
THEME_INDEX = {"exclude": True}  # every page's ``search`` front matter: none in the theme's index


def unused_theme_file(src_uri: str) -> bool:
    return src_uri.startswith(UNUSED_THEME_FILES)
