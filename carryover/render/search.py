"""What the search index reads in a page: which pages are searched, how much their words
weigh, and what a result shows (the index itself is made from the finished HTML by
``carryover/publish/search.py``).

- A searched page says so in its front matter (``carryover.search``: the weight of its
  text); the engine's template marks its content ``data-pagefind-body``. Listings, tools and
  paper pages are not searched: a parent looks for a card, not for a list of cards.
- A card's keywords, the words parents type, go in hidden with the highest weight Pagefind
  allows (10; a title weighs 7, a section heading 6, text 1).
- A result shows the page's title, its summary and, for a card, its category and ages.
- What is not the page's own text is ignored (``data-pagefind-ignore``): its buttons (print,
  listen, save, share, "I tried this", in their fragments) and the related cards' titles and
  summaries, which would make every card match its neighbours' words.
"""

from __future__ import annotations

from markupsafe import Markup

from carryover.model.library import Entry, Library
from carryover.render.fragments import ENGINE_FREE, Fragments, card_facts

KEYWORD_WEIGHT = 10.0
# Cards are what parents come for; routines, signs and guides still show, a little lower.
PAGE_WEIGHT = {"strategies": 1.0, "routines": 0.8, "signs": 0.7, "guides": 0.6}


def search_weight(kind: str) -> float | None:
    """The weight of a page's text in search, or None for a page that is not searched."""
    return PAGE_WEIGHT.get(kind)


def search_ignored(html: str, frags: Fragments = ENGINE_FREE) -> str:
    """``html`` (finished, escaped) kept out of the page's text in search."""
    return frags.render("search_ignore.html", content=Markup(html))


def search_title(title: str, frags: Fragments = ENGINE_FREE) -> str:
    """The title a searched page's result shows (Pagefind would take the heading's text,
    link mark included)."""
    return frags.render("search_title.html", title=title)


def search_terms(entry: Entry, lang: str, library: Library, frags: Fragments = ENGINE_FREE) -> str:
    """A card's keywords (searched, never shown) and the facts its search result shows."""
    return frags.render(
        "search_terms.html",
        keywords=" ".join(entry.version(lang).card.keywords),
        weight=KEYWORD_WEIGHT,
        facts=card_facts(entry.card, lang, library.taxonomy)[:2],  # category and ages, not time
    )
