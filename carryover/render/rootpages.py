"""Pages at the site root, outside both languages: the language chooser."""

from __future__ import annotations

import html

from carryover import LANGUAGES
from carryover.model.taxonomy import load_ui


def render_root_index(languages: tuple[str, ...] = LANGUAGES) -> str:
    """Both languages as plain links (works without JavaScript); with JavaScript, the
    visitor's browser language picks one at once."""
    links = "\n".join(
        f'      <li><a href="{lang}/" hreflang="{lang}" lang="{lang}">{html.escape(load_ui(lang)["language_name"])}'
        f'</a> <span lang="{lang}">— {html.escape(load_ui(lang)["site_tagline"])}</span></li>'
        for lang in languages
    )
    alternates = "\n".join(f'  <link rel="alternate" hreflang="{lang}" href="{lang}/">' for lang in languages)
    titles = " / ".join(
        f'<span lang="{lang}">{html.escape(load_ui(lang)["language_choice_title"])}</span>' for lang in languages
    )
    supported = ",".join(f'"{lang}"' for lang in languages)
    return f"""<!doctype html>
<html lang="{languages[0]}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  <title>Carryover</title>
{alternates}
  <script>
    (function () {{
      var supported = [{supported}], prefs = navigator.languages || [navigator.language || ""];
      for (var i = 0; i < prefs.length; i++) {{
        var code = String(prefs[i]).slice(0, 2).toLowerCase();
        if (supported.indexOf(code) >= 0) {{ location.replace(code + "/" + location.search + location.hash); return; }}
      }}
      location.replace(supported[0] + "/");
    }})();
  </script>
  <style>
    body {{ font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem;
           line-height: 1.5; color: #1b1b1b; }}
    a {{ color: #00695c; font-size: 1.25rem; }}
    li {{ margin: 1rem 0; }}
  </style>
</head>
<body>
  <main>
    <h1>Carryover</h1>
    <p>{titles}</p>
    <ul>
{links}
    </ul>
  </main>
</body>
</html>
"""


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
