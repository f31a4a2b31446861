"""Reading one content file: bytes → text → front matter + body, with line numbers.

Files come from many editors. A Windows editor adds a byte-order mark and CRLF
line ends; macOS may store accents decomposed (NFD). All of them must read
exactly like a clean file, so normalisation happens here, once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from carryover import LANGUAGES
from carryover.model.problems import Problems
from carryover.sanitize import unsafe_text

MAX_FILE_BYTES = 1_000_000
_FENCE = "---"


# libyaml's parser when PyYAML has it (every wheel does): ten times faster than pure Python.
if TYPE_CHECKING:  # either has the same interface; the checker is shown the pure-Python one
    from yaml import SafeLoader as _BaseLoader
else:
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """Safe YAML without implicit dates: a date stays text until the schema reads it,
    so "2026-02-30" is reported as an impossible date instead of crashing the loader."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YamlProblem(ValueError):
    """A YAML document this project refuses, with the line (counted from 1) it is on."""

    def __init__(self, line: int, message: str, also: int | None = None):
        super().__init__(message)
        self.line, self.also = line, also

    def describe(self, offset: int = 0) -> str:
        """The message, with the other line it names counted from the file's start."""
        return str(self).format(also=(self.also or 0) + offset)


# A document's tree may hold at most this many nodes: a card has a few hundred, the
# taxonomy a few thousand. With aliases refused, a document cannot grow beyond its text.
MAX_YAML_NODES = 50_000


def check_yaml_tree(root: yaml.Node) -> None:
    """Refuse what a reader of the file could not see: a key given twice (the last one
    silently won), and anchors with aliases (``&a`` … ``*a``), which content never needs
    and which let a few lines expand into gigabytes (a "billion laughs")."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise YamlProblem(
                node.start_mark.line + 1,
                "YAML anchors and aliases ('&name' and '*name') are not allowed; write the value out",
            )
        seen.add(id(node))
        if len(seen) > MAX_YAML_NODES:
            raise YamlProblem(node.start_mark.line + 1, f"the YAML is too large (more than {MAX_YAML_NODES} values)")
        if isinstance(node, yaml.MappingNode):
            keys: dict[str, int] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.value in keys:
                        raise YamlProblem(
                            key_node.start_mark.line + 1,
                            f"'{key_node.value}' is given twice (also on line {{also}}); "
                            "keep one, or the first would be silently lost",
                            also=keys[key_node.value],
                        )
                    keys[key_node.value] = key_node.start_mark.line + 1
                stack += [key_node, value_node]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value


def parse_yaml(text: str):
    """(node, data): the document's node tree, for line numbers, and its data, from one parse.
    Raises ``yaml.YAMLError`` for invalid YAML and ``YamlProblem`` for what is refused."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            check_yaml_tree(node)
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def load_data_file(path: Path, problems: Problems, what: str) -> tuple[yaml.Node, dict] | None:
    """A data file (taxonomy, references) as a mapping, or None with a problem recorded:
    missing, unreadable, too large, not UTF-8, invalid or refused YAML, or not a mapping."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.error(path, 0, "", f"{what} is missing; every library needs this file (copy it from the starter)")
        return None
    except OSError as exc:
        problems.error(path, 0, "", f"cannot read the file ({exc.strerror})")
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.error(path, 0, "", f"the file is too large (at most {MAX_FILE_BYTES // 1_000_000} MB)")
        return None
    try:
        text = normalise_text(raw)
    except UnicodeDecodeError as exc:
        problems.error(path, raw[: exc.start].count(b"\n") + 1, "", "the file is not UTF-8 text; save it as UTF-8")
        return None
    try:
        node, data = parse_yaml(text)
    except YamlProblem as exc:
        problems.error(path, exc.line, "", exc.describe())
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        what_went_wrong = getattr(exc, "problem", None) or str(exc)
        problems.error(
            path,
            mark.line + 1 if mark else 1,
            "",
            f"not valid YAML ({what_went_wrong}). Check quotes, colons and indentation",
        )
        return None
    if data is None:
        problems.error(path, 1, "", f"{what} is empty")
        return None
    if not isinstance(data, dict):
        problems.error(path, 1, "", f"{what} must be a set of 'key: value' entries")
        return None
    return node, data


def node_lines(node: yaml.Node | None) -> dict[tuple, int]:
    """The line (from 1) of every value in a document, by its path of keys and indexes."""
    lines: dict[tuple, int] = {}
    stack: list[tuple[tuple, yaml.Node]] = [((), node)] if node is not None else []
    while stack:
        path, current = stack.pop()
        lines.setdefault(path, current.start_mark.line + 1)
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                key = str(key_node.value)
                lines[(*path, key)] = key_node.start_mark.line + 1
                stack.append(((*path, key), value_node))
        elif isinstance(current, yaml.SequenceNode):
            stack += [((*path, i), item) for i, item in enumerate(current.value)]
    return lines


@dataclass
class SourceFile:
    """A content file split into its parts; ``lines`` maps each field to its line."""

    path: Path
    meta: dict
    body: str
    body_line: int  # line number of the body's first line
    lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)
    text: str = ""

    def line_of(self, name: str, index: int | None = None) -> int:
        """Line of a field (or of one item of a list field); 1 when unknown."""
        if index is not None and index < len(self.item_lines.get(name, [])):
            return self.item_lines[name][index]
        return self.lines.get(name, 1)


def normalise_text(raw: bytes) -> str:
    """Decode UTF-8 (with or without BOM), turn CRLF/CR into LF, compose accents (NFC)."""
    text = raw.decode("utf-8-sig")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_source(path: Path, problems: Problems) -> SourceFile | None:
    """Read and split one file; on failure record a problem and return None."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(path, 0, "", f"cannot read the file ({exc.strerror})")
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.error(
            path,
            0,
            "",
            f"the file is too large ({len(raw) / 1_000_000:.1f} MB; a page may be at most "
            f"{MAX_FILE_BYTES // 1_000_000} MB). Split it or remove pasted images or data",
        )
        return None
    if not raw.strip():
        problems.error(path, 1, "", "the file is empty; start it with front matter (run 'carryover new')")
        return None
    try:
        text = normalise_text(raw)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(
            path,
            line,
            "",
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8 in your editor",
        )
        return None
    return split_front_matter(path, text, problems)


def split_front_matter(path: Path, text: str, problems: Problems) -> SourceFile | None:
    """Separate the YAML between the two '---' lines from the Markdown body."""
    lines = text.split("\n")
    if lines[0].strip() != _FENCE:
        problems.error(
            path,
            1,
            "",
            "missing front matter: the file must start with a line '---', then the fields, then '---'",
        )
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == _FENCE)
    except StopIteration:
        problems.error(path, 1, "", "the front matter is not closed: add a line '---' after the last field")
        return None
    yaml_text = "\n".join(lines[1:end])
    for i, line in enumerate(lines[1:end], start=2):
        if "\t" in line[: len(line) - len(line.lstrip())]:
            problems.error(path, i, "", "a tab is used for indenting; YAML needs spaces. Replace the tab with spaces")
            return None
    try:
        node, meta = parse_yaml(yaml_text)
    except YamlProblem as exc:
        problems.error(path, exc.line + 1, "", exc.describe(offset=1))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = mark.line + 2 if mark else 1
        what = getattr(exc, "problem", None) or str(exc)
        problems.error(
            path, at, "", f"the front matter is not valid YAML ({what}). Check quotes, colons and indentation"
        )
        return None
    if meta is None:
        meta, node = {}, None
    if not isinstance(meta, dict):
        problems.error(path, 2, "", "the front matter must be a list of 'field: value' lines")
        return None
    source = SourceFile(path=path, meta=meta, body="\n".join(lines[end + 1 :]), body_line=end + 2, text=text)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            source.lines[key] = key_node.start_mark.line + 2
            if isinstance(value_node, yaml.SequenceNode):
                source.item_lines[key] = [item.start_mark.line + 2 for item in value_node.value]
    return source


# How authors link another page: by its address, e.g. [text](../../strategies/blanket-burrito/#steps).
PAGE_LINK = re.compile(r"\]\((?:\.\./)+(strategies|routines|signs|guides)/([^/)#\s]+)/?(#[^)\s]*)?\)")


class DataChecker:
    """Collects ``file:line: field: message`` problems for one data file."""

    def __init__(self, path: Path, node, problems: Problems):
        self.path, self.problems, self.lines = path, problems, node_lines(node)
        self.ok = True

    def error(self, where: tuple, message: str) -> None:
        line = next((self.lines[where[:n]] for n in range(len(where), -1, -1) if where[:n] in self.lines), 0)
        self.problems.error(self.path, line, ".".join(str(p) for p in where), message)
        self.ok = False

    def mapping(self, value, where: tuple, what: str) -> dict:
        if not isinstance(value, dict):
            self.error(where, f"must be {what} ('key: value' entries)" if value is not None else f"{what} is missing")
            return {}
        return value

    def text(self, value, where: tuple) -> str:
        if not isinstance(value, str) or not value.strip():
            self.error(where, "is missing" if value is None else f"must be text (found {value!r})")
            return ""
        why = unsafe_text(value)
        if why:
            self.error(where, why)
        return value

    def number(self, value, where: tuple) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            self.error(where, "is missing" if value is None else f"must be a whole number (found {value!r})")
            return 0
        return value

    def labels(self, value, where: tuple) -> dict[str, str]:
        """A label in every language: ``{en: …, es: …}``."""
        value = self.mapping(value, where, "a label in each language")
        return {lang: self.text(value.get(lang), (*where, lang)) for lang in LANGUAGES}


def open_data_file(path: Path, problems: Problems, what: str) -> tuple[dict, DataChecker] | None:
    """A data file's mapping and a checker that knows its lines; None when it cannot be read."""
    loaded = load_data_file(path, problems, what)
    if loaded is None:
        return None
    node, data = loaded
    return data, DataChecker(path, node, problems)
