"""One page rendered the way this engine renders it, outside a build: the browser form's
preview (``carryover edit``).

The page's Markdown comes from the same renderer as the site's (``render_entry``), is
converted with the Markdown extensions ``mkdocs.yml`` names, cleaned by the same allow-list
and finished with the same HTML parts; the preview pane loads the theme's stylesheets and
ours. Only the theme's page frame (header, navigation) is left out.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import material
from markupsafe import Markup
from mkdocs.config import load_config

from carryover.context import BuildContext
from carryover.engine.mkdocs.html import add_step_anchors
from carryover.engine.mkdocs.icons import icons_dir
from carryover.engine.mkdocs.site import ENGINE_FRAGMENTS
from carryover.model.library import Entry, Library
from carryover.model.settings import SiteSettings
from carryover.render.fragments import Fragments
from carryover.render.pages import render_entry
from carryover.sanitize import clean_html

PROBLEMS = "carryover check stops on this page until this is fixed:"
THEME_DIR = Path(material.__file__).parent / "templates"


class PagePreview:
    """Made once per editing session from the project's ``mkdocs.yml``."""

    def __init__(self, config_file: Path) -> None:
        config = load_config(str(config_file))
        self.extensions = list(config.markdown_extensions)
        self.extension_configs = dict(config.mdx_configs)
        self.custom_dir = Path(config.theme.custom_dir or config_file.parent / "overrides")
        clinic = self.custom_dir / "fragments"
        self.context = BuildContext(
            icons_dir=icons_dir(), fragment_dirs=(*([clinic] if clinic.is_dir() else []), ENGINE_FRAGMENTS)
        )

    def stylesheets(self) -> list[Path]:
        """The theme's stylesheets, then ours: what every page of the site loads."""
        return [
            *sorted(THEME_DIR.glob("assets/stylesheets/main.*.min.css")),
            *sorted(THEME_DIR.glob("assets/stylesheets/palette.*.min.css")),
            self.custom_dir / "assets" / "stylesheets" / "carryover.css",
        ]

    def article(
        self, library: Library, entry: Entry | None, lang: str, problems: list[str], heading: str = PROBLEMS
    ) -> str:
        """The page's article in ``lang``, with ``problems`` listed under ``heading`` above it
        (only them, with no page to show)."""
        frags = Fragments(self.context.fragment_dirs)
        if entry is None:
            return frags.render("preview.html", lang=lang, article="", problems=problems, ui_problems=heading)
        page = render_entry(entry, lang, library, SiteSettings(), frags)
        text = page.markdown
        if text.startswith("---\n"):
            text = text[text.index("\n---", 3) + 4 :]
        converter = markdown.Markdown(extensions=self.extensions, extension_configs=self.extension_configs)
        html = clean_html(converter.convert(text))
        if entry.kind == "strategies":
            html = add_step_anchors(html)
        html = page.html_after_render(html)
        return frags.render(
            "preview.html",
            lang=lang,
            article=Markup(html),  # made from the authors' Markdown and cleaned above
            problems=problems,
            ui_problems=heading,
        )
