"""The authors' command line, run as a real process."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from carryover.check.library import load_library
from carryover.model.review import review_due

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "carryover", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def content(tmp_path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    return root


@pytest.mark.parametrize("command", ["check", "new", "status", "readability", "sync", "build"])
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.returncode == 0
    assert "usage: carryover" in result.stdout


def test_the_starter_library_checks_clean():
    result = run("check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("0 error(s), 0 warning(s), 0 missing translation(s)")


def test_new_writes_both_languages_that_then_only_need_filling_in(content):
    result = run("--content", str(content), "new", "strategy", "sock-matching")
    assert result.returncode == 0, result.stderr
    en = content / "strategies" / "sock-matching.en.md"
    es = content / "strategies" / "sock-matching.es.md"
    assert f"reviewed: {dt.date.today().isoformat()}" in en.read_text(encoding="utf-8")
    for heading in (
        "## Why it helps",
        "## Steps",
        "## Five-minute version",
        "## Easier or harder",
        "## Safety",
        "## When to ask a therapist or your child's doctor",
    ):
        assert heading in en.read_text(encoding="utf-8")
    assert "## Cuándo consultar a un terapeuta o al médico" in es.read_text(encoding="utf-8")
    problems = [str(p) for p in load_library(content).problems.errors]
    assert problems == [
        "content/strategies/sock-matching.en.md:5: category: 'TODO' is not a category (allowed: co-regulation, "
        "fine-motor, gross-motor, routines, sensory)"
    ]
    again = run("--content", str(content), "new", "strategy", "sock-matching")
    assert again.returncode == 1 and "already exists; nothing was written" in again.stderr


def test_new_refuses_a_bad_id(content):
    result = run("--content", str(content), "new", "strategy", "Sock Matching")
    assert result.returncode == 2
    assert "'Sock Matching' is not a valid id" in result.stderr
    assert not list((content / "strategies").glob("Sock*"))


@pytest.mark.parametrize(("page_id", "address"), [("page", "strategies/page/2/"), ("index", "strategies/")])
def test_new_refuses_the_address_of_a_page_the_build_makes(content, page_id, address):
    result = run("--content", str(content), "new", "strategy", page_id)
    assert result.returncode == 2
    assert f"'{page_id}' is the address of a page the build makes ({address}); choose another id" in result.stderr
    assert not list((content / "strategies").glob(f"{page_id}.*"))


def test_status_marks_a_translation_stale_when_the_original_changes(content):
    before = run("--content", str(content), "status")
    assert "0 missing, 0 stale translation(s)" in before.stdout
    en = content / "strategies" / "blanket-burrito.en.md"
    en.write_text(
        en.read_text(encoding="utf-8").replace("Roll your child up slowly", "Roll your child up gently"),
        encoding="utf-8",
    )
    after = run("--content", str(content), "status")
    line = next(x for x in after.stdout.splitlines() if x.startswith("strategies/blanket-burrito") and " es " in x)
    assert "stale" in line
    assert "0 missing, 1 stale translation(s)" in after.stdout
    assert run("--content", str(content), "sync", "blanket-burrito").returncode == 0
    assert "0 missing, 0 stale translation(s)" in run("--content", str(content), "status").stdout


def test_status_reports_missing_translations(content):
    (content / "routines" / "bedtime.es.md").unlink()
    result = run("--content", str(content), "status")
    line = next(x for x in result.stdout.splitlines() if x.startswith("routines/bedtime") and " es " in x)
    assert "missing" in line


def test_review_is_due_after_the_configured_months():
    assert not review_due(dt.date(2024, 12, 1), dt.date(2026, 11, 30), 24)
    assert review_due(dt.date(2024, 12, 1), dt.date(2026, 12, 1), 24)
    assert review_due(dt.date(2026, 1, 1), dt.date(2026, 7, 1), 6)


def test_readability_names_a_page_over_target(content):
    hard = (
        "Proprioceptive input delivered through sustained, evenly distributed compression facilitates "
        "neurophysiological modulation of arousal, consequently enabling considerably improved "
        "self-regulatory capacity during transitional circumstances. "
    ) * 3
    guide = content / "guides" / "dense.en.md"
    guide.write_text(
        f"---\nid: dense\ntitle: Dense\nsummary: Dense.\nreviewed: 2026-01-01\n---\n\n## Theory\n\n{hard}\n",
        encoding="utf-8",
    )
    result = run("--content", str(content), "readability", "--strict")
    assert result.returncode == 1
    assert any(x.startswith("guides/dense.en: grade") and "over target (≤ 6)" in x for x in result.stdout.splitlines())
    assert result.stdout.strip().endswith("1 page version(s) over the reading-level target")
