"""Therapist tools: sharing a card, links that never break (aliases and short links),
home-program bundles, the family's practice log and saved cards ("My strategies").

Bundles and the practice log need no server: a bundle's choice travels in the
link's #fragment, and the log stays in the browser's local storage. This module
renders the pages and data; overrides/assets/javascripts/carryover.js runs them.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from carryover import LANGUAGES
from carryover.model.library import Entry, Library
from carryover.model.settings import BUNDLE_CAP, SiteSettings
from carryover.model.taxonomy import load_ui
from carryover.render.common import NO_SEARCH, GeneratedPage, Late, assemble, front_matter, md_text
from carryover.render.fragments import ENGINE_FREE, Fragments, card_facts
from carryover.render.paging import digit_group


def share_block(entry: Entry, lang: str, settings: SiteSettings, frags: Fragments = ENGINE_FREE) -> str:
    """WhatsApp and email links that work without JavaScript; "copy link" appears with it."""
    ui = load_ui(lang)
    title = entry.version(lang).meta.title
    url = settings.page_url(lang, f"strategies/{entry.id}/")
    message = ui["share_message"].format(title=title)
    whatsapp = "https://wa.me/?text=" + quote(f"{message}\n{url}")
    email = f"mailto:?subject={quote(title)}&body={quote(message + chr(10) + url)}"
    return frags.render("share.html", ui=ui, url=url, whatsapp=whatsapp, email=email)


def tried_block(entry: Entry, lang: str, frags: Fragments = ENGINE_FREE) -> str:
    """'I tried this today': hidden until the script shows it (it needs local storage)."""
    return frags.render("tried.html", ui=load_ui(lang), card=entry.id)


def save_block(entry: Entry, lang: str, frags: Fragments = ENGINE_FREE) -> str:
    """The "Save" toggle: hidden until saved.js shows it (it needs local storage)."""
    return frags.render("save.html", ui=load_ui(lang), card=entry.id)


def cards_index(library: Library, lang: str) -> str:
    """A small JSON list of every card, for the bundle picker and the practice log."""
    rows = []
    for entry in sorted(library.cards.values(), key=lambda e: e.version(lang).meta.title.casefold()):
        category, ages, time = card_facts(entry.card, lang, library.taxonomy)
        rows.append(
            {
                "id": entry.id,
                "title": entry.version(lang).meta.title,
                "summary": entry.version(lang).meta.summary,
                "category": category,
                "ages": ages,
                "time": time,
            }
        )
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def ui_for_scripts(lang: str) -> dict[str, str]:
    """The interface text the browser script needs."""
    ui = load_ui(lang)
    return {k: v for k, v in ui.items() if k.startswith("js_")} | {
        "lang": lang,
        "cap": BUNDLE_CAP,
        "days": ui["practice_days"],
        "group": digit_group(lang),  # counts the script writes look like the build's (5,000)
    }


def tool_page(kind: str, title: str, description: str, body: str) -> GeneratedPage:
    """A page run by the browser script (bundle, practice log): full width, not searched.
    Its controls are the build's own HTML, put in after rendering (``Late``): the authors'
    HTML allow-list has no forms."""
    text, late = assemble([f"# {md_text(title)}", "", Late(body)])
    fm = front_matter(
        title=title,
        description=description,
        template="tools.html",
        search=NO_SEARCH,
        hide=["navigation", "toc"],
        carryover={"kind": kind},
    )
    return GeneratedPage(f"{kind}.md", fm + text, late)


def render_bundle_page(lang: str, frags: Fragments = ENGINE_FREE) -> GeneratedPage:
    ui = load_ui(lang)
    languages = [{"code": code, "name": load_ui(code)["language_name"], "selected": code == lang} for code in LANGUAGES]
    body = frags.render("bundle.html", ui=ui, fewer=ui["bundle_fewer"].format(cap=BUNDLE_CAP), languages=languages)
    return tool_page("bundle", ui["bundle_title"], ui["bundle_lead"], body)


def render_log_page(lang: str, frags: Fragments = ENGINE_FREE) -> GeneratedPage:
    ui = load_ui(lang)
    return tool_page("log", ui["log_title"], ui["log_lead"], frags.render("log.html", ui=ui))


def render_saved_page(lang: str, frags: Fragments = ENGINE_FREE) -> GeneratedPage:
    """My strategies: the cards saved in this browser (saved.js draws the list)."""
    ui = load_ui(lang)
    return tool_page("saved", ui["saved_title"], ui["saved_lead"], frags.render("saved.html", ui=ui))


def redirect_html(target: str, title: str, lang: str, frags: Fragments = ENGINE_FREE) -> str:
    """A page that sends an old address to the current one, with or without JavaScript."""
    return frags.render("redirect.html", target=target, title=title, lang=lang)


def alias_redirects(
    library: Library, lang: str, settings: SiteSettings, frags: Fragments = ENGINE_FREE
) -> list[tuple[str, str]]:
    """(path, html) of a redirect page for every old id of every page."""
    pages = []
    for kind, entries in library.entries.items():
        for entry in entries.values():
            for alias in entry.meta.aliases:
                target = f"../../{kind}/{entry.id}/"
                pages.append(
                    (f"{kind}/{alias}/index.html", redirect_html(target, entry.version(lang).meta.title, lang, frags))
                )
    return pages


def short_link_html(entry: Entry, default_lang: str = LANGUAGES[0], frags: Fragments = ENGINE_FREE) -> str:
    """/s/<id>/: opens the card in the browser's language; without JavaScript, in the
    default language, with every language offered as a plain link."""
    links = [
        {"lang": lang, "title": entry.version(lang).meta.title, "language_name": load_ui(lang)["language_name"]}
        for lang in LANGUAGES
    ]
    return frags.render(
        "short_link.html",
        default_lang=default_lang,
        title=entry.version(default_lang).meta.title,
        codes=LANGUAGES,
        path=f"/strategies/{entry.id}/",
        links=links,
    )


def short_links(library: Library, frags: Fragments = ENGINE_FREE) -> list[tuple[str, str]]:
    """(path under the site root, html) for /s/<id>/ and /s/<old-id>/ of every card."""
    pages = []
    for entry in library.cards.values():
        page = short_link_html(entry, frags=frags)
        for name in [entry.id, *entry.meta.aliases]:
            pages.append((f"s/{name}/index.html", page))
    return pages
