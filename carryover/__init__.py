"""Carryover: turns tagged Markdown strategy cards into a bilingual library.

The package is plain Python with no MkDocs import: it loads and validates
content, and renders pages and assets. ``hooks/`` adapts it to MkDocs.
"""

LANGUAGES: tuple[str, ...] = ("en", "es")
ORIGINAL_LANGUAGE = "en"
