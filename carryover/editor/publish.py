"""The browser form inside a published site (``extra.editor.publish: true``): the static page
at ``/admin/`` of the clinic's site, saving to the clinic's git host.

Only when a setting asks for it; nothing links to it and no reader's page loads any of it.
Its scripts are Decap CMS's own built files, copied from ``editor/node_modules`` (installed
from npm), never loaded from a CDN. What the git host's login needs (an OAuth service for
GitHub) is the clinic's to set up: see the README.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from carryover.editor.config import editor_config
from carryover.editor.server import STATIC, admin_page
from carryover.model.library import Library
from carryover.model.settings import EDITOR_KEY, SETTINGS_FILE, EditorSettings, SettingsError

ADMIN = "admin"


def decap_files(dist: Path) -> list[Path]:
    """Decap CMS's script and the parts it loads on demand (no source maps, no second copy)."""
    if not (dist / "decap-cms.js").is_file():
        raise SettingsError(
            f"{SETTINGS_FILE}: {EDITOR_KEY}.publish is true, but Decap CMS is not installed in {dist.parent.parent}: "
            "run `npm ci --prefix editor` (make edit does it) and build again, or set publish: false"
        )
    return sorted(p for p in dist.iterdir() if p.name.endswith((".decap-cms.js", ".wasm")) or p.name == "decap-cms.js")


def backend(settings: EditorSettings) -> dict[str, Any]:
    found: dict[str, Any] = {"name": settings.backend, "repo": settings.repo, "branch": settings.branch}
    found.update({k: v for k in ("base_url", "auth_endpoint") if (v := getattr(settings, k))})
    return found


def published_editor(library: Library, settings: EditorSettings, dist: Path) -> list[tuple[str, bytes]]:
    """(path under the site's root, content) of every file of the published form; none when
    the setting is off."""
    if not settings.publish:
        return []
    prefix = settings.content_folder.strip("/") + "/" if settings.content_folder.strip("/") else ""
    config = editor_config(library, backend(settings), folder_prefix=prefix, media_folder=f"{prefix}assets/uploads")
    return [
        (f"{ADMIN}/index.html", admin_page("decap/", preview=False).encode("utf-8")),
        (f"{ADMIN}/config.yml", yaml.safe_dump(config, allow_unicode=True, sort_keys=False).encode("utf-8")),
        (f"{ADMIN}/carryover-editor.js", (STATIC / "carryover-editor.js").read_bytes()),
        *((f"{ADMIN}/decap/{p.name}", p.read_bytes()) for p in decap_files(dist)),
    ]
