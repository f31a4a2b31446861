"""carryover/editor/config.py: the browser form's configuration is the schema, field by field."""

from __future__ import annotations

import pytest

from carryover import LANGUAGES, ORIGINAL_LANGUAGE
from carryover.check.library import load_library
from carryover.editor import config as editor_config_module
from carryover.editor.config import BODY_WIDGET, NOT_IN_FORM, collection, editor_config, translation_mode
from carryover.model.schema import SCHEMAS, SECTIONS
from carryover.model.taxonomy import load_ui

LOCAL = {"name": "proxy", "proxy_url": "/api/v1"}


def fields_of(kind, library) -> dict[str, dict]:
    return {f["name"]: f for f in collection(kind, library, kind)["fields"]}


def schema_names(kind) -> dict[str, object]:
    original, _, _ = SCHEMAS[kind]
    return {info.alias or name: info for name, info in original.model_fields.items()}


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_every_schema_field_is_in_the_form_and_nothing_else(kind, library):
    names = set(fields_of(kind, library)) - {"body"}
    expected = set(schema_names(kind)) - NOT_IN_FORM
    if not library.review.reviewers:  # the form never offers a reviewer nobody is
        expected.discard("reviewer")
    assert names == expected


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_required_and_translated_fields_follow_the_schema(kind, library):
    _, translation, shared = SCHEMAS[kind]
    infos = schema_names(kind)
    for name, field in fields_of(kind, library).items():
        if name == "body":
            assert field["widget"] == BODY_WIDGET and field["i18n"] is True
            continue
        assert field["required"] == infos[name].is_required(), name
        if name == "id":
            assert field["i18n"] == "duplicate"
        elif name in shared or name not in translation.model_fields:
            assert field["i18n"] is False, name
        else:
            assert field["i18n"] is True, name


def test_numbers_lists_and_texts_carry_the_schemas_limits(library):
    fields = fields_of("strategies", library)
    assert (fields["time"]["widget"], fields["time"]["min"], fields["time"]["max"]) == ("number", 1, 60)
    ages = {f["name"]: f for f in fields["ages"]["fields"]}
    assert {(ages[k]["min"], ages[k]["max"]) for k in ("from", "to")} == {(0, 12)}
    assert (fields["materials"]["min"], fields["materials"]["max"]) == (1, 8)
    assert fields["keywords"]["min"] == 1 and "max" not in fields["keywords"]
    assert fields["title"]["pattern"][0] == "^[\\s\\S]{1,80}$"
    assert fields["summary"]["pattern"][0] == "^[\\s\\S]{1,200}$"
    assert fields["reviewed"]["widget"] == "datetime" and fields["reviewed"]["time_format"] is False
    steps = fields_of("routines", library)["steps"]
    assert (steps["min"], steps["max"]) == (2, 10)
    label = next(f for f in steps["fields"] if f["name"] == "label")
    assert label["pattern"][0] == "^.{1,40}$"


def test_choices_are_the_taxonomys_and_the_librarys(library):
    fields = fields_of("strategies", library)
    tax = library.taxonomy

    def values(name):
        return [o["value"] for o in fields[name]["options"]]

    assert values("category") == list(tax.categories)
    assert values("tags") == list(tax.tags) and fields["tags"]["multiple"] is True
    assert values("settings") == list(tax.settings) and fields["settings"]["min"] == 1
    assert values("evidence") == list(tax.evidence)
    assert set(values("routines")) == set(library.routines)
    assert set(values("signs")) == set(library.signs)
    for name in ("easier", "harder", "related"):
        assert set(values(name)) == set(library.cards)
    assert set(values("sources")) == set(library.references)
    label = next(o["label"] for o in fields["category"]["options"] if o["value"] == "sensory")
    assert all(tax.category_label("sensory", lang) in label for lang in LANGUAGES)


def test_a_reviewer_is_offered_once_reviewers_yml_names_one(content):
    (content / "reviewers.yml").write_text(
        "reviewers:\n  ana:\n    name: Ana Pérez\n    credential: OTR/L\n    organisation: Example Clinic\n",
        encoding="utf-8",
    )
    library = load_library(content)
    assert not library.problems, [str(p) for p in library.problems.items]
    reviewer = fields_of("strategies", library)["reviewer"]
    assert reviewer["widget"] == "select" and reviewer["required"] is False
    assert reviewer["options"] == [{"label": "Ana Pérez, OTR/L", "value": "ana"}]


def test_a_new_page_starts_from_its_headings_in_each_language(library):
    for kind in SCHEMAS:
        body = fields_of(kind, library)["body"]
        for lang in LANGUAGES:
            ui = load_ui(lang)
            headings = [line[3:] for line in body["templates"][lang].splitlines() if line.startswith("## ")]
            assert headings == [ui[key] for key in SECTIONS[kind]], (kind, lang)


def test_the_configuration_names_every_language_and_kind(library):
    config = editor_config(library, LOCAL)
    assert config["backend"] == LOCAL
    assert config["i18n"] == {
        "structure": "multiple_files",
        "locales": list(LANGUAGES),
        "default_locale": ORIGINAL_LANGUAGE,
    }
    assert [c["name"] for c in config["collections"]] == list(SCHEMAS)
    assert all(c["delete"] is False and c["slug"] == "{{id}}" for c in config["collections"])
    published = editor_config(library, LOCAL, folder_prefix="content/")
    assert [c["folder"] for c in published["collections"]] == [f"content/{k}" for k in SCHEMAS]


def test_a_field_added_to_the_schema_appears_in_the_form(library, monkeypatch):
    """The form is derived from the schema, not written beside it."""
    original, translation, shared = SCHEMAS["signs"]
    from pydantic import create_model  # noqa: PLC0415

    grown = create_model("GrownPageMeta", __base__=original, duration=(int | None, None))
    monkeypatch.setitem(editor_config_module.SCHEMAS, "signs", (grown, translation, (*shared, "duration")))
    field = fields_of("signs", library)["duration"]
    assert (field["widget"], field["required"], field["i18n"]) == ("number", False, False)
    assert translation_mode("signs", "duration") == "none"
