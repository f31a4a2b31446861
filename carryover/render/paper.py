"""Printable pages: one-page handouts, bilingual handouts, picture schedules and
first–then boards. Each is a page of its own, laid out for paper (A4 and US
Letter), with a QR code back to the page online.

They are complete HTML documents rendered here, not pages of the site engine: two
of every three pages of a library are paper, and passing them through Markdown
and the theme's templates cost most of the build (see the README's performance
section)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import markdown

from carryover import LANGUAGES, ORIGINAL_LANGUAGE
from carryover.context import BuildContext
from carryover.model.library import Entry, Library
from carryover.model.settings import SiteSettings
from carryover.model.source import PAGE_LINK
from carryover.model.taxonomy import load_ui
from carryover.render.common import esc, md_text, preview_path, review_text
from carryover.render.fragments import ENGINE_FREE, Fragments, card_facts
from carryover.render.images import preview_image, qr_svg, qr_table_name, schedule_png
from carryover.render.webassets import Asset
from carryover.sanitize import safe_url


def icon_markup(name: str, context: BuildContext) -> str:
    return context.icon_svg(name).replace("<svg ", '<svg aria-hidden="true" focusable="false" class="co-icon" ', 1)


def clinic_footer(settings: SiteSettings, lang: str) -> str:
    """The clinic's own details, as configured; nothing when none are set."""
    ui, clinic = load_ui(lang), settings.clinic
    parts = []
    if clinic.name:
        parts.append(f"<strong>{esc(clinic.name)}</strong>")
    details = {"phone": clinic.phone, "whatsapp": clinic.whatsapp, "email": clinic.email, "website": clinic.website}
    for key, value in details.items():
        if value:
            parts.append(f"{esc(ui['clinic_' + key])}: {esc(value)}")
    if not parts:
        return ""
    logo_url = safe_url(clinic.logo) if clinic.logo else None  # checked in settings; kept as a second guard
    logo = f'<img class="co-clinic__logo" src="{esc(logo_url)}" alt="">' if logo_url else ""
    return f'<p class="co-clinic">{logo}{" · ".join(parts)}</p>'


def practice_log(lang: str) -> str:
    ui = load_ui(lang)
    days = "".join(f'<th scope="col">{esc(d)}</th>' for d in ui["practice_days"])
    boxes = "".join('<td><span class="co-box" aria-hidden="true"></span></td>' for _ in ui["practice_days"])
    lines = "".join(f'<p class="co-line">{esc(ui[k])}:</p>' for k in ("log_worked", "log_hard", "log_question"))
    return (
        f'<section class="co-log" aria-label="{esc(ui["practice_log"])}">'
        f'<p class="co-log__title"><strong>{esc(ui["practice_log"])}</strong> {esc(ui["practice_tick"])}</p>'
        f'<table class="co-log__days"><tr>{days}</tr><tr>{boxes}</tr></table>{lines}</section>'
    )


def handout_sheet(
    entry: Entry, lang: str, library: Library, settings: SiteSettings, context: BuildContext | None = None
) -> str:
    """One sheet of paper for one card in one language."""
    ui, qr_codes = load_ui(lang), _qr(context, lang)
    scan = ui["scan_to_open"]
    version = entry.version(lang)
    own, meta = version.card, entry.card
    url = settings.page_url(lang, f"strategies/{entry.id}/")
    facts = " · ".join(card_facts(meta, lang, library.taxonomy))
    materials = html_from_markdown("\n".join(f"- {md_text(m)}" for m in own.materials))
    sections = {s.key: html_from_markdown(paper_links(s.markdown)) for s in version.sections}
    suffix = f"-{lang}"
    reviewed = review_text(entry, lang, library.review)
    # Untranslated, the card's own text is the original's, marked with its language, under a notice.
    original, text = original_lang(entry, lang)
    # The sections' Markdown is converted here, with a small converter and its cache: a
    # sheet is used twice (the handout and the bilingual handout) and never by the engine.
    return f"""<div class="co-sheet" lang="{lang}">
<header class="co-sheet__head">
<div class="co-sheet__titles">
<p class="co-sheet__facts">{esc(facts)}</p>
<h1 class="co-sheet__title"{original}>{esc(own.title)}</h1>
<p class="co-sheet__summary"{original}>{esc(own.summary)}</p>
</div>
<figure class="co-qr">{qr_svg(url, scan, qr_codes)}<figcaption>{esc(scan)}</figcaption></figure>
</header>
{untranslated_line(entry, lang)}<div class="co-sheet__body">
<div class="co-sheet__main">
<h2 id="materials{suffix}">{esc(ui["section_materials"])}</h2>
{text(materials)}
<h2 id="steps{suffix}">{esc(ui["section_steps"])}</h2>
{text(sections["section_steps"])}
</div>
<div class="co-sheet__side">
<div class="co-safety">
<h2 id="safety{suffix}">{esc(ui["section_safety"])}</h2>
{text(sections["section_safety"])}
</div>
<h2 id="ask{suffix}">{esc(ui["section_ask_therapist"])}</h2>
{text(sections["section_ask_therapist"])}
</div>
</div>
{practice_log(lang)}
<footer class="co-sheet__foot">
{clinic_footer(settings, lang)}
<p>{esc(ui["evidence_title"])} {esc(library.taxonomy.evidence_label(meta.evidence, lang))}. {esc(reviewed)} ·
<span class="co-url">{esc(url)}</span></p>
<p>{esc(ui["disclaimer"])}</p>
</footer>
</div>

"""


def original_lang(entry: Entry, lang: str) -> tuple[str, Callable[[str], str]]:
    """For a page shown in its original language in another language's site: the ``lang``
    attribute of an element holding the original's text, and a wrapper for a block of it."""
    if entry.translated(lang):
        return "", lambda html: html
    return f' lang="{ORIGINAL_LANGUAGE}"', lambda html: f'<div lang="{ORIGINAL_LANGUAGE}">\n{html}</div>'


def untranslated_line(entry: Entry, lang: str) -> str:
    """One line on the sheet itself, on screen and on paper, when its text is the original's."""
    if entry.translated(lang):
        return ""
    ui = load_ui(lang)
    return (
        f'<p class="co-untranslated co-sheet__notice" role="note"><strong>{esc(ui["not_translated_title"])}.</strong> '
        f"{esc(ui['paper_not_translated'])}</p>\n"
    )


def paper_links(markdown: str) -> str:
    """Authors' links (../../strategies/x/) as seen from a paper page, one folder deeper."""
    return PAGE_LINK.sub(lambda m: f"](../../../{m[1]}/{m[2]}/{m[3] or ''})", markdown)


@lru_cache(maxsize=4096)
def html_from_markdown(text: str) -> str:
    return _markdown().reset().convert(text)


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["attr_list"])


@dataclass(frozen=True)
class PaperPage:
    """A page made for paper: where it goes in the language's site, its title and its sheets."""

    path: str  # e.g. strategies/<id>/handout/index.html
    title: str
    body: str
    url: str  # its address online, for the canonical link
    notice: str = ""  # shown on screen above the sheets, never printed


@dataclass(frozen=True)
class PaperShell:
    """What a paper page takes from the site around it: the stylesheets (paths from the
    language's root), the icon and the attributes the theme's styles key on."""

    lang: str
    site_name: str
    stylesheets: tuple[str, ...]
    favicon: str = ""
    body_attrs: dict = field(default_factory=dict)


def paper_document(page: PaperPage, shell: PaperShell, frags: Fragments = ENGINE_FREE) -> str:
    """The complete HTML document of a paper page (the fragment ``paper.html``)."""
    base = "../" * page.path.count("/")
    # The same sheet in each other language: relative, so a site under a sub-path still works.
    here = page.path.removesuffix("index.html")
    languages = [
        {"code": code, "name": load_ui(code)["language_name"], "href": f"{base}../{code}/{here}"}
        for code in LANGUAGES
        if code != shell.lang
    ]
    return frags.render(
        "paper.html",
        lang=shell.lang,
        title=page.title,
        site_name=shell.site_name,
        canonical=page.url,
        base=base,
        favicon=shell.favicon,
        stylesheets=shell.stylesheets,
        body_attrs=shell.body_attrs,
        ui=load_ui(shell.lang),
        languages=languages,
        notice=page.notice,
        body=page.body,
    )


def _qr(context: BuildContext | None, lang: str):
    """The build's kept QR codes for ``lang``, or none (then each is encoded)."""
    return context.table(qr_table_name(lang)) if context is not None else None


def handout_sheets(
    entry: Entry, lang: str, library: Library, settings: SiteSettings, context: BuildContext | None = None
) -> dict[str, str]:
    """The card's sheet in each language it has, and in ``lang`` (in the original, when untranslated)."""
    sheets = {
        code: handout_sheet(entry, code, library, settings, context) for code in LANGUAGES if entry.translated(code)
    }
    sheets.setdefault(lang, handout_sheet(entry, lang, library, settings, context))
    return sheets


def render_handout(
    entry: Entry,
    lang: str,
    library: Library,
    settings: SiteSettings,
    sheets: dict[str, str] | None = None,
    context: BuildContext | None = None,
) -> PaperPage:
    ui = load_ui(lang)
    title = f"{entry.version(lang).meta.title} ({ui['handout_suffix']})"
    body = (sheets or handout_sheets(entry, lang, library, settings, context))[lang]
    url = settings.page_url(lang, f"strategies/{entry.id}/handout/")
    return PaperPage(f"strategies/{entry.id}/handout/index.html", title, body, url)


def render_bilingual_handout(
    entry: Entry,
    lang: str,
    library: Library,
    settings: SiteSettings,
    sheets: dict[str, str] | None = None,
    context: BuildContext | None = None,
) -> PaperPage:
    """Both languages, one sheet each, the page's language first: for families whose
    adults read different languages. Untranslated, only the original's sheet, and a notice
    on screen that the other language's does not exist yet."""
    ui = load_ui(lang)
    sheets = sheets or handout_sheets(entry, lang, library, settings, context)
    order = [code for code in (lang, *[o for o in LANGUAGES if o != lang]) if entry.translated(code)]
    bilingual = len(order) > 1
    suffix = ui["bilingual_suffix"] if bilingual else ui["handout_suffix"]
    title = f"{entry.version(lang).meta.title} ({suffix})"
    url = settings.page_url(lang, f"strategies/{entry.id}/bilingual/")
    body = "\n".join(sheets[c] for c in order)
    notice = "" if bilingual else ui["paper_no_bilingual"]
    return PaperPage(f"strategies/{entry.id}/bilingual/index.html", title, body, url, notice)


def schedule_cards(entry: Entry, lang: str, css: str, context: BuildContext) -> str:
    version = entry.version(lang)
    items = []
    for number, (step, original) in enumerate(zip(version.steps, entry.routine.steps, strict=False), start=1):
        items.append(
            f'<li class="co-cut"><span class="co-cut__num">{number}</span>{icon_markup(original.icon, context)}'
            f'<span class="co-cut__label">{esc(step.label)}</span></li>'
        )
    return f'<ol class="{css}">{"".join(items)}</ol>'


def render_schedule(entry: Entry, lang: str, settings: SiteSettings, context: BuildContext | None = None) -> PaperPage:
    """Picture cards with cut lines, big enough for a child's hands, on one page."""
    ui = load_ui(lang)
    context = context or BuildContext()
    own = entry.version(lang).meta
    url = settings.page_url(lang, f"routines/{entry.id}/")
    title = ui["schedule_title"].format(title=own.title)
    original, text = original_lang(entry, lang)
    name = f"<span{original}>{esc(own.title)}</span>" if original else esc(own.title)
    heading = esc(ui["schedule_title"]).format(title=name)
    body = f"""<div class="co-sheet co-sheet--schedule" lang="{lang}">
<header class="co-sheet__head"><div class="co-sheet__titles"><h1 class="co-sheet__title">{heading}</h1>
<p class="co-sheet__summary">{esc(ui["schedule_help"])}</p></div>
<figure class="co-qr co-qr--small">{qr_svg(url, ui["scan_to_open"], _qr(context, lang))}</figure></header>
{untranslated_line(entry, lang)}{text(schedule_cards(entry, lang, "co-cards-print", context))}
<footer class="co-sheet__foot"><p><span class="co-url">{esc(url)}</span> · {esc(ui["disclaimer"])}</p></footer>
</div>
"""
    return PaperPage(f"routines/{entry.id}/schedule/index.html", title, body, f"{url}schedule/")


def render_first_then(
    entry: Entry, lang: str, settings: SiteSettings, context: BuildContext | None = None
) -> PaperPage:
    """A first–then board: two big spaces, and this routine's pictures to cut out and place."""
    ui = load_ui(lang)
    context = context or BuildContext()
    own = entry.version(lang).meta
    url = settings.page_url(lang, f"routines/{entry.id}/")
    title = f"{ui['first_then_title']}: {own.title}"
    original, text = original_lang(entry, lang)
    name = f"<span{original}>{esc(own.title)}</span>" if original else esc(own.title)
    body = f"""<div class="co-sheet co-sheet--first-then" lang="{lang}">
<h1 class="co-sheet__title">{esc(ui["first_then_title"])}: {name}</h1>
{untranslated_line(entry, lang)}<div class="co-ft">
<div class="co-ft__box"><p class="co-ft__label">{esc(ui["first_label"])}</p></div>
<div class="co-ft__arrow" aria-hidden="true">→</div>
<div class="co-ft__box"><p class="co-ft__label">{esc(ui["then_label"])}</p></div>
</div>
<p class="co-sheet__summary">{esc(ui["first_then_help"])}</p>
{text(schedule_cards(entry, lang, "co-cards-print co-cards-print--small", context))}
<footer class="co-sheet__foot"><p><span class="co-url">{esc(url)}</span> · {esc(ui["disclaimer"])}</p></footer>
</div>
"""
    return PaperPage(f"routines/{entry.id}/first-then/index.html", title, body, f"{url}first-then/")


def paper_pages_of(
    entry: Entry, lang: str, library: Library, settings: SiteSettings, context: BuildContext | None = None
) -> list[PaperPage]:
    """A card's handout and bilingual handout, or a routine's schedule and first-then board.
    They depend on the entry itself, the taxonomy's labels and the settings, not on other
    entries: so each entry's paper pages can be kept on their own."""
    if entry.kind == "routines":
        return [render_schedule(entry, lang, settings, context), render_first_then(entry, lang, settings, context)]
    sheets = handout_sheets(entry, lang, library, settings, context)  # each sheet made once, used twice
    return [
        render_handout(entry, lang, library, settings, sheets, context),
        render_bilingual_handout(entry, lang, library, settings, sheets, context),
    ]


def render_image_assets(library: Library, lang: str, settings: SiteSettings, context: BuildContext) -> list[Asset]:
    """Link-preview images for cards and routines, and each routine's phone schedule."""
    assets = []
    for entry in library.cards.values():
        own = entry.version(lang).meta
        label = library.taxonomy.category_label(entry.card.category, lang)
        icon = library.taxonomy.categories[entry.card.category]["icon"]
        assets.append(Asset(preview_path(entry), preview_image(own.title, label, settings.site_name, icon, context)))
    for entry in library.routines.values():
        own = entry.version(lang).routine
        label = load_ui(lang)["routines_title"]
        assets.append(
            Asset(preview_path(entry), preview_image(own.title, label, settings.site_name, entry.routine.icon, context))
        )
        steps = [(s.label, o.icon) for s, o in zip(entry.version(lang).steps, entry.routine.steps, strict=False)]
        assets.append(Asset(f"routines/{entry.id}/schedule.png", schedule_png(own.title, steps, context)))
    return assets
