"""Publishing: where a build may write, how the new site replaces the old one, what the
engine's output shows an author, the site-address warning, and `sync` keeping every byte.

Plain unit tests of carryover/publish/__init__.py, carryover/engine/mkdocs/build.py and carryover/cli.py; the few that
go through `build_site` or the command line use a throwaway project and never build a site.
"""

from __future__ import annotations

import codecs
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from carryover import cli, publish
from carryover.engine.mkdocs import build

ROOT = Path(__file__).resolve().parents[2]


def dead_pid() -> int:
    """The id of a process that has finished (and was reaped), so nothing owns it now."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.fixture
def project(tmp_path) -> Path:
    """A throwaway project: content/, .git/, mkdocs.yml. Not buildable: a build that got as far
    as the engine fails at once, so a refused build is told from one that started."""
    root = tmp_path / "project"
    (root / "content" / "strategies").mkdir(parents=True)
    (root / "content" / "taxonomy.yml").write_text("categories: {}\n", encoding="utf-8")
    (root / "content" / "strategies" / "card.en.md").write_text("---\nid: card\n---\n", encoding="utf-8")
    (root / ".git" / "objects").mkdir(parents=True)
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---- item 3: dangerous output folders ------------------------------------------------


@pytest.mark.parametrize(
    ("output", "why"),
    [
        ("content", "is the content folder"),
        ("content/strategies", "inside the content folder"),
        (".", "is the project folder"),
        ("..", "holds the project folder"),
        (".git", "is a .git folder"),
        (".git/site", "inside a .git folder"),
    ],
)
def test_an_output_folder_that_would_replace_the_project_is_refused(project, output, why):
    problem = publish.output_problem(project, None, project / output)
    assert problem is not None and why in problem
    assert str((project / output).resolve()) in problem  # names the folder
    assert "\n" not in problem


def test_an_output_folder_around_or_inside_another_content_folder_is_refused(project, tmp_path):
    content = tmp_path / "elsewhere" / "content"
    content.mkdir(parents=True)
    for output, why in (
        (content, "is the content folder"),
        (content / "site", "inside the content folder"),
        (content.parent, "holds the content folder"),
    ):
        problem = publish.output_problem(project, content, output)
        assert problem is not None and why in problem, output


def test_a_folder_not_made_by_a_build_is_refused_but_a_previous_build_is_replaced(project, tmp_path):
    assert publish.output_problem(project, None, project / "site") is None  # missing: the normal case
    assert publish.output_problem(project, None, tmp_path / "new" / "deeper") is None
    empty = tmp_path / "empty"
    empty.mkdir()
    assert publish.output_problem(project, None, empty) is None
    marked = tmp_path / "marked"
    marked.mkdir()
    (marked / publish.SITE_MARKER).write_text("", encoding="utf-8")
    (marked / "anything.txt").write_text("", encoding="utf-8")
    assert publish.output_problem(project, None, marked) is None
    earlier = tmp_path / "earlier"  # a site built before builds left a marker
    (earlier / "en").mkdir(parents=True)
    (earlier / "index.html").write_text("<html>", encoding="utf-8")
    (earlier / "en" / "index.html").write_text("<html>", encoding="utf-8")
    assert publish.output_problem(project, None, earlier) is None
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "thesis.docx").write_bytes(b"years of work")
    problem = publish.output_problem(project, None, documents)
    assert problem is not None and "not empty and was not made by 'carryover build'" in problem
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert "is a file" in publish.output_problem(project, None, tmp_path / "file")


def test_build_site_refuses_the_content_folder_at_once_and_touches_nothing(project, capsys):
    before = snapshot(project)
    started = time.monotonic()
    assert build.build_site(project, project / "content") == 2
    assert time.monotonic() - started < 1, "a refused build starts no engine"
    assert snapshot(project) == before
    assert not [p for p in project.parent.rglob(".site-*")]
    err = capsys.readouterr().err
    assert f"{project / 'content'}" in err and "content folder" in err


@pytest.mark.parametrize("output", ["content", ".", ".git", "content/strategies"])
def test_carryover_build_refuses_a_dangerous_output_with_exit_2(project, monkeypatch, capsys, output):
    monkeypatch.chdir(project)
    monkeypatch.setenv("CARRYOVER_SITE_URL", "https://ot.example.org/")
    before = snapshot(project)
    assert cli.main(["build", "--output", output]) == 2
    assert snapshot(project) == before
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str((project / output).resolve()) in err[0]


def test_carryover_build_refuses_the_folder_given_as_content(project, tmp_path, monkeypatch, capsys):
    other = tmp_path / "other-content"
    shutil.copytree(project / "content", other)
    monkeypatch.chdir(project)
    monkeypatch.setenv("CARRYOVER_SITE_URL", "https://ot.example.org/")
    assert cli.main(["--content", str(other), "build", "--output", str(other / "site")]) == 2
    assert not (other / "site").exists()
    assert "inside the content folder" in capsys.readouterr().err


# ---- item 15: publishing survives a killed build -------------------------------------


def test_a_half_swap_is_undone_and_stale_staging_is_cleared(tmp_path):
    site = tmp_path / "site"
    pid = dead_pid()
    old = tmp_path / f".site-old-{pid}"  # killed between the two renames: no site/ at all
    old.mkdir()
    (old / "index.html").write_text("previous site", encoding="utf-8")
    stale = tmp_path / f".site-build-{pid}-k7x2"  # killed while building
    (stale / "en").mkdir(parents=True)
    running = tmp_path / f".site-build-{os.getpid()}-live"  # a build still running
    running.mkdir()
    publish.recover_output(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"
    assert not old.exists() and not stale.exists()
    assert running.exists()


def test_a_leftover_old_site_beside_a_published_one_is_removed(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("new site", encoding="utf-8")
    old = tmp_path / f".site-old-{dead_pid()}"  # killed while deleting the old site
    old.mkdir()
    (old / "index.html").write_text("previous site", encoding="utf-8")
    publish.recover_output(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "new site"
    assert not old.exists()


def test_every_build_recovers_first_even_one_that_then_fails(project, monkeypatch):
    """build_site itself recovers: the throwaway project's engine fails, yet the half swap
    left by an earlier, killed build is undone and its staging folder is gone."""
    monkeypatch.setenv("CARRYOVER_CACHE", str(project.parent / "cache"))
    out = project.parent / "out" / "site"
    out.parent.mkdir()
    pid = dead_pid()
    old = out.parent / f".site-old-{pid}"
    old.mkdir()
    (old / publish.SITE_MARKER).write_text("", encoding="utf-8")
    (old / "index.html").write_text("previous site", encoding="utf-8")
    (out.parent / f".site-build-{pid}-abcd").mkdir()
    assert build.build_site(project, out) == 1
    assert (out / "index.html").read_text(encoding="utf-8") == "previous site"
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]


def test_a_published_site_carries_the_marker_and_the_permissions_of_any_folder(tmp_path):
    new, target = Path(tempfile.mkdtemp(prefix=".site-build-1-", dir=tmp_path)), tmp_path / "site"
    (new / "index.html").write_text("new", encoding="utf-8")
    (tmp_path / "plain").mkdir()
    publish.publish(new, target)
    assert (target / publish.SITE_MARKER).is_file()
    assert not new.exists()
    assert stat.S_IMODE(target.stat().st_mode) == stat.S_IMODE((tmp_path / "plain").stat().st_mode)


# ---- item 6: what the engine printed ------------------------------------------------

CLEAN = """\
INFO    -  not translated into 'es' yet (shown with a banner): routines/bedtime
INFO    -  Cleaning site directory
INFO    -  Building documentation to directory: /tmp/site/es
INFO    -  The following pages exist in the docs directory, but are not included in the "nav" configuration:
  - categories/sensory.md
  - tags/calming.md
INFO    -  Documentation built in 4.98 seconds
"""

WARNED = """\
INFO    -  Cleaning site directory
INFO    -  Building documentation to directory: /tmp/site/en
INFO    -  The following pages exist in the docs directory, but are not included in the "nav" configuration:
  - categories/sensory.md
WARNING -  Doc file 'strategies/blanket-burrito.md' contains a link '../nope.md', but the target 'nope.md' \
is not found among documentation files.

Aborted with 1 warnings in strict mode!
"""

TRACEBACK = """\
INFO    -  Cleaning site directory
INFO    -  Building documentation to directory: /tmp/site/en
Traceback (most recent call last):
  File "<frozen runpy>", line 198, in _run_module_as_main
  File "/work/main/hooks/carryover_hooks.py", line 95, in on_files
    outputs = language_outputs(_state["library"], _state["lang"], _state["settings"], paper_shell(config))
              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/work/main/carryover/pages.py", line 329, in sources_section
    f'- {ref["authors"]} ({ref["year"]}). <span lang="en">{esc(ref["title"])}</span>. '
         ~~~^^^^^^^^^^^
KeyError: 'authors'
"""

CONTENT_ERRORS = """\
ERROR   -  /tmp/content/strategies/dangling.en.md: cannot read the file (No such file or directory)
1 error(s) in the content; nothing was built. Fix them (run 'make check') and build again.

Aborted with a BuildError!
"""


def test_engine_messages_leave_out_info_lines_and_their_continuations():
    assert build.engine_messages(CLEAN) == ""


def test_engine_messages_keep_warnings_and_why_a_strict_build_stopped():
    assert build.engine_messages(WARNED).splitlines() == [
        WARNED.splitlines()[4],
        "Aborted with 1 warnings in strict mode!",
    ]


def test_engine_messages_keep_a_traceback_that_follows_an_info_line():
    kept = build.engine_messages(TRACEBACK).splitlines()
    assert kept == TRACEBACK.splitlines()[2:]
    assert kept[0] == "Traceback (most recent call last):" and kept[-1] == "KeyError: 'authors'"


def test_engine_messages_keep_an_error_and_its_own_lines():
    assert build.engine_messages(CONTENT_ERRORS) == "\n".join(x for x in CONTENT_ERRORS.splitlines() if x)


def test_engine_messages_keep_a_coloured_warning():
    coloured = "INFO    -  Building\n\x1b[33mWARNING -  \x1b[0mA link is broken\n  more about it\n"
    assert build.engine_messages(coloured) == "\x1b[33mWARNING -  \x1b[0mA link is broken\n  more about it"


def test_a_failed_build_with_no_message_shows_the_engines_last_lines():
    silent = "".join(f"INFO    -  step {i}\n" for i in range(30))
    report = build.engine_report(silent, -9)
    assert "exit code -9" in report
    assert report.splitlines()[1:] == [f"INFO    -  step {i}" for i in range(10, 30)]
    assert "without printing anything" in build.engine_report("", 1)
    assert build.engine_report(CLEAN, 0) == ""  # a build that worked says nothing
    assert build.engine_report(WARNED, 1) == build.engine_messages(WARNED)


# ---- item 12: the site's address ----------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [None, "", "http://127.0.0.1:8000/", "http://localhost:8000/en/", "http://[::1]:8000/", "http://0.0.0.0/"],
)
def test_an_unset_or_local_site_url_is_a_problem(url):
    environ = {} if url is None else {"CARRYOVER_SITE_URL": url}
    problem = publish.site_url_problem(environ)
    assert problem is not None and "\n" not in problem
    assert "CARRYOVER_SITE_URL=https://your.site/ carryover build" in problem


@pytest.mark.parametrize("url", ["https://ot.example.org/", "https://example.org/carryover/", "http://clinic.lan/"])
def test_a_real_site_url_is_fine(url):
    assert publish.site_url_problem({"CARRYOVER_SITE_URL": url}) is None


def test_a_strict_build_without_a_site_url_fails_before_building(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    monkeypatch.delenv("CARRYOVER_SITE_URL", raising=False)
    started = time.monotonic()
    assert cli.main(["build", "--strict", "--output", "site"]) == 2
    assert time.monotonic() - started < 1
    assert not (project / "site").exists() and not list(project.glob(".site-*"))
    assert "CARRYOVER_SITE_URL=https://your.site/ carryover build" in capsys.readouterr().err


def test_a_build_without_a_site_url_warns_and_builds(project, monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(build, "build_site", lambda *args, **kwargs: calls.append(args) or 0)
    monkeypatch.chdir(project)
    monkeypatch.setenv("CARRYOVER_SITE_URL", "http://127.0.0.1:8000/")
    assert cli.main(["build", "--output", "site"]) == 0
    assert len(calls) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("carryover build: warning:")
    monkeypatch.setenv("CARRYOVER_SITE_URL", "https://ot.example.org/")
    assert cli.main(["build", "--strict", "--output", "site"]) == 0
    assert len(calls) == 2 and capsys.readouterr().err == ""


# ---- item 16: sync keeps every other byte -------------------------------------------

FRONT = (
    "---\nid: blanket-burrito\ntitle: El burrito de manta\ntranslated_from: 'aaaaaaaaaaaa'\nreviewed: 2026-01-01\n---\n"
)
BODY = "\n## Por qué ayuda\n\nUna presión firme.\n"


def windows(text: str) -> bytes:
    return codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8")


def test_sync_changes_only_the_field_line(tmp_path):
    path = tmp_path / "card.es.md"
    path.write_bytes((FRONT + BODY).encode("utf-8"))
    cli.set_front_matter_field(path, "translated_from", "0123456789ab")
    assert path.read_bytes() == (FRONT + BODY).replace("'aaaaaaaaaaaa'", "'0123456789ab'").encode("utf-8")


def test_sync_keeps_a_bom_and_crlf_line_ends(tmp_path):
    path = tmp_path / "card.es.md"
    path.write_bytes(windows(FRONT + BODY))
    cli.set_front_matter_field(path, "translated_from", "0123456789ab")
    assert path.read_bytes() == windows((FRONT + BODY).replace("'aaaaaaaaaaaa'", "'0123456789ab'"))


def test_sync_adds_a_missing_field_with_the_files_line_ends(tmp_path):
    path = tmp_path / "card.es.md"
    without = FRONT.replace("translated_from: 'aaaaaaaaaaaa'\n", "")
    path.write_bytes(windows(without + BODY))
    cli.set_front_matter_field(path, "translated_from", "0123456789ab")
    expected = without.replace("\n---\n", "\ntranslated_from: '0123456789ab'\n---\n")
    assert path.read_bytes() == windows(expected + BODY)


def test_sync_replaces_a_value_written_over_several_lines(tmp_path):
    path = tmp_path / "card.es.md"
    path.write_bytes(FRONT.replace("'aaaaaaaaaaaa'", "aaaaaa\n  aaaaaa").encode("utf-8") + BODY.encode("utf-8"))
    cli.set_front_matter_field(path, "translated_from", "0123456789ab")
    assert path.read_bytes() == (FRONT + BODY).replace("'aaaaaaaaaaaa'", "'0123456789ab'").encode("utf-8")


@pytest.mark.parametrize(
    "text",
    ["## Por qué ayuda\n\nUna presión firme.\n", "\ufeffid: x\ntitle: y\n", "---\nid: x\ntitle: never closed\n", ""],
)
def test_sync_refuses_a_file_without_front_matter_and_writes_nothing(tmp_path, text):
    path = tmp_path / "card.es.md"
    path.write_bytes(text.encode("utf-8"))
    with pytest.raises(ValueError, match=str(path)):
        cli.set_front_matter_field(path, "translated_from", "0123456789ab")
    assert path.read_bytes() == text.encode("utf-8")


def test_carryover_sync_reports_a_translation_without_front_matter(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    es = content / "strategies" / "blanket-burrito.es.md"
    body = es.read_bytes().split(b"\n---\n", 1)[1]
    es.write_bytes(body)
    assert cli.main(["--content", str(content), "sync", "blanket-burrito"]) == 1
    assert es.read_bytes() == body
    err = capsys.readouterr().err
    assert str(es) in err and "front matter" in err
