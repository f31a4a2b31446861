"""The site's vocabulary (content/taxonomy.yml) and interface text (locales/*.yml)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from carryover import CONTENT, LANGUAGES
from carryover.model.problems import Problems
from carryover.model.source import open_data_file
from carryover.sanitize import url_scheme

LOCALES_DIR = Path(__file__).resolve().parents[1] / "locales"
# A language the package does not ship brings its locale file in the content: locales/<code>.yml.
CONTENT_LOCALES = "locales"
# What a locale file may leave out: a language without a readability formula is not measured.
OPTIONAL_LOCALE_KEYS = {"readability"}


@dataclass(frozen=True)
class AgeBand:
    key: str
    start: int
    end: int
    labels: dict[str, str]


@dataclass(frozen=True)
class Taxonomy:
    """Categories, settings, age bands and tags, each with a label per language."""

    categories: dict[str, dict]
    settings: dict[str, dict[str, str]]
    age_bands: tuple[AgeBand, ...]
    tags: dict[str, dict[str, str]]
    safety_rules: dict[str, dict[str, list[list[str]]]]
    situations: tuple[dict, ...] = ()
    # key -> {"needs_source": bool, lang: {"label": …, "description": …}}
    evidence: dict[str, dict] = field(default_factory=dict)
    # lang -> words for things small enough to choke on (see small_object_words in taxonomy.yml)
    small_object_words: dict[str, list[str]] = field(default_factory=dict)

    def evidence_label(self, key: str, lang: str) -> str:
        return self.evidence[key][lang]["label"]

    def evidence_description(self, key: str, lang: str) -> str:
        return self.evidence[key][lang]["description"]

    def category_label(self, key: str, lang: str) -> str:
        return self.categories[key][lang]["label"]

    def category_description(self, key: str, lang: str) -> str:
        return self.categories[key][lang]["description"]

    def setting_label(self, key: str, lang: str) -> str:
        return self.settings[key][lang]

    def tag_label(self, key: str, lang: str) -> str:
        return self.tags[key][lang]

    def bands_for(self, start: int, end: int) -> list[AgeBand]:
        """Every band an age range overlaps."""
        return [b for b in self.age_bands if b.start <= end and start <= b.end]


def load_taxonomy(path: Path, problems: Problems | None = None) -> Taxonomy | None:
    """The vocabulary, checked: every entry in every language, text only. With problems
    recorded (file, line, field), None."""
    opened = open_data_file(
        path, problems if problems is not None else Problems(), "the taxonomy (content/taxonomy.yml)"
    )
    if opened is None:
        return None
    data, check = opened
    _check_languages(data.get("languages"), path.parent, check)
    categories = {}
    for key, raw in check.mapping(data.get("categories"), ("categories",), "the categories").items():
        value = check.mapping(raw, ("categories", key), "a category")
        entry: dict = {"icon": check.text(value.get("icon"), ("categories", key, "icon"))}
        for lang in LANGUAGES:
            texts = check.mapping(value.get(lang), ("categories", key, lang), "a label and a description")
            entry[lang] = {
                name: check.text(texts.get(name), ("categories", key, lang, name)) for name in ("label", "description")
            }
        categories[str(key)] = entry
    settings = {
        str(k): check.labels(v, ("settings", k))
        for k, v in check.mapping(data.get("settings"), ("settings",), "the settings").items()
    }
    tags = {
        str(k): check.labels(v, ("tags", k)) for k, v in check.mapping(data.get("tags"), ("tags",), "the tags").items()
    }
    bands = []
    for key, raw in check.mapping(data.get("age_bands"), ("age_bands",), "the age bands").items():
        value = check.mapping(raw, ("age_bands", key), "an age band")
        start = check.number(value.get("from"), ("age_bands", key, "from"))
        end = check.number(value.get("to"), ("age_bands", key, "to"))
        labels = {lang: check.text(value.get(lang), ("age_bands", key, lang)) for lang in LANGUAGES}
        bands.append(AgeBand(key=str(key), start=start, end=end, labels=labels))
    rules: dict[str, dict[str, list[list[str]]]] = {}
    for tag, by_lang in check.mapping(data.get("safety_rules") or {}, ("safety_rules",), "safety rules").items():
        rules[str(tag)] = {}
        for lang, groups in check.mapping(by_lang, ("safety_rules", tag), "word groups per language").items():
            where = ("safety_rules", tag, lang)
            if not isinstance(groups, list) or not all(
                isinstance(g, list) and g and all(isinstance(w, str) and w for w in g) for g in groups
            ):
                check.error(where, "must be a list of word groups, like [[choking, choke]]")
                continue
            rules[str(tag)][str(lang)] = groups
    evidence: dict[str, dict] = {}
    for key, raw in check.mapping(data.get("evidence"), ("evidence",), "the evidence levels").items():
        value = check.mapping(raw, ("evidence", key), "an evidence level")
        level: dict = {"needs_source": value.get("needs_source", False)}
        if not isinstance(level["needs_source"], bool):
            check.error(("evidence", key, "needs_source"), "must be true or false")
        for lang in LANGUAGES:
            texts = check.mapping(value.get(lang), ("evidence", key, lang), "a label and a description")
            level[lang] = {
                name: check.text(texts.get(name), ("evidence", key, lang, name)) for name in ("label", "description")
            }
        evidence[str(key)] = level
    small_words = check.mapping(data.get("small_object_words") or {}, ("small_object_words",), "word lists")
    for lang, words in small_words.items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            check.error(("small_object_words", lang), "must be a list of words, like [beads, marbles]")
    situations = data.get("situations") or []
    if not isinstance(situations, list):
        check.error(("situations",), "must be a list of {target: …, en: …, es: …}")
        situations = []
    for number, situation in enumerate(situations):
        if not isinstance(situation, dict):
            check.error(("situations", number), "must be {target: …, en: …, es: …}")
            continue
        for lang in LANGUAGES:
            if situation.get(lang) is not None:
                check.text(situation[lang], ("situations", number, lang))
    if not check.ok:
        return None
    return Taxonomy(
        categories=categories,
        settings=settings,
        age_bands=tuple(bands),
        tags=tags,
        safety_rules=rules,
        situations=tuple(s for s in situations if isinstance(s, dict)),
        evidence=evidence,
        small_object_words={str(k): list(v) for k, v in small_words.items() if isinstance(v, list)},
    )


def _check_languages(listed: object, content: Path, check: Any) -> None:
    """``languages:`` names the library's languages, its original first, each with a locale
    file holding every key the original's has; and this process was started for them."""
    codes = tuple(str(code) for code in check.mapping(listed or {}, ("languages",), "the languages"))
    if codes and codes != LANGUAGES:
        check.error(
            ("languages",),
            f"this library is in {', '.join(codes)}, but this run was started for {', '.join(LANGUAGES)} "
            f"(the library in {CONTENT or 'no content folder'}): set CARRYOVER_CONTENT={content} and run again",
        )
        return
    original = set(load_ui(LANGUAGES[0])) - OPTIONAL_LOCALE_KEYS
    for code in codes:
        found = locale_file(code)
        if found is None:
            check.error(
                ("languages", code),
                f"no interface text for '{code}': add {CONTENT_LOCALES}/{code}.yml to the content "
                f"(the same keys as carryover/locales/{LANGUAGES[0]}.yml)",
            )
            continue
        missing = sorted(original - set(load_ui(code)))
        if missing:
            check.error(("languages", code), f"{found.name} lacks the interface text for: {', '.join(missing)}")


def locale_file(lang: str) -> Path | None:
    """A language's locale file: the content's own (locales/<code>.yml) first, then the package's."""
    folders = [CONTENT / CONTENT_LOCALES] if CONTENT else []
    return next((f / f"{lang}.yml" for f in [*folders, LOCALES_DIR] if (f / f"{lang}.yml").is_file()), None)


def locale_files() -> list[Path]:
    """The locale file of every language of this process's library."""
    return [f for f in map(locale_file, LANGUAGES) if f is not None]


@cache
def load_ui(lang: str) -> dict[str, Any]:
    """Interface strings for one language (the same keys in every language): text, and a few
    tables of text (``theme``, ``section_former_headings``); and what the language needs
    beyond words: ``date`` (Babel), ``og_locale``, ``readability``."""
    path = locale_file(lang)
    if path is None:
        raise FileNotFoundError(f"no locale file for '{lang}' (carryover/locales/ or the content's locales/)")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
REFERENCE_FIELDS = ("authors", "year", "title", "journal", "doi", "pmid", "url", "language")


def load_references(path: Path, problems: Problems) -> dict[str, dict] | None:
    """Every source a page may cite, checked: authors, year, title and journal, and a DOI,
    PMID or web address that opens it (only http and https)."""
    opened = open_data_file(path, problems, "the list of sources (content/references.yml)")
    if opened is None:
        return None
    data, check = opened
    references = {}
    for key, raw in data.items():
        ref = check.mapping(raw, (key,), "a source")
        for name in ref:
            if name not in REFERENCE_FIELDS:
                check.error((key, name), f"'{name}' is not a field of a source (fields: {', '.join(REFERENCE_FIELDS)})")
        for name in ("authors", "title", "journal"):
            check.text(ref.get(name), (key, name))
        check.number(ref.get("year"), (key, "year"))
        if not any(ref.get(name) for name in ("doi", "pmid", "url")):
            check.error((key,), "needs a doi, a pmid or a url that opens the source")
        if ref.get("doi") is not None and not _DOI.match(str(ref["doi"])):
            check.error((key, "doi"), f"'{ref['doi']}' is not a DOI (like 10.1111/1440-1630.12974)")
        if ref.get("pmid") is not None and not str(ref["pmid"]).isdigit():
            check.error((key, "pmid"), f"'{ref['pmid']}' is not a PubMed id (digits only)")
        if ref.get("language") is not None and not re.fullmatch(r"[a-z]{2}", str(ref["language"])):
            check.error((key, "language"), f"'{ref['language']}' is not a language code like en or es")
        if ref.get("url") is not None and url_scheme(str(ref["url"])) not in ("http", "https"):
            check.error((key, "url"), f"'{ref['url']}' must be a web address starting with https:// or http://")
        references[str(key)] = ref
    return references if check.ok else None
