"""Therapist tools: sharing a card, links that never break (aliases and short links),
home-program bundles and the family's practice log.

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
from carryover.render.common import (
    NO_SEARCH,
    GeneratedPage,
    Late,
    age_text,
    assemble,
    esc,
    front_matter,
    md_text,
    minutes_text,
)


def share_block(entry: Entry, lang: str, settings: SiteSettings) -> str:
    """WhatsApp and email links that work without JavaScript; "copy link" appears with it."""
    ui = load_ui(lang)
    title = entry.version(lang).meta.title
    url = settings.page_url(lang, f"strategies/{entry.id}/")
    message = ui["share_message"].format(title=title)
    whatsapp = "https://wa.me/?text=" + quote(f"{message}\n{url}")
    email = f"mailto:?subject={quote(title)}&body={quote(message + chr(10) + url)}"
    return (
        f'<div class="co-share" data-share-url="{esc(url)}" role="group" aria-label="{esc(ui["share_title"])}">'
        f'<a class="md-button" href="{esc(whatsapp)}" rel="noopener noreferrer">{esc(ui["share_whatsapp"])}</a>'
        f'<a class="md-button" href="{esc(email)}">{esc(ui["share_email"])}</a>'
        f'<button class="md-button co-copy" type="button" hidden>{esc(ui["share_copy"])}</button>'
        f'<span class="co-share__status" role="status"></span></div>\n'
    )


def tried_block(entry: Entry, lang: str) -> str:
    """'I tried this today': hidden until the script shows it (it needs local storage)."""
    ui = load_ui(lang)
    return f"""<section class="co-tried" data-card="{entry.id}" hidden aria-labelledby="i-tried-this">
<h2 id="i-tried-this">{esc(ui["tried_title"])}</h2>
<p class="co-tried__privacy">{esc(ui["tried_privacy"])}</p>
<label class="co-tried__label" for="tried-note">{esc(ui["tried_note"])}</label>
<textarea id="tried-note" class="co-tried__note" maxlength="280" rows="2"></textarea>
<div class="co-tried__buttons">
<button class="md-button md-button--primary" type="button" data-result="helped">{esc(ui["tried_helped"])}</button>
<button class="md-button" type="button" data-result="hard">{esc(ui["tried_hard"])}</button>
</div>
<p class="co-tried__status" role="status"></p>
<p><a href="../../log/">{esc(ui["tried_log_link"])}</a></p>
</section>
"""


def cards_index(library: Library, lang: str) -> str:
    """A small JSON list of every card, for the bundle picker and the practice log."""
    rows = []
    for entry in sorted(library.cards.values(), key=lambda e: e.version(lang).meta.title.casefold()):
        meta = entry.meta
        rows.append(
            {
                "id": entry.id,
                "title": entry.version(lang).meta.title,
                "summary": entry.version(lang).meta.summary,
                "category": library.taxonomy.category_label(meta.category, lang),
                "ages": age_text(meta, lang),
                "time": minutes_text(meta.time, lang),
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


def render_bundle_page(lang: str) -> GeneratedPage:
    ui = load_ui(lang)
    options = "".join(
        f'<option value="{code}"{" selected" if code == lang else ""}>{esc(load_ui(code)["language_name"])}</option>'
        for code in LANGUAGES
    )
    body = f"""<noscript><p class="co-noscript">{esc(ui["bundle_noscript"])}</p></noscript>

<div class="co-bundle-view" hidden>
<figure class="co-qr co-bundle-view__qr"></figure>
<p class="co-bundle-view__from">{esc(ui["bundle_from_therapist"])}</p>
<blockquote class="co-bundle-view__note" hidden></blockquote>
<div class="co-bundle-view__cards"></div>
<p class="co-actions">
<button class="md-button md-button--primary co-bundle-print" type="button">{esc(ui["bundle_print"])}</button>
<a class="md-button co-bundle-new" href="./">{esc(ui["bundle_make_own"])}</a></p>
</div>

<form class="co-bundle-make" hidden>
<p>{esc(ui["bundle_lead"])}</p>
<p class="co-bundle-make__fewer"><strong>{esc(ui["bundle_fewer"].format(cap=BUNDLE_CAP))}</strong></p>
<label for="bundle-search">{esc(ui["bundle_search"])}</label>
<input id="bundle-search" class="co-input" type="search" autocomplete="off">
<p class="co-bundle-make__count" role="status"></p>
<fieldset class="co-bundle-make__list"><legend class="co-visually-hidden">{esc(ui["bundle_search"])}</legend></fieldset>
<label for="bundle-note">{esc(ui["bundle_note"])}</label>
<textarea id="bundle-note" class="co-input" maxlength="300" rows="3"></textarea>
<label for="bundle-language">{esc(ui["bundle_language"])}</label>
<select id="bundle-language" class="co-input">{options}</select>
<p><button class="md-button md-button--primary" type="submit">{esc(ui["bundle_create"])}</button></p>
<div class="co-bundle-make__result" hidden>
<label for="bundle-link">{esc(ui["bundle_link"])}</label>
<input id="bundle-link" class="co-input" type="text" readonly>
<p class="co-actions"><button class="md-button co-copy-bundle" type="button">{esc(ui["share_copy"])}</button>
<a class="md-button co-bundle-whatsapp" href="#" rel="noopener noreferrer">{esc(ui["share_whatsapp"])}</a></p>
<p class="co-bundle-make__status" role="status"></p>
</div>
</form>
"""
    return tool_page("bundle", ui["bundle_title"], ui["bundle_lead"], body)


def render_log_page(lang: str) -> GeneratedPage:
    ui = load_ui(lang)
    body = f"""<p class="co-lead">{esc(ui["log_lead"])}</p>

<p class="co-privacy">{esc(ui["log_privacy"])}</p>

<noscript><p class="co-noscript">{esc(ui["log_noscript"])}</p></noscript>

<div class="co-log-page" hidden>
<div class="co-log-page__grid"></div>
<p class="co-actions">
<button class="md-button co-log-copy" type="button">{esc(ui["log_copy"])}</button>
<button class="md-button co-log-print" type="button">{esc(ui["log_print"])}</button>
<button class="md-button co-log-clear" type="button">{esc(ui["log_clear"])}</button>
</p>
<p class="co-log-page__status" role="status"></p>
<textarea class="co-log-page__text" aria-label="{esc(ui["log_copy"])}" readonly hidden></textarea>
</div>
"""
    return tool_page("log", ui["log_title"], ui["log_lead"], body)


def redirect_html(target: str, title: str, lang: str) -> str:
    """A page that sends an old address to the current one, with or without JavaScript."""
    target_attr = esc(target)
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{esc(title)}</title>
<link rel="canonical" href="{target_attr}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target_attr}">
<script>location.replace({json.dumps(target)} + location.hash)</script>
</head>
<body><p><a href="{target_attr}">{esc(title)}</a></p></body>
</html>
"""


def alias_redirects(library: Library, lang: str, settings: SiteSettings) -> list[tuple[str, str]]:
    """(path, html) of a redirect page for every old id of every page."""
    pages = []
    for kind, entries in library.entries.items():
        for entry in entries.values():
            for alias in getattr(entry.meta, "aliases", []) or []:
                target = f"../../{kind}/{entry.id}/"
                pages.append(
                    (f"{kind}/{alias}/index.html", redirect_html(target, entry.version(lang).meta.title, lang))
                )
    return pages


def short_link_html(entry: Entry, default_lang: str = LANGUAGES[0]) -> str:
    """/s/<id>/: opens the card in the browser's language; without JavaScript, in the
    default language, with both languages offered as plain links."""
    links = " · ".join(
        f'<a href="../../{lang}/strategies/{entry.id}/" hreflang="{lang}" lang="{lang}">'
        f"{esc(entry.version(lang).meta.title)} ({esc(load_ui(lang)['language_name'])})</a>"
        for lang in LANGUAGES
    )
    supported = json.dumps(list(LANGUAGES))
    return f"""<!doctype html>
<html lang="{default_lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{esc(entry.version(default_lang).meta.title)}</title>
<meta name="robots" content="noindex">
<script>
(function () {{
  var supported = {supported}, prefs = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < prefs.length; i++) {{
    var code = String(prefs[i]).slice(0, 2).toLowerCase();
    if (supported.indexOf(code) >= 0) {{
      location.replace("../../" + code + "/strategies/{entry.id}/" + location.hash); return;
    }}
  }}
  location.replace("../../" + supported[0] + "/strategies/{entry.id}/" + location.hash);
}})();
</script>
<noscript><meta http-equiv="refresh" content="0; url=../../{default_lang}/strategies/{entry.id}/"></noscript>
</head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">
<p>{links}</p>
</body>
</html>
"""


def short_links(library: Library) -> list[tuple[str, str]]:
    """(path under the site root, html) for /s/<id>/ and /s/<old-id>/ of every card."""
    pages = []
    for entry in library.cards.values():
        page = short_link_html(entry)
        for name in [entry.id, *entry.meta.aliases]:
            pages.append((f"s/{name}/index.html", page))
    return pages
