"""The site's MkDocs events: a thin adapter between MkDocs and the engine-free pipeline.

Each event does one small thing; the work lives in plain functions that know nothing
about MkDocs. What one build shares lives in one ``SiteBuild``, made by ``on_config``
(MkDocs calls it first) and read by the later events, never in module globals.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from carryover import LANGUAGES
from carryover.cache import cache_dir, write_atomically
from carryover.check.library import NOTE_MARK, check_library, load_library_cached, notes
from carryover.context import BuildContext
from carryover.editor.publish import decap_files, published_editor
from carryover.engine.mkdocs.build import LANGUAGES_ENV, ROOT_PAGES_ENV
from carryover.engine.mkdocs.html import (
    add_step_anchors,
    name_search_dialog,
    remove_head_alternates,
    sitemap_with_alternates,
)
from carryover.engine.mkdocs.icons import icons_dir
from carryover.engine.mkdocs.search import SEARCH_SCRIPT, THEME_INDEX, unused_theme_file
from carryover.model.library import Library
from carryover.model.settings import SettingsError, SiteSettings, clinic_settings, editor_settings
from carryover.model.taxonomy import load_ui
from carryover.publish import write_root_pages
from carryover.publish.search import SearchIndexError, index_site
from carryover.render.common import GeneratedPage
from carryover.render.fragments import fragments_of
from carryover.render.offline import THEME_COLOR, offline_outputs
from carryover.render.outputs import language_outputs
from carryover.render.paper import PaperShell
from carryover.render.sharing import ui_for_scripts
from carryover.render.webassets import bundle_assets
from carryover.sanitize import clean_html

log = logging.getLogger("mkdocs.plugins.carryover")

__all__ = [
    "on_config",
    "on_env",
    "on_files",
    "on_page_content",
    "on_page_markdown",
    "on_page_context",
    "on_post_build",
    "on_post_page",
    "on_post_template",
]


@dataclass
class SiteBuild:
    """What one language's build shares between events: made by ``on_config``."""

    lang: str
    library: Library
    base: str  # the site's root address, above /<lang>/
    settings: SiteSettings
    stage: Path  # where generated pages are written for `mkdocs serve --dirty`
    context: BuildContext
    pages: dict[str, GeneratedPage] = field(default_factory=dict)
    site_css: str = ""
    site_js: str = ""

    def site_path(self) -> str:
        """The path of the site's root on its host ('/' or '/clinic/'), from site_url."""
        return "/" + self.base.split("://", 1)[-1].split("/", 1)[-1]

    def language_switch(self, path: str) -> list[dict]:
        """The language switch's links to ``path`` (from a language's root) in every language,
        as absolute paths under the site's own root ('/' or '/clinic/')."""
        root = self.site_path()
        return [
            {"name": load_ui(code)["language_name"], "link": f"{root}{code}{path}", "lang": code} for code in LANGUAGES
        ]

    def staged(self, config, path: str, content: str | bytes) -> File:
        """A generated file backed by a real one that is rewritten only when its content
        changes: with `mkdocs serve --dirty`, an edit then rebuilds only the pages it touched
        (generated files held in memory always count as changed)."""
        target = self.stage / path
        data = content.encode("utf-8") if isinstance(content, str) else content
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, data)
        return File.generated(config, path, abs_src_path=str(target))

    def paper_shell(self, config) -> PaperShell:
        """What paper pages share with the site's pages: stylesheet, icon, colour scheme."""
        palette = (config.theme["palette"] or [{}])[0]
        return PaperShell(
            lang=self.lang,
            site_name=config.site_name,
            stylesheets=(self.site_css, "assets/stylesheets/print.css"),
            favicon=config.theme["favicon"] or "",
            body_attrs={
                f"data-md-color-{key}": palette[key] for key in ("scheme", "primary", "accent") if palette.get(key)
            },
        )


class SiteEvents:
    """The events MkDocs calls, in its order: ``on_config`` makes the build, the rest use it."""

    def __init__(self) -> None:
        self._build: SiteBuild | None = None

    @property
    def build(self) -> SiteBuild:
        if self._build is None:
            raise PluginError("Carryover's on_config did not run: list hooks/carryover_hooks.py in mkdocs.yml")
        return self._build

    @event_priority(100)
    def on_config(self, config):
        """Pick the language, publish under /<lang>/, load and validate the content."""
        lang = config.theme["language"]
        if lang not in LANGUAGES:
            raise PluginError(f"theme.language is '{lang}'; Carryover builds one of: {', '.join(LANGUAGES)}")
        url = (config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/"
        base = url.removesuffix(f"{lang}/") if url.endswith(f"/{lang}/") else url  # the site root, above /<lang>/
        config.site_url = f"{base}{lang}/"
        try:  # before the content: a mistake in mkdocs.yml is reported alone, and at once
            clinic = clinic_settings(config.extra.get("clinic"))
            editor = editor_settings(config.extra.get("editor"))
            if editor.publish:
                decap_files(editor_dist(config))  # its files are there, or the build stops now
        except SettingsError as exc:
            raise PluginError(f"{exc}\nNothing was built.") from None
        ui = load_ui(lang)
        for option in config.theme["palette"] or []:  # the colour switch speaks the page's language
            if isinstance(option, dict) and option.get("toggle"):
                dark = option.get("scheme") == "default"
                option["toggle"]["name"] = ui["to_dark_mode"] if dark else ui["to_light_mode"]
        config.nav = [
            {ui["nav_home"]: "index.md"},
            {ui["nav_signs"]: "signs/index.md"},
            {ui["nav_routines"]: "routines/index.md"},
            {ui["nav_strategies"]: "strategies/index.md"},
            {ui["nav_guides"]: "guides/index.md"},
            {ui["bundle_title"]: "bundle.md"},
            {ui["log_title"]: "log.md"},
            {ui["saved_title"]: "saved.md"},
        ]
        self._build = None  # an earlier build's (a preview server's rebuilds): never reused
        context = BuildContext(icons_dir=icons_dir(), fragment_dirs=fragment_dirs(config))
        library = load_library_cached(Path(config.docs_dir), context)
        check_library(library, languages=(lang,), context=context)  # the same checks as `carryover check`
        for problem in library.problems.warnings:
            log.warning(str(problem))
        if library.problems:
            errors = library.problems.errors
            raise PluginError(
                "\n".join(str(p) for p in errors) + f"\n{len(errors)} error(s) in the content; nothing was built. "
                "Fix them (run 'make check') and build again."
            )
        if lang == LANGUAGES[0]:  # listed once, by the first language's build
            for line in notes(library):
                log.info("%s %s", NOTE_MARK, line)
        settings = SiteSettings(root_url=base, site_name=config.site_name, clinic=clinic, editor=editor)
        key = hashlib.sha256(f"{Path(config.docs_dir).resolve()}|{lang}".encode()).hexdigest()[:12]
        self._build = SiteBuild(lang, library, base, settings, cache_dir() / "pages" / key, context)
        config.extra["alternate"] = self._build.language_switch("/")  # pages set their own; the 404 keeps this
        return config

    def on_post_template(self, output_content, template_name, config):
        """The 404 page (not a page of the site, so ``on_post_page`` misses it) loses the
        theme's head alternates too."""
        if template_name == "404.html":
            return remove_head_alternates(output_content)
        return output_content

    def on_files(self, files: Files, config) -> Files:
        """Replace the raw content files by the generated pages and files of this language."""
        b = self.build
        kept = [
            f
            for f in files
            if not f.src_uri.endswith((".md", ".yml", ".yaml"))
            and not joined_away(f.src_uri)
            and not unused_theme_file(f.src_uri)
        ]
        generated = Files(kept)
        assets = page_assets(config, b)  # first: paper pages link the joined stylesheet by its name
        outputs = language_outputs(b.library, b.lang, b.settings, b.paper_shell(config), b.context)
        b.pages = {page.path: page for page in outputs.pages}  # their finished HTML goes in after rendering
        offline = offline_outputs(  # the offline page, manifest, app icons and service worker
            b.lang,
            config.site_name,
            site_logo(config),
            [a.path for a in assets],
            outputs.pages,
            fragments_of(b.context),
        )
        b.pages[offline.page.path] = offline.page
        for page in [*outputs.pages, offline.page]:
            generated.append(b.staged(config, page.path, page.markdown))
        # Everything else is a finished file, published from memory: no staging, no copy.
        for path, content in [*((a.path, a.data) for a in assets), *outputs.files, *offline.files]:
            generated.append(File.generated(config, path, content=content))
        return generated

    def on_page_context(self, context, page, config, nav):
        """Point the language switch at this same page in each language. The theme's
        templates escape what they print (see ``on_env``): the page's HTML, already
        sanitised, and its table of contents are marked as HTML."""
        if page.content is not None:
            page.content = Markup(page.content)
        mark_toc_html(page.toc)
        config.extra["alternate"] = self.build.language_switch("/" + page.url if page.url else "/")
        return context

    def on_page_content(self, html, page, config, files):
        """Only allowed HTML from the authors' Markdown reaches the page (``clean_html``);
        the steps' anchors are numbered on strategy cards (#step-3)."""
        html = clean_html(html)
        if (page.meta.get("carryover") or {}).get("kind") == "strategies":
            return add_step_anchors(html)
        return html

    def on_post_page(self, output, page, config):
        """The page's finished HTML parts go in; hreflang goes to the sitemap, not the head;
        the search dialog gets a name."""
        b = self.build
        generated = b.pages.get(page.file.src_uri)
        if generated:
            output = generated.html_after_render(output)
        return name_search_dialog(remove_head_alternates(output), load_ui(b.lang)["theme"]["search.placeholder"])

    def on_env(self, env, config, files):
        """Autoescaping on; interface text for the templates (also the 404 page, which has no
        page context); the theme's templates compiled once, not on every build."""
        b = self.build
        env.autoescape = True  # front matter and data files reach the theme's {{ page.meta.… }} as text
        compiled = cache_dir() / "templates-autoescaped"  # compiled with autoescaping
        compiled.mkdir(exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(compiled))
        env.globals["ui"] = load_ui(b.lang)
        env.globals["ui_js"] = ui_for_scripts(b.lang)
        env.globals["site_css"], env.globals["site_js"] = b.site_css, b.site_js
        env.globals["lang_root"] = f"{b.site_path()}{b.lang}/"
        env.globals["theme_color"] = THEME_COLOR
        return env

    @event_priority(100)
    def on_page_markdown(self, markdown, page, config, files):
        """No page goes into the theme's own search index: search is Pagefind's (``on_post_build``)."""
        page.meta["search"] = THEME_INDEX
        return markdown

    @event_priority(-100)
    def on_post_build(self, config):
        """The language's search index, from the finished pages; hreflang alternates to the
        sitemap; for `carryover build`, the root pages."""
        b = self.build
        try:
            index_site(Path(config.site_dir), b.lang)
        except SearchIndexError as exc:
            raise PluginError(f"{exc}\nNothing was built.") from None
        sitemap = Path(config.site_dir) / "sitemap.xml"
        if sitemap.exists():
            xml = sitemap_with_alternates(sitemap.read_text(encoding="utf-8"), b.base)
            sitemap.write_text(xml, encoding="utf-8")
            with gzip.GzipFile(sitemap.with_suffix(".xml.gz"), "wb", mtime=0) as packed:
                packed.write(xml.encode("utf-8"))
        if os.environ.get(ROOT_PAGES_ENV):  # this language's build also writes the pages above the languages
            not_found = Path(config.site_dir) / "404.html"
            write_root_pages(
                Path(os.environ[ROOT_PAGES_ENV]),
                b.library,
                tuple(os.environ[LANGUAGES_ENV].split(",")),
                b.base,
                not_found.read_text(encoding="utf-8") if not_found.is_file() else None,
                fragments_of(b.context),
            )
            try:
                files = published_editor(b.library, b.settings.editor, editor_dist(config))
            except SettingsError as exc:
                raise PluginError(f"{exc}\nNothing was built.") from None
            for path, data in files:  # the browser form, only when extra.editor.publish asks for it
                target = Path(os.environ[ROOT_PAGES_ENV]) / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)


# The engine's own fragments: Material's button classes, grid cards and icon shortcodes.
ENGINE_FRAGMENTS = Path(__file__).parent / "templates" / "fragments"


def editor_dist(config) -> Path:
    """Decap CMS's built files, installed from npm beside mkdocs.yml (``editor/``)."""
    return Path(config.config_file_path).parent / "editor" / "node_modules" / "decap-cms" / "dist"


def fragment_dirs(config) -> tuple[Path, ...]:
    """Where the build's HTML fragments are looked up: the clinic's ``fragments/`` beside its
    theme overrides (``theme.custom_dir``), when it has one, then the engine's."""
    custom = config.theme.custom_dir
    clinic = Path(custom) / "fragments" if custom else None
    return (*([clinic] if clinic is not None and clinic.is_dir() else []), ENGINE_FRAGMENTS)


def site_logo(config) -> tuple[str, bytes]:
    """The theme's logo (theme.logo, else the favicon): its name and bytes, for the app icons."""
    name = config.theme["logo"] or config.theme["favicon"]
    path = next(Path(d) / name for d in config.theme.dirs if (Path(d) / name).is_file())
    return name, path.read_bytes()


def joined_away(src_uri: str) -> bool:
    """Theme files now inside the joined stylesheet and script, and source maps: not published."""
    return (
        src_uri.endswith(".map")
        or src_uri == "assets/stylesheets/carryover.css"
        or (src_uri.startswith("assets/javascripts/") and src_uri.count("/") == 2 and src_uri.endswith(".js"))
        or any(
            src_uri.startswith(p)
            for p in ("assets/stylesheets/main.", "assets/stylesheets/palette.", "assets/javascripts/bundle.")
        )
    )


def page_assets(config, build: SiteBuild) -> list:
    """One stylesheet and one script for every page: the theme's files joined with ours."""
    theme = [Path(d) for d in config.theme.dirs if (Path(d) / "assets" / "javascripts").is_dir()]
    material = next(d for d in theme if list(d.glob("assets/javascripts/bundle.*.min.js")))
    own = Path(config.theme.custom_dir)
    assets, css, js = bundle_assets(
        theme_css=[
            *material.glob("assets/stylesheets/main.*.min.css"),
            *material.glob("assets/stylesheets/palette.*.min.css"),
        ],
        own_css=[own / "assets" / "stylesheets" / "carryover.css"],
        theme_js=[SEARCH_SCRIPT, *material.glob("assets/javascripts/bundle.*.min.js")],
        own_js=own_scripts(own),
        font_variable="--md-text-font",  # Material's text font
    )
    build.site_css, build.site_js = css, js
    return assets


def own_scripts(custom_dir: Path) -> list[Path]:
    """The site's own scripts, joined after the theme's: carryover.js first, then each
    feature's file (overrides/assets/javascripts/*.js) in name order."""
    folder = custom_dir / "assets" / "javascripts"
    return sorted(folder.glob("*.js"), key=lambda p: (p.name != "carryover.js", p.name))


def mark_toc_html(items) -> None:
    """Table-of-contents titles are HTML the engine made from sanitised headings."""
    for item in items or ():
        item.title = Markup(item.title)
        mark_toc_html(item.children)


# MkDocs reads the events from the hooks module (hooks/carryover_hooks.py imports these).
_events = SiteEvents()
on_config = _events.on_config
on_post_template = _events.on_post_template
on_files = _events.on_files
on_page_markdown = _events.on_page_markdown
on_page_context = _events.on_page_context
on_page_content = _events.on_page_content
on_post_page = _events.on_post_page
on_env = _events.on_env
on_post_build = _events.on_post_build
