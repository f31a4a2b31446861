"""What every renderer shares: the page type the engine receives (``GeneratedPage``, with
its ``Late`` HTML), text made safe for Markdown and HTML, and the short labels (ages,
minutes, dates, "last updated") that appear on pages, paper and search alike."""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from datetime import date

from babel import dates as babel_dates

from carryover.model.library import Entry
from carryover.model.review import ReviewPolicy
from carryover.model.schema import CardMeta
from carryover.model.source import PAGE_LINK
from carryover.model.taxonomy import load_ui

# Listing pages repeat the cards' summaries; in search they would only crowd out the cards.
NO_SEARCH = {"exclude": True}


@dataclass(frozen=True)
class GeneratedPage:
    """A page to publish: its path inside the language's site, its Markdown, and the
    finished HTML that replaces each marker in the rendered page (see ``Late``)."""

    path: str
    markdown: str
    late: dict[str, str] = field(default_factory=dict, compare=False)

    def html_after_render(self, page_html: str) -> str:
        """The rendered page with every marker replaced by its HTML."""
        for marker, fragment in self.late.items():
            page_html = page_html.replace(marker, fragment, 1)
        return page_html


@dataclass(frozen=True)
class Late:
    """Finished HTML for a page body: it skips the Markdown converter (see the module's note)."""

    html: str


def assemble(parts: list[str | Late]) -> tuple[str, dict[str, str]]:
    """Markdown with a marker for each ``Late`` part, and the HTML for each marker.

    The marker holds a hash of its HTML, so the page's source changes whenever the
    HTML does (a dirty rebuild then redoes that page)."""
    lines, late = [], {}
    for part in parts:
        if isinstance(part, Late):
            marker = f"<!--co:{hashlib.blake2b(part.html.encode(), digest_size=8).hexdigest()}-->"
            late[marker] = part.html
            lines += [marker, ""]
        else:
            lines.append(part)
    return "\n".join(lines), late


def format_date(day: date, lang: str) -> str:
    """A date as the language writes it, by Babel (CLDR): the locale and the format (a CLDR
    pattern, or short/medium/long/full) are the locale file's ``date:``."""
    style = load_ui(lang)["date"]
    return babel_dates.format_date(day, format=style["format"], locale=style["locale"])


def engine_links(markdown: str) -> str:
    """Authors link pages by their address (../../strategies/x/); give the engine the
    source path (../strategies/x.md) so it checks the link and writes the right URL."""
    return PAGE_LINK.sub(lambda m: f"](../{m[1]}/{m[2]}.md{m[3] or ''})", markdown)


def esc(text: str) -> str:
    return html.escape(str(text), quote=True)


_MD_ACTIVE = re.compile(r"([\\`*_{}\[\]()#+\-.!|:])")


def md_text(text: str) -> str:
    """Plain text (a title, a label, a material) for a Markdown page, shown exactly as
    typed: HTML is escaped, and Markdown's own marks (emphasis, links, attribute lists,
    icon shortcodes) are backslash-escaped, so nothing in it becomes markup."""
    return _MD_ACTIVE.sub(r"\\\1", html.escape(str(text), quote=False))


def front_matter(**fields) -> str:
    """YAML front matter written as JSON values (JSON is YAML): a tenth of the cost of a YAML dump."""
    data = {k: v for k, v in fields.items() if v is not None}
    return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in data.items()) + "---\n\n"


def age_text(meta: CardMeta, lang: str) -> str:
    return load_ui(lang)["years"].format(**{"from": meta.ages.from_, "to": meta.ages.to})


def minutes_text(n: int, lang: str) -> str:
    ui = load_ui(lang)
    return ui["glance_minute"] if n == 1 else ui["glance_minutes"].format(n=n)


def review_text(entry: Entry, lang: str, review: ReviewPolicy) -> str:
    """ "Reviewed by NAME, CREDENTIAL, on DATE" when the page names a known reviewer, else
    "Last updated DATE": no page claims a review nobody signed."""
    ui, meta = load_ui(lang), entry.meta
    date = format_date(meta.reviewed, lang)
    reviewer = review.reviewers.get(meta.reviewer or "")
    if reviewer is None:
        return ui["last_updated"].format(date=date)
    return ui["reviewed_by"].format(name=reviewer.name, credential=reviewer.credential, date=date)


# From a page's address to the site's root: entries and listings live at <kind>/<id>/.
UP = "../../"


def preview_path(entry: Entry) -> str:
    """Where a page's link-preview image is published."""
    return f"assets/previews/{entry.kind}/{entry.id}.png"
