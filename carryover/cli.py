"""The authors' command line: new, check, status, readability, sync, build, edit.

Run ``carryover --help`` (or ``python -m carryover --help``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from carryover import LANGUAGES, ORIGINAL_LANGUAGE, languages_of
from carryover.check.library import check_library, load_library, notes, stale_translations
from carryover.check.readability import reading_level
from carryover.context import BuildContext
from carryover.model.library import KINDS, Library, content_fingerprint
from carryover.model.review import review_state
from carryover.model.scaffold import scaffold
from carryover.model.schema import ID_RE, RESERVED_IDS


def find_project(start: Path | None = None) -> Path:
    """The folder holding mkdocs.yml and content/, from here or above."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "content" / "taxonomy.yml").is_file():
            return folder
    sys.exit("carryover: no content/taxonomy.yml here or above; run this inside a Carryover project")


def _content(args) -> Path:
    return Path(args.content).resolve() if args.content else find_project() / "content"


def cmd_check(args) -> int:
    """Validate content without building; print every problem and a summary line."""
    from carryover.engine.mkdocs.icons import icons_dir  # noqa: PLC0415 - the icons the site engine draws

    content = _content(args)
    context = BuildContext(icons_dir=icons_dir())
    library = load_library(content, icons_dir=context.icons_dir)
    check_library(library, context=context)  # exactly what the build checks
    only = {Path(p).resolve() for p in args.paths}
    problems = library.problems
    shown_errors = [p for p in problems.errors if not only or (content.parent / p.path).resolve() in only]
    shown_warnings = [p for p in problems.warnings if not only or (content.parent / p.path).resolve() in only]
    for problem in [*shown_errors, *shown_warnings]:
        print(problem)
    for line in notes(library):
        print(line)
    missing, stale = library.missing_translations(), stale_translations(library)
    pages = sum(len(e) for e in library.entries.values())
    print(
        f"{len(shown_errors)} error(s), {len(shown_warnings)} warning(s), {len(missing)} missing translation(s) "
        f"in {pages} page(s)" + (f"; {len(stale)} translation(s) may be out of date" if stale else "")
    )
    if shown_warnings and not shown_errors:
        print("The build stops on warnings too (it is strict): fix them before publishing.")
    return 1 if shown_errors or shown_warnings else 0


def cmd_new(args) -> int:
    """Write both language files of a new page, every field and heading in place."""
    if not ID_RE.match(args.id):
        print(
            f"carryover new: '{args.id}' is not a valid id; use lowercase letters, digits and single hyphens, "
            "like 'blanket-burrito'",
            file=sys.stderr,
        )
        return 2
    kind = {"strategy": "strategies", "routine": "routines", "sign": "signs", "guide": "guides"}[args.kind]
    if args.id in RESERVED_IDS:
        print(
            f"carryover new: '{args.id}' is the address of a page the build makes "
            f"({RESERVED_IDS[args.id].format(kind=kind)}); choose another id",
            file=sys.stderr,
        )
        return 2
    folder = _content(args) / kind
    paths = [folder / f"{args.id}.{lang}.md" for lang in LANGUAGES]
    existing = [p for p in paths if p.exists()]
    if existing:
        print(f"carryover new: {existing[0]} already exists; nothing was written", file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    for lang, path in zip(LANGUAGES, paths, strict=True):
        path.write_text(scaffold(kind, args.id, lang, dt.date.today()), encoding="utf-8")
        print(f"wrote {path}")
    return 0


def status_rows(library: Library, today: dt.date, months: int) -> list[dict]:
    policy = replace(library.review, months=months)
    rows = []
    for kind in KINDS:
        for entry in sorted(library.entries[kind].values(), key=lambda e: e.id):
            fingerprint = content_fingerprint(entry.original.source)
            review = review_state(entry.meta, policy, today)
            for lang in LANGUAGES:
                version = entry.versions.get(lang)
                if version is None:
                    state = "missing"
                elif lang == ORIGINAL_LANGUAGE:
                    state = "original"
                elif version.translated_from != fingerprint:
                    state = "stale"
                else:
                    state = "translated"
                reading = reading_level(version.source.body, lang) if version else None
                rows.append(
                    {
                        "page": f"{kind}/{entry.id}",
                        "lang": lang,
                        "translation": state,
                        "reviewed": entry.meta.reviewed.isoformat(),
                        "reviewer": entry.meta.reviewer or "-",
                        "review": review,
                        "reading": f"{reading}{'' if reading.ok else ' (over target)'}" if reading else "-",
                    }
                )
    return rows


def cmd_status(args) -> int:
    """A table of every page and language: translation state, review (who, when, whether it is
    current), reading level."""
    library = load_library(_content(args))
    months = args.review_months or library.review.months
    rows = status_rows(library, dt.date.today(), months)
    headers = ["page", "lang", "translation", "reviewed", "reviewer", "review", "reading"]
    widths = {h: max(len(h), *(len(r[h]) for r in rows)) if rows else len(h) for h in headers}
    print("  ".join(h.ljust(widths[h]) for h in headers))
    for row in rows:
        print("  ".join(row[h].ljust(widths[h]) for h in headers))
    counts = {s: sum(r["translation"] == s for r in rows) for s in ("missing", "stale")}
    pages = {state: len({r["page"] for r in rows if r["review"] == state}) for state in ("unreviewed", "overdue")}
    required = " (required by content/reviewers.yml)" if library.review.required else ""
    print(
        f"{counts['missing']} missing, {counts['stale']} stale translation(s); {pages['unreviewed']} page(s) not "
        f"reviewed by a named reviewer{required}; {pages['overdue']} page(s) due for review "
        f"(older than {months} months)"
    )
    return 0


def cmd_readability(args) -> int:
    """Reading level of every page's body; over target is a warning naming the page."""
    library = load_library(_content(args))
    over = 0
    for kind in KINDS:
        for entry in sorted(library.entries[kind].values(), key=lambda e: e.id):
            for lang, version in sorted(entry.versions.items()):
                reading = reading_level(version.source.body, lang)
                mark = "ok" if reading.ok else f"warning: over target ({reading.target})"
                over += not reading.ok
                print(f"{kind}/{entry.id}.{lang}: {reading}  {mark}")
    print(f"{over} page version(s) over the reading-level target")
    return 1 if over and args.strict else 0


def cmd_sync(args) -> int:
    """Record that each translation of a page matches the current original."""
    library = load_library(_content(args))
    failed = found = 0
    for kind in KINDS:
        for page_id in args.ids:
            entry = library.entries[kind].get(page_id)
            if entry is None:
                continue
            fingerprint = content_fingerprint(entry.original.source)
            for lang in LANGUAGES:
                path = entry.original.source.path.with_name(f"{page_id}.{lang}.md")
                if lang != ORIGINAL_LANGUAGE and path.exists():  # even one that fails to load: sync repairs it
                    found += 1
                    try:
                        set_front_matter_field(path, "translated_from", fingerprint)
                    except (OSError, ValueError) as exc:
                        print(f"carryover sync: {exc}", file=sys.stderr)
                        failed += 1
                        continue
                    print(f"{path}: translated_from: {fingerprint}")
    if not found:
        print("carryover sync: no translation found for " + ", ".join(args.ids), file=sys.stderr)
        return 1
    return 1 if failed else 0


_BOM = "\ufeff".encode()
# One line of a file with its own line end (LF, CRLF or a lone CR), or a last line without one.
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def set_front_matter_field(path: Path, name: str, value: str) -> None:
    """Set one scalar field in a file's front matter, keeping every other byte: a byte-order
    mark, CRLF line ends and every other line stay exactly as they were. The field's line (and
    any continuation lines of its old value) becomes ``name: 'value'``; a missing field is added
    as the front matter's last line. Raises ValueError naming the file, writing nothing, when
    the file has no front matter (a line '---', the fields, a line '---') or is not UTF-8."""
    raw = path.read_bytes()
    bom = _BOM if raw.startswith(_BOM) else b""
    try:
        text = raw[len(bom) :].decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{path}: the file is not UTF-8 text; nothing was written") from None
    lines = _LINE_RE.findall(text)
    bare = [line.rstrip("\r\n") for line in lines]
    if not lines or bare[0].strip() != "---":
        raise ValueError(
            f"{path}: no front matter (the file must start with a line '---', then the fields, then '---'); "
            "nothing was written"
        )
    end = next((i for i in range(1, len(lines)) if bare[i].rstrip() == "---"), None)
    if end is None:
        raise ValueError(
            f"{path}: the front matter is not closed (no line '---' after the fields); nothing was written"
        )
    newline = lines[0][len(bare[0]) :] or "\n"
    field = "{}: '{}'".format(name, value.replace("'", "''"))  # quoted: an all-digit fingerprint stays text
    key = re.compile(rf"{re.escape(name)}\s*:")
    head, written, i = [], False, 1
    while i < end:
        if not key.match(lines[i]):
            head.append(lines[i])
            i += 1
            continue
        last = i  # the value may go on over indented lines (or blank lines before one)
        for j in range(i + 1, end):
            if bare[j][:1] in (" ", "\t") and bare[j].strip():
                last = j
            elif bare[j].strip():
                break
        if not written:  # a later duplicate of the field is dropped: one value, the new one
            head.append(field + (lines[last][len(bare[last]) :] or newline))
            written = True
        i = last + 1
    if not written:
        head.append(field + newline)
    path.write_bytes(bom + "".join([lines[0], *head, *lines[end:]]).encode("utf-8"))


def cmd_build(args) -> int:
    """Build both languages into one folder (the old site stays if anything fails).

    The output must be a new or empty folder or an earlier build; the content, the project and
    other folders are refused. Without CARRYOVER_SITE_URL (or with an address on this computer)
    the build warns; with --strict, for a build that will be published, it fails instead."""
    from carryover.engine.mkdocs.build import build_site  # noqa: PLC0415 - needs the site engine
    from carryover.publish import output_problem, site_url_problem  # noqa: PLC0415

    project, output = find_project(), Path(args.output)
    content = Path(args.content) if args.content else None
    refused = output_problem(project, content, output)  # build_site checks too; first, so it is the only line
    if refused:
        print(f"carryover build: {refused}", file=sys.stderr)
        return 2
    problem = site_url_problem()
    if problem and args.strict:
        print(f"carryover build --strict: nothing was built: {problem}", file=sys.stderr)
        return 2
    if problem:
        print(f"carryover build: warning: {problem}", file=sys.stderr)
    return build_site(project, output, content=content)


def cmd_edit(args) -> int:
    """Write cards in a browser form (Decap CMS) on this computer: it saves into the content
    folder, changing only what was changed, and previews each page as the site shows it.
    Nothing is published and nothing leaves this computer. Ctrl-C stops it."""
    from carryover.editor.server import run  # noqa: PLC0415 - the form's server, only for this command
    from carryover.engine.mkdocs.preview import PagePreview  # noqa: PLC0415 - the site engine renders the preview

    project = find_project()
    node_modules = Path(args.node_modules) if args.node_modules else project / "editor" / "node_modules"
    previewer = PagePreview(project / "mkdocs.yml")
    return run(_content(args), node_modules, previewer, args.host, args.port, args.ui or ORIGINAL_LANGUAGE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="carryover", description="Write, check and build a Carryover library.")
    parser.add_argument("--content", help="content folder (default: ./content of the project)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", help="validate content without building", description=cmd_check.__doc__)
    p.add_argument("paths", nargs="*", help="only report problems in these files")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("new", help="start a new page in both languages", description=cmd_new.__doc__)
    p.add_argument("kind", choices=["strategy", "routine", "sign", "guide"])
    p.add_argument("id", help="the page's permanent id, like 'blanket-burrito'")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("status", help="translation, review and reading-level status", description=cmd_status.__doc__)
    p.add_argument(
        "--review-months",
        type=int,
        default=None,
        help="a review is due after this many months (default: content/reviewers.yml's, or 24)",
    )
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("readability", help="reading level of every page", description=cmd_readability.__doc__)
    p.add_argument("--strict", action="store_true", help="exit non-zero when any page is over target")
    p.set_defaults(func=cmd_readability)

    p = sub.add_parser("sync", help="mark translations as up to date with the original", description=cmd_sync.__doc__)
    p.add_argument("ids", nargs="+", help="page ids")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("build", help="build the whole bilingual site", description=cmd_build.__doc__)
    p.add_argument("--output", default="site", help="output folder (default: site)")
    p.add_argument(
        "--strict",
        action="store_true",
        help="a build to publish: fail (exit 2, nothing built) when CARRYOVER_SITE_URL is unset or local",
    )
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("edit", help="write cards in a browser form (make edit)", description=cmd_edit.__doc__)
    p.add_argument("--port", type=int, default=8010, help="the form's port on 127.0.0.1 (default: 8010)")
    p.add_argument("--host", default="127.0.0.1", help=argparse.SUPPRESS)
    p.add_argument("--node-modules", help="where npm installed the editor (default: editor/node_modules)")
    p.add_argument("--ui", choices=LANGUAGES, help="the language of the form's own words (default: the original's)")
    p.set_defaults(func=cmd_edit)

    args = parser.parse_args(argv)
    if args.content and languages_of(Path(args.content).resolve()) != LANGUAGES and not os.environ.get(_AGAIN):
        # This process read another library's languages when it started (see carryover/__init__.py):
        # run the command again for the one named, so `--content` alone is always enough.
        env = dict(os.environ, CARRYOVER_CONTENT=str(Path(args.content).resolve()), **{_AGAIN: "1"})
        command = [sys.executable, "-m", "carryover", *(sys.argv[1:] if argv is None else argv)]
        return subprocess.run(command, env=env, check=False).returncode
    return args.func(args)


_AGAIN = "CARRYOVER_RERUN"


if __name__ == "__main__":
    sys.exit(main())
