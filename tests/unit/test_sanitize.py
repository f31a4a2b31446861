"""carryover/sanitize.py: what may reach a reader, and what an author is told would be removed."""

from __future__ import annotations

import pytest

from carryover.sanitize import clean_html, find_unsafe_markup, safe_url, unsafe_text, url_scheme

ATTACKS = [
    ("script", "<p>a</p><script>alert(1)</script>", "alert"),
    ("event on next line", '<img src="x.png"\n onerror="alert(1)">', "onerror"),
    ("svg onload", "<svg/onload=alert(1)>", "onload"),
    ("javascript link", '<a href="javascript:alert(1)">x</a>', "javascript"),
    ("entity in scheme", '<a href="javascript&#58;alert(1)">x</a>', "alert"),
    ("tab in scheme", '<a href="java\tscript:alert(1)">x</a>', "script:"),
    ("data image", '<img src="data:text/html;base64,PHNjcmlwdD4=">', "data:"),
    ("iframe", '<iframe src="https://evil.example"></iframe>', "iframe"),
    ("style attribute", '<p style="background:url(javascript:alert(1))">x</p>', "background"),
    ("form", '<form action="https://evil.example"><input name="q"></form>', "form"),
]


@pytest.mark.parametrize(("name", "html", "gone"), ATTACKS, ids=[a[0] for a in ATTACKS])
def test_the_sanitiser_removes_every_active_shape(name, html, gone):
    """The published page is safe even where a check misses a new trick."""
    assert gone not in clean_html(html).lower()


def test_the_sanitiser_keeps_what_pages_need():
    html = (
        '<h2 id="steps">Steps</h2><ol start="2"><li><a href="https://example.org/" hreflang="es">x</a></li></ol>'
        '<img src="../img/a.png" alt="A" width="10"><!-- carryover:marker -->'
        '<svg viewBox="0 0 24 24"><path d="M0 0h24"></path></svg>'
        '<details open=""><summary>More</summary>text</details><a href="mailto:a@b.org">m</a><a href="tel:+1">t</a>'
    )
    assert clean_html(html) == html


def test_only_text_alignment_survives_in_table_styles():
    """Markdown tables align columns with a style; nothing else may ride along."""
    cleaned = clean_html('<table><tr><td style="text-align: right; color: red">z</td></tr></table>')
    assert '<td style="text-align:right">z</td>' in cleaned
    assert "color" not in cleaned
    assert clean_html('<p style="text-align:center">x</p>') == "<p>x</p>"


@pytest.mark.parametrize(
    ("url", "scheme", "safe"),
    [
        ("https://example.org/", "https", True),
        ("HTTP://EXAMPLE.ORG", "http", True),
        ("mailto:a@b.org", "mailto", True),
        ("tel:+15551234", "tel", True),
        ("../strategies/a/", None, True),
        ("#steps", None, True),
        ("/es/", None, True),
        ("javascript:alert(1)", "javascript", False),
        (" \x01JaVaScRiPt:alert(1)", "javascript", False),
        ("jav&#x09;ascript:alert(1)", "javascript", False),
        ("&#106;avascript:alert(1)", "javascript", False),
        ("data:text/html,x", "data", False),
        ("vbscript:x", "vbscript", False),
    ],
)
def test_url_schemes_are_read_as_a_browser_reads_them(url, scheme, safe):
    assert url_scheme(url) == scheme
    assert (safe_url(url) == url) is safe
    assert safe or safe_url(url) is None


def test_unsafe_markup_is_found_with_its_line():
    """An author is told, at file:line, what the published page would drop."""
    text = "Intro\n<p>ok</p>\n<img src=x\n  onerror=alert(1)>\n<script>x</script>\n[a](javascript:alert(1))\n"
    found = find_unsafe_markup(text)
    assert found == [
        (2, "an event attribute 'onerror=' on <img>"),
        (4, "a <script> tag"),
        (5, "a 'javascript:' link"),
    ]


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ('<p style="color:red">x</p>', "a 'style' attribute on <p>"),
        ('<a href="data:text/html,x">x</a>', "a 'data:' address in href= on <a>"),
        ("<svg/onload=alert(1)>", "a <svg> tag"),
        ("[x]: javascript:alert(1)", "a 'javascript:' link"),
        ("<vbscript:msgbox(1)>", "a 'vbscript:' link"),
        ('<a href="jav&#x09;ascript:x">x</a>', "a 'javascript:' address in href= on <a>"),
    ],
)
def test_each_unsafe_construct_is_named(text, what):
    assert any(message.startswith(what) for _, message in find_unsafe_markup(text)), find_unsafe_markup(text)


def test_ordinary_markdown_is_not_reported():
    text = "## Steps\n\n1. [A card](../a/#steps)\n2. <https://example.org>\n\n[ref]: https://example.org\n"
    assert find_unsafe_markup(text) == []


@pytest.mark.parametrize("value", ["<b>Bold</b>", "Tom &amp; Jerry", "&#106;", "< script", "</p>", "<!-- x -->"])
def test_html_in_a_plain_text_field_is_refused(value):
    """Titles and labels are shown as typed: markup there would print as visible tags."""
    assert unsafe_text(value) is not None


@pytest.mark.parametrize("value", ["Ages 3 < 5", "Salt & pepper", "A -> B", "Café"])
def test_ordinary_punctuation_in_a_text_field_is_fine(value):
    assert unsafe_text(value) is None
