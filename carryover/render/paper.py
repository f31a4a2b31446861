"""Printable pages: one-page handouts, bilingual handouts, picture schedules and
first–then boards. Each is a page of its own, laid out for paper (A4 and US
Letter), with a QR code back to the page online.

They are complete HTML documents rendered here, not pages of the site engine: two
of every three pages of a library are paper, and passing them through Markdown
and the theme's templates cost most of the build (see the README's performance
section)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import markdown
from markupsafe import Markup

from carryover import LANGUAGES, ORIGINAL_LANGUAGE
from carryover.context import BuildContext
from carryover.model.library import Entry, Library
from carryover.model.settings import SiteSettings
from carryover.model.source import PAGE_LINK
from carryover.model.taxonomy import load_ui
from carryover.render.common import md_text, preview_path, review_text
from carryover.render.fragments import ENGINE_FREE, Fragments, card_facts, fragments_of
from carryover.render.images import preview_image, qr_svg, qr_table_name, schedule_png
from carryover.render.webassets import Asset
from carryover.sanitize import safe_url


def icon_markup(name: str, context: BuildContext) -> str:
    return context.icon_svg(name).replace("<svg ", '<svg aria-hidden="true" focusable="false" class="co-icon" ', 1)


def clinic_footer(settings: SiteSettings, lang: str, frags: Fragments) -> Markup:
    """The clinic's own details, as configured; nothing when none are set."""
    ui, clinic = load_ui(lang), settings.clinic
    details = {"phone": clinic.phone, "whatsapp": clinic.whatsapp, "email": clinic.email, "website": clinic.website}
    logo = safe_url(clinic.logo) if clinic.logo else None  # checked in settings; kept as a second guard
    return frags.html(
        "clinic_footer.html",
        name=clinic.name or "",
        logo=logo or "",
        details=[{"label": ui["clinic_" + key], "value": value} for key, value in details.items() if value],
    )


def practice_log(lang: str, frags: Fragments) -> Markup:
    return frags.html("practice_log.html", ui=load_ui(lang))


def handout_sheet(
    entry: Entry, lang: str, library: Library, settings: SiteSettings, context: BuildContext | None = None
) -> str:
    """One sheet of paper for one card in one language (the fragment ``handout_sheet.html``)."""
    ui, qr_codes, frags = load_ui(lang), _qr(context, lang), fragments_of(context)
    version = entry.version(lang)
    own, meta = version.card, entry.card
    url = settings.page_url(lang, f"strategies/{entry.id}/")
    # The sections' Markdown is converted here, with a small converter and its cache: a
    # sheet is used twice (the handout and the bilingual handout) and never by the engine.
    sections = {s.key: Markup(html_from_markdown(paper_links(s.markdown))) for s in version.sections}
    return frags.render(
        "handout_sheet.html",
        lang=lang,
        ui=ui,
        card_facts=card_facts(meta, lang, library.taxonomy),
        # Untranslated, the card's own text is the original's, marked with its language, under a notice.
        original=original_lang(entry, lang),
        title=own.title,
        summary=own.summary,
        qr=Markup(qr_svg(url, ui["scan_to_open"], qr_codes)),
        untranslated=untranslated_line(entry, lang, frags),
        materials=Markup(html_from_markdown("\n".join(f"- {md_text(m)}" for m in own.materials))),
        steps=sections["section_steps"],
        safety=sections["section_safety"],
        ask=sections["section_ask_therapist"],
        log=practice_log(lang, frags),
        clinic=clinic_footer(settings, lang, frags),
        evidence=library.taxonomy.evidence_label(meta.evidence, lang),
        reviewed=review_text(entry, lang, library.review),
        url=url,
    )


def original_lang(entry: Entry, lang: str) -> str:
    """For a page shown in its original language in another language's site, the original's
    language (the ``lang`` of the elements holding its text); else ""."""
    return "" if entry.translated(lang) else ORIGINAL_LANGUAGE


def untranslated_line(entry: Entry, lang: str, frags: Fragments) -> Markup:
    """One line on the sheet itself, on screen and on paper, when its text is the original's."""
    if entry.translated(lang):
        return Markup()
    return frags.html("untranslated_line.html", ui=load_ui(lang))


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


def schedule_cards(entry: Entry, lang: str, css: str, context: BuildContext, frags: Fragments) -> Markup:
    """The routine's steps as picture cards to cut out (the fragment ``cut_cards.html``)."""
    steps = zip(entry.version(lang).steps, entry.routine.steps, strict=False)
    cards = [{"icon": Markup(icon_markup(original.icon, context)), "label": step.label} for step, original in steps]
    return frags.html("cut_cards.html", css=css, cards=cards)


def render_schedule(entry: Entry, lang: str, settings: SiteSettings, context: BuildContext | None = None) -> PaperPage:
    """Picture cards with cut lines, big enough for a child's hands, on one page."""
    ui = load_ui(lang)
    context = context or BuildContext()
    frags = fragments_of(context)
    own = entry.version(lang).meta
    url = settings.page_url(lang, f"routines/{entry.id}/")
    title = ui["schedule_title"].format(title=own.title)
    body = frags.render(
        "schedule_sheet.html",
        lang=lang,
        ui=ui,
        original=original_lang(entry, lang),
        title=own.title,
        qr=Markup(qr_svg(url, ui["scan_to_open"], _qr(context, lang))),
        untranslated=untranslated_line(entry, lang, frags),
        cards=schedule_cards(entry, lang, "co-cards-print", context, frags),
        url=url,
    )
    return PaperPage(f"routines/{entry.id}/schedule/index.html", title, body, f"{url}schedule/")


def render_first_then(
    entry: Entry, lang: str, settings: SiteSettings, context: BuildContext | None = None
) -> PaperPage:
    """A first–then board: two big spaces, and this routine's pictures to cut out and place."""
    ui = load_ui(lang)
    context = context or BuildContext()
    frags = fragments_of(context)
    own = entry.version(lang).meta
    url = settings.page_url(lang, f"routines/{entry.id}/")
    title = f"{ui['first_then_title']}: {own.title}"
    body = frags.render(
        "first_then_sheet.html",
        lang=lang,
        ui=ui,
        original=original_lang(entry, lang),
        title=own.title,
        untranslated=untranslated_line(entry, lang, frags),
        cards=schedule_cards(entry, lang, "co-cards-print co-cards-print--small", context, frags),
        url=url,
    )
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
