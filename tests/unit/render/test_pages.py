"""carryover/render/pages.py: pieces of a page that carry an author's or a data file's text."""

from __future__ import annotations

from types import SimpleNamespace

import markdown
import pytest

from carryover.render.pages import md_link_target, sources_section

REFERENCE = {
    "authors": "Lee, A. & Ruiz, B.",
    "year": 2024,
    "title": "Coaching <at> home",
    "journal": "Child *Care*",
    "url": "https://example.org/a b<c>\\d",
}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/x", "https://example.org/x"),
        ("https://example.org/a b", "https://example.org/a%20b"),
        ("https://example.org/<x>", "https://example.org/%3Cx%3E"),
        ("https://example.org/a\\b", "https://example.org/a%5Cb"),
    ],
)
def test_a_link_target_cannot_end_early_or_escape(url, expected):
    assert md_link_target(url) == expected


def test_a_source_is_shown_as_written_and_links_where_it_says():
    """Authors, title and journal are text, never markup; the address is the reference's own."""
    library = SimpleNamespace(references={"lee-2024": REFERENCE})
    page = markdown.markdown("\n".join(sources_section(["lee-2024"], "en", library)), extensions=["attr_list"])
    assert "Lee, A. &amp; Ruiz, B. (2024). Coaching &lt;at&gt; home. <em>Child *Care*</em>." in page
    assert 'href="https://example.org/a%20b%3Cc%3E%5Cd"' in page
