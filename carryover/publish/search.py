"""The search index of a built language site, made by Pagefind from the finished HTML.

Why Pagefind (issue 18, measured in benchmarks/phone.py): the theme's search downloads the
whole library's text and builds its index in the phone's browser, 1.9 MB and 18-21 s for a
first search at 5,000 cards. Pagefind indexes the built pages once, at build time, into small
chunks: a first search fetches its engine (about 85 KB) and only the chunks and the results
it shows. It reads HTML, so it does not depend on the engine that rendered the pages.

What it indexes is marked in the pages themselves (``carryover/render/search.py``):

- ``data-pagefind-body`` on the content of the pages a parent searches (cards, routines,
  signs, guides); every other page is left out;
- ``data-pagefind-weight`` on each card's keywords, the words parents type (weight 10, the
  most Pagefind gives, above a title's 7), and on a page's text by kind (cards first);
- ``data-pagefind-meta`` for what a result shows: the title, the summary and the card's
  category and ages.

Each language's site gets its own index, in that language (``--force-language``), so a
search only finds pages in the page's language, with that language's stemmer. Accents never
matter: Pagefind 1.5 folds them (``exactDiacritics`` off), ranking exact ones first.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from carryover.cache import cache_dir
from carryover.render.search import PAGE_WEIGHT

FOLDER = "pagefind"  # in each language's site: /<lang>/pagefind/
# Only the searched pages' files are read: at 5,000 cards a language has 15,800 pages, most of
# them paper pages; reading them all took Pagefind twice the time and 2.0 GB instead of 1.3 GB.
SEARCHED = "{" + ",".join(PAGE_WEIGHT) + "}/*/index.html"
# The files Pagefind writes that this site's search never loads (its own search interfaces).
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "pagefind-worker.js",
)


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message says what it printed."""


def searched_pages(site_dir: Path) -> list[Path]:
    return sorted(p for kind in PAGE_WEIGHT for p in site_dir.glob(f"{kind}/*/index.html"))


def pages_key(site_dir: Path, pages: list[Path], lang: str) -> str:
    """What an index is made from: the searched pages' bytes, by their place in the site, and
    the indexer's version (not the folder's name: a build writes into a new staging folder)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{version('pagefind_bin')}\0{lang}\0{SEARCHED}\0".encode())
    for page in pages:
        digest.update(page.relative_to(site_dir).as_posix().encode() + b"\0" + page.read_bytes())
    return digest.hexdigest()


def _linked_copy(source: Path, target: Path) -> None:
    """The kept index put into the site without copying its bytes (a hard link each file)."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:  # another file system: copy
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link)


def index_site(site_dir: Path, lang: str) -> Path:
    """Index the language site in ``site_dir`` (its HTML is final) into ``site_dir/pagefind``.

    The previous index is removed first: ``mkdocs serve`` rebuilds into the same folder, and
    an old index's chunks must not outlive it. When no searched page changed since a build
    that indexed them, its index is used again (kept in ``.cache/carryover/search/``): at
    5,000 cards indexing one language takes Pagefind about 25 s, most of a warm build."""
    out = site_dir / FOLDER
    shutil.rmtree(out, ignore_errors=True)
    key = pages_key(site_dir, searched_pages(site_dir), lang)
    store = cache_dir() / "search"
    kept = store / f"{lang}-{key}"
    if (kept / "pagefind-entry.json").is_file():
        _linked_copy(kept, out)
        return out
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(site_dir),
            "--output-subdir",
            FOLDER,
            "--force-language",
            lang,
            "--glob",
            SEARCHED,
            "--silent",
        ],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or not (out / "pagefind-entry.json").is_file():
        said = (done.stderr or done.stdout).strip()[-2000:]
        raise SearchIndexError(f"the {lang} search index could not be made (Pagefind said: {said or 'nothing'})")
    for name in UNUSED:
        (out / name).unlink(missing_ok=True)
    if (out / f"wasm.{lang}.pagefind").is_file():  # a language Pagefind has no stemmer for uses "unknown"
        (out / "wasm.unknown.pagefind").unlink(missing_ok=True)
    _keep(out, store, lang, key)
    return out


def _keep(out: Path, store: Path, lang: str, key: str) -> None:
    """Keep this index for the next build, with the language's one before it (a preview and
    a build of the same library may alternate); older ones go."""
    store.mkdir(parents=True, exist_ok=True)
    staging = store / f".{lang}-{key}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    _linked_copy(out, staging)
    try:
        staging.rename(store / f"{lang}-{key}")
    except OSError:  # another build kept the same index meanwhile
        shutil.rmtree(staging, ignore_errors=True)
    older = sorted(store.glob(f"{lang}-*"), key=lambda p: p.stat().st_mtime, reverse=True)[2:]
    for old in older:
        shutil.rmtree(old, ignore_errors=True)
