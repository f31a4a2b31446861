"""carryover/editor/saving.py: what a save from the form writes, file by file."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from small_library import CARD_EN, CARD_ES, EN, ES

from carryover import ORIGINAL_LANGUAGE
from carryover.check.library import check_library, load_library
from carryover.editor.config import BODY_WIDGET, form_fields, translation_mode
from carryover.editor.frontmatter import FormFileError, read_values, split
from carryover.editor.saving import managed_fields, page_file, plan_draft, plan_save
from carryover.model.library import fingerprint_text
from carryover.model.scaffold import body_template
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


# ---- on a copy of the starter library ---------------------------------------------------

STARTER = Path(__file__).resolve().parents[3] / "content"
BEADS_EN, BEADS_ES = "strategies/bead-threading.en.md", "strategies/bead-threading.es.md"
# One page of each kind, in both languages: the form's saves meet every starter style.
SAMPLE = [
    BEADS_EN,
    BEADS_ES,
    "routines/bedtime.en.md",
    "routines/bedtime.es.md",
    "signs/hand-skills.en.md",
    "signs/hand-skills.es.md",
    "guides/what-we-know.en.md",
    "guides/what-we-know.es.md",
]


@pytest.fixture
def starter(tmp_path) -> Path:
    """A copy of the real starter library, to write into."""
    return Path(shutil.copytree(STARTER, tmp_path / "content"))


def read(root: Path, path: str) -> str:
    return (root / path).read_text(encoding="utf-8")


def write(root: Path, plan: dict[str, str]) -> None:
    for path, text in plan.items():
        (root / path).write_text(text, encoding="utf-8")


def as_the_form_sends(text: str, drop=("translated_from",)) -> str:
    """The file as Decap sends it: its own YAML style, and no field the form does not show."""
    front, body = split(text)
    values = {k: v for k, v in yaml.safe_load(front).items() if k not in drop}
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=True) + "---\n" + body.strip() + "\n"


def body_of(text: str) -> str:
    return split(text)[1]


def test_unchanged_starter_pages_are_not_in_the_plan(starter, library):
    """Neither the files as they are nor the same values in the form's style are written."""
    as_they_are = {path: read(starter, path) for path in SAMPLE}
    assert plan_save(starter, as_they_are, library) == {}
    assert plan_save(starter, {path: as_the_form_sends(text) for path, text in as_they_are.items()}, library) == {}


def test_a_new_starter_card_in_both_languages_is_valid_in_the_real_library(starter, library):
    """A card written in the form, from the starter's own bead-threading with a new id, is
    planned as two files the real library accepts: its taxonomy, its pages' ids, its headings.
    (check_library's reading-level and paper warnings are measured on the small library
    above: on the whole starter they cost seconds.)"""
    new_en, new_es = "strategies/big-bead-threading.en.md", "strategies/big-bead-threading.es.md"
    en = as_the_form_sends(read(starter, BEADS_EN)).replace("id: bead-threading", "id: big-bead-threading")
    en = en.replace("title: Bead threading", "title: Big bead threading")
    es = as_the_form_sends(read(starter, BEADS_ES)).replace("id: bead-threading", "id: big-bead-threading")
    es = es.replace("title: Ensartar cuentas", "title: Ensartar cuentas grandes")
    plan = plan_save(starter, {new_en: en, new_es: es}, library)
    assert set(plan) == {new_en, new_es}
    assert read_values(plan[new_es])["translated_from"] == fingerprint_text(plan[new_en])
    write(starter, plan)
    checked = load_library(starter)
    assert [str(p) for p in checked.problems.items if "big-bead-threading" in p.path] == []
    card = checked.cards["big-bead-threading"]
    assert card.meta.title == "Big bead threading" and card.meta.harder == "lacing-cards"
    assert card.translated("es") and not card.stale("es")


def test_an_empty_language_as_the_form_drafts_it_gets_no_file(starter, library):
    """Decap's untouched Spanish pane: empty texts and lists, and the headings it started from."""
    en = read_values(read(starter, BEADS_EN))
    drafts = {
        "en": {**en, "id": "new-card", "reviewed": "2026-12-01", "body": body_of(read(starter, BEADS_EN))},
        "es": {
            "id": "new-card",
            "title": "",
            "summary": "",
            "materials": [],
            "keywords": [],
            "body": body_template("strategies", "es"),
        },
    }
    assert list(plan_draft(starter, "strategies", "new-card", drafts, library)) == ["strategies/new-card.en.md"]


def test_a_language_with_only_its_text_written_is_planned(starter, library):
    """Something written is something to keep: the file is planned (and check then says
    which fields it still lacks), never silently dropped."""
    body = body_template("strategies", "es").replace("## Pasos\n", "## Pasos\n\n1. Haz un nudo.\n")
    drafts = {"es": {"id": "bead-threading-two", "title": "", "materials": [], "body": body}}
    plan = plan_draft(starter, "strategies", "bead-threading-two", drafts, library)
    assert list(plan) == ["strategies/bead-threading-two.es.md"]


def test_an_unchanged_draft_with_its_date_as_text_plans_nothing(starter, library):
    """The form's date widget gives text (2026-12-01); the file has a YAML date. Same date,
    no change: the preview of an untouched page must not show a save."""
    drafts = {}
    for lang, path in (("en", BEADS_EN), ("es", BEADS_ES)):
        values = read_values(read(starter, path))
        values = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}
        drafts[lang] = {**values, "body": body_of(read(starter, path))}
    assert isinstance(drafts["en"]["reviewed"], str)
    assert plan_draft(starter, "strategies", "bead-threading", drafts, library) == {}


def test_the_stale_notice_follows_the_forms_saves(starter, library):
    """Editing the original leaves the translation's file alone (so the site says it may be
    out of date); saving the translation then records the original as it is now."""
    en = read(starter, BEADS_EN).replace("time: 15", "time: 20")
    es = read(starter, BEADS_ES)
    plan = plan_save(starter, {BEADS_EN: en, BEADS_ES: es}, library)
    assert list(plan) == [BEADS_EN]
    write(starter, plan)
    assert load_library(starter).cards["bead-threading"].stale("es")

    plan = plan_save(starter, {BEADS_ES: es.replace("title: Ensartar cuentas", "title: Ensartar bolitas")}, library)
    assert list(plan) == [BEADS_ES]
    assert read_values(plan[BEADS_ES])["translated_from"] == fingerprint_text(read(starter, BEADS_EN))
    assert changed(es, plan[BEADS_ES]) == {"title", "translated_from"}
    write(starter, plan)
    assert not load_library(starter).cards["bead-threading"].stale("es")


def test_a_translation_started_in_the_form_records_the_original_on_disk(starter, library):
    es = read(starter, BEADS_ES)
    (starter / BEADS_ES).unlink()
    plan = plan_save(starter, {BEADS_ES: as_the_form_sends(es)}, library)
    assert list(plan) == [BEADS_ES]
    assert read_values(plan[BEADS_ES])["translated_from"] == fingerprint_text(read(starter, BEADS_EN))


def changed(old: str, new: str) -> set[str]:
    before, after = read_values(old), read_values(new)
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_a_translation_receives_exactly_the_fields_not_kept_in_the_original_alone(kind, library):
    """The rule itself: a translation's file gets the form's fields whose translation_mode
    is not "none" (its own words, and the id); the original's file gets every form field."""
    fields = [f["name"] for f in form_fields(kind, library) if f["widget"] != BODY_WIDGET]
    assert managed_fields(kind, False, library) == {n for n in fields if translation_mode(kind, n) != "none"}
    assert managed_fields(kind, True, library) == set(fields)
    own = {"strategies": {"title", "summary", "materials", "keywords"}, "routines": {"title", "summary", "steps"}}
    assert managed_fields(kind, False, library) == {"id"} | own.get(kind, {"title", "summary"})


def test_shared_fields_sent_with_a_translation_stay_out_of_its_file(starter, library):
    """The form may send the shared values in the Spanish file too (category, ages, sources...):
    only the translation's own change reaches it."""
    en = read_values(read(starter, BEADS_EN))
    shared = {k: v for k, v in en.items() if translation_mode("strategies", k) == "none"}
    assert {"category", "ages", "reviewed", "sources", "easier"} <= set(shared)
    front, body = split(read(starter, BEADS_ES))
    values = {**yaml.safe_load(front), **shared, "title": "Ensartar bolitas"}
    sent = "---\n" + yaml.safe_dump(values, allow_unicode=True) + "---\n" + body
    plan = plan_save(starter, {BEADS_ES: sent}, library)
    assert set(read_values(plan[BEADS_ES])) == set(read_values(read(starter, BEADS_ES)))
    assert changed(read(starter, BEADS_ES), plan[BEADS_ES]) == {"title"}  # the starter's is up to date
    assert read_values(plan[BEADS_ES])["translated_from"] == fingerprint_text(read(starter, BEADS_EN))


def test_a_page_file_is_read_from_its_path():
    where = page_file(BEADS_ES)
    assert (where.kind, where.page_id, where.lang, where.original) == ("strategies", "bead-threading", "es", False)
    assert page_file("strategies\\bead-threading.en.md").path == BEADS_EN  # a Windows path
    assert page_file(BEADS_EN).original is True


@pytest.mark.parametrize(
    "path",
    [
        "strategies/../x.en.md",
        "strategies/Bead.en.md",
        "strategies/x.en.md.bak",
        "strategies/x.md",
        "strategies/.en.md",
        "references.yml",
        "reviewers.yml",
    ],
)
def test_more_paths_that_are_not_page_files_are_refused(path):
    with pytest.raises(FormFileError, match="not a page file"):
        page_file(path)


def test_a_save_naming_a_file_outside_the_library_is_refused_whole(starter, library):
    """One bad path stops the save: nothing is planned for the good file beside it."""
    en = read(starter, BEADS_EN).replace("time: 15", "time: 20")
    with pytest.raises(FormFileError):
        plan_save(starter, {BEADS_EN: en, "../outside.en.md": en}, library)
