"""Everything one language's site is made of, rendered from the library, and kept.

``language_outputs`` gives the pages the engine renders (Markdown) and the files
published as they are (paper pages, redirects, the cards' index, the library filters'
data, images). Each part is
kept in the build's cache by a fingerprint of all it is made from (images keep their
own cache):

- the site's pages, together, by every content file, the settings, the day and this
  package's code (a card's page lists its related cards, so any card can change it);
- each card's or routine's paper pages, on their own, by that entry's files, the
  shared content (taxonomy, references, assets), the settings and the code: after an
  edit, only the edited entry's handouts are made again.

At 1,000 cards this was about a second a language on every build.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from carryover import LANGUAGES
from carryover.cache import KeptFiles, cache_dir, dump_pickle, fingerprint, package_versions, read_pickle
from carryover.context import BuildContext
from carryover.model.library import KINDS, Library
from carryover.model.settings import SiteSettings
from carryover.render.common import GeneratedPage
from carryover.render.facets import filter_files
from carryover.render.fragments import fragments_of
from carryover.render.pages import render_site
from carryover.render.paper import PaperShell, paper_document, paper_pages_of, render_image_assets
from carryover.render.sharing import alias_redirects, cards_index

PACKAGE = Path(__file__).resolve().parents[1]  # all of the code: any change makes the pages again


@dataclass(frozen=True)
class LanguageOutputs:
    pages: list[GeneratedPage]  # for the engine
    files: list[tuple[str, str | bytes]]  # finished: path inside the language's site, content


def language_outputs(
    library: Library, lang: str, settings: SiteSettings, shell: PaperShell, context: BuildContext
) -> LanguageOutputs:
    """One language's pages and finished files, made again only where what they are made from changed."""
    root = str(Path(library.root).resolve())
    content = [p for p in Path(library.root).rglob("*") if p.is_file()]
    shared_content = [p for p in content if p.relative_to(library.root).parts[0] not in KINDS]
    code = fingerprint(
        package_versions("mkdocs-material", "Markdown", "Jinja2", "zxing-cpp"),  # icons, paper pages, QR codes
        files=[p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        + fragments_of(context).files(),  # and the clinic's own fragments
    )
    inputs = (lang, settings, shell, dt.date.today(), root, code)
    # Kept apart per language, content folder and address: a preview and a build of the same
    # library make different pages (their addresses differ) and must not prune each other's.
    name = f"{lang}-{fingerprint(root, settings.root_url)[:8]}"
    pages = _kept_pages(name, fingerprint(*inputs, files=content), library, lang, settings, context)
    papers = _kept_papers(name, fingerprint(*inputs, files=shared_content), library, lang, settings, shell, context)
    small = [
        *alias_redirects(library, lang, settings, fragments_of(context)),
        ("assets/cards.json", cards_index(library, lang)),
        *filter_files(library, lang),  # what the library page's filters read (facets.py)
    ]
    images = [(asset.path, asset.data) for asset in render_image_assets(library, lang, settings, context)]
    return LanguageOutputs(pages, [*papers, *small, *images])


def _kept_pages(
    name: str, key: str, library: Library, lang: str, settings: SiteSettings, context: BuildContext
) -> list[GeneratedPage]:
    """The site's pages from the one kept result of this language and content folder, or made now."""
    folder = cache_dir() / "outputs"
    path = folder / f"{name}-{key}.pickle"
    kept = read_pickle(path)
    if isinstance(kept, list):
        return kept
    pages = render_site(library, lang, settings, context)
    folder.mkdir(exist_ok=True)
    for old in folder.glob(f"{name}-*.pickle"):
        old.unlink(missing_ok=True)
    dump_pickle(path, pages)
    return pages


def _kept_papers(
    name: str,
    shared: str,
    library: Library,
    lang: str,
    settings: SiteSettings,
    shell: PaperShell,
    context: BuildContext,
) -> list[tuple[str, str]]:
    """Every entry's paper pages, each entry's kept on its own."""
    store = KeptFiles(f"paper-{name}")
    frags = fragments_of(context)
    files = []
    for entry in [*library.cards.values(), *library.routines.values()]:
        texts = [entry.versions[code].source.text if code in entry.versions else None for code in LANGUAGES]
        key = fingerprint(shared, entry.kind, entry.id, texts)
        kept = store.get(key)
        if kept is None:
            pages = paper_pages_of(entry, lang, library, settings, context)
            kept = {"files": [[page.path, paper_document(page, shell, frags)] for page in pages]}
            store.put(key, kept)
        files += [(path, html) for path, html in kept["files"]]
    for table in context.tables.values():
        table.save()  # the QR codes used
    store.prune(complete=True)
    return files
