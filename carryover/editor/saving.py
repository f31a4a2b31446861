"""What a save from the browser form writes: for each page file the form sends, the file on
disk changed as little as possible (``carryover.editor.frontmatter``), nothing for a file
that did not change, no file for a language the author left empty, and ``translated_from``
set on a translation the author saved.

The same plan is what the preview shows, so the preview's "``carryover check`` says" is
about the exact files a save would write.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from carryover import LANGUAGES, ORIGINAL_LANGUAGE
from carryover.editor.config import BODY_WIDGET, form_fields, translation_mode
from carryover.editor.frontmatter import FormFileError, key_order, merge_file, merge_values, read_values, set_field
from carryover.model.library import KINDS, Library, fingerprint_text
from carryover.model.scaffold import body_template

PAGE_FILE = re.compile(r"^(?P<kind>[a-z]+)/(?P<id>[a-z0-9-]+)\.(?P<lang>[a-z]{2,3})\.md$")
DATE_FIELDS = frozenset({"reviewed"})


@dataclass(frozen=True)
class PageFile:
    """A page file's place in the content folder: ``strategies/bead-threading.es.md``."""

    kind: str
    page_id: str
    lang: str

    @property
    def path(self) -> str:
        return f"{self.kind}/{self.page_id}.{self.lang}.md"

    @property
    def original(self) -> bool:
        return self.lang == ORIGINAL_LANGUAGE


def page_file(path: str) -> PageFile:
    """``path`` (relative to the content folder) as a page file, or ``FormFileError``."""
    match = PAGE_FILE.match(path.replace("\\", "/").lstrip("/"))
    if not match or match["kind"] not in KINDS or match["lang"] not in LANGUAGES:
        raise FormFileError(f"{path}: not a page file of this library (<kind>/<id>.<language>.md)")
    return PageFile(match["kind"], match["id"], match["lang"])


def managed_fields(kind: str, original: bool, library: Library) -> set[str]:
    """The fields the form writes in a page's original file, or in a translation."""
    names = set()
    for field in form_fields(kind, library):
        if field["widget"] == BODY_WIDGET:
            continue
        if original or translation_mode(kind, field["name"]) != "none":
            names.add(field["name"])
    return names


def translated_something(kind: str, values: dict[str, Any], body: str, lang: str, library: Library) -> bool:
    """Whether the author wrote anything in this language (beyond the id every file repeats)."""
    own = managed_fields(kind, False, library) - {"id"}
    wrote = any(values.get(name) not in (None, "", [], {}) for name in own)
    return wrote or body.strip() not in ("", body_template(kind, lang).strip())


def _dates(values: dict[str, Any]) -> dict[str, Any]:
    """The form's dates (text such as 2026-12-01) as dates, as YAML would read them."""
    out = dict(values)
    for name in DATE_FIELDS & out.keys():
        if isinstance(out[name], str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", out[name]):
            out[name] = dt.date.fromisoformat(out[name])
    return out


def plan_save(root: Path, sent: dict[str, str], library: Library) -> dict[str, str]:
    """{path: text} to write for the files the form sent ({path: file text}), keyed by path
    relative to ``root``; the files whose text does not change are left out."""
    return _plan(root, dict(sent), library)


def plan_draft(
    root: Path, kind: str, page_id: str, drafts: dict[str, dict[str, Any]], library: Library
) -> dict[str, str]:
    """The same plan for the form's unsaved values ({language: values, with ``body``})."""
    return _plan(
        root,
        {
            f"{kind}/{page_id}.{lang}.md": (
                _dates({k: v for k, v in values.items() if k != "body"}),
                values.get("body") or "",
            )
            for lang, values in drafts.items()
        },
        library,
    )


def _plan(root: Path, sent: dict[str, str | tuple[dict[str, Any], str]], library: Library) -> dict[str, str]:
    planned: dict[str, str] = {}
    old: dict[str, str | None] = {}
    for path, what in sent.items():
        where = page_file(path)
        file = root / where.path
        old[where.path] = file.read_text(encoding="utf-8") if file.is_file() else None
        managed = managed_fields(where.kind, where.original, library)
        order = key_order(where.kind, where.original)
        if isinstance(what, str):
            text = merge_file(old[where.path], what, managed, order)
        else:
            values, body = what
            text = merge_values(old[where.path], values, body, managed, order)
        if not where.original and old[where.path] is None:
            values = read_values(text)
            body = text.split("\n---\n", 1)[1] if "\n---\n" in text else ""
            if not translated_something(where.kind, values, body, where.lang, library):
                continue  # a language the author left empty: no file, the page says it is not translated
        planned[where.path] = text
    for path, text in list(planned.items()):
        where = page_file(path)
        if where.original or text == old[path]:
            continue
        original_path = f"{where.kind}/{where.page_id}.{ORIGINAL_LANGUAGE}.md"
        original = planned.get(original_path) or old.get(original_path)
        if original is None and (root / original_path).is_file():
            original = (root / original_path).read_text(encoding="utf-8")
        if original is not None:  # saved in the form: a translation of the original as it is now
            planned[path] = set_field(text, "translated_from", fingerprint_text(original), key_order(where.kind, False))
    return {path: text for path, text in planned.items() if text != old[path]}
