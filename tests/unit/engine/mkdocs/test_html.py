"""carryover/engine/mkdocs/html.py: small, exact changes to the HTML the engine wrote."""

from __future__ import annotations

from carryover.engine.mkdocs.html import (
    add_step_anchors,
    name_search_dialog,
    remove_head_alternates,
    sitemap_with_alternates,
)

CARD = """<h2 id="why-it-helps">Why it helps</h2>
<ol><li>not a step</li></ol>
<h2 id="steps">Steps<a class="headerlink" href="#steps">¶</a></h2>
<ol>
<li>Lie down.</li>
<li>Press <em>gently</em>.</li>
<li>Breathe.</li>
</ol>
<h2 id="safety">Safety</h2>
<ol><li>Keep the face free.</li></ol>
"""


def test_each_step_gets_a_numbered_anchor_and_nothing_else_does():
    """A therapist sends "do step 3": #step-3 must be the third step of the steps list."""
    html = add_step_anchors(CARD)
    assert html.count('<li id="step-') == 3
    assert '<li id="step-1">Lie down.</li>' in html
    assert '<li id="step-2">Press <em>gently</em>.</li>' in html
    assert '<li id="step-3">Breathe.</li>' in html
    assert "<ol><li>not a step</li></ol>" in html and "<ol><li>Keep the face free.</li></ol>" in html


def test_a_page_without_steps_is_left_as_it_is():
    page = '<h2 id="safety">Safety</h2>\n<ol><li>x</li></ol>'
    assert add_step_anchors(page) == page


HEAD = """<html><head>
  <title>x</title>
  <link rel="alternate" href="/en/strategies/a/" hreflang="en">
  <link rel="alternate" href="/es/strategies/a/" hreflang="es">
  <link rel="stylesheet" href="style.css">
</head><body>
  <link rel="alternate" href="/en/" hreflang="en">
</body></html>"""


def test_head_alternates_are_dropped_and_the_body_is_untouched():
    """The theme's script fetched a sitemap for each alternate link: 404s on every page."""
    html = remove_head_alternates(HEAD)
    head, body = html.split("</head>")
    assert 'rel="alternate"' not in head
    assert '<link rel="stylesheet" href="style.css">' in head
    assert '<link rel="alternate" href="/en/" hreflang="en">' in body  # the language switch stays
    assert remove_head_alternates("<p>no head</p>") == "<p>no head</p>"


SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://x.org/en/strategies/a/</loc></url>
<url><loc>https://elsewhere.org/page/</loc></url>
</urlset>"""


def test_each_sitemap_page_lists_its_languages():
    """Search engines learn from the sitemap that /en/… and /es/… are one page in two languages."""
    xml = sitemap_with_alternates(SITEMAP, "https://x.org/", ("en", "es"))
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in xml
    assert (
        "<loc>https://x.org/en/strategies/a/</loc>"
        '<xhtml:link rel="alternate" hreflang="en" href="https://x.org/en/strategies/a/"/>'
        '<xhtml:link rel="alternate" hreflang="es" href="https://x.org/es/strategies/a/"/>'
    ) in xml
    assert "<loc>https://elsewhere.org/page/</loc></url>" in xml  # not this site's: left alone
    assert xml.count("xhtml:link") == 2


def test_a_third_language_is_listed_too():
    xml = sitemap_with_alternates(SITEMAP, "https://x.org/", ("en", "es", "fr"))
    assert 'hreflang="fr" href="https://x.org/fr/strategies/a/"' in xml


DIALOG = '<div class="md-search" data-md-component="search" role="dialog">\n<label>'


def test_the_search_dialog_gets_an_escaped_name_once():
    """Screen readers announce an unnamed dialog as just "dialog"."""
    html = name_search_dialog(DIALOG, 'Search "cards" & guides')
    assert html.startswith(
        '<div class="md-search" data-md-component="search" role="dialog" '
        'aria-label="Search &quot;cards&quot; &amp; guides">'
    )
    assert name_search_dialog(html, "Other") == html


def test_a_page_without_the_dialog_is_unchanged():
    assert name_search_dialog("<p>x</p>", "Search") == "<p>x</p>"
    no_role = '<div class="md-search">'
    assert name_search_dialog(no_role, "Search") == no_role
