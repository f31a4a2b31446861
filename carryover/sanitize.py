"""What may reach a reader: escaping, an allow-list for the authors' HTML, safe URLs.

Two lines of defence, on purpose:

- ``find_unsafe_markup`` and ``unsafe_text`` tell an author, with file and line,
  that something in a card would be removed (``carryover check`` and the build
  both report it as an error);
- ``clean_html`` runs on every page's HTML made from the authors' Markdown, and
  ``safe_url`` on every URL the build writes, so the published site is safe even
  where a check misses a new trick.

The sanitiser is Ammonia (through ``nh3``): a parser that builds the same tree a
browser would, then writes back only allowed tags, attributes and URL schemes.
Regular expressions over lines were easy to get around (an event attribute on the
next line, ``<svg/onload=…>``, ``javascript&#58;``).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3

# Links and images may point at web pages, mail and phone numbers, or this site.
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# What the Markdown of a card, routine, sign or guide turns into, and nothing more:
# text structure, links, images, tables, the theme's admonitions and grids, and the
# small inline SVG icons the emoji extension writes.
ALLOWED_TAGS = frozenset(
    {
        *("a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em"),
        *("figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd"),
        *("li", "mark", "ol", "p", "pre", "s", "section", "small", "span", "strong", "sub", "summary"),
        *("sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul"),
        *("svg", "path", "g", "circle", "rect"),
    }
)
_GENERIC = {"class", "id", "lang", "title", "dir", "role", "hidden", "aria-hidden", "aria-label", "aria-labelledby"}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": _GENERIC,
    "a": {"href", "hreflang", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed", "type"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "details": {"open"},
    "svg": {"xmlns", "viewbox", "viewBox", "width", "height", "fill", "focusable"},
    "path": {"d", "fill", "fill-rule", "clip-rule"},
    "g": {"fill"},
    "circle": {"cx", "cy", "r", "fill"},
    "rect": {"x", "y", "width", "height", "rx", "fill"},
}


def clean_html(fragment: str) -> str:
    """The authors' HTML with only what the allow-list permits (comments are kept: the
    build's own markers are comments, and a comment never runs)."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(SAFE_SCHEMES),
        strip_comments=False,
        link_rel=None,
        filter_style_properties={"text-align"},
    )


_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in ``url`` (entities decoded, spaces and control
    characters dropped, as browsers do), lower-cased; None for a relative URL."""
    decoded = _CONTROL.sub("", html.unescape(str(url)))
    match = _SCHEME.match(decoded)
    return match[1].lower() if match else None


def safe_url(url: str) -> str | None:
    """``url`` when a reader may follow it (a web, mail or phone address, or a path on
    this site), else None: ``javascript:``, ``data:``, ``vbscript:`` and the rest."""
    scheme = url_scheme(url)
    return str(url) if scheme is None or scheme in SAFE_SCHEMES else None


# ---- telling authors -----------------------------------------------------------

FORBIDDEN_TAGS = frozenset(
    {"script", "style", "iframe", "object", "embed", "frame", "frameset", "form", "input", "button"}
    | {"textarea", "select", "link", "meta", "base", "template", "applet", "noscript", "math", "svg"}
)
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "ping"})
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^\s>]*)>")


class _Finder(HTMLParser):
    """Reads HTML the way a browser's tokenizer does (multi-line tags, ``<svg/onload>``,
    entities in attribute values) and notes every unsafe construct with its line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0] - 1
        if tag in FORBIDDEN_TAGS:
            self.found.append((line, f"a <{tag}> tag"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"an event attribute '{name}=' on <{tag}>"))
            elif name == "style":
                self.found.append((line, f"a 'style' attribute on <{tag}> (the site's stylesheet does the styling)"))
            elif name in URL_ATTRIBUTES and value is not None and safe_url(value) is None:
                self.found.append((line, f"a '{url_scheme(value)}:' address in {name}= on <{tag}>"))

    handle_startendtag = handle_starttag


def find_unsafe_markup(text: str) -> list[tuple[int, str]]:
    """(line offset, what) for every construct the published page would drop: scripts and
    other active tags, event attributes, and links or images to unsafe URL schemes, in
    HTML and in Markdown link syntax alike."""
    finder = _Finder()
    finder.feed(text)
    finder.close()
    found = list(finder.found)
    for pattern in (_MD_LINK, _MD_REFERENCE, _AUTOLINK):
        for match in pattern.finditer(text):
            scheme = url_scheme(match[1])
            if scheme is not None and scheme not in SAFE_SCHEMES:
                found.append((text.count("\n", 0, match.start(1)), f"a '{scheme}:' link"))
    return sorted(set(found))


_TAG_LIKE = re.compile(r"<\s*/?\s*[a-zA-Z!?]|&#|&[a-zA-Z]+;")


def unsafe_text(value: str) -> str | None:
    """Why a plain-text field (a title, a material, a label) would not show as typed:
    HTML tags or character references. Such fields are always shown as text."""
    if _TAG_LIKE.search(value):
        return "must be plain text: it contains HTML (a '<' tag or an '&…;' reference), which is shown as typed"
    return None
