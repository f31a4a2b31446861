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
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

from carryover.cache import KeptFiles, fingerprint, package_versions

PACKAGE = Path(__file__).resolve().parents[2]  # carryover/

_HANDLER = "carryover-kept-pages"
KEPT_TEMPLATE = "kept.html"  # renders nothing: the kept HTML is put in on_post_page
ENGINE_PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2")
_state: dict = {}


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


def on_config(config):
    engine_log = logging.getLogger("mkdocs")
    for handler in [h for h in engine_log.handlers if h.name == _HANDLER]:
        engine_log.removeHandler(handler)  # an earlier build's, in this process (a preview server's rebuilds)
    warnings = _WarningsByPage(config)
    engine_log.addHandler(warnings)
    # One folder per content, language and address: a preview (its own address) and a build
    # each keep their own pages, and neither prunes the other's.
    where = (str(Path(config.docs_dir).resolve()), config.theme["language"], config.site_url)
    folder = "kept-pages-" + fingerprint(*where)[:12]
    # Under --quiet no warning reaches any handler: pages are then used if kept, never kept.
    keep_new = engine_log.getEffectiveLevel() <= logging.WARNING
    _state.update(store=KeptFiles(folder), warnings=warnings, keys={}, kept={}, seen=0, keep_new=keep_new)
    return config


@event_priority(-100)
def on_nav(nav, config, files):
    """What every page shares: the build's fingerprint."""
    hooks = Path(config.config_file_path).parent / "hooks"
    code = [p for d in (PACKAGE, hooks) for p in d.rglob("*") if p.is_file() and p.suffix != ".pyc"]
    custom = [p for p in Path(config.theme.custom_dir).rglob("*") if p.is_file()] if config.theme.custom_dir else []
    _state["build"] = fingerprint(
        package_versions(*ENGINE_PACKAGES),
        sys.version,
        Path(config.config_file_path).read_bytes().decode("utf-8", "replace"),
        config.site_url,
        config.theme["language"],
        sorted(f.src_uri for f in files),
        _nav_outline(nav.items),
        files=[*code, *custom],
    )
    _state["pages"] = len(files.documentation_pages())
    return nav


def _nav_outline(items) -> list:
    return [[item.title, getattr(item, "url", None), _nav_outline(item.children or [])] for item in items]


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    """Use the kept page when there is one: then nothing is converted or rendered."""
    key = fingerprint(_state["build"], page.file.src_uri, page.url, page.title, page.meta, markdown)
    _state["keys"][page.file.src_uri] = key
    _state["seen"] += 1
    kept = _state["store"].get(key)
    if kept is not None:
        page.render = lambda config, files: _restore(page, kept, files)
        page.meta = {**page.meta, "template": KEPT_TEMPLATE, "search": {"exclude": True}}
        _state["kept"][page.file.src_uri] = kept
    return markdown


def _restore(page, kept: dict, files) -> None:
    """What the engine's Markdown step would have set on the page, from the kept page."""
    page.content = ""
    page._title_from_render = kept["title"]
    page.present_anchor_ids = set(kept["anchors"])
    page.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in kept["links"].items()}


def on_env(env, config, files):
    _state["mark"] = len(_search_entries(config))
    return env


def on_page_context(context, page, config, nav):
    kept = _state["kept"].get(page.file.src_uri)
    if kept is not None:
        _search_entries(config).extend(kept["search"])
    return context


@event_priority(-100)
def on_post_page(output, page, config):
    """A kept page's HTML goes out as it was; a new page's HTML is kept, unless a warning
    was logged while it was read or built (all of its own warnings come before this)."""
    entries, uri = _search_entries(config), page.file.src_uri
    kept = _state["kept"].get(uri)
    if kept is not None:
        output = kept["output"]
    elif _state["keep_new"] and uri in _state["keys"] and uri not in _state["warnings"].pages:
        value = {
            "output": output,
            "search": entries[_state["mark"] :],
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()},
        }
        _state["store"].put(_state["keys"][uri], value)  # written now: a big library's pages are not all held
    _state["mark"] = len(entries)
    return output


def on_post_build(config):
    """After a complete build, drop the pages no longer used."""
    _state["store"].prune(complete=_state["seen"] == _state["pages"])


def _search_entries(config) -> list:
    search = config.plugins.get("material/search")
    return search.search_index.entries if search is not None and search.search_index else []
