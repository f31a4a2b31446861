"""The browser form's configuration (Decap CMS), generated from the card schema and the library.

Nothing here is written by hand twice: each form field comes from a field of the schema
(``carryover.model.schema``), its widget from the field's type, its limits from the
schema's constraints, its choices from the taxonomy and the library, and whether it is
translated from the translation's schema. A field the schema has and the form lacks (or
the other way round) is a failing test, not a form that saves cards ``carryover check``
rejects.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from annotated_types import Ge, Le, MaxLen, MinLen
from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo

from carryover import LANGUAGES, ORIGINAL_LANGUAGE
from carryover.model.library import Library
from carryover.model.scaffold import body_template
from carryover.model.schema import ID_PATTERN, SCHEMAS

# The field that names a page (and its files); the same in every language.
ID_FIELD = "id"

# Front-matter fields the form never shows: ``translated_from`` is written when a
# translation is saved (see ``carryover.editor.frontmatter``), never typed.
NOT_IN_FORM = frozenset({"translated_from"})

# The body of every page: one Markdown text per language, started from the kind's headings.
BODY_WIDGET = "carryover-sections"

LOCALES = Path(__file__).parent / "locales"


@lru_cache(maxsize=8)
def form_text(lang: str) -> dict[str, Any]:
    """The form's own words in ``lang`` (``carryover/editor/locales/<lang>.yml``); a language
    without a file gets the English ones, so a new language works before its form is translated."""
    path = LOCALES / f"{lang}.yml"
    if not path.is_file():
        path = LOCALES / "en.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def field_constraints(info: FieldInfo) -> dict[str, Any]:
    """The schema's limits on a field itself (ge, le, min and max length), as pydantic keeps
    them: ``Field(...)`` arguments and the constraints of an ``Annotated`` text type."""
    found: dict[str, Any] = {}
    for item in info.metadata:
        if isinstance(item, Ge):
            found["min"] = item.ge
        elif isinstance(item, Le):
            found["max"] = item.le
        elif isinstance(item, MinLen):
            found["min_length"] = item.min_length
        elif isinstance(item, MaxLen):
            found["max_length"] = item.max_length
        elif isinstance(item, StringConstraints):
            found.update({k: v for k in ("min_length", "max_length") if (v := getattr(item, k)) is not None})
    return found


def _core(annotation: Any) -> Any:
    """``list[Id] | None`` -> ``list[Id]``; ``Annotated[str, ...]`` -> ``str``."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        annotation = args[0]
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _options(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"label": label, "value": value} for value, label in pairs]


def _both(labels: dict[str, str]) -> str:
    """A choice's label in every language, so a bilingual author recognises it in either."""
    return " · ".join(dict.fromkeys(labels[lang] for lang in LANGUAGES if labels.get(lang)))


def choices(library: Library, name: str) -> list[tuple[str, str]] | None:
    """(value, label) of everything a field may name, or ``None`` for a free field."""
    tax = library.taxonomy

    def titles(kind: str) -> list[tuple[str, str]]:
        entries = library.entries[kind].values()
        return sorted(((e.id, f"{e.meta.title} ({e.id})") for e in entries), key=lambda p: p[1].casefold())

    match name:
        case "category":
            return [(key, _both({lang: tax.category_label(key, lang) for lang in LANGUAGES})) for key in tax.categories]
        case "tags":
            return [(key, _both({lang: tax.tag_label(key, lang) for lang in LANGUAGES})) for key in tax.tags]
        case "settings":
            return [(key, _both({lang: tax.setting_label(key, lang) for lang in LANGUAGES})) for key in tax.settings]
        case "evidence":
            return [(key, _both({lang: tax.evidence_label(key, lang) for lang in LANGUAGES})) for key in tax.evidence]
        case "routines" | "signs":
            return titles(name)
        case "easier" | "harder" | "related":
            return titles("strategies")
        case "reviewer":
            return [(r.key, f"{r.name}, {r.credential}") for r in library.review.reviewers.values()]
        case "sources":
            return [
                (key, f"{ref.get('authors', '')} ({ref.get('year', '')}). {ref.get('title', '')}")
                for key, ref in sorted(library.references.items())
            ]
    return None


def translation_mode(kind: str, name: str) -> str:
    """How a field is kept across languages, as Decap names it: each language's own words
    (``translate``), the same value copied (``duplicate``: the id, which names both files), or
    only in the original's file (``none``: a shared field)."""
    _, translation, shared = SCHEMAS[kind]
    if name == ID_FIELD:
        return "duplicate"
    if name in shared or name not in translation.model_fields:
        return "none"
    return "translate"


def _decap_i18n(mode: str) -> bool | str:
    if mode == "duplicate":
        return "duplicate"
    return mode == "translate"


def _hint(name: str, library: Library, text: dict[str, Any]) -> str | None:
    hint = text["hints"].get(name)
    if name == "evidence" and hint:
        levels = [k for k, level in library.taxonomy.evidence.items() if level.get("needs_source")]
        lang = text["decap_locale"] if text["decap_locale"] in LANGUAGES else ORIGINAL_LANGUAGE
        hint = hint.format(levels=", ".join(f"«{library.taxonomy.evidence_label(k, lang)}»" for k in levels))
    return hint


def form_field(
    kind: str, name: str, info: FieldInfo, library: Library, text: dict[str, Any] | None = None
) -> dict[str, Any] | None:
    """One schema field as a form field; ``None`` when the library gives it nothing to offer
    (a reviewer when ``reviewers.yml`` names nobody: the form never invents one)."""
    text = text or form_text(ORIGINAL_LANGUAGE)
    core = _core(info.annotation)
    limits = field_constraints(info)
    label = text["labels"].get(name, name.capitalize())
    field: dict[str, Any] = {"label": label, "name": name, "required": info.is_required()}
    if hint := _hint(name, library, text):
        field["hint"] = hint
    options = choices(library, name)
    is_list = typing.get_origin(core) is list
    if options is not None:
        if not options:
            return None
        field.update(widget="select", options=_options(options), multiple=is_list)
        if is_list and limits.get("min_length"):
            field["min"] = limits["min_length"]
    elif core is dt.date:
        field.update(widget="datetime", format="YYYY-MM-DD", date_format="YYYY-MM-DD", time_format=False)
        field["default"] = "{{now}}"
    elif core is int:
        field.update(widget="number", value_type="int")
        for key in ("min", "max"):
            if key in limits:
                field[key] = limits[key]
    elif (
        is_list
        and isinstance(_core(typing.get_args(core)[0]), type)
        and issubclass(_core(typing.get_args(core)[0]), BaseModel)
    ):
        item = _core(typing.get_args(core)[0])
        field.update(widget="list", fields=_object_fields(item, text), summary="{{fields.label}}")
        field.update({k: v for k, v in (("min", limits.get("min_length")), ("max", limits.get("max_length"))) if v})
    elif is_list:
        field["widget"] = "list"
        if name == "materials":  # one line per thing: a material may contain a comma
            field["field"] = {"label": text["labels"]["thing"], "name": "thing", "widget": "string"}
        field.update({k: v for k, v in (("min", limits.get("min_length")), ("max", limits.get("max_length"))) if v})
    elif isinstance(core, type) and issubclass(core, BaseModel):
        field.update(widget="object", fields=_object_fields(core, text), collapsed=False)
    else:
        field["widget"] = "text" if name == "summary" else "string"
        if name == ID_FIELD:
            longest = limits.get("max_length")
            pattern = f"^(?=.{{1,{longest}}}$){ID_PATTERN[1:]}" if longest else ID_PATTERN
            field["pattern"] = [pattern, "Lower-case letters and digits, words joined by hyphens (bath-time)."]
        elif "max_length" in limits:
            field["pattern"] = [
                f"^[\\s\\S]{{1,{limits['max_length']}}}$",
                f"At most {limits['max_length']} characters.",
            ]
    field["i18n"] = _decap_i18n(translation_mode(kind, name))
    return field


def _object_fields(model: type[BaseModel], text: dict[str, Any]) -> list[dict[str, Any]]:
    """The fields of a nested object (ages, a routine step). A step's icon is optional in the
    form, which every language shares: the original's file must name one (``carryover check``
    says so), a translation's leaves it out."""
    fields = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        core = _core(info.annotation)
        sub: dict[str, Any] = {"label": text["labels"].get(key, key.capitalize()), "name": key}
        sub["required"] = info.is_required()
        if core is int:
            sub.update(widget="number", value_type="int", **field_constraints(info))
        else:
            sub["widget"] = "string"
            if "max_length" in (limits := field_constraints(info)):
                sub["pattern"] = [f"^.{{1,{limits['max_length']}}}$", f"At most {limits['max_length']} characters."]
        if key == "icon":
            sub["required"] = False
            sub["hint"] = text["hints"]["icon"]
        fields.append(sub)
    return fields


def form_fields(kind: str, library: Library, text: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
    """The original's schema, field by field, then the body."""
    text = text or form_text(ORIGINAL_LANGUAGE)
    original, _, _ = SCHEMAS[kind]
    for name, info in original.model_fields.items():
        if name in NOT_IN_FORM:
            continue
        field = form_field(kind, info.alias or name, info, library, text)
        if field is not None:
            yield field
    yield {
        "label": text["labels"]["body"],
        "name": "body",
        "widget": BODY_WIDGET,
        "hint": text["hints"]["body"],
        "templates": {lang: body_template(kind, lang) for lang in LANGUAGES},
        "i18n": True,
    }


def collection(kind: str, library: Library, folder: str, text: dict[str, Any] | None = None) -> dict[str, Any]:
    text = text or form_text(ORIGINAL_LANGUAGE)
    label, singular = text["collections"][kind]
    return {
        "name": kind,
        "label": label,
        "label_singular": singular,
        "folder": folder,
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "delete": False,  # a published address is a promise: removing a page is a decision, not a click
        "slug": "{{id}}",
        "identifier_field": "title",
        "summary": "{{title}} ({{id}})",
        "sortable_fields": ["title", "id"],
        "i18n": True,
        "fields": list(form_fields(kind, library, text)),
    }


def editor_config(
    library: Library,
    backend: dict[str, Any],
    folder_prefix: str = "",
    media_folder: str = "assets/uploads",
    ui_lang: str = ORIGINAL_LANGUAGE,
) -> dict[str, Any]:
    """The whole configuration: one collection per kind of page, in every language of the library.

    ``backend`` is where the form reads and saves: the local server (``make edit``) or the
    clinic's git host (a published editor). ``folder_prefix`` places the content folder in
    the repository the backend sees (``""`` when it is the content folder itself); ``ui_lang``
    is the language of the form's own words (``carryover/editor/locales/``)."""
    text = form_text(ui_lang)
    return {
        "backend": backend,
        "media_folder": media_folder,
        "locale": text["decap_locale"],
        "publish_mode": "simple",
        "i18n": {"structure": "multiple_files", "locales": list(LANGUAGES), "default_locale": ORIGINAL_LANGUAGE},
        "collections": [collection(kind, library, f"{folder_prefix}{kind}", text) for kind in SCHEMAS],
    }
