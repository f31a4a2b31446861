"""carryover/editor/frontmatter.py: a save from the form changes only what changed."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import pytest
import yaml

from carryover.editor.frontmatter import FormFileError, key_order, merge_file, read_values, set_field, split

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


# ---- more of the same promise: one change, one line, in the style it had ------------

ES_TEXT = (ROOT / "content/strategies/bead-threading.es.md").read_text(encoding="utf-8")
ES_ORDER = key_order("strategies", False)
ES_MANAGED = {"id", "title", "summary", "materials", "keywords"}  # what the form writes in a translation


def with_line(text: str, after: str, line: str) -> str:
    """``text`` with ``line`` added below the line ``after``."""
    assert f"\n{after}\n" in text, after
    return text.replace(f"\n{after}\n", f"\n{after}\n{line}\n", 1)


@pytest.mark.parametrize(
    ("change", "line"),
    [
        ({"time": 20}, "time: 20"),
        ({"reviewed": dt.date(2027, 1, 5)}, "reviewed: 2027-01-05"),
        ({"evidence": "limited"}, "evidence: limited"),
        ({"harder": "puzzles-together"}, "harder: puzzles-together"),
        ({"routines": ["homework", "outings", "bedtime"]}, "routines: [homework, outings, bedtime]"),
        ({"ages": {"from": 3, "to": 12}}, "ages: {from: 3, to: 12}"),
    ],
    ids=["int", "date", "select", "id", "flow-list", "flow-object"],
)
def test_each_kind_of_value_changed_alone_changes_its_line_alone(change, line):
    """The form sent block lists and objects; the file's one-line style stays."""
    (name,) = change
    after = merge_file(CARD, as_the_form_writes(CARD, **change), MANAGED, ORDER)
    removed, added = changed_lines(CARD, after)
    assert removed.startswith(f"-{name}: ") and added == f"+{line}"


def test_a_material_added_at_the_end_adds_one_line_in_the_block_style():
    materials = [*yaml.safe_load(split(CARD)[0])["materials"], "A tray"]
    after = merge_file(CARD, as_the_form_writes(CARD, materials=materials), MANAGED, ORDER)
    assert changed_lines(CARD, after) == ["+  - A tray"]


def test_a_comment_line_below_a_changed_field_survives():
    """Only a comment on the same line as a changed value may be lost (the module says so),
    not one on its own line under it."""
    text = with_line(CARD, "time: 15", "# ask the clinic whether 15 minutes is right")
    after = merge_file(text, as_the_form_writes(text, time=20), MANAGED, ORDER)
    assert changed_lines(text, after) == ["-time: 15", "+time: 20"]


def test_a_comment_at_the_top_of_the_front_matter_survives():
    text = CARD.replace("---\nid:", "---\n# written with the clinic's OT team\nid:", 1)
    after = merge_file(text, as_the_form_writes(text, title="Beads"), MANAGED, ORDER)
    assert changed_lines(text, after) == ["-title: Bead threading", "+title: Beads"]


def test_removing_a_field_keeps_the_comment_line_under_it():
    """The comment under ``easier`` speaks of ``harder``, which did not change: unchanged
    fields keep the comments around them (the module's promise); removing ``easier`` should
    remove only its own line."""
    text = with_line(CARD, "easier: pegboard-patterns", "# harder: ask the OT which lacing card")
    after = merge_file(text, as_the_form_writes(text, easier=None), MANAGED, ORDER)
    assert changed_lines(text, after) == ["-easier: pegboard-patterns"]


def test_a_list_the_author_emptied_loses_its_line():
    """The other side of ``sources: []`` staying: a list that had items and was emptied goes."""
    after = merge_file(CARD, as_the_form_writes(CARD, routines=[]), MANAGED, ORDER)
    assert changed_lines(CARD, after) == ["-routines: [homework, outings]"]


def test_an_empty_list_said_on_purpose_stays_when_the_form_leaves_it_out():
    """Decap omits a field it has no value for; ``sources: []`` must survive that too."""
    assert merge_file(CARD, as_the_form_writes(CARD, sources=None), MANAGED, ORDER) == CARD


def test_a_field_left_empty_is_not_added():
    """The form sends ``''`` or ``null`` for an optional field nobody filled: no line."""
    text = CARD.replace("easier: pegboard-patterns\n", "")
    sent = as_the_form_writes(text).replace("harder:", "easier: ''\nharder:")
    assert merge_file(text, sent, MANAGED, ORDER) == text
    sent = as_the_form_writes(text).replace("harder:", "easier: null\nharder:")
    assert merge_file(text, sent, MANAGED, ORDER) == text


@pytest.mark.parametrize("name", ["category", "easier", "time"])
def test_a_field_sent_again_goes_back_between_its_neighbours(name):
    """Remove a field's line, send the value again: the file is what it was."""
    line = next(line for line in CARD.splitlines() if line.startswith(f"{name}: "))
    text = CARD.replace(line + "\n", "")
    value = yaml.safe_load(split(CARD)[0])[name]
    assert merge_file(text, as_the_form_writes(text, **{name: value}), MANAGED, ORDER) == CARD


def test_filling_an_empty_flow_list_keeps_it_on_one_line():
    """61 starter files say ``sources: []``: adding the first source should change that one
    line, not turn it into a two-line block list."""
    after = merge_file(CARD, as_the_form_writes(CARD, sources=["lage-2024"]), MANAGED, ORDER)
    assert changed_lines(CARD, after) == ["-sources: []", "+sources: [lage-2024]"]


def test_a_shared_field_repeated_in_a_translation_is_kept_when_the_form_does_not_manage_it():
    """A translation may repeat a shared field (check makes it agree); the form writes only a
    translation's own words, so a save of those leaves the repeated field as it was."""
    text = with_line(ES_TEXT, "translated_from: '73db097a9686'", "time: 15")
    sent = as_the_form_writes(text, translated_from=None, time=None, title="Ensartar bolitas")
    after = merge_file(text, sent, ES_MANAGED, ES_ORDER)
    assert changed_lines(text, after) == ["-title: Ensartar cuentas", "+title: Ensartar bolitas"]
    assert "\ntranslated_from: '73db097a9686'\ntime: 15\n---\n" in after


@pytest.mark.parametrize("edge", ["", "\n\n\n", "   \n"], ids=["trimmed", "blank-lines", "spaces"])
def test_the_body_is_kept_byte_for_byte_when_only_its_ends_differ(edge):
    body = split(CARD)[1].strip()
    assert merge_file(CARD, as_the_form_writes(CARD, _body=edge + body + edge), MANAGED, ORDER) == CARD


def test_a_changed_body_leaves_the_front_matter_exactly_as_it_was():
    front, body = split(CARD)
    after = merge_file(CARD, as_the_form_writes(CARD, _body=body.replace("Ten big", "Twelve big")), MANAGED, ORDER)
    assert split(after)[0] == front and "Twelve big beads" in after


def test_set_field_puts_translated_from_before_a_shared_field_the_translation_repeats():
    """In a translation's schema, translated_from comes after keywords and before the shared fields."""
    text = ES_TEXT.replace("translated_from: '73db097a9686'\n", "time: 15\n")
    after = set_field(text, "translated_from", "abc", ES_ORDER)
    assert changed_lines(text, after) == ["+translated_from: 'abc'"]
    assert "\nkeywords: [" in after.split("translated_from: 'abc'\ntime: 15\n")[0]


def test_set_field_keeps_a_hash_of_digits_as_text():
    """Unquoted, 123456789012 would read back as a number and never match a fingerprint."""
    after = set_field(ES_TEXT, "translated_from", "123456789012", ES_ORDER)
    assert read_values(after)["translated_from"] == "123456789012"
    assert yaml.safe_load(split(after)[0])["translated_from"] == "123456789012"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "does not start with front matter"),
        ("id: x\n---\nText\n", "does not start with front matter"),
        (" ---\nid: x\n---\n", "does not start with front matter"),
        ("---\nid: x\ntitle: y\n", "not closed"),
    ],
    ids=["empty", "no-opening-fence", "indented-fence", "not-closed"],
)
def test_split_says_what_is_wrong(text, message):
    with pytest.raises(FormFileError, match=message):
        split(text)


def test_split_reads_windows_line_ends():
    assert split("---\r\nid: x\r\n---\r\n\r\nText.\r\n") == ("id: x\n", "\nText.\n")


def test_front_matter_that_is_not_a_set_of_fields_is_refused():
    with pytest.raises(FormFileError, match="not a list of fields"):
        merge_file(CARD, "---\n- id\n- title\n---\nText\n", MANAGED, ORDER)


def test_read_values_gives_plain_values():
    """What the form last saved, comparable with ==: no ruamel wrappers."""
    values = read_values(CARD)
    assert values["ages"] == {"from": 3, "to": 10} and type(values["ages"]) is dict
    assert type(values["tags"]) is list and values["tags"][0] == "both-hands"
    assert values["reviewed"] == dt.date(2026, 12, 1)
    assert type(read_values(ES_TEXT)["translated_from"]) is str
