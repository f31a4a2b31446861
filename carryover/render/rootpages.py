"""Pages at the site root, outside both languages: the language chooser."""

from __future__ import annotations

import html

from carryover import LANGUAGES
from carryover.model.taxonomy import load_ui
from carryover.render.fragments import ENGINE_FREE, Fragments


def render_root_index(languages: tuple[str, ...] = LANGUAGES, frags: Fragments = ENGINE_FREE) -> str:
    """Every language as a plain link (works without JavaScript); with JavaScript, the
    visitor's browser language picks one at once."""
    return frags.render(
        "root_index.html",
        languages=[
            {
                "code": lang,
                "name": load_ui(lang)["language_name"],
                "tagline": load_ui(lang)["site_tagline"],
                "choice_title": load_ui(lang)["language_choice_title"],
            }
            for lang in languages
        ],
    )


def sitemap_index(languages: tuple[str, ...], root_url: str) -> str:
    """Points search engines at each language's own sitemap, by absolute address (the
    sitemap protocol does not allow relative ones)."""
    entries = "\n".join(
        f"  <sitemap><loc>{html.escape(root_url)}{lang}/sitemap.xml</loc></sitemap>" for lang in languages
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}\n</sitemapindex>\n"
    )
