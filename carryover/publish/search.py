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

import shutil
import subprocess
import sys
from pathlib import Path

FOLDER = "pagefind"  # in each language's site: /<lang>/pagefind/
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


def index_site(site_dir: Path, lang: str) -> Path:
    """Index the language site in ``site_dir`` (its HTML is final) into ``site_dir/pagefind``.

    The previous index is removed first: ``mkdocs serve`` rebuilds into the same folder, and
    an old index's chunks must not outlive it."""
    out = site_dir / FOLDER
    shutil.rmtree(out, ignore_errors=True)
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
    return out
