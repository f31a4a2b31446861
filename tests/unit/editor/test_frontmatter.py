"""carryover/editor/frontmatter.py: a save from the form changes only what changed."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml

from carryover.editor.frontmatter import FormFileError, key_order, merge_file, set_field, split

ROOT = Path(__file__).resolve().parents[3]
STARTER = sorted((ROOT / "content").glob("*/*.md"))
CARD = (ROOT / "content/strategies/bead-threading.en.md").read_text(encoding="utf-8")
ORDER = key_order("strategies", True)
MANAGED = set(ORDER) - {"translated_from"}


def as_the_form_writes(text: str, **changes) -> str:
    """The same file written the way Decap writes it: its own YAML style and key order."""
    front, body = split(text)
    values = yaml.safe_load(front)
    for key, value in changes.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    body = changes.get("_body", body) if "_body" in changes else body
    values.pop("_body", None)
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=True, width=50) + "---\n" + body


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.mark.parametrize("path", STARTER, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_save_with_nothing_changed_gives_back_every_starter_file_byte_for_byte(path):
    text = path.read_text(encoding="utf-8")
    kind, original = path.parent.name, path.name.endswith(".en.md")
    order = key_order(kind, original)
    assert merge_file(text, as_the_form_writes(text), set(order), order) == text


def test_one_changed_field_changes_its_line_only():
    after = merge_file(CARD, as_the_form_writes(CARD, title="Bead threading fun"), MANAGED, ORDER)
    assert changed_lines(CARD, after) == ["-title: Bead threading", "+title: Bead threading fun"]


def test_a_list_keeps_its_style_and_only_the_changed_item_moves():
    front, _ = split(CARD)
    values = yaml.safe_load(front)
    materials = [*values["materials"]]
    materials[1] = "A pipe cleaner"
    sent = as_the_form_writes(CARD, materials=materials, tags=[*values["tags"], "calming"], ages={"from": 4, "to": 10})
    assert changed_lines(CARD, merge_file(CARD, sent, MANAGED, ORDER)) == [
        "-tags: [both-hands, grasp, play, small-objects]",
        "-ages: {from: 3, to: 10}",
        "+tags: [both-hands, grasp, play, small-objects, calming]",
        "+ages: {from: 4, to: 10}",
        "-  - A pipe cleaner, a stiff cord, or a shoelace with a hard tip",
        "+  - A pipe cleaner",
    ]


def test_comments_outside_a_changed_value_survive():
    text = CARD.replace("time: 15\n", "# minutes, counted with a timer\ntime: 15\n")
    after = merge_file(text, as_the_form_writes(text, title="Beads"), MANAGED, ORDER)
    assert "# minutes, counted with a timer\ntime: 15\n" in after
    assert changed_lines(text, after) == ["-title: Bead threading", "+title: Beads"]


def test_a_field_cleared_in_the_form_loses_its_line_and_an_empty_list_said_on_purpose_stays():
    sent = as_the_form_writes(CARD, easier=None, sources=[])
    assert changed_lines(CARD, merge_file(CARD, sent, MANAGED, ORDER)) == ["-easier: pegboard-patterns"]
    sent = as_the_form_writes(CARD, easier="")  # what Decap writes for an emptied select
    assert "easier" not in merge_file(CARD, sent, MANAGED, ORDER)


def test_a_new_field_goes_where_the_schema_puts_it():
    after = merge_file(CARD, as_the_form_writes(CARD, related=["lacing-cards"]), MANAGED, ORDER)
    assert changed_lines(CARD, after) == ["+related: [lacing-cards]"]
    assert after.index("harder:") < after.index("related:") < after.index("\n---\n")


def test_fields_the_form_does_not_manage_are_kept():
    es = (ROOT / "content/strategies/bead-threading.es.md").read_text(encoding="utf-8")
    order = key_order("strategies", False)
    sent = as_the_form_writes(es, translated_from=None, title="Cuentas")
    after = merge_file(es, sent, set(order) - {"translated_from"}, order)
    assert "translated_from: '73db097a9686'" in after
    assert changed_lines(es, after) == ["-title: Ensartar cuentas", "+title: Cuentas"]


def test_the_body_is_kept_unless_its_text_changed():
    _, body = split(CARD)
    assert merge_file(CARD, as_the_form_writes(CARD, _body="\n\n" + body.strip() + "\n\n\n"), MANAGED, ORDER) == CARD
    new_body = body.replace("Ten big beads", "Twelve big beads")
    after = merge_file(CARD, as_the_form_writes(CARD, _body=new_body), MANAGED, ORDER)
    assert changed_lines(CARD, after) == [
        "-Ten big beads on a pipe cleaner. Bend the ends so nothing slides off.",
        "+Twelve big beads on a pipe cleaner. Bend the ends so nothing slides off.",
    ]


def test_a_new_file_is_written_in_the_librarys_style():
    """Same order, same flow and block styles as the starter's files; an empty list is left
    out of a new file (it means the same as no list)."""
    sent = as_the_form_writes(CARD)
    assert merge_file(None, sent, MANAGED, ORDER) == CARD.replace("sources: []\n", "")


def test_set_field_writes_translated_from_quoted_and_touches_nothing_else():
    es = (ROOT / "content/strategies/bead-threading.es.md").read_text(encoding="utf-8")
    order = key_order("strategies", False)
    after = set_field(es, "translated_from", "123456789012", order)
    assert changed_lines(es, after) == ["-translated_from: '73db097a9686'", "+translated_from: '123456789012'"]
    bare = es.replace("translated_from: '73db097a9686'\n", "")
    assert "keywords: [" in set_field(bare, "translated_from", "0123", order).split("translated_from: '0123'")[0]


@pytest.mark.parametrize("text", ["no front matter\n", "---\nid: x\n"])
def test_what_is_not_front_matter_and_a_body_is_refused(text):
    with pytest.raises(FormFileError):
        split(text)
