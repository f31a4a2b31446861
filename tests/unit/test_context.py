"""carryover/context.py: one build's shared state, passed explicitly, never mixed with another's."""

from __future__ import annotations

from carryover.context import BuildContext


def test_a_table_is_read_once_per_build(tmp_path, monkeypatch):
    monkeypatch.setenv("CARRYOVER_CACHE", str(tmp_path))
    context = BuildContext()
    table = context.table("qr-codes.json")
    assert context.table("qr-codes.json") is table
    assert context.table("reading-en.json") is not table
    assert table.name == "qr-codes.json"


def test_two_builds_in_one_process_do_not_share_tables(tmp_path, monkeypatch):
    """No module keeps a build's state: two contexts stay apart."""
    monkeypatch.setenv("CARRYOVER_CACHE", str(tmp_path))
    first, second = BuildContext(), BuildContext()
    first.table("t.json").get("k", lambda: "first")
    assert second.table("t.json") is not first.table("t.json")
    assert second.table("t.json").get("k", lambda: "second") == "second"  # nothing was saved
    assert second.tables.keys() == {"t.json"} and first.tables is not second.tables


def test_icons_come_from_the_engine_s_icon_set_or_not_at_all(tmp_path):
    """Plain unit tests and `carryover check` run without an engine: no icons, no crash."""
    assert BuildContext().icon_svg("bed") == ""
    (tmp_path / "bed.svg").write_text("<svg>bed</svg>", encoding="utf-8")
    assert BuildContext(icons_dir=tmp_path).icon_svg("bed") == "<svg>bed</svg>"
