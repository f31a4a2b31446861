"""carryover/editor/config.py: the browser form's configuration is the schema, field by field."""

from __future__ import annotations

import re
import typing

import pytest
from annotated_types import Ge, Le
from pydantic import StringConstraints

from carryover import LANGUAGES, ORIGINAL_LANGUAGE
from carryover.check.library import load_library
from carryover.editor import config as editor_config_module
from carryover.editor.config import (
    BODY_WIDGET,
    NOT_IN_FORM,
    collection,
    editor_config,
    field_constraints,
    translation_mode,
)
from carryover.editor.frontmatter import key_order
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


# ---- what the form checks before a save ---------------------------------------------


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_the_form_lists_the_fields_in_the_schemas_order(kind, library):
    """The form's order is the order a new file's keys are written in (key_order): an author
    reading the form and the file sees the same sequence."""
    names = [f["name"] for f in collection(kind, library, kind)["fields"]]
    expected = [name for name in schema_names(kind) if name not in NOT_IN_FORM and name != "reviewer"]
    assert names == [*expected, "body"]


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_every_field_says_what_it_means(kind, library):
    """A therapist fills the form without the schema beside them: each field carries a hint."""
    missing = [f["name"] for f in collection(kind, library, kind)["fields"] if not f.get("hint")]
    assert missing == []


def test_a_nested_field_is_required_only_when_every_language_requires_it(library):
    """The form's steps are filled in each language; a step's icon is required in the
    original's schema but not in a translation's, so the form cannot demand it."""
    original, translation, _ = SCHEMAS["routines"]
    step_models = [typing.get_args(m.model_fields["steps"].annotation)[0] for m in (original, translation)]
    steps = {f["name"]: f for f in fields_of("routines", library)["steps"]["fields"]}
    assert set(steps) == set(step_models[0].model_fields)
    for name, field in steps.items():
        assert field["required"] == all(m.model_fields[name].is_required() for m in step_models), name
    assert steps["icon"]["required"] is False and steps["label"]["required"] is True
    ages = {f["name"]: f for f in fields_of("strategies", library)["ages"]["fields"]}
    assert [f["name"] for f in fields_of("strategies", library)["ages"]["fields"]] == ["from", "to"]
    assert ages["from"]["required"] is True and ages["to"]["required"] is True


def test_numbers_take_their_limits_from_the_schemas_own_constraints(library):
    """Read straight from pydantic's metadata (not through field_constraints, the code under
    test), for every whole-number field of every kind."""
    checked = []
    for kind, (original, _, _) in SCHEMAS.items():
        fields = fields_of(kind, library)
        for name, info in original.model_fields.items():
            if info.annotation not in (int, int | None):
                continue
            field = fields[info.alias or name]
            assert (field["widget"], field["value_type"]) == ("number", "int"), (kind, name)
            ge = next((m.ge for m in info.metadata if isinstance(m, Ge)), None)
            le = next((m.le for m in info.metadata if isinstance(m, Le)), None)
            assert (field.get("min"), field.get("max")) == (ge, le), (kind, name)
            checked.append((kind, name, ge, le))
    assert checked == [
        ("strategies", "time", 1, 60),
        ("signs", "order", None, None),
        ("guides", "order", None, None),
    ]


def test_single_choices_are_single_and_list_choices_are_multiple(library):
    fields = fields_of("strategies", library)
    for name in ("category", "evidence", "easier", "harder"):
        assert (fields[name]["widget"], fields[name]["multiple"]) == ("select", False), name
    for name in ("tags", "routines", "signs", "settings", "sources", "related"):
        assert (fields[name]["widget"], fields[name]["multiple"]) == ("select", True), name


def test_the_reviewer_appears_in_every_kind_and_is_the_originals_alone(content):
    """Who checked a page is said once, in the original's file (a shared field)."""
    (content / "reviewers.yml").write_text(
        "reviewers:\n  ana:\n    name: Ana Pérez\n    credential: OTR/L\n    organisation: Example Clinic\n",
        encoding="utf-8",
    )
    library = load_library(content)
    for kind in SCHEMAS:
        names = [f["name"] for f in collection(kind, library, kind)["fields"]]
        assert names.index("reviewer") == names.index("reviewed") + 1, kind
        reviewer = fields_of(kind, library)["reviewer"]
        assert (reviewer["multiple"], reviewer["i18n"]) == (False, False), kind
        assert [o["value"] for o in reviewer["options"]] == ["ana"], kind


def test_id_options_name_each_page_by_its_title(library):
    """An author picks "Lacing cards (lacing-cards)", not a bare id."""
    options = {o["value"]: o["label"] for o in fields_of("strategies", library)["harder"]["options"]}
    card = library.cards["lacing-cards"]
    assert options["lacing-cards"] == f"{card.meta.title} (lacing-cards)"


def test_the_id_field_refuses_an_id_longer_than_the_schema_allows(library):
    field = fields_of("strategies", library)["id"]
    limit = field_constraints(SCHEMAS["strategies"][0].model_fields["id"])["max_length"]
    assert limit == 60
    assert re.fullmatch(field["pattern"][0], "a" * limit)
    assert re.fullmatch(field["pattern"][0], "a" * (limit + 1)) is None


def test_a_translated_field_added_to_both_schemas_is_translated_in_the_form(library, monkeypatch):
    """The other half of derived-not-written: a field each language writes in its own words
    (in the translation's schema, not shared) is i18n, with the schema's limits."""
    original, translation, shared = SCHEMAS["guides"]
    from pydantic import Field, create_model  # noqa: PLC0415

    line = (typing.Annotated[str, StringConstraints(max_length=30)], Field(...))
    grown = create_model("GrownGuide", __base__=original, tagline=line)
    grown_translation = create_model("GrownGuideTranslation", __base__=translation, tagline=line)
    monkeypatch.setitem(editor_config_module.SCHEMAS, "guides", (grown, grown_translation, shared))
    field = fields_of("guides", library)["tagline"]
    assert (field["widget"], field["required"], field["i18n"]) == ("string", True, True)
    assert field["pattern"][0] == "^[\\s\\S]{1,30}$"
    assert translation_mode("guides", "tagline") == "translate"
    assert "tagline" in key_order("guides", True) and "tagline" in key_order("guides", False)


def test_the_forms_own_words_exist_in_every_language_it_is_written_in():
    """Each editor locale file names the same things: a label and a hint for every field."""
    from carryover.editor.config import LOCALES, form_text  # noqa: PLC0415

    files = sorted(p.stem for p in LOCALES.glob("*.yml"))
    assert {"en", "es"} <= set(files)
    english = form_text("en")
    for lang in files:
        text = form_text(lang)
        assert set(text) == set(english), lang
        for part in ("collections", "labels", "hints"):
            assert set(text[part]) == set(english[part]), (lang, part)


def test_the_form_speaks_spanish_when_asked(library):
    config = editor_config(library, LOCAL, ui_lang="es")
    assert config["locale"] == "es"
    cards = config["collections"][0]
    assert (cards["label"], cards["label_singular"]) == ("Fichas de estrategias", "Ficha de estrategia")
    fields = {f["name"]: f for f in cards["fields"]}
    assert fields["title"]["label"] == "Título" and fields["time"]["hint"].startswith("Los minutos")
    assert "«Respaldada por la investigación»" in fields["evidence"]["hint"]
    english = {f["name"]: f for f in editor_config(library, LOCAL)["collections"][0]["fields"]}
    assert "«Backed by research»" in english["evidence"]["hint"]
    # only the form's words change: names, choices and rules are the same in both
    for name, field in fields.items():
        same = {k: v for k, v in field.items() if k not in ("label", "hint", "fields", "field")}
        assert same == {k: v for k, v in english[name].items() if k not in ("label", "hint", "fields", "field")}


def test_a_language_without_its_own_form_words_gets_the_english_ones():
    from carryover.editor.config import form_text  # noqa: PLC0415

    assert form_text("pt") == form_text("en")
