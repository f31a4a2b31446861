"""Everything one language's site is made of, rendered from the library in one call.

``render_outputs`` gives the pages the engine renders (Markdown) and the files published
as they are (paper pages, redirects, the cards' index); ``language_outputs`` adds the
images. ``kept_outputs`` keeps
that result in the build's cache by a fingerprint of all it is made from (every content
file, the settings, the day, this package's code), so a build of an unchanged library
renders nothing again: at 1,000 cards that was a second a language.
"""

from __future__ import annotations

import datetime as dt
import pickle
from dataclasses import dataclass
from pathlib import Path

from .cache import cache_dir, dump_pickle, fingerprint, package_versions
from .library import Library
from .pages import GeneratedPage, render_site
from .printing import PaperShell, paper_document, render_image_assets, render_print_pages
from .settings import SiteSettings
from .sharing import alias_redirects, cards_index

PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class LanguageOutputs:
    pages: list[GeneratedPage]  # for the engine
    files: list[tuple[str, str | bytes]]  # finished: path inside the language's site, content


def render_outputs(library: Library, lang: str, settings: SiteSettings, shell: PaperShell) -> LanguageOutputs:
    """One language's pages and finished files."""
    files: list[tuple[str, str | bytes]] = [
        (paper.path, paper_document(paper, shell)) for paper in render_print_pages(library, lang, settings)
    ]
    files += alias_redirects(library, lang, settings)
    files.append(("assets/cards.json", cards_index(library, lang)))
    return LanguageOutputs(render_site(library, lang, settings), files)


def language_outputs(library: Library, lang: str, settings: SiteSettings, shell: PaperShell) -> LanguageOutputs:
    """Everything one language publishes: the kept text outputs, and the images (which
    their own cache keeps, one file each, so they are not stored twice)."""
    outputs = kept_outputs(library, lang, settings, shell)
    images = [(asset.path, asset.data) for asset in render_image_assets(library, lang, settings)]
    return LanguageOutputs(outputs.pages, outputs.files + images)


def kept_outputs(library: Library, lang: str, settings: SiteSettings, shell: PaperShell) -> LanguageOutputs:
    """``render_outputs``, or the same result kept by the last build that had the same inputs."""
    root = str(Path(library.root).resolve())
    content = [p for p in Path(library.root).rglob("*") if p.is_file()]
    code = [p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    versions = package_versions("mkdocs-material", "Markdown", "Jinja2", "zxing-cpp")  # icons, paper pages, QR codes
    key = fingerprint(lang, settings, shell, dt.date.today(), root, versions, files=content + code)
    folder = cache_dir() / "outputs"
    name = f"{lang}-{fingerprint(root)[:8]}"  # one kept result per language and content folder
    path = folder / f"{name}-{key}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # missing, or unreadable: render again
        pass
    outputs = render_outputs(library, lang, settings, shell)
    folder.mkdir(exist_ok=True)
    for old in folder.glob(f"{name}-*.pickle"):
        old.unlink(missing_ok=True)
    dump_pickle(path, outputs)
    return outputs
