"""The HTML the build composes (buttons, lists of cards, share blocks, tool pages, redirects,
the language chooser, paper pages) comes from small autoescaped Jinja templates, one per
fragment, found like a theme's templates are: first in the clinic's folder (when it has
one), then in the folders the engine adds (its own class names and icons), then in the
engine-free defaults beside this module. A fragment is overridden by a file of the same name
in an earlier folder.

Values reach a template as text, escaped once by Jinja; HTML the build has already made is
passed as ``Markup``. For Markdown pages the ``md`` filter escapes text for Markdown too;
the ``fill`` filter puts values into a locale's text with {placeholders} (``ui.x | fill(title=…)``),
both escaped, HTML among the values kept as it is.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from carryover.model.schema import CardMeta
from carryover.model.taxonomy import Taxonomy
from carryover.render.common import age_text, md_text, minutes_text

DEFAULTS = Path(__file__).parent / "templates" / "fragments"


@dataclass(frozen=True)
class Fragments:
    """The folders fragments are looked up in before the defaults, first one first."""

    dirs: tuple[Path, ...] = ()

    def render(self, name: str, /, **values) -> str:
        """The fragment ``name`` (e.g. "card_list.html") filled with ``values``."""
        return environment(self.dirs).get_template(name).render(**values)

    def html(self, name: str, /, **values) -> Markup:
        """The same, as HTML to pass into another fragment."""
        return Markup(self.render(name, **values))

    def files(self) -> list[Path]:
        """Every template file in the added folders (what a kept build depends on)."""
        return sorted(p for d in self.dirs if d.is_dir() for p in d.rglob("*") if p.is_file())


def _escape_text(value):
    """Text escaped as ``html.escape`` does (&quot;, &#x27;), like the rest of the build's HTML;
    ``Markup`` passes as it is."""
    return Markup(html.escape(value, quote=True)) if isinstance(value, str) and not isinstance(value, Markup) else value


def _fill(template: str, /, **values) -> Markup:
    """``template.format(**values)``, the text escaped and each value too (unless it is ``Markup``)."""
    return _escape_text(template).format(**{name: _escape_text(value) for name, value in values.items()})


@lru_cache(maxsize=16)
def environment(dirs: tuple[Path, ...]) -> jinja2.Environment:
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d)) for d in (*dirs, DEFAULTS)])
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        finalize=_escape_text,
    )
    env.filters["md"] = lambda text: Markup(md_text(text))
    env.filters["fill"] = _fill
    return env


# No folders added: the engine-free defaults alone (plain unit tests, other engines).
ENGINE_FREE = Fragments()


def fragments_of(context) -> Fragments:
    """The fragments of a build (``BuildContext.fragment_dirs``); without one, the defaults."""
    return Fragments(tuple(context.fragment_dirs)) if context is not None else ENGINE_FREE


def card_facts(meta: CardMeta, lang: str, taxonomy: Taxonomy) -> list[str]:
    """A card's category, ages and time: the line under it in listings, on its handout, in
    the cards' index and (category and ages) in search. ``facts.html`` joins them."""
    return [taxonomy.category_label(meta.category, lang), age_text(meta, lang), minutes_text(meta.time, lang)]
