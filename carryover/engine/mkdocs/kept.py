"""MkDocs hooks: keep every rendered page by a hash of what it is made from.

A page's HTML depends only on its source, its place (URL, navigation, the other files
it may link to), the configuration, the theme's templates and this project's code. When
none of these changed since an earlier build, the page's kept HTML, search entries and
anchors are used, and the engine neither converts its Markdown nor renders its template.
A 1,000-card library is mostly unchanged between two builds, so a build with a warm cache
renders only what an edit touched.

Anything logged as a warning while a page was being made keeps that page out of the
cache, so a cached page can never hide a warning; links to anchors are checked on every
build, kept pages included.

What one build shares lives in one ``KeptBuild``, made by ``on_config``.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from carryover.cache import KeptFiles, fingerprint, package_versions

PACKAGE = Path(__file__).resolve().parents[2]  # carryover/

_HANDLER = "carryover-kept-pages"
KEPT_TEMPLATE = "kept.html"  # renders nothing: the kept HTML is put in on_post_page
ENGINE_PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2")

__all__ = ["on_config", "on_env", "on_nav", "on_page_context", "on_page_markdown", "on_post_build", "on_post_page"]


class _WarningsByPage(logging.Handler):
    """Notes the pages being read or built when a warning was logged."""

    def __init__(self, config):
        super().__init__(logging.WARNING)
        self.name = _HANDLER
        self.config = config
        self.pages: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        page = getattr(self.config, "_current_page", None)
        if page is not None:
            self.pages.add(page.file.src_uri)


@dataclass
class KeptBuild:
    """One build's kept pages: the store, the pages' keys, the ones reused."""

    store: KeptFiles
    warnings: _WarningsByPage
    keep_new: bool  # under --quiet no warning reaches any handler: pages are then used if kept, never kept
    fingerprint: str = ""  # what every page shares (see ``on_nav``)
    pages: int = 0
    keys: dict[str, str] = field(default_factory=dict)
    kept: dict[str, dict] = field(default_factory=dict)
    seen: int = 0
    mark: int = 0  # search entries before the page being built


class KeptEvents:
    def __init__(self) -> None:
        self._build: KeptBuild | None = None

    @property
    def build(self) -> KeptBuild:
        if self._build is None:
            raise PluginError("Carryover's kept pages: on_config did not run (list hooks/kept_pages.py in mkdocs.yml)")
        return self._build

    def on_config(self, config):
        engine_log = logging.getLogger("mkdocs")
        for handler in [h for h in engine_log.handlers if h.name == _HANDLER]:
            engine_log.removeHandler(handler)  # an earlier build's, in this process (a preview server's rebuilds)
        warnings = _WarningsByPage(config)
        engine_log.addHandler(warnings)
        # One folder per content, language and address: a preview (its own address) and a build
        # each keep their own pages, and neither prunes the other's.
        where = (str(Path(config.docs_dir).resolve()), config.theme["language"], config.site_url)
        folder = "kept-pages-" + fingerprint(*where)[:12]
        keep_new = engine_log.getEffectiveLevel() <= logging.WARNING
        self._build = KeptBuild(KeptFiles(folder), warnings, keep_new)
        return config

    @event_priority(-100)
    def on_nav(self, nav, config, files):
        """What every page shares: the build's fingerprint."""
        hooks = Path(config.config_file_path).parent / "hooks"
        code = [p for d in (PACKAGE, hooks) for p in d.rglob("*") if p.is_file() and p.suffix != ".pyc"]
        custom = [p for p in Path(config.theme.custom_dir).rglob("*") if p.is_file()] if config.theme.custom_dir else []
        self.build.fingerprint = fingerprint(
            package_versions(*ENGINE_PACKAGES),
            sys.version,
            Path(config.config_file_path).read_bytes().decode("utf-8", "replace"),
            config.site_url,
            config.theme["language"],
            sorted(f.src_uri for f in files),
            _nav_outline(nav.items),
            files=[*code, *custom],
        )
        self.build.pages = len(files.documentation_pages())
        return nav

    @event_priority(-100)
    def on_page_markdown(self, markdown, page, config, files):
        """Use the kept page when there is one: then nothing is converted or rendered."""
        b = self.build
        key = fingerprint(b.fingerprint, page.file.src_uri, page.url, page.title, page.meta, markdown)
        b.keys[page.file.src_uri] = key
        b.seen += 1
        kept = b.store.get(key)
        if kept is not None:
            page.render = lambda config, files: _restore(page, kept, files)
            page.meta = {**page.meta, "template": KEPT_TEMPLATE, "search": {"exclude": True}}
            b.kept[page.file.src_uri] = kept
        return markdown

    def on_env(self, env, config, files):
        self.build.mark = len(_search_entries(config))
        return env

    def on_page_context(self, context, page, config, nav):
        kept = self.build.kept.get(page.file.src_uri)
        if kept is not None:
            _search_entries(config).extend(kept["search"])
        return context

    @event_priority(-100)
    def on_post_page(self, output, page, config):
        """A kept page's HTML goes out as it was; a new page's HTML is kept, unless a warning
        was logged while it was read or built (all of its own warnings come before this)."""
        b = self.build
        entries, uri = _search_entries(config), page.file.src_uri
        kept = b.kept.get(uri)
        if kept is not None:
            output = kept["output"]
        elif b.keep_new and uri in b.keys and uri not in b.warnings.pages:
            value = {
                "output": output,
                "search": entries[b.mark :],
                "title": page._title_from_render,
                "anchors": sorted(page.present_anchor_ids or ()),
                "links": {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()},
            }
            b.store.put(b.keys[uri], value)  # written now: a big library's pages are not all held
        b.mark = len(entries)
        return output

    def on_post_build(self, config):
        """After a complete build, drop the pages no longer used."""
        self.build.store.prune(complete=self.build.seen == self.build.pages)


def _nav_outline(items) -> list:
    return [[item.title, getattr(item, "url", None), _nav_outline(item.children or [])] for item in items]


def _restore(page, kept: dict, files) -> None:
    """What the engine's Markdown step would have set on the page, from the kept page."""
    page.content = ""
    page._title_from_render = kept["title"]
    page.present_anchor_ids = set(kept["anchors"])
    page.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in kept["links"].items()}


def _search_entries(config) -> list:
    search = config.plugins.get("material/search")
    return search.search_index.entries if search is not None and search.search_index else []


# MkDocs reads the events from the hooks module (hooks/kept_pages.py imports these).
_events = KeptEvents()
on_config = _events.on_config
on_nav = _events.on_nav
on_page_markdown = _events.on_page_markdown
on_env = _events.on_env
on_page_context = _events.on_page_context
on_post_page = _events.on_post_page
on_post_build = _events.on_post_build
