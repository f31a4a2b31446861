"""Read every content file and pair the languages of each page.

``read_library`` never stops at the first problem: it reads everything, records
every problem with its file and line, and returns what it could load. What needs
the whole library (links, vocabulary, agreement between languages) is checked
afterwards by ``carryover.check.library.load_library``, which callers use.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from carryover import LANGUAGES, ORIGINAL_LANGUAGE
from carryover.cache import fingerprint, load_pickle, save_pickle
from carryover.model.problems import Problems, did_you_mean
from carryover.model.review import ReviewPolicy, load_review_policy
from carryover.model.schema import (
    RESERVED_IDS,
    SCHEMAS,
    SECTION_ANCHORS,
    SECTIONS,
    CardMeta,
    CardTranslationMeta,
    Meta,
    OriginalMeta,
    PageMeta,
    PageTranslationMeta,
    RoutineMeta,
    RoutineStep,
    RoutineStepTranslation,
    RoutineTranslationMeta,
)
from carryover.model.source import SourceFile, read_source
from carryover.model.taxonomy import Taxonomy, load_references, load_taxonomy, load_ui

KINDS = ("strategies", "routines", "signs", "guides")
_FILE_RE = re.compile(r"^(?P<id>[^.]+)\.(?P<lang>[a-z]{2})\.md$")
_TRANSLATIONS = (CardTranslationMeta, RoutineTranslationMeta, PageTranslationMeta)


def _not_a(what: str, page: str, meta: BaseModel) -> TypeError:
    """Asking a routine for a card's fields is a bug in the code, said plainly."""
    return TypeError(f"{page} is not {what} (its front matter is a {type(meta).__name__})")


@dataclass
class Section:
    key: str | None  # locale key of the heading (None for free-form guide sections)
    heading: str
    line: int
    markdown: str

    @property
    def anchor(self) -> str:
        """The section's anchor on the published page (#steps); only a known heading has one."""
        if self.key is None:
            raise KeyError(f"'## {self.heading}' is not one of the kind's headings, so it has no anchor")
        return SECTION_ANCHORS[self.key]


@dataclass
class Version:
    """One language of one page."""

    lang: str
    source: SourceFile
    meta: Meta
    sections: list[Section]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def card(self) -> CardMeta | CardTranslationMeta:
        """The front matter of a strategy card, in this language."""
        if isinstance(self.meta, (CardMeta, CardTranslationMeta)):
            return self.meta
        raise _not_a("a strategy card", str(self.source.path), self.meta)

    @property
    def routine(self) -> RoutineMeta | RoutineTranslationMeta:
        """The front matter of a routine, in this language."""
        if isinstance(self.meta, (RoutineMeta, RoutineTranslationMeta)):
            return self.meta
        raise _not_a("a routine", str(self.source.path), self.meta)

    @property
    def steps(self) -> Sequence[RoutineStep | RoutineStepTranslation]:
        """A routine's steps in this language (a translation may leave the icons out)."""
        return self.routine.steps

    @property
    def translated_from(self) -> str | None:
        """The original's fingerprint a translation was made from; None for an original."""
        return self.meta.translated_from if isinstance(self.meta, _TRANSLATIONS) else None


@dataclass
class Entry:
    """A page in all the languages it exists in; the original holds the shared fields."""

    kind: str
    id: str
    versions: dict[str, Version] = field(default_factory=dict)

    @property
    def original(self) -> Version:
        return self.versions[ORIGINAL_LANGUAGE]

    @property
    def meta(self) -> OriginalMeta:
        """The original's front matter: the fields every kind has (title, aliases, reviewer…).
        A kind's own fields are read through ``card``, ``routine`` or ``page``."""
        meta = self.original.meta
        if isinstance(meta, _TRANSLATIONS):
            raise _not_a("an original", f"{self.kind}/{self.id}", meta)
        return meta

    @property
    def card(self) -> CardMeta:
        """The front matter of a strategy card (its original file)."""
        if isinstance(meta := self.meta, CardMeta):
            return meta
        raise _not_a("a strategy card", f"{self.kind}/{self.id}", meta)

    @property
    def routine(self) -> RoutineMeta:
        """The front matter of a routine (its original file)."""
        if isinstance(meta := self.meta, RoutineMeta):
            return meta
        raise _not_a("a routine", f"{self.kind}/{self.id}", meta)

    @property
    def page(self) -> PageMeta:
        """The front matter of a sign or guide page (its original file)."""
        if isinstance(meta := self.meta, PageMeta):
            return meta
        raise _not_a("a signs or guide page", f"{self.kind}/{self.id}", meta)

    @property
    def sources(self) -> list[str]:
        """The references the page cites (keys of references.yml); routines cite none."""
        return [] if isinstance(self.meta, RoutineMeta) else self.meta.sources

    @property
    def order(self) -> int | None:
        """Where a sign or guide page goes in its index (``order:``); routines have none."""
        return self.meta.order if isinstance(self.meta, PageMeta) else None

    def version(self, lang: str) -> Version:
        """The page in ``lang``, or the original when it is not translated yet."""
        return self.versions.get(lang) or self.original

    def translated(self, lang: str) -> bool:
        return lang in self.versions

    def stale(self, lang: str) -> bool:
        """A translation made from an older version of the original (see ``carryover sync``)."""
        version = self.versions.get(lang)
        if version is None or lang == ORIGINAL_LANGUAGE:
            return False
        return version.translated_from != content_fingerprint(self.original.source)


@dataclass(eq=False)  # compared (and hashed) by identity: results are cached per library
class Library:
    root: Path
    taxonomy: Taxonomy
    references: dict[str, dict]
    entries: dict[str, dict[str, Entry]]
    problems: Problems
    # (kind, id) of pages whose files could not be read: links to them are not reported
    # again, so an author sees the broken file's own error first and alone.
    failed: set[tuple[str, str]] = field(default_factory=set)
    review: ReviewPolicy = field(default_factory=ReviewPolicy)
    # False when taxonomy.yml or references.yml could not be read: checking every page
    # against an empty vocabulary would only repeat the data file's error.
    data_loaded: bool = True

    @property
    def cards(self) -> dict[str, Entry]:
        return self.entries["strategies"]

    @property
    def routines(self) -> dict[str, Entry]:
        return self.entries["routines"]

    @property
    def signs(self) -> dict[str, Entry]:
        return self.entries["signs"]

    @property
    def guides(self) -> dict[str, Entry]:
        return self.entries["guides"]

    def missing_translations(self) -> list[tuple[str, str, str]]:
        """(kind, id, language) of every page not yet translated into a language."""
        return [
            (kind, entry.id, lang)
            for kind in KINDS
            for entry in self.entries[kind].values()
            for lang in LANGUAGES
            if not entry.translated(lang)
        ]


def content_fingerprint(source: SourceFile) -> str:
    """A short hash of a file's text: a translation records the original's fingerprint
    in ``translated_from``, so a later change to the original marks it stale."""
    return fingerprint_text(source.text)


def fingerprint_text(text: str) -> str:
    """``content_fingerprint`` of a file's text (the browser form's save has no parsed file)."""
    text = re.sub(r"^translated_from:.*\n", "", text, flags=re.M)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def read_library(root: Path, parsed: ParsedFiles | None = None) -> Library:
    """Read ``root`` (the content folder) into a paired ``Library``, taking unchanged files
    from ``parsed`` (an earlier build's, see ``ParsedFiles``) when given."""
    root = Path(root)
    problems = Problems(root=root.parent)
    if not root.is_dir():
        problems.error(root, 0, "", "the content folder does not exist")
    taxonomy = load_taxonomy(root / "taxonomy.yml", problems)
    references = load_references(root / "references.yml", problems)
    entries: dict[str, dict[str, Entry]] = {kind: {} for kind in KINDS}
    claimed: dict[tuple[str, str, str], Path] = {}
    failed: set[tuple[str, str]] = set()  # files already reported; their pairs are not orphans
    _check_stray_files(root, problems)
    for kind in KINDS:
        folder = root / kind
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if not _is_page_file(path, kind, problems):
                if not path.name.startswith("."):
                    failed.add((kind, unicodedata.normalize("NFC", path.name).split(".")[0]))
                continue
            version = _load_version(kind, path, problems, parsed)
            if version is None:
                failed.add((kind, unicodedata.normalize("NFC", path.name).split(".")[0]))
                problems.root_causes.add(problems._rel(path))
                continue
            key = (kind, version.meta.id, version.lang)
            if version.meta.id in RESERVED_IDS:
                problems.error(
                    path,
                    version.source.line_of("id"),
                    "id",
                    f"'{version.meta.id}' is the address of a page the build makes "
                    f"({RESERVED_IDS[version.meta.id].format(kind=kind)}); choose another id",
                )
                failed.add((kind, version.meta.id))
                problems.root_causes.add(problems._rel(path))
                continue
            if key in claimed:
                problems.error(
                    path,
                    version.source.line_of("id"),
                    "id",
                    f"'{version.meta.id}' is already used by {problems._rel(claimed[key])}; "
                    "every page needs its own id",
                )
                continue
            claimed[key] = path
            entries[kind].setdefault(version.meta.id, Entry(kind, version.meta.id)).versions[version.lang] = version
    for kind in KINDS:
        for entry_id, entry in list(entries[kind].items()):
            if ORIGINAL_LANGUAGE not in entry.versions:
                for version in entry.versions.values() if (kind, entry_id) not in failed else ():
                    problems.error(
                        version.source.path,
                        1,
                        "",
                        f"translation without its original: create {kind}/{entry_id}."
                        f"{ORIGINAL_LANGUAGE}.md (or rename this file if the id is wrong)",
                    )
                del entries[kind][entry_id]
    review = load_review_policy(root / "reviewers.yml", problems)
    data_loaded = taxonomy is not None and references is not None
    return Library(root, taxonomy or EMPTY_TAXONOMY, references or {}, entries, problems, failed, review, data_loaded)


EMPTY_TAXONOMY = Taxonomy(categories={}, settings={}, age_bands=(), tags={}, safety_rules={}, evidence={})
_NEAR_MARKDOWN = (".markdown", ".mdown", ".mkd", ".mkdn", ".txt", ".text")


def _is_page_file(path: Path, kind: str, problems: Problems) -> bool:
    """Whether ``path`` is a page to read; anything an author may have meant as one, but
    that would be skipped, is an error rather than silently left out."""
    name = path.name
    if name.startswith("."):
        return False  # editors' and systems' own files (.DS_Store, .swp)
    if path.is_symlink() and not path.exists():
        problems.error(path, 0, "", "a link (symlink) to a file that does not exist, or that links back to itself")
        return False
    if path.is_dir():
        problems.error(
            path,
            0,
            "",
            f"folders inside content/{kind}/ are not read; move its files into content/{kind}/ "
            "(and rename it if it was meant to be a page: <id>.<language>.md)",
        )
        return False
    if name.lower().endswith(_NEAR_MARKDOWN) or (name.lower().endswith(".md") and not name.endswith(".md")):
        problems.error(
            path, 0, "", "this file is not read: a page's file name is <id>.<language>.md, like my-card.en.md"
        )
        return False
    if not name.endswith(".md"):
        problems.warning(
            path, 0, "", f"this file is not a page and is not published from content/{kind}/; move or delete it"
        )
        return False
    return True


def _check_stray_files(root: Path, problems: Problems) -> None:
    """Links (symlinks) anywhere in the content that lead nowhere: the engine would stop on them."""
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_symlink() and not path.exists() and path.parent.name not in KINDS:
            problems.error(path, 0, "", "a link (symlink) to a file that does not exist, or that links back to itself")


class ParsedFiles:
    """Files parsed cleanly by an earlier build, by kind and path, with a hash of the bytes
    they held: each build is a new process, and parsing a thousand unchanged cards in two
    languages took most of a second (bytes are compared, not times of change, which can tie
    within a few milliseconds). One per build, kept in the build's cache as one pickle."""

    def __init__(self, root: Path):
        own_locales = sorted((Path(root) / "locales").glob("*.yml"))  # a language the package does not ship
        self.name = f"parsed-{fingerprint(str(Path(root).resolve()), files=[*PARSER_CODE, *own_locales])[:16]}.pickle"
        self.files: dict[tuple[str, Path], tuple[bytes, Version]] = load_pickle(self.name)
        self._before = dict(self.files)

    def get(self, kind: str, path: Path, stamp: bytes) -> Version | None:
        known = self.files.get((kind, path))
        return known[1] if known and stamp and known[0] == stamp else None

    def put(self, kind: str, path: Path, stamp: bytes, version: Version) -> None:
        self.files[(kind, path)] = (stamp, version)

    def save(self, library: Library) -> None:
        """Keep the files this library used, if any changed."""
        used = {
            (entry.kind, version.source.path): self.files[(entry.kind, version.source.path)]
            for entries in library.entries.values()
            for entry in entries.values()
            for version in entry.versions.values()
            if (entry.kind, version.source.path) in self.files
        }
        if used.keys() != self._before.keys() or any(self._before[k] is not v for k, v in used.items()):
            save_pickle(self.name, used)
            self._before = dict(used)


# What a parsed file depends on besides its bytes: a change to any of these parses again.
# The locale files name the sections a body is split into: renaming a heading there must
# parse every file again, or a fresh check and a warm one would disagree.
_PACKAGE = Path(__file__).resolve().parents[1]
PARSER_CODE = sorted([*(_PACKAGE / "model").glob("*.py"), *(_PACKAGE / "locales").glob("*.yml")])


def _load_version(kind: str, path: Path, problems: Problems, parsed: ParsedFiles | None) -> Version | None:
    """The file's page, parsed, or the one parsed before if the file has not changed since."""
    try:
        stamp = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        stamp = b""
    known = parsed.get(kind, path, stamp) if parsed is not None else None
    if known is not None:
        return known
    reported = len(problems.items)
    version = _parse_version(kind, path, problems)
    if parsed is not None and version is not None and len(problems.items) == reported:  # with problems: read again
        parsed.put(kind, path, stamp, version)
    return version


def _parse_version(kind: str, path: Path, problems: Problems) -> Version | None:
    name = unicodedata.normalize("NFC", path.name)
    match = _FILE_RE.match(name)
    if not match or match["lang"] not in LANGUAGES:
        if path.suffix == ".md":
            problems.error(
                path,
                0,
                "",
                f"the file name must be <id>.{'.md or <id>.'.join(LANGUAGES)}.md (for example my-card.en.md)",
            )
        return None
    lang = match["lang"]
    source = read_source(path, problems)
    if source is None:
        return None
    original_schema, translation_schema, _ = SCHEMAS[kind]
    schema: type[Meta] = original_schema if lang == ORIGINAL_LANGUAGE else translation_schema
    try:
        meta = schema.model_validate(source.meta)
    except ValidationError as exc:
        for err in exc.errors():
            _report_schema_error(source, schema, err, problems)
        return None
    if meta.id != match["id"]:
        problems.error(
            path,
            source.line_of("id"),
            "id",
            f"'{meta.id}' does not match the file name '{name}'; the id and the file name must be the same "
            f"(rename the file to {meta.id}.{lang}.md, or fix the id)",
        )
    sections = split_sections(kind, source, lang, problems)
    return Version(lang=lang, source=source, meta=meta, sections=sections)


_TYPE_WORDS = {
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "list_type": "must be a list, like [a, b]",
    "dict_type": "must be a set of fields",
    "model_type": "must be a set of fields, like {from: 3, to: 8}",
    "bool_type": "must be true or false",
}


def _report_schema_error(source: SourceFile, schema: type[BaseModel], err: ErrorDetails, problems: Problems) -> None:
    """Turn one pydantic error into a sentence an author can act on."""
    loc = [str(x) if not isinstance(x, int) else x for x in err["loc"]]
    top = str(loc[0]) if loc else ""
    index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
    line = source.line_of(top, index) if top else 1
    dotted = ".".join(str(x) for x in loc).replace(".from_", ".from")
    kind = err["type"]
    value = err.get("input")
    fields = [f.alias or name for name, f in schema.model_fields.items()]
    if kind == "missing":
        message = "is required but missing; add it to the front matter"
    elif kind == "extra_forbidden":
        message = f"'{top}' is not a field here{did_you_mean(top, fields)} (fields: {', '.join(fields)})"
        dotted = top
    elif kind in _TYPE_WORDS:
        message = f"{_TYPE_WORDS[kind]} (found {value!r})"
    elif kind.startswith("date"):
        message = f"'{value}' is not a real date; write it as YYYY-MM-DD, for example 2026-11-25"
    elif kind == "string_pattern_mismatch":
        message = (
            f"'{value}' is not a valid id: use lowercase letters, digits and single hyphens, like 'blanket-burrito'"
        )
    elif kind in ("greater_than_equal", "less_than_equal"):
        limit = err.get("ctx", {})
        message = f"{value!r} is out of range ({err['msg'].lower()}; {limit})".replace("; {}", "")
    elif kind in ("too_short", "too_long"):
        message = err["msg"].replace("List", "the list").replace("String", "the text")
    elif kind == "value_error":
        message = str(err.get("ctx", {}).get("error", err["msg"]))
    else:
        message = err["msg"]
    problems.error(source.path, line, dotted, message)


def split_sections(kind: str, source: SourceFile, lang: str, problems: Problems) -> list[Section]:
    """Split the body at its '## ' headings and name each by its locale key."""
    ui = load_ui(lang)
    expected = SECTIONS[kind]
    known = {ui[key]: key for key in expected}
    for key, former in (ui.get("section_former_headings") or {}).items():  # renamed headings keep working
        known.update({heading: key for heading in former if key in expected})
    sections: list[Section] = []
    lines = source.body.split("\n")
    current: Section | None = None
    buffer: list[str] = []
    for offset, line in enumerate(lines):
        number = source.body_line + offset
        if line.startswith("## "):
            if current:
                current.markdown = "\n".join(buffer).strip("\n")
            heading = line[3:].strip()
            current = Section(known.get(heading), heading, number, "")
            sections.append(current)
            buffer = []
        elif current is None:
            if line.strip():
                problems.error(
                    source.path, number, "body", "text before the first '## ' heading; put it under a heading"
                )
                current = Section(None, "", number, "")
                buffer = []
        else:
            buffer.append(line)
    if current:
        current.markdown = "\n".join(buffer).strip("\n")
    if expected:
        _check_headings(source, sections, expected, ui, problems)
    return [s for s in sections if s.heading]


def _check_headings(source, sections, expected, ui, problems) -> None:
    wanted = [ui[key] for key in expected]
    for section in sections:
        if section.heading and section.key is None:
            problems.error(
                source.path,
                section.line,
                "body",
                f"unknown heading '## {section.heading}'{did_you_mean(section.heading, wanted)} "
                f"(headings: {', '.join(wanted)})",
            )
    found = [s.key for s in sections if s.key]
    for key in expected:
        if key not in found:
            problems.error(
                source.path,
                source.body_line,
                "body",
                f"missing heading '## {ui[key]}' (headings, in order: {', '.join(wanted)})",
            )
    present = [k for k in expected if k in found]
    if found != present and len(set(found)) == len(found):
        problems.error(
            source.path, source.body_line, "body", f"headings are out of order (expected: {', '.join(wanted)})"
        )
    for key in set(found):
        if found.count(key) > 1:
            problems.error(source.path, source.body_line, "body", f"heading '## {ui[key]}' appears twice")
