"""Publishing a built site safely, whatever engine built it.

What is guaranteed (used by ``carryover.engine.mkdocs.build.build_site``):

- A build writes only into its output folder and the staging folders beside it,
  and refuses (``output_problem``) an output that is, holds or lies inside the
  content or the project, lies inside ``.git``, or holds files no build made.
- At every moment the output folder holds a whole site, the previous one or the
  new one, except between the two renames of the swap (``replace_folder``). A
  build killed there leaves the previous site beside the output as
  ``.<name>-old-<pid>``, and the next build of that output puts it back before
  anything else (``recover_output``); it also deletes the staging and old folders
  of builds whose process is gone.
- What lives above the languages (``write_root_pages``) is written by the build too.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from carryover import LANGUAGES
from carryover.model.library import Library
from carryover.render.fragments import ENGINE_FREE, Fragments
from carryover.render.rootpages import render_root_index, sitemap_index
from carryover.render.sharing import short_links

# Written into every site built, so the next build knows the folder is one it may replace.
SITE_MARKER = ".carryover-site"


SITE_MARKER_TEXT = "Made by 'carryover build'. The next build replaces this whole folder.\n"


# Beside the output: a build's staging folder, and the previous site during the swap.
STAGING_PREFIX = ".site-build-"


_STAGING_RE = re.compile(rf"{re.escape(STAGING_PREFIX)}(\d+)-.*")


SITE_URL_ENV = "CARRYOVER_SITE_URL"


_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "::"}


def output_problem(project: Path, content: Path | None, output: Path) -> str | None:
    """Why ``output`` must not be built into (one line naming it), or None when it may.

    The build replaces its output folder whole, so the output must not be, hold or lie inside
    the project's content folder or ``content``, must not be or hold the project itself, must
    not lie inside a ``.git`` folder, and when it exists it must be a folder that is empty or
    was made by a build (``SITE_MARKER``, or an earlier build's ``index.html`` and language
    folders). ``site/`` inside the project is the normal case."""
    project, output = Path(project).resolve(), Path(output).resolve()
    contents = [project / "content", *([Path(content).resolve()] if content is not None else [])]
    why = None
    if output == project:
        why = "it is the project folder, which the build would replace with the site (and its .git with it)"
    elif output in project.parents:
        why = f"it holds the project folder {project}, which the build would delete"
    for folder in dict.fromkeys(contents):
        if why:
            break
        if output == folder:
            why = "it is the content folder, which the build would replace with the site"
        elif folder in output.parents:
            why = f"it is inside the content folder {folder}, so the site would become part of the content"
        elif output in folder.parents:
            why = f"it holds the content folder {folder}, which the build would delete"
    if why is None:
        if ".git" in output.parts:
            where = "a .git folder" if output.name == ".git" else "inside a .git folder"
            why = f"it is {where}, which the build would corrupt"
        elif output.exists() and not output.is_dir():
            why = "it is a file, not a folder"
        elif output.is_dir() and not _replaceable(output):
            why = (
                f"it is not empty and was not made by 'carryover build' (it has no {SITE_MARKER} file), "
                "and a build replaces the whole folder"
            )
    if why is None:
        return None
    return f"will not build into {output}: {why}. Choose another --output, like the default 'site'"


def _replaceable(folder: Path) -> bool:
    """An empty folder, or a site a build made (one made before builds left a marker too)."""
    if (folder / SITE_MARKER).is_file() or not any(folder.iterdir()):
        return True
    return (folder / "index.html").is_file() and any((folder / lang / "index.html").is_file() for lang in LANGUAGES)


def site_url_problem(environ: Mapping[str, str] = os.environ) -> str | None:
    """Why the site's address is not one readers can reach (one line, with the fix), or None.

    QR codes, link previews, canonical URLs, share links and sitemaps are absolute, so a site
    built without ``CARRYOVER_SITE_URL`` (or with an address on this computer) points readers
    at http://127.0.0.1:8000/."""
    fix = f"set it to where the site will live, like: {SITE_URL_ENV}=https://your.site/ carryover build"
    url = environ.get(SITE_URL_ENV, "").strip()
    if not url:
        return (
            f"{SITE_URL_ENV} is not set, so QR codes, share links and link previews point at "
            f"http://127.0.0.1:8000/; {fix}"
        )
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        parts, host = None, ""
    if parts is None or parts.scheme not in ("http", "https") or not host:
        return f"{SITE_URL_ENV} is '{url}', not a web address, so QR codes and share links cannot work; {fix}"
    if host in _LOCAL_HOSTS or host.endswith(".localhost") or host.startswith("127."):
        return f"{SITE_URL_ENV} is {url}, an address on this computer, so QR codes and share links reach no one; {fix}"
    return None


def write_root_pages(
    staging: Path,
    library: Library,
    languages: tuple[str, ...],
    root_url: str,
    not_found: str | None = None,
    frags: Fragments = ENGINE_FREE,
) -> None:
    """What lives above the languages: the chooser, short links /s/<id>/, a sitemap index
    (absolute addresses, as the protocol requires), and ``404.html`` for hosts that serve
    one page for every missing address (the first language's, whose links are absolute)."""
    (staging / "index.html").write_text(render_root_index(languages, frags), encoding="utf-8")
    if not_found is not None:
        (staging / "404.html").write_text(not_found, encoding="utf-8")
    for path, html in short_links(library, frags):
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    (staging / "sitemap.xml").write_text(sitemap_index(languages, root_url), encoding="utf-8")


def publish(staging: Path, output: Path) -> None:
    """Mark ``staging`` as a build (so a later build may replace it) and swap it into place,
    readable like any folder made here (a temporary folder is its owner's only)."""
    (staging / SITE_MARKER).write_text(SITE_MARKER_TEXT, encoding="utf-8")
    umask = os.umask(0o022)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)
    replace_folder(staging, output)


def replace_folder(new: Path, target: Path) -> None:
    """Swap ``new`` into place of ``target`` with two renames, never leaving a half-written site.

    Between the renames ``target`` is missing and the previous site is ``.<name>-old-<pid>``;
    a build killed there is undone by the next one (``recover_output``)."""
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def recover_output(output: Path) -> None:
    """Undo what killed builds left beside ``output``: when ``output`` is missing and a previous
    site waits as ``.<name>-old-<pid>``, rename it back; then delete the staging and old folders
    whose build process is gone. A folder whose process still runs is another build's: left alone."""
    if not output.parent.is_dir():
        return
    old_re = re.compile(rf"\.{re.escape(output.name)}-old-(\d+)")
    olds = []
    for path in output.parent.iterdir():
        owner = old_re.fullmatch(path.name) or _STAGING_RE.fullmatch(path.name)
        if owner is None or not path.is_dir() or path.is_symlink() or _running(int(owner[1])):
            continue
        if owner.re is old_re:
            olds.append(path)
        else:
            shutil.rmtree(path, ignore_errors=True)
    if olds and not output.exists() and not output.is_symlink():
        newest = max(olds, key=lambda p: p.stat().st_mtime)
        newest.rename(output)
        olds.remove(newest)
    for path in olds:
        shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    """Whether process ``pid`` exists (when unsure, yes: its folders are then left alone)."""
    if pid == os.getpid() or os.name == "nt":  # on Windows os.kill(pid, 0) would stop the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except (OverflowError, ValueError, OSError):
        return False  # not a process id at all
    return True
