"""Checks that need the whole library: vocabulary, references between pages,
agreement between languages, section contents and safety wording."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from markdown.extensions.toc import slugify

from carryover import LANGUAGES, ORIGINAL_LANGUAGE
from carryover.model.problems import not_allowed
from carryover.model.review import review_state
from carryover.model.schema import RESERVED_IDS, SCHEMAS, SECTION_ANCHORS
from carryover.model.source import PAGE_LINK
from carryover.model.taxonomy import load_ui
from carryover.sanitize import find_unsafe_markup, unsafe_text, url_scheme

if TYPE_CHECKING:
    from carryover.model.library import Entry, Library, Version

_STEP = re.compile(r"^\s{0,3}\d+[.)]\s+\S")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+\S")

# Limits that keep a card's handout on one printed page.
MAX_STEPS = 8
MAX_SAFETY = 5


def count_items(markdown: str, pattern: re.Pattern) -> int:
    return sum(1 for line in markdown.split("\n") if pattern.match(line))


def validate_library(library: Library, icons_dir: Path | None, today: dt.date) -> None:
    _check_aliases(library)
    _check_situations(library)
    for kind, entries in library.entries.items():
        for entry in entries.values():
            for version in entry.versions.values():
                _check_markup(version, library)
                _check_text_fields(version, library)
                _check_links(entry, version, library)
            if entry.translated(ORIGINAL_LANGUAGE):
                _check_agreement(entry, library)
                _check_reviewed(entry, library, today)
                _check_sources(entry, library)
            if kind == "strategies":
                _check_card(entry, library)
            elif kind == "routines":
                _check_routine(entry, library, icons_dir)


def _check_situations(library: Library) -> None:
    """Every everyday description on the home page must lead to a page that exists."""
    tax = library.taxonomy
    targets: dict[str, Mapping[str, object]] = {
        "routines": library.routines,
        "signs": library.signs,
        "categories": tax.categories,
        "tags": tax.tags,
        "settings": tax.settings,
        "ages": {b.key: b for b in tax.age_bands},
    }
    path = library.root / "taxonomy.yml"
    for number, situation in enumerate(tax.situations, start=1):
        kind, _, key = str(situation.get("target", "")).partition("/")
        if kind not in targets or key not in targets[kind]:
            allowed = [f"{k}/{v}" for k, values in targets.items() for v in values]
            library.problems.error(
                path,
                0,
                f"situations.{number}.target",
                not_allowed("a page to lead to", situation.get("target"), allowed),
            )
        for lang in LANGUAGES:
            if not situation.get(lang):
                library.problems.error(path, 0, f"situations.{number}.{lang}", "the description is missing")


def _check_aliases(library: Library) -> None:
    """An old id keeps its address forever, so it may name only one page."""
    for entries in library.entries.values():
        owners = {entry_id: (entry, "id") for entry_id, entry in entries.items()}
        for entry in sorted(entries.values(), key=lambda e: e.id):
            src = entry.original.source
            for i, alias in enumerate(entry.meta.aliases):
                if alias in RESERVED_IDS:
                    library.problems.error(
                        src.path,
                        src.line_of("aliases", i),
                        "aliases",
                        f"'{alias}' is the address of a page the build makes "
                        f"({RESERVED_IDS[alias].format(kind=entry.kind)}); an old address cannot take it",
                    )
                elif alias in owners:
                    other, what = owners[alias]
                    other_path = library.problems._rel(other.original.source.path)
                    library.problems.error(
                        src.path,
                        src.line_of("aliases", i),
                        "aliases",
                        f"'{alias}' is already the {what} of {other_path}; an old address can lead to one page only",
                    )
                else:
                    owners[alias] = (entry, "alias")


def _check_markup(version: Version, library: Library) -> None:
    for offset, what in find_unsafe_markup(version.source.body):
        library.problems.error(
            version.source.path,
            version.source.body_line + offset,
            "body",
            f"{what} is not allowed in content; pages never need scripts. Remove it",
        )


def _check_text_fields(version: Version, library: Library) -> None:
    """Titles, summaries, materials, keywords and step labels are plain text."""
    src = version.source
    for name, value in src.meta.items():
        values = value if isinstance(value, list) else [value]
        for i, item in enumerate(values):
            text = item.get("label") if isinstance(item, dict) else item  # a routine's step: its label
            name_shown = f"{name}.{i}.label" if isinstance(item, dict) else name
            why = unsafe_text(text) if isinstance(text, str) else None
            if why:
                line = src.line_of(name, i if isinstance(value, list) else None)
                library.problems.error(src.path, line, name_shown, why)


def _check_links(entry: Entry, version: Version, library: Library) -> None:
    """Links to other pages must lead to a page, and an anchor (#steps) to a place on it;
    links to files must lead to a file of the site. A link to a page that failed to
    load is not reported again (that page's own error says what to fix)."""
    src = version.source
    for offset, line in enumerate(src.body.split("\n")):
        number = src.body_line + offset
        for kind, target, anchor in PAGE_LINK.findall(line):
            if (kind, target) in library.failed:
                continue
            if target not in library.entries[kind]:
                library.problems.error(
                    src.path,
                    number,
                    "body",
                    f"link to an unknown page: {not_allowed(f'a page in {kind}', target, library.entries[kind])}",
                )
            elif anchor and anchor[1:] not in page_anchors(library.entries[kind][target], version.lang):
                anchors = sorted(page_anchors(library.entries[kind][target], version.lang))
                library.problems.error(
                    src.path,
                    number,
                    "body",
                    f"link to a missing place on {kind}/{target}: "
                    + not_allowed("an anchor on that page", anchor[1:], anchors).replace("'", "'#", 1),
                )
        for target in _FILE_LINK.findall(line):
            problem = _file_link_problem(target, entry, version, library)
            if problem:
                library.problems.error(src.path, number, "body", problem)


# A Markdown link or image to something that is not another page: [x](y), ![x](y)
_FILE_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def _file_link_problem(target: str, entry: Entry, version: Version, library: Library) -> str | None:
    """Why a link to a file or an anchor on this same page would break, or None."""
    if PAGE_LINK.match(f"]({target})") or url_scheme(target) is not None:
        return None  # another page (checked above), or a web, mail or phone address
    path, _, anchor = target.partition("#")
    if not path:
        if anchor and anchor not in page_anchors(entry, version.lang):
            return f"link to a missing place on this page: '#{anchor}'"
        return None
    if path.startswith("/"):
        return f"'{target}' starts with '/', which breaks when the site lives in a sub-folder; write a relative address"
    # The engine reads a link from the page's file (content/<kind>/<id>.md).
    resolved = posixpath.normpath(posixpath.join(version.source.path.parent.name, path))
    if resolved.endswith((".md", ".yml", ".yaml")) and (library.root / resolved).is_file():
        return (
            f"'{target}' links to a content file, which is not published; link to the page's address "
            "instead, like ../../strategies/blanket-burrito/"
        )
    if resolved.startswith("..") or not any(
        (folder / resolved).is_file() for folder in (library.root, library.root.parent / "overrides")
    ):
        return f"link to a missing file: '{target}' (it would be content/{resolved})"
    return None


_HEADING = re.compile(r"^#{2,6}\s+(.*?)\s*(?:\{[^}]*#([\w-]+)[^}]*\})?\s*$")


def page_anchors(entry: Entry, lang: str) -> set[str]:
    """The anchors a published page has: its sections', its steps' (step-1 …), and the
    places the build adds (related strategies, sources, "I tried this")."""
    version = entry.version(lang)
    anchors: set[str] = {"steps", "sources", "related", "strategies", "i-tried-this", "what-you-need"}
    anchors |= {SECTION_ANCHORS[s.key] for s in version.sections if s.key in SECTION_ANCHORS}
    steps = version.section("section_steps")
    if steps is not None:
        anchors |= {f"step-{n}" for n in range(1, count_items(steps.markdown, _STEP) + 1)}
    for line in version.source.body.split("\n"):
        match = _HEADING.match(line)
        if match:
            anchors.add(match[2] or slugify(match[1], "-"))
    return anchors


def _check_agreement(entry: Entry, library: Library) -> None:
    """Shared fields live in the original; a translation that repeats one must agree."""
    shared = SCHEMAS[entry.kind][2]
    original = entry.original
    for lang, version in entry.versions.items():
        if lang == ORIGINAL_LANGUAGE:
            continue
        for name in shared:
            theirs = getattr(version.meta, name, None)
            if theirs is None or name not in version.source.meta:
                continue
            ours = getattr(original.meta, name, None)
            if theirs != ours:
                library.problems.error(
                    version.source.path,
                    version.source.line_of(name),
                    name,
                    f"does not agree with {library.problems._rel(original.source.path)}:"
                    f"{original.source.line_of(name)} ({_show(theirs)} here, {_show(ours)} there); "
                    f"shared fields belong in the {ORIGINAL_LANGUAGE} file: remove it here or make them equal",
                )


def _show(value) -> str:
    if hasattr(value, "model_dump"):
        value = {k.rstrip("_"): v for k, v in value.model_dump().items()}
    return repr(value)


def _check_reviewed(entry: Entry, library: Library, today: dt.date) -> None:
    """A review date is in the past; a reviewer is someone in content/reviewers.yml; where
    the library requires review, every page has a current one."""
    src, policy = entry.original.source, library.review
    reviewed, reviewer = entry.meta.reviewed, entry.meta.reviewer
    if reviewed and reviewed > today:
        library.problems.error(
            src.path,
            src.line_of("reviewed"),
            "reviewed",
            f"{reviewed.isoformat()} is in the future; use the date the page was last checked or updated",
        )
    if reviewer is not None and reviewer not in policy.reviewers:
        library.problems.error(
            src.path,
            src.line_of("reviewer"),
            "reviewer",
            not_allowed("a reviewer in content/reviewers.yml", reviewer, policy.reviewers)
            if policy.reviewers
            else f"'{reviewer}' is not in content/reviewers.yml (it lists no reviewer yet); add them there first",
        )
    elif policy.required:
        state = review_state(entry.meta, policy, today)
        if state == "unreviewed":
            library.problems.error(
                src.path,
                src.line_of("reviewed"),
                "reviewer",
                "this library requires every page to be reviewed (content/reviewers.yml: required: true); "
                "add 'reviewer: <key>' with the reviewer's key, and the date of the review in 'reviewed'",
            )
        elif state == "overdue":
            library.problems.error(
                src.path,
                src.line_of("reviewed"),
                "reviewed",
                f"the review of {reviewed.isoformat()} is older than {policy.months} months; have the page "
                "reviewed again and update the date",
            )


def _check_sources(entry: Entry, library: Library) -> None:
    src = entry.original.source
    for i, key in enumerate(entry.sources):
        if key not in library.references:
            library.problems.error(
                src.path,
                src.line_of("sources", i),
                "sources",
                not_allowed("a source in content/references.yml", key, library.references),
            )


_VOCABULARY_KINDS = {"routines": "routines", "signs": "signs", "related": "strategies"}


def _check_vocabulary(
    entry: Entry, library: Library, name: str, values: list[str], allowed: Collection[str], kind_words: str
) -> None:
    src = entry.original.source
    for i, value in enumerate(values):
        if (_VOCABULARY_KINDS.get(name), value) in library.failed:
            continue  # that page's own error is reported
        if value not in allowed:
            library.problems.error(src.path, src.line_of(name, i), name, not_allowed(kind_words, value, allowed))


def _check_card(entry: Entry, library: Library) -> None:
    meta, src, problems, tax = entry.card, entry.original.source, library.problems, library.taxonomy
    if meta.category not in tax.categories:
        problems.error(
            src.path, src.line_of("category"), "category", not_allowed("a category", meta.category, tax.categories)
        )
    if meta.evidence not in tax.evidence:
        problems.error(
            src.path,
            src.line_of("evidence"),
            "evidence",
            not_allowed("an evidence level (taxonomy.yml: evidence)", meta.evidence, tax.evidence),
        )
    elif tax.evidence[meta.evidence]["needs_source"] and not meta.sources:
        problems.error(
            src.path,
            src.line_of("evidence"),
            "evidence",
            f"'{meta.evidence}' says research backs this card, so it must cite at least one source: add its key "
            "to 'sources' (a checked entry of content/references.yml), or choose another evidence level",
        )
    _check_vocabulary(entry, library, "tags", meta.tags, tax.tags, "a tag")
    _check_vocabulary(entry, library, "settings", meta.settings, tax.settings, "a setting")
    _check_vocabulary(entry, library, "routines", meta.routines, library.routines, "a routine")
    _check_vocabulary(entry, library, "signs", meta.signs, library.signs, "a signs page")
    _check_vocabulary(entry, library, "related", meta.related, library.cards, "a card")
    for name, target in (("easier", meta.easier), ("harder", meta.harder)):
        if target is not None and target not in library.cards and ("strategies", target) not in library.failed:
            problems.error(src.path, src.line_of(name), name, not_allowed("a card", target, library.cards))
        if target == entry.id:
            problems.error(src.path, src.line_of(name), name, "a card cannot be its own next step")
    counts: dict[str, tuple[int, int]] = {}
    for lang, version in entry.versions.items():
        steps = version.section("section_steps")
        safety = version.section("section_safety")
        ask = version.section("section_ask_therapist")
        n_steps = count_items(steps.markdown, _STEP) if steps else 0
        n_safety = count_items(safety.markdown, _BULLET) if safety else 0
        if steps and not n_steps:
            problems.error(version.source.path, steps.line, "body", "Steps must be a numbered list (1. … 2. …)")
        if steps and n_steps > MAX_STEPS:
            problems.error(
                version.source.path,
                steps.line,
                "body",
                f"{n_steps} steps; at most {MAX_STEPS} fit on a one-page handout. Merge or cut steps",
            )
        if safety and not n_safety:
            problems.error(version.source.path, safety.line, "body", "Safety must be a bulleted list (- …)")
        if safety and n_safety > MAX_SAFETY:
            problems.error(
                version.source.path,
                safety.line,
                "body",
                f"{n_safety} safety notes; at most {MAX_SAFETY} fit on a one-page handout",
            )
        if ask and not count_items(ask.markdown, _BULLET):
            problems.error(
                version.source.path,
                ask.line,
                "body",
                f"{load_ui(version.lang)['section_ask_therapist']} must be a bulleted list (- …)",
            )
        counts[lang] = (n_steps, n_safety)
        _check_small_objects(entry, version, library)
        if safety:
            _check_safety_words(entry, version, safety, library)
    original_counts = counts.get(ORIGINAL_LANGUAGE)
    for lang, (n_steps, n_safety) in counts.items():
        if lang == ORIGINAL_LANGUAGE or original_counts is None:
            continue
        version = entry.versions[lang]
        if not version.section("section_steps") or not version.section("section_safety"):
            continue  # the missing heading is reported; counting its items would only repeat it
        other = entry.versions[lang].source.path
        orig = problems._rel(entry.original.source.path)
        if n_steps != original_counts[0]:
            problems.error(
                other,
                _section_line(entry.versions[lang], "section_steps"),
                "body",
                f"{n_steps} steps here but {original_counts[0]} in {orig}; both languages need the same steps",
            )
        if n_safety != original_counts[1]:
            problems.error(
                other,
                _section_line(entry.versions[lang], "section_safety"),
                "body",
                f"{n_safety} safety notes here but {original_counts[1]} in {orig}; "
                "both languages need the same safety notes",
            )


def _check_small_objects(entry: Entry, version: Version, library: Library) -> None:
    """A card that names something a young child can choke on (beads, balloons, coins…) in
    its materials or steps must carry the small-objects tag, so its safety notes speak of
    choking. A warning, which the strict build (and check) stop on."""
    if "small-objects" in entry.card.tags or "small-objects" not in library.taxonomy.tags:
        return
    steps = version.section("section_steps")
    text = " ".join([*version.card.materials, steps.markdown if steps else ""])
    for word in library.taxonomy.small_object_words.get(version.lang, []):
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.I):
            src = entry.original.source
            library.problems.warning(
                version.source.path,
                steps.line if steps else 1,
                "tags",
                f"the card names '{word}', which can choke a young child: add 'small-objects' to tags in "
                f"{library.problems._rel(src.path)} (its Safety notes must then say how to avoid choking)",
            )
            return


def _section_line(version: Version, key: str) -> int:
    """The line of a section's heading; the body's first line when the heading is missing
    (its own error, "missing heading", is reported too)."""
    section = version.section(key)
    return section.line if section else version.source.body_line


def _check_safety_words(entry: Entry, version: Version, safety, library: Library) -> None:
    """Risky activities (weighted items, small objects, water, climbing, chewing) must
    carry their specific safety notes, in every language."""
    text = safety.markdown.lower()
    for tag in entry.card.tags:
        rule = library.taxonomy.safety_rules.get(tag, {}).get(version.lang)
        for group in rule or []:
            if not any(word.lower() in text for word in group):
                library.problems.error(
                    version.source.path,
                    safety.line,
                    "body",
                    f"a card tagged '{tag}' must say {' or '.join(repr(w) for w in group)} in its safety notes",
                )


def _check_routine(entry: Entry, library: Library, icons_dir: Path | None) -> None:
    src, problems, steps = entry.original.source, library.problems, entry.routine.steps
    icons = [entry.routine.icon] + [step.icon for step in steps]
    if icons_dir is not None:
        for i, icon in enumerate(icons):
            if not (icons_dir / f"{icon}.svg").is_file():
                line = src.line_of("icon") if i == 0 else src.line_of("steps", i - 1)
                problems.error(
                    src.path,
                    line,
                    "icon" if i == 0 else f"steps.{i - 1}.icon",
                    f"'{icon}' is not a Material Design icon name (see the icon list in CONTRIBUTING.md)",
                )
    for lang, version in entry.versions.items():
        if lang == ORIGINAL_LANGUAGE:
            continue
        own_steps = version.steps
        if len(own_steps) != len(steps):
            problems.error(
                version.source.path,
                version.source.line_of("steps"),
                "steps",
                f"{len(own_steps)} steps here but {len(steps)} in "
                f"{problems._rel(src.path)}; both languages need the same steps",
            )
        for i, step in enumerate(own_steps):
            if step.icon and i < len(steps) and step.icon != steps[i].icon:
                problems.error(
                    version.source.path,
                    version.source.line_of("steps", i),
                    f"steps.{i}.icon",
                    f"'{step.icon}' does not agree with '{steps[i].icon}' in "
                    f"{problems._rel(src.path)}; leave icons to the original file",
                )
