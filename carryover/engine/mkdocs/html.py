"""Changes to the HTML that MkDocs and Material wrote: numbered step anchors, no head
alternates (Material's script fetches a sitemap for each), hreflang in the sitemap, and a
name for Material's search dialog. Each reads markup only this engine makes."""

from __future__ import annotations

import re

from carryover import LANGUAGES
from carryover.render.common import esc

_STEPS_LIST = re.compile(r'(<h2 id="steps">.*?</h2>\s*<ol>)(.*?)(</ol>)', re.S)


def add_step_anchors(page_html: str) -> str:
    """Give each step an id (#step-1, #step-2 …) so a therapist can link "step 3"."""

    def number(match: re.Match) -> str:
        count = 0

        def li(_: re.Match) -> str:
            nonlocal count
            count += 1
            return f'<li id="step-{count}">'

        return match[1] + re.sub(r"<li>", li, match[2]) + match[3]

    return _STEPS_LIST.sub(number, page_html, count=1)


_HEAD_ALTERNATE = re.compile(r'\n[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


_LOC = re.compile(r"<loc>([^<]+)</loc>")


def remove_head_alternates(page_html: str) -> str:
    """Drop the theme's <link rel=alternate> tags: its script fetches '<href>/sitemap.xml'
    for each one, which 404s for page-level links. Page-level hreflang lives in the
    sitemaps instead (see sitemap_with_alternates); the language switch stays."""
    end = page_html.find("</head>")  # only the head is read: this runs on every page
    return _HEAD_ALTERNATE.sub("", page_html[:end]) + page_html[end:] if end > 0 else page_html


def sitemap_with_alternates(xml: str, root_url: str, languages: tuple[str, ...] = LANGUAGES) -> str:
    """Add each page's hreflang alternates (xhtml:link) to a language's sitemap."""

    def alternates(match: re.Match) -> str:
        url = match[1]
        rest = url[len(root_url) :].split("/", 1)[-1] if url.startswith(root_url) else None
        if rest is None:
            return match[0]
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{root_url}{code}/{rest}"/>' for code in languages
        )
        return match[0] + links

    xml = xml.replace(
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"',
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"',
        1,
    )
    return _LOC.sub(alternates, xml)


def name_search_dialog(page_html: str, label: str) -> str:
    """The theme's search panel is a dialog without a name; screen readers need one."""
    start = page_html.find('<div class="md-search"')
    end = page_html.find(">", start)
    if start < 0 or 'role="dialog"' not in page_html[start:end] or "aria-label" in page_html[start:end]:
        return page_html
    return f'{page_html[:end]} aria-label="{esc(label)}"{page_html[end:]}'
