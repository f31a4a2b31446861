"""Build the whole bilingual site into one folder, safely.

Each language is one MkDocs build (run in parallel, one process per language,
so both cores work). Everything is built into a temporary folder beside the
output, which replaces the output only when every language succeeded: a failed
or interrupted build leaves the previous site untouched. The first language's
build also writes what lives above the languages (``write_root_pages``): it has
the library loaded already, and the builds' parent has nothing to do meanwhile.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import LANGUAGES
from .library import Library
from .rootpages import render_root_index, sitemap_index
from .sharing import short_links

# Not --quiet: it raises the engine's log level above warnings, so --strict never sees
# them and a broken link or a hard-to-read page was published. Its INFO lines are
# dropped from what the build prints instead (``engine_messages``).
ENGINE = [sys.executable, "-m", "mkdocs", "build", "--strict"]
# Set for one language's build: the folder above the languages, and every language built.
ROOT_PAGES_ENV, LANGUAGES_ENV = "CARRYOVER_ROOT_PAGES", "CARRYOVER_LANGUAGES"


def build_language_command(config: Path, lang: str, out: Path) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ, CARRYOVER_LANG=lang, CARRYOVER_SITE_DIR=str(out / lang), NO_MKDOCS_2_WARNING="1")
    return [*ENGINE, "--config-file", str(config), "--site-dir", str(out / lang)], env


def build_site(project: Path, output: Path, languages: tuple[str, ...] = LANGUAGES, content: Path | None = None) -> int:
    """Build every language into ``output``; return 0 on success, 1 on failure."""
    project, output = project.resolve(), output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=output.parent))
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
            messages = engine_messages(out)
            if messages:
                print(f"[{lang}] " + messages.replace("\n", f"\n[{lang}] "), file=sys.stderr)
            failed |= process.returncode != 0
        if failed:
            print(f"Build failed: {output} was left as it was.", file=sys.stderr)
            return 1
        replace_folder(staging, output)
        return 0
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def engine_messages(output: str) -> str:
    """The engine's output without its INFO lines (and their continuation lines):
    warnings, errors and the reason a strict build stopped."""
    kept, keep = [], True
    for line in output.splitlines():
        if line[:1].isalpha() and line.split(" ", 1)[0].isupper():  # a new message: "INFO -", "WARNING -"
            keep = not line.startswith("INFO")
        elif line.startswith("Aborted"):
            keep = True
        if keep and line.strip():
            kept.append(line)
    return "\n".join(kept)


def write_root_pages(staging: Path, library: Library, languages: tuple[str, ...]) -> None:
    """What lives above the languages: the chooser, short links /s/<id>/, a sitemap index."""
    (staging / "index.html").write_text(render_root_index(languages), encoding="utf-8")
    for path, html in short_links(library):
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    (staging / "sitemap.xml").write_text(sitemap_index(languages), encoding="utf-8")


def replace_folder(new: Path, target: Path) -> None:
    """Swap ``new`` into place of ``target`` with renames, never leaving a half-written site."""
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
