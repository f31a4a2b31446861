"""`carryover check` and the strict build refuse the same broken library, each with one
clear message and no traceback (the small library from small_library.py, broken once)."""

from __future__ import annotations

import subprocess
import sys

from small_library import EN, ROOT


def test_check_command_exits_nonzero_without_traceback(content):
    path = content / EN
    path.write_text(
        path.read_text(encoding="utf-8").replace("category: sensory", "category: sensorial"), encoding="utf-8"
    )
    run = subprocess.run(
        [sys.executable, "-m", "carryover", "--content", str(content), "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert "category: 'sensorial' is not a category" in run.stdout
    assert (
        run.stdout.strip()
        .splitlines()[-1]
        .startswith("1 error(s), 0 warning(s), 0 missing translation(s) in 3 page(s)")
    )


def test_strict_build_fails_cleanly_on_bad_content(content, tmp_path):
    path = content / EN
    path.write_text(path.read_text(encoding="utf-8").replace("time: 5", "time: five"), encoding="utf-8")
    env = {
        "CARRYOVER_CONTENT": str(content),
        "CARRYOVER_SITE_DIR": str(tmp_path / "out"),
        "PATH": "/usr/bin:/bin",
        "NO_MKDOCS_2_WARNING": "1",
    }
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert run.returncode != 0
    assert "Traceback" not in run.stdout + run.stderr
    assert "content/strategies/squeeze.en.md:11: time: must be a whole number (found 'five')" in run.stderr
    assert not (tmp_path / "out" / "strategies").exists()


def test_check_and_build_refuse_the_id_page(content, tmp_path):
    """strategies/page/2/ is the library's second page: no card may take its folder."""
    for lang in ("en", "es"):
        path = content / f"strategies/squeeze.{lang}.md"
        path.write_text(path.read_text(encoding="utf-8").replace("id: squeeze", "id: page"), encoding="utf-8")
        path.rename(content / f"strategies/page.{lang}.md")
    message = (
        "content/strategies/page.en.md:2: id: 'page' is the address of a page the build makes (strategies/page/2/); "
        "choose another id"
    )
    check = subprocess.run(
        [sys.executable, "-m", "carryover", "--content", str(content), "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert check.returncode == 1 and message in check.stdout, check.stdout
    build = subprocess.run(
        [sys.executable, "-m", "carryover", "--content", str(content), "build", "--output", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert build.returncode != 0
    assert message in build.stdout + build.stderr
    assert "Traceback" not in check.stdout + check.stderr + build.stdout + build.stderr
    assert not (tmp_path / "out" / "en").exists()
