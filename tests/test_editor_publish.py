"""Publishing the browser form is the clinic's choice: the built site has no editor unless
``extra.editor.publish`` says so, and then only the static page for the clinic's git host,
with Decap's own files (no CDN) and no reader's page that loads or links it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from small_library import ROOT, write_small_library

DIST = ROOT / "editor" / "node_modules" / "decap-cms" / "dist"
THIRD_PARTY = re.compile(r"""(?:src|href)=["']?(?:https?:)?//""")


def project_with(tmp_path: Path, editor: dict) -> Path:
    """A project like this one (its theme, hooks and editor install), with the small library
    and ``extra.editor`` set to ``editor``."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("overrides", "hooks", "editor"):
        (project / name).symlink_to(ROOT / name)
    write_small_library(project)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index("  editor:\n")
    end = text.index("\n  # Filled in", start)
    block = "  editor:\n" + "".join(f"    {k}: {v}\n" for k, v in editor.items())
    (project / "mkdocs.yml").write_text(text[:start] + block.rstrip("\n") + text[end:], encoding="utf-8")
    return project


def build(project: Path, out: Path) -> subprocess.CompletedProcess:
    env = dict(
        os.environ, CARRYOVER_SITE_URL="https://example.org/library/", CARRYOVER_CONTENT=str(project / "content")
    )
    return subprocess.run(
        [sys.executable, "-m", "carryover", "build", "--output", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_built_site_has_no_editor_by_default(site):
    assert not (site / "admin").exists()
    for page in site.rglob("*.html"):
        assert "/admin/" not in page.read_text(encoding="utf-8"), page


@pytest.mark.skipif(not (DIST / "decap-cms.js").is_file(), reason="the editor is not installed (make test installs it)")
def test_a_published_editor_is_the_static_page_for_the_clinics_git_host(tmp_path):
    project = project_with(
        tmp_path, {"publish": "true", "backend": "github", "repo": "my-clinic/library", "branch": "main"}
    )
    out = tmp_path / "site"
    done = build(project, out)
    assert done.returncode == 0, done.stdout + done.stderr
    admin = (out / "admin" / "index.html").read_text(encoding="utf-8")
    assert 'src="decap/decap-cms.js"' in admin and "noindex" in admin
    assert not THIRD_PARTY.search(admin), "the editor's page loads nothing from another site"
    assert (out / "admin" / "decap" / "decap-cms.js").read_bytes() == (DIST / "decap-cms.js").read_bytes()
    config = yaml.safe_load((out / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "github", "repo": "my-clinic/library", "branch": "main"}
    assert [c["folder"] for c in config["collections"]] == [
        "content/strategies",
        "content/routines",
        "content/signs",
        "content/guides",
    ]
    assert config["i18n"]["structure"] == "multiple_files"
    readers = [p for p in out.rglob("*.html") if "admin" not in p.relative_to(out).parts]
    assert readers
    for page in readers:
        html = page.read_text(encoding="utf-8")
        assert "/admin/" not in html and "decap" not in html.lower(), page


def test_a_published_editor_needs_its_repository(tmp_path):
    project = project_with(tmp_path, {"publish": "true", "repo": '""'})
    done = build(project, tmp_path / "site")
    assert done.returncode != 0
    assert "mkdocs.yml: extra.editor.repo must name the repository" in done.stdout + done.stderr
    assert not (tmp_path / "site").exists()
