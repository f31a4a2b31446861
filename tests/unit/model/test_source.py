"""carryover/model/source.py: bytes to text to front matter and body, with the lines authors see."""

from __future__ import annotations

import unicodedata

import pytest
import yaml

from carryover.model.problems import Problems
from carryover.model.source import (
    MAX_FILE_BYTES,
    MAX_YAML_NODES,
    PAGE_LINK,
    DataChecker,
    YamlProblem,
    load_data_file,
    node_lines,
    normalise_text,
    open_data_file,
    parse_yaml,
    read_source,
)

CLEAN = "---\nid: café\ntags:\n  - one\n  - two\n---\n\n## Heading\n\nBody text.\n"


def read(tmp_path, data: bytes, name: str = "page.en.md"):
    """(source or None, problems as strings) for a file holding ``data``."""
    path = tmp_path / name
    path.write_bytes(data)
    problems = Problems(root=tmp_path)
    return read_source(path, problems), [str(p) for p in problems.items]


# ---- text normalisation ---------------------------------------------------------------------


def test_bom_crlf_and_decomposed_accents_read_like_a_clean_file():
    """A Windows or macOS editor's file must give the same text, or ids and headings differ."""
    messy = "\ufeff" + unicodedata.normalize("NFD", CLEAN).replace("\n", "\r\n")
    assert normalise_text(messy.encode("utf-8")) == CLEAN
    assert normalise_text(CLEAN.replace("\n", "\r").encode("utf-8")) == CLEAN


def test_a_messy_file_splits_exactly_like_a_clean_one(tmp_path):
    clean, _ = read(tmp_path, CLEAN.encode("utf-8"), "a.en.md")
    messy_bytes = ("\ufeff" + unicodedata.normalize("NFD", CLEAN).replace("\n", "\r\n")).encode("utf-8")
    messy, problems = read(tmp_path, messy_bytes, "b.en.md")
    assert problems == []
    assert (messy.meta, messy.body, messy.body_line, messy.lines) == (
        clean.meta,
        clean.body,
        clean.body_line,
        clean.lines,
    )
    assert messy.meta["id"] == "café" and len(messy.meta["id"]) == 4  # composed, not e + combining accent


# ---- splitting and line numbers ----------------------------------------------------------------


def test_fields_and_list_items_carry_their_line_in_the_file(tmp_path):
    """Problems name file:line; the front matter starts on line 2, after the opening fence."""
    source, problems = read(tmp_path, CLEAN.encode("utf-8"))
    assert problems == []
    assert source.lines == {"id": 2, "tags": 3}
    assert source.line_of("tags", 1) == 5
    assert source.line_of("tags", 9) == 3  # an index past the list: the field's own line
    assert source.line_of("missing") == 1
    assert source.body_line == 7
    assert source.body.startswith("\n## Heading")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: x\n---\n", "page.en.md:1: missing front matter"),
        ("---\nid: x\n", "page.en.md:1: the front matter is not closed"),
        ("---\nid: x\ntags:\n\t- a\n---\n", "page.en.md:4: a tab is used for indenting"),
        ("---\nid: [x\n---\n", "page.en.md:3: the front matter is not valid YAML"),
        ("---\n- a\n- b\n---\n", "page.en.md:2: the front matter must be a list of 'field: value' lines"),
        ("  \n\n", "page.en.md:1: the file is empty"),
    ],
)
def test_broken_front_matter_is_one_problem_with_its_line(tmp_path, text, expected):
    source, problems = read(tmp_path, text.encode("utf-8"))
    assert source is None
    assert len(problems) == 1 and problems[0].startswith(expected), problems


def test_an_empty_front_matter_is_an_empty_mapping_not_a_crash(tmp_path):
    source, problems = read(tmp_path, b"---\n---\nBody\n")
    assert problems == [] and source.meta == {} and source.body == "Body\n"


def test_a_key_given_twice_names_both_lines_counted_from_the_file_start(tmp_path):
    """The last value silently winning would publish what the author thought they removed."""
    _, problems = read(tmp_path, b"---\nid: a\ntitle: T\nid: b\n---\n")
    assert problems == [
        "page.en.md:4: 'id' is given twice (also on line 2); keep one, or the first would be silently lost"
    ]


def test_yaml_aliases_are_refused(tmp_path):
    """Aliases let a few lines expand into gigabytes; content never needs them."""
    source, problems = read(tmp_path, b"---\nid: &x a\ntitle: *x\n---\n")
    assert source is None
    assert len(problems) == 1 and "anchors and aliases" in problems[0]


def test_a_file_that_is_not_utf8_names_the_line_and_byte(tmp_path):
    source, problems = read(tmp_path, b"---\nid: a\ntitle: caf\xe9\n---\n")
    assert source is None
    assert problems == ["page.en.md:3: the file is not UTF-8 text (byte 0xe9); save it as UTF-8 in your editor"]


def test_a_file_over_the_size_limit_is_refused_before_parsing(tmp_path):
    source, problems = read(tmp_path, b"---\n" + b"x" * MAX_FILE_BYTES + b"\n---\n")
    assert source is None
    assert len(problems) == 1 and "the file is too large (1.0 MB" in problems[0]


def test_an_unreadable_path_is_a_problem_not_an_exception(tmp_path):
    problems = Problems(root=tmp_path)
    assert read_source(tmp_path / "nowhere.en.md", problems) is None
    assert "cannot read the file" in str(problems.items[0])


# ---- parse_yaml ------------------------------------------------------------------------------------


def test_dates_stay_text_so_an_impossible_date_can_be_reported():
    """The schema turns text into dates and names a bad one; the loader must not crash first."""
    _, data = parse_yaml("reviewed: 2026-02-30\nother: 2026-01-15\n")
    assert data == {"reviewed": "2026-02-30", "other": "2026-01-15"}


def test_parse_yaml_of_nothing_is_none():
    assert parse_yaml("") == (None, None)


def test_a_duplicate_key_deep_in_a_document_is_found():
    with pytest.raises(YamlProblem) as info:
        parse_yaml("a:\n  b:\n    c: 1\n    c: 2\n")
    assert (info.value.line, info.value.also) == (4, 3)
    assert (
        info.value.describe(offset=10)
        == "'c' is given twice (also on line 13); keep one, or the first would be silently lost"
    )


def test_a_document_with_too_many_values_is_refused():
    """Without aliases a document cannot outgrow its text, but a huge one is still refused."""
    with pytest.raises(YamlProblem, match="too large"):
        parse_yaml("[" + "0," * MAX_YAML_NODES + "0]")


def test_node_lines_maps_every_key_and_index_path_to_its_line():
    node, _ = parse_yaml("a: 1\nb:\n  - x\n  - {c: 2}\n")
    lines = node_lines(node)
    assert lines[("a",)] == 1
    assert lines[("b",)] == 2
    assert lines[("b", 0)] == 3
    assert lines[("b", 1, "c")] == 4
    assert node_lines(None) == {}


# ---- data files ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (None, "data.yml: the taxonomy is missing"),
        (b"", "data.yml:1: the taxonomy is empty"),
        (b"- a\n- b\n", "data.yml:1: the taxonomy must be a set of 'key: value' entries"),
        (b"a: 1\nb: [\n", "data.yml:3: not valid YAML"),
        (b"a: 1\na: 2\n", "data.yml:2: 'a' is given twice (also on line 1)"),
        (b"a: 1\nb: \xff\n", "data.yml:2: the file is not UTF-8 text"),
    ],
)
def test_a_broken_data_file_is_one_problem_with_its_line(tmp_path, data, expected):
    path = tmp_path / "data.yml"
    if data is not None:
        path.write_bytes(data)
    problems = Problems(root=tmp_path)
    assert load_data_file(path, problems, "the taxonomy") is None
    assert len(problems.items) == 1 and str(problems.items[0]).startswith(expected), problems.items


def test_a_data_checker_names_the_closest_known_line(tmp_path):
    """A value missing deep in a mapping is reported at its parent's line, not at line 0."""
    path = tmp_path / "data.yml"
    path.write_text("labels:\n  en: Hello\nsize: true\nname: <b>x</b>\n", encoding="utf-8")
    problems = Problems(root=tmp_path)
    data, check = open_data_file(path, problems, "the data")
    assert check.number(data["size"], ("size",)) == 0  # true is not 1
    labels = check.labels(data["labels"], ("labels",))
    assert labels["en"] == "Hello"
    check.text(data["name"], ("name",))
    assert not check.ok
    found = [str(p) for p in problems.items]
    assert "data.yml:3: size: must be a whole number (found True)" in found
    assert any(p.startswith("data.yml:1: labels.es: is missing") for p in found)
    assert any(p.startswith("data.yml:4: name: must be plain text") for p in found)


def test_a_data_checker_without_problems_stays_ok(tmp_path):
    node, _ = parse_yaml("n: 3\n")
    check = DataChecker(tmp_path / "x.yml", node, Problems())
    assert check.number(3, ("n",)) == 3 and check.mapping({"a": 1}, (), "x") == {"a": 1}
    assert check.ok
    assert check.mapping(None, ("m",), "a list of things") == {} and not check.ok


# ---- links between pages ------------------------------------------------------------------------------


def test_page_links_are_found_with_their_kind_id_and_anchor():
    text = "See [a](../../strategies/blanket-burrito/#steps) and [b](../signs/hands) but not [c](https://x.org/)."
    assert [m.groups() for m in PAGE_LINK.finditer(text)] == [
        ("strategies", "blanket-burrito", "#steps"),
        ("signs", "hands", None),
    ]


def test_yaml_errors_from_pyyaml_still_carry_marks():
    """load_data_file relies on problem_mark to give a line; PyYAML's errors must keep one."""
    with pytest.raises(yaml.YAMLError) as info:
        parse_yaml("a: 1\nb: [\n")
    assert info.value.problem_mark.line == 2
