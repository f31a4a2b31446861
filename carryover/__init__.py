"""Carryover: turns tagged Markdown strategy cards into a library in several languages.

The package is the pipeline: ``model`` reads the content, ``check`` finds every
problem, ``render`` makes pages, paper and images, and ``engine`` (today only
``engine/mkdocs``) is the one part that knows a site engine.

Which languages a library is published in is data, not code: the keys of the
``languages:`` mapping in its ``taxonomy.yml``, in order, the first being the
original (the language every page is written in first). Everything a language
needs is in its locale file (``carryover/locales/<code>.yml``, or
``<content>/locales/<code>.yml`` for a language the package does not ship) and in
the taxonomy's labels. One process works on one library: ``LANGUAGES`` and
``ORIGINAL_LANGUAGE`` are read once, from the content folder named by
``CARRYOVER_CONTENT`` (the variable the engine reads too), else the ``content/``
folder of the project here or above.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

# The languages of a library whose taxonomy.yml lists none (the first is the original).
DEFAULT_LANGUAGES: tuple[str, ...] = ("en", "es")


def content_folder(start: Path | None = None) -> Path | None:
    """The content folder this process works on: ``CARRYOVER_CONTENT``, else ``content/``
    of the project (the folder holding content/taxonomy.yml) here or above; None outside one."""
    if os.environ.get("CARRYOVER_CONTENT"):
        return Path(os.environ["CARRYOVER_CONTENT"]).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "content" / "taxonomy.yml").is_file():
            return folder / "content"
    return None


def languages_of(content: Path | None) -> tuple[str, ...]:
    """The languages of the library in ``content``, its original first: the keys of the
    ``languages:`` mapping of its taxonomy.yml. A file that cannot be read here is reported,
    with its line, by the taxonomy's own loader; until then the default languages stand."""
    try:
        data = yaml.safe_load((content / "taxonomy.yml").read_text(encoding="utf-8")) if content else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return DEFAULT_LANGUAGES
    listed = data.get("languages") if isinstance(data, dict) else None
    codes = tuple(str(code) for code in listed) if isinstance(listed, (dict, list)) else ()
    return codes or DEFAULT_LANGUAGES


CONTENT: Path | None = content_folder()
LANGUAGES: tuple[str, ...] = languages_of(CONTENT)
ORIGINAL_LANGUAGE: str = LANGUAGES[0]
