"""carryover/cache.py: kept results follow their inputs, and a broken cache only makes a slower build."""

from __future__ import annotations

import json
import pickle

import pytest

from carryover import cache
from carryover.cache import KeptFiles, KeptTable, fingerprint


@pytest.fixture(autouse=True)
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CARRYOVER_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_cache_folder_is_made_where_it_is_asked_for(folder):
    assert cache.cache_dir() == folder and folder.is_dir()


def test_an_atomic_write_leaves_no_temporary_file(folder):
    target = cache.cache_dir() / "a.bin"
    cache.write_atomically(target, b"one")
    cache.write_atomically(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in folder.iterdir()] == ["a.bin"]


def test_a_kept_value_is_computed_once_across_builds(folder):
    """A reading level or a QR code costs time; the next build takes it from the table."""
    calls = []

    def compute():
        calls.append(1)
        return {"score": 7}

    table = KeptTable("levels.json")
    assert table.get("text", compute) == {"score": 7}
    assert table.get("text", compute) == {"score": 7}
    table.save()
    assert KeptTable("levels.json").get("text", compute) == {"score": 7}
    assert len(calls) == 1


def test_a_table_keeps_only_the_keys_used_since_the_last_save(folder):
    """Otherwise the table grows with every edit ever made to the library."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "t.json").write_text(json.dumps({"old": 1, "kept": 2}), encoding="utf-8")
    table = KeptTable("t.json")
    table.get("kept", lambda: 0)
    table.get("new", lambda: 3)
    table.save()
    assert json.loads((folder / "t.json").read_text(encoding="utf-8")) == {"kept": 2, "new": 3}


def test_a_table_with_nothing_new_is_not_written(folder):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "t.json").write_text(json.dumps({"a": 1, "b": 2}), encoding="utf-8")
    table = KeptTable("t.json")
    assert table.get("a", lambda: 0) == 1
    table.save()
    assert json.loads((folder / "t.json").read_text(encoding="utf-8")) == {"a": 1, "b": 2}


@pytest.mark.parametrize("data", [b"{not json", b"[1, 2]", b"\xff\xfe"])
def test_a_broken_table_reads_as_empty(folder, data):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "t.json").write_bytes(data)
    assert cache.load_json("t.json") == {}
    assert KeptTable("t.json").get("k", lambda: "fresh") == "fresh"


def test_kept_files_are_read_written_and_pruned_to_the_last_complete_build(folder):
    files = KeptFiles("pages")
    files.put("a", {"html": "<p>á</p>"})
    files.put("b", {"html": "<p>b</p>"})
    later = KeptFiles("pages")  # the next build
    assert later.get("a") == {"html": "<p>á</p>"}
    assert later.get("missing") is None
    later.prune(complete=False)  # an interrupted build used only some: keep them all
    assert sorted(p.stem for p in (folder / "pages").glob("*.json")) == ["a", "b"]
    later.prune(complete=True)
    assert sorted(p.stem for p in (folder / "pages").glob("*.json")) == ["a"]


def test_a_broken_kept_file_is_computed_again(folder):
    files = KeptFiles("pages")
    (folder / "pages" / "x.json").write_text("{cut short", encoding="utf-8")
    (folder / "pages" / "y.json").write_text("[1]", encoding="utf-8")
    assert files.get("x") is None and files.get("y") is None


def test_pickles_round_trip_and_a_broken_one_is_none(folder):
    cache.save_pickle("p.pickle", {"a": [1, 2]})
    assert cache.load_pickle("p.pickle") == {"a": [1, 2]}
    (folder / "p.pickle").write_bytes(pickle.dumps({"a": 1})[:5])
    assert cache.read_pickle(folder / "p.pickle") is None
    assert cache.load_pickle("p.pickle") == {}
    cache.dump_pickle(folder / "list.pickle", [1])
    assert cache.load_pickle("list.pickle") == {}  # not a table
    assert cache.read_pickle(folder / "list.pickle") == [1]
    assert not list(folder.glob(".*.tmp"))


def test_a_fingerprint_follows_every_input(tmp_path):
    """Any change to what a value was made from must give another key, or a stale value is used."""
    code = tmp_path / "code.py"
    code.write_text("a = 1\n", encoding="utf-8")
    base = fingerprint("x", {"b": 1, "a": 2}, files=[code])
    assert fingerprint("x", {"a": 2, "b": 1}, files=[code]) == base  # key order does not matter
    assert fingerprint("y", {"b": 1, "a": 2}, files=[code]) != base
    assert fingerprint("x", {"b": 1, "a": 3}, files=[code]) != base
    assert fingerprint("x", {"b": 1, "a": 2}) != base
    code.write_text("a = 2\n", encoding="utf-8")
    assert fingerprint("x", {"b": 1, "a": 2}, files=[code]) != base
    assert len(base) == 32


def test_package_versions_name_what_drew_a_result():
    assert cache.package_versions("pyyaml") == {"pyyaml": pytest.importorskip("yaml").__version__}
