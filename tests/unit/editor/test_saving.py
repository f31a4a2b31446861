"""carryover/editor/saving.py: what a save from the form writes, file by file."""

from __future__ import annotations

import pytest
from small_library import CARD_EN, CARD_ES, EN, ES

from carryover import ORIGINAL_LANGUAGE
from carryover.check.library import check_library, load_library
from carryover.editor.frontmatter import FormFileError, read_values
from carryover.editor.saving import managed_fields, page_file, plan_draft, plan_save
from carryover.model.library import fingerprint_text
from carryover.model.schema import SCHEMAS

pytestmark = pytest.mark.skipif(ORIGINAL_LANGUAGE != "en", reason="the small library is written in English first")

NEW_EN, NEW_ES = "strategies/hug.en.md", "strategies/hug.es.md"


def new_card(text: str) -> str:
    return (
        text.replace("id: squeeze", "id: hug")
        .replace("Pillow squeeze", "Big hug")
        .replace("Apretón con cojín", "Abrazo grande")
    )


def test_nothing_changed_writes_nothing(content):
    library = load_library(content)
    sent = {EN: (content / EN).read_text(encoding="utf-8"), ES: (content / ES).read_text(encoding="utf-8")}
    assert plan_save(content, sent, library) == {}


def test_a_new_card_in_both_languages_is_two_valid_files(content):
    library = load_library(content)
    plan = plan_save(content, {NEW_EN: new_card(CARD_EN), NEW_ES: new_card(CARD_ES)}, library)
    assert set(plan) == {NEW_EN, NEW_ES}
    assert read_values(plan[NEW_ES])["translated_from"] == fingerprint_text(plan[NEW_EN])
    for path, text in plan.items():
        (content / path).write_text(text, encoding="utf-8")
    checked = load_library(content)
    check_library(checked)
    assert [str(p) for p in checked.problems.items if "hug" in p.path] == []
    assert checked.cards["hug"].translated("es") and not checked.cards["hug"].stale("es")


def test_a_language_left_empty_gets_no_file(content):
    library = load_library(content)
    empty_es = "---\nid: hug\n---\n"
    assert set(plan_save(content, {NEW_EN: new_card(CARD_EN), NEW_ES: empty_es}, library)) == {NEW_EN}


def test_editing_the_original_leaves_the_translation_alone(content):
    library = load_library(content)
    en = (content / EN).read_text(encoding="utf-8")
    es = (content / ES).read_text(encoding="utf-8")
    plan = plan_save(content, {EN: en.replace("time: 5", "time: 6"), ES: es}, library)
    assert list(plan) == [EN]


def test_saving_the_translation_marks_it_made_from_the_original_as_it_is_now(content):
    library = load_library(content)
    en = (content / EN).read_text(encoding="utf-8").replace("time: 5", "time: 6")
    es = (content / ES).read_text(encoding="utf-8")
    changed_es = es.replace("Apretón con cojín", "Apretón con almohada")
    plan = plan_save(content, {EN: en, ES: changed_es}, library)
    assert read_values(plan[ES])["translated_from"] == fingerprint_text(plan[EN])
    (content / EN).write_text(en, encoding="utf-8")
    plan = plan_save(content, {ES: changed_es.replace("almohada", "cojín grande")}, library)
    assert read_values(plan[ES])["translated_from"] == fingerprint_text(en)


def test_managed_fields_of_a_translation_are_the_translated_ones(library):
    for kind, (_, translation, shared) in SCHEMAS.items():
        own = managed_fields(kind, False, library)
        assert own <= set(translation.model_fields) - set(shared), kind
        assert "id" in own and "translated_from" not in own
        assert managed_fields(kind, True, library) > own


def test_shared_fields_sent_in_a_translation_are_not_written_into_it(content):
    library = load_library(content)
    es = (content / ES).read_text(encoding="utf-8")
    plan = plan_save(content, {ES: es.replace("title: ", "category: routines\ntitle: ", 1)}, library)
    assert plan == {}, "category is the original's: the translation's file is unchanged"


@pytest.mark.parametrize(
    "path", ["../x.en.md", "strategies/x.fr.md", "taxonomy.yml", "strategies/sub/x.en.md", "notes/x.en.md"]
)
def test_only_page_files_of_the_library_can_be_written(path):
    with pytest.raises(FormFileError):
        page_file(path)


def test_a_draft_is_planned_like_a_save(content):
    library = load_library(content)
    en = read_values((content / EN).read_text(encoding="utf-8"))
    drafts = {
        "en": {**en, "time": 7, "reviewed": "2026-02-01", "body": (content / EN).read_text().split("---\n", 2)[2]}
    }
    plan = plan_draft(content, "strategies", "squeeze", drafts, library)
    assert list(plan) == [EN]
    assert "time: 7" in plan[EN] and "reviewed: 2026-02-01\n" in plan[EN]
