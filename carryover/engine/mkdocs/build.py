"""Build the whole site, every language, into one folder, safely.

Each language is one MkDocs build (run in parallel, one process per language,
so both cores work). Everything is built into a staging folder beside the
output, ``.site-build-<pid>-…``, which replaces the output only when every
language succeeded: a failed or interrupted build leaves the previous site
untouched. The first language's build also writes what lives above the
languages (``write_root_pages``): it has the library loaded already, and the
builds' parent has nothing to do meanwhile.

What is guaranteed about the output folder (where a build may write, and that it always
holds a whole site) is ``carryover.publish``'s: see its docstring.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from carryover import languages_of
from carryover.check.library import NOTE_MARK
from carryover.publish import STAGING_PREFIX, output_problem, publish, recover_output

# Not --quiet: it raises the engine's log level above warnings, so --strict never sees
# them and a broken link or a hard-to-read page was published. Its INFO lines are
# dropped from what the build prints instead (``engine_messages``).
ENGINE = [sys.executable, "-m", "mkdocs", "build", "--strict"]
# Set for one language's build: the folder above the languages, and every language built.
ROOT_PAGES_ENV, LANGUAGES_ENV = "CARRYOVER_ROOT_PAGES", "CARRYOVER_LANGUAGES"
# The engine prints a log record as "LEVEL    -  message" (its prefix coloured when a tty).
_RECORD_RE = re.compile(r"(?:\x1b\[[0-9;]*m)?(DEBUG|INFO|WARNING|ERROR|CRITICAL) *-  ")
ENGINE_TAIL_LINES = 20


def build_language_command(config: Path, lang: str, out: Path) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ, CARRYOVER_LANG=lang, CARRYOVER_SITE_DIR=str(out / lang), NO_MKDOCS_2_WARNING="1")
    return [*ENGINE, "--config-file", str(config), "--site-dir", str(out / lang)], env


def build_site(
    project: Path, output: Path, languages: tuple[str, ...] | None = None, content: Path | None = None
) -> int:
    """Build every language into ``output`` (by default the languages of the content's
    taxonomy.yml); return 0 on success, 1 when the build failed (the previous site stays),
    2 when ``output`` is refused (nothing is touched)."""
    project, output = project.resolve(), output.resolve()
    if content is None and os.environ.get("CARRYOVER_CONTENT"):  # the engine would read that folder
        content = project / os.environ["CARRYOVER_CONTENT"]
    if not languages:
        languages = languages_of(content or project / "content")
    problem = output_problem(project, content, output)
    if problem:
        print(f"carryover build: {problem}", file=sys.stderr)
        return 2
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        recover_output(output)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=output.parent))
    except OSError as exc:
        print(
            f"carryover build: cannot write beside {output} ({exc.strerror}); choose an output folder you "
            "can write to, or fix the folder's permissions. Nothing was built.",
            file=sys.stderr,
        )
        return 1
    try:
        processes = []
        for lang in languages:
            cmd, env = build_language_command(project / "mkdocs.yml", lang, staging)
            if content is not None:
                env["CARRYOVER_CONTENT"] = str(content.resolve())
            if lang == languages[0]:
                env.update({ROOT_PAGES_ENV: str(staging), LANGUAGES_ENV: ",".join(languages)})
            processes.append(
                (
                    lang,
                    subprocess.Popen(
                        cmd, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
                    ),
                )
            )
        failed = False
        for lang, process in processes:
            out, _ = process.communicate()
            messages = engine_report(out, process.returncode)
            if messages:
                print(f"[{lang}] " + messages.replace("\n", f"\n[{lang}] "), file=sys.stderr)
            failed |= process.returncode != 0
        if failed:
            print(f"Build failed: {output} was left as it was.", file=sys.stderr)
            return 1
        publish(staging, output)
        return 0
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def engine_messages(output: str) -> str:
    """The engine's output without its INFO lines (and their indented continuation lines):
    warnings, errors, tracebacks and the reason a strict build stopped. A line that is not
    indented and not an INFO record (a traceback, an exception, "Aborted with ...") is always
    kept, even right after an INFO line; so are a traceback's own indented lines."""
    kept, keep = [], True
    for line in output.splitlines():
        record = _RECORD_RE.match(line)
        if record and NOTE_MARK in line:  # a note for authors (untranslated or stale pages)
            kept.append("note: " + line.split(NOTE_MARK, 1)[1].strip())
            keep = False
            continue
        if record:
            keep = record[1] not in ("DEBUG", "INFO")
        elif line.strip() and (not line[:1].isspace() or line.lstrip().startswith('File "')):
            keep = True
        if keep and line.strip():
            kept.append(line)
    return "\n".join(kept)


def engine_report(output: str, returncode: int) -> str:
    """What to show of one engine run: its messages; when it failed without any, its last lines."""
    messages = engine_messages(output)
    if messages or returncode == 0:
        return messages
    lines = [line for line in output.splitlines() if line.strip()][-ENGINE_TAIL_LINES:]
    if not lines:
        return f"the engine stopped (exit code {returncode}) without printing anything"
    return "\n".join([f"the engine stopped (exit code {returncode}) with no message; its last lines:", *lines])
