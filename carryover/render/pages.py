"""Render the library into Markdown pages for one language.

Each function returns Markdown that any Markdown-based site engine can turn into
a page. Links in the authors' text are written as relative ``.md`` paths, so the
engine checks them.

What the build itself composes (buttons, "at a glance", lists of cards) is finished
HTML kept out of the Markdown (``Late``): the page carries a marker, and the
adapter puts the HTML in its place once the engine has rendered the page. The
Markdown converter then reads little more than the authors' text, which made a card page
three times cheaper to convert; and the search index holds what a card says, not
its neighbours' summaries. Those links are written as addresses (``../../x/y/``).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from markupsafe import Markup

from carryover import LANGUAGES, ORIGINAL_LANGUAGE
from carryover.context import BuildContext
from carryover.model.library import Entry, Library
from carryover.model.schema import SECTION_ANCHORS, SECTIONS, Meta
from carryover.model.settings import SiteSettings
from carryover.model.taxonomy import load_ui
from carryover.render.common import (
    NO_SEARCH,
    UP,
    GeneratedPage,
    Late,
    age_text,
    assemble,
    engine_links,
    esc,
    front_matter,
    md_text,
    minutes_text,
    preview_path,
    review_text,
)
from carryover.render.facets import INDEX, library_filters, library_script
from carryover.render.fragments import ENGINE_FREE, Fragments, card_facts, fragments_of
from carryover.render.paging import (
    PAGE_SIZE,
    Page,
    count_text,
    page_source,
    page_title,
    pager,
    paginate,
    sorted_cards,
    to_listing,
)
from carryover.render.related import related_cards
from carryover.render.search import search_ignored, search_terms, search_title, search_weight
from carryover.render.sharing import (
    render_bundle_page,
    render_log_page,
    render_saved_page,
    save_block,
    share_block,
    tried_block,
)
from carryover.sanitize import safe_url


def reviewed_line(entry: Entry, lang: str, library: Library, frags: Fragments = ENGINE_FREE) -> str:
    return frags.render("reviewed.html", text=review_text(entry, lang, library.review))


def untranslated_banner(entry: Entry, lang: str) -> str:
    """The visible notice on a page shown in its original language inside another language's
    site, or on a translation made from an older version of its original."""
    ui = load_ui(lang)
    if entry.stale(lang):
        return f'!!! warning "{md_text(ui["stale_title"])}"\n\n    {md_text(ui["stale_body"])}\n\n'
    if entry.translated(lang):
        return ""
    return f'!!! warning "{ui["not_translated_title"]}"\n\n    {ui["not_translated_body"]}\n\n'


def wrap_lang(entry: Entry, lang: str, markdown: str, frags: Fragments = ENGINE_FREE) -> str:
    """Mark original-language text with its ``lang`` so screen readers pronounce it right."""
    if entry.translated(lang):
        return markdown
    return frags.render("original_text.html", original=ORIGINAL_LANGUAGE, markdown=Markup(markdown))


def card_list(
    entries: list[Entry],
    lang: str,
    library: Library,
    root: str = UP,
    frags: Fragments = ENGINE_FREE,
    page: Page | None = None,
) -> str:
    """A grid of card links with summary, category and ages, as HTML; used by every listing.
    With ``page`` (one page of a longer listing), its cards instead of ``entries``: the count
    says which of them these are, and the pager links the other pages."""
    if page is None:
        page = paginate(entries, max(1, len(entries)))[0]
    if not page.items:
        return ""
    cards = [
        {
            "href": f"{root}strategies/{entry.id}/",
            "title": entry.version(lang).meta.title,
            "summary": entry.version(lang).meta.summary,
            "lang": "" if entry.translated(lang) else ORIGINAL_LANGUAGE,
            "facts": card_facts(entry.card, lang, library.taxonomy),
        }
        for entry in page.items
    ]
    listing = frags.render("card_list.html", count=count_text(page, lang), cards=cards, pager=pager(page, lang))
    return search_ignored(listing, frags)  # other cards' words are not the page's own, in search


# ---- card page --------------------------------------------------------------


def action_buttons(links: list[tuple[str, str, str]], frags: Fragments = ENGINE_FREE) -> str:
    """Buttons to a page's printables, as plain HTML: those are paper pages outside the
    site engine, addressed from the page itself (handout/ under strategies/<id>/).
    Each link is (address, label, more classes)."""
    return frags.render(
        "actions.html", links=[{"href": href, "label": label, "class": extra} for href, label, extra in links]
    )


def page_heading(own: Meta, frags: Fragments = ENGINE_FREE) -> list[str | Late]:
    """Title and one-sentence summary: how every content page starts."""
    # The summary goes in after sanitising (it is escaped): it carries the search index's marks.
    return [f"# {md_text(own.title)}", "", Late(frags.render("summary.html", text=own.summary)), ""]


def listen_control(lang: str, frags: Fragments = ENGINE_FREE) -> str:
    """The "Listen" control under a card's or a routine's title (hidden until the script finds a voice)."""
    return frags.render("listen.html", ui=load_ui(lang))


def finish_page(
    entry: Entry,
    lang: str,
    body: list[str | Late],
    template: str | None = None,
    preview: bool = False,
    frags: Fragments = ENGINE_FREE,
) -> GeneratedPage:
    """Banner and language marking for untranslated pages, front matter, and the page's path."""
    own = entry.version(lang).meta
    if not entry.translated(lang):  # the text is in the original language, the buttons and lists are not
        body = [
            Late(frags.render("in_language.html", lang=lang, content=Markup(part.html)))
            if isinstance(part, Late)
            else part
            for part in body
        ]
    if search_weight(entry.kind):
        body = [*body, Late(search_title(own.title, frags))]
    text, late = assemble(body)
    markdown = untranslated_banner(entry, lang) + wrap_lang(entry, lang, text, frags)
    fm = front_matter(
        title=own.title,
        description=own.summary,
        template=template,
        preview=preview_path(entry) if preview else None,
        carryover={
            "kind": entry.kind,
            "id": entry.id,
            "translated": entry.translated(lang),
            "search": search_weight(entry.kind),
        },
    )
    return GeneratedPage(f"{entry.kind}/{entry.id}.md", fm + markdown, late)


# A card page's sections, in order: the authors' (``SECTIONS``), with the materials from the
# front matter after the first.
CARD_PAGE_SECTIONS = (SECTIONS["strategies"][0], "section_materials", *SECTIONS["strategies"][1:])


def render_card(
    entry: Entry, lang: str, library: Library, settings: SiteSettings | None = None, frags: Fragments = ENGINE_FREE
) -> GeneratedPage:
    settings = settings or SiteSettings()
    ui = load_ui(lang)
    version = entry.version(lang)
    meta, own = entry.card, version.card
    tax = library.taxonomy
    routines = [
        {"href": f"{UP}routines/{r}/", "text": library.routines[r].version(lang).meta.title} for r in meta.routines
    ]
    category = {"href": f"{UP}categories/{meta.category}/", "text": tax.category_label(meta.category, lang)}
    glance = [
        {"term": ui["glance_category"], "links": [category]},
        {"term": ui["glance_ages"], "text": age_text(meta, lang), "links": None},
        {"term": ui["glance_time"], "text": minutes_text(meta.time, lang), "links": None},
        *([{"term": ui["glance_routines"], "links": routines}] if routines else []),
        {
            "term": ui["glance_settings"],
            "text": ", ".join(tax.setting_label(s, lang) for s in meta.settings),
            "links": None,
        },
    ]
    top = (
        action_buttons(
            [
                ("handout/", ui["print_handout"], "co-print"),
                # only a card in every language has a bilingual handout worth the name
                *([("bilingual/", ui["print_bilingual"], "")] if all(map(entry.translated, LANGUAGES)) else []),
            ],
            frags,
        )
        + save_block(entry, lang, frags)
        + share_block(entry, lang, settings, frags)
        + frags.render("glance.html", title=ui["glance"], rows=glance)
    )
    body: list[str | Late] = [
        *page_heading(own, frags),
        Late(listen_control(lang, frags)),
        Late(top + evidence_line(entry, lang, library, frags)),
    ]
    sections = {s.key: s for s in version.sections}
    materials = "\n".join(f"- {md_text(m)}" for m in own.materials)
    for key in CARD_PAGE_SECTIONS:
        text = materials if key == "section_materials" else engine_links(sections[key].markdown)
        heading = f"## {ui[key]} {{#{SECTION_ANCHORS[key]}}}"
        if key == "section_safety":
            body += ['<div class="co-safety" markdown>', "", heading, "", text, "", "</div>", ""]
        elif key == "section_ask_therapist":
            body += ['<div class="co-ask" markdown>', "", heading, "", text, "", "</div>", ""]
        else:
            body += [heading, "", text, ""]
    body += next_steps(entry, lang, library, frags)
    body += [reviewed_line(entry, lang, library, frags), ""]
    body += sources_section(meta.sources, lang, library)
    body += [Late(tried_block(entry, lang, frags)), Late(search_terms(entry, lang, library, frags))]
    related = related_cards(entry, library)
    if related:
        body += [f"## {ui['related']} {{#related}}", "", Late(card_list(related, lang, library, frags=frags))]
    return finish_page(entry, lang, body, template="card.html", preview=True, frags=frags)


# The guide that explains the evidence levels; the line links to it when the library has it.
EVIDENCE_GUIDE = "what-we-know"


def evidence_line(entry: Entry, lang: str, library: Library, frags: Fragments = ENGINE_FREE) -> str:
    """One plain line: how much research backs this card, linked to the guide that explains it."""
    evidence = entry.card.evidence
    return frags.render(
        "evidence.html",
        ui=load_ui(lang),
        level=evidence,
        label=library.taxonomy.evidence_label(evidence, lang),
        guide=f"{UP}guides/{EVIDENCE_GUIDE}/" if EVIDENCE_GUIDE in library.guides else "",
    )


def next_steps(entry: Entry, lang: str, library: Library, frags: Fragments = ENGINE_FREE) -> list[Late]:
    """Links to the declared easier and harder cards (the fragment ``next_steps.html``)."""
    ui = load_ui(lang)
    steps = [
        {"label": ui[key], "href": f"{UP}strategies/{target}/", "title": library.cards[target].version(lang).meta.title}
        for target, key in ((entry.card.easier, "next_easier"), (entry.card.harder, "next_harder"))
        if target
    ]
    return [Late(frags.render("next_steps.html", steps=steps))] if steps else []


def md_link_target(url: str) -> str:
    """An address inside a Markdown link's <…>: the few characters that would end it or be read
    as an escape there are percent-encoded, so the link goes exactly where the source says."""
    return "".join(_LINK_TARGET_ESCAPES.get(c, c) for c in url)


_LINK_TARGET_ESCAPES = {"<": "%3C", ">": "%3E", "\\": "%5C", " ": "%20", "\n": "%0A"}


def sources_section(keys: list[str], lang: str, library: Library) -> list[str]:
    if not keys:
        return []
    ui = load_ui(lang)
    lines = [f"## {ui['sources']} {{#sources}}", ""]
    for key in keys:
        ref = library.references[key]
        link = f"https://doi.org/{quote(str(ref['doi']), safe='/:;()._-')}" if ref.get("doi") else ref.get("url", "")
        ident = f"doi:{ref['doi']}" if ref.get("doi") else str(link)
        pmid = f" PMID {md_text(ref['pmid'])}." if ref.get("pmid") else ""
        where = f" [{md_text(ident)}](<{md_link_target(link)}>)." if link and safe_url(link) else ""
        language = esc(ref.get("language") or "en")  # a citation stays in its own language, marked so
        lines.append(
            f'- <span lang="{language}">{md_text(ref["authors"])} ({md_text(ref["year"])}). {md_text(ref["title"])}. '
            f"*{md_text(ref['journal'])}*.</span>{where}{pmid}"
        )
    return [*lines, ""]


# ---- routines, signs, guides ---------------------------------------------


def render_routine(
    entry: Entry, lang: str, library: Library, frags: Fragments = ENGINE_FREE, page_size: int = PAGE_SIZE
) -> GeneratedPage:
    """A routine's page, with the first page of its cards (the others: ``member_pages``)."""
    ui = load_ui(lang)
    version = entry.version(lang)
    own = version.routine
    body = [*page_heading(own, frags), Late(listen_control(lang, frags))]
    steps = [{"icon": o.icon, "label": step.label} for step, o in zip(version.steps, entry.routine.steps, strict=False)]
    body += [f"## {ui['schedule_steps']} {{#steps}}", "", frags.render("routine_steps.html", steps=steps)]
    body.append(
        Late(
            action_buttons(
                [
                    ("schedule/", ui["print_schedule"], "co-print"),
                    ("first-then/", ui["print_first_then"], ""),
                    ("schedule.png", ui["save_to_phone"], ""),
                ],
                frags,
            )
        )
    )
    for section in version.sections:
        body += [f"## {section.heading} {{#{section.anchor}}}", "", engine_links(section.markdown), ""]
    first = paginate(members(entry, lang, library), page_size)[0]
    body += [
        f"## {ui['cards_for_routine']} {{#strategies}}",
        "",
        Late(card_list([], lang, library, frags=frags, page=first)),
    ]
    return finish_page(entry, lang, body, preview=True, frags=frags)


def render_sign(
    entry: Entry, lang: str, library: Library, frags: Fragments = ENGINE_FREE, page_size: int = PAGE_SIZE
) -> GeneratedPage:
    """A sign's page, with the first page of its cards (the others: ``member_pages``)."""
    version = entry.version(lang)
    own = version.meta
    body = page_heading(own, frags)
    first = paginate(members(entry, lang, library), page_size)[0]
    for section in version.sections:
        body += [f"## {section.heading} {{#{section.anchor}}}", "", engine_links(section.markdown), ""]
        if section.key == "section_try_today":
            body += [Late(card_list([], lang, library, frags=frags, page=first))]
    body += [reviewed_line(entry, lang, library, frags), ""]
    body += sources_section(entry.sources, lang, library)
    return finish_page(entry, lang, body, frags=frags)


def members(entry: Entry, lang: str, library: Library) -> list[Entry]:
    """The cards a routine's or a sign's page lists, in title order."""
    if entry.kind == "routines":
        return sorted_cards((c for c in library.cards.values() if entry.id in c.card.routines), lang)
    return sorted_cards((c for c in library.cards.values() if entry.id in c.card.signs), lang)


# The heading over a routine's or a sign's cards, on its page and on the pages after it.
MEMBERS_HEADING = {"routines": ("cards_for_routine", "strategies"), "signs": ("cards_for_sign", "try-today")}


def member_pages(
    entry: Entry, lang: str, library: Library, frags: Fragments = ENGINE_FREE, page_size: int = PAGE_SIZE
) -> list[GeneratedPage]:
    """Pages 2 … of a routine's or a sign's cards (``routines/<id>/page/2/``), when they are
    more than a page; page 1 is the entry's own page."""
    key, anchor = MEMBERS_HEADING[entry.kind]
    heading = f"## {load_ui(lang)[key]} {{#{anchor}}}"
    source = f"{entry.kind}/{entry.id}.md"
    title = entry.version(lang).meta.title
    return [
        listing_page(source, title, page, lang, library, frags=frags, heading=heading)
        for page in paginate(members(entry, lang, library), page_size)[1:]
    ]


def render_guide(entry: Entry, lang: str, library: Library, frags: Fragments = ENGINE_FREE) -> GeneratedPage:
    version = entry.version(lang)
    own = version.meta
    body = page_heading(own, frags)
    for section in version.sections:
        body += [f"## {section.heading}", "", engine_links(section.markdown), ""]
    body += [reviewed_line(entry, lang, library, frags), ""]
    body += sources_section(entry.sources, lang, library)
    return finish_page(entry, lang, body, frags=frags)


# ---- listings and home ----------------------------------------------------------


def _entry_links(
    entries: dict[str, Entry],
    kind: str,
    lang: str,
    from_dir: str,
    icon_of: Callable[[Entry], str] | None = None,
    frags: Fragments = ENGINE_FREE,
) -> str:
    ordered = sorted(entries.values(), key=lambda e: (e.order or 99, e.version(lang).meta.title.casefold()))
    tiles = [
        {
            "icon": icon_of(entry) if icon_of else "",
            "title": entry.version(lang).meta.title,
            "href": f"{from_dir}{kind}/{entry.id}.md",
            "summary": entry.version(lang).meta.summary,
        }
        for entry in ordered
    ]
    return frags.render("entry_tiles.html", tiles=tiles)


def listing_page(
    source: str,
    title: str,
    page: Page,
    lang: str,
    library: Library,
    description: str = "",
    frags: Fragments = ENGINE_FREE,
    heading: str = "",
) -> GeneratedPage:
    """One page of a static listing: its title (with the page number from page 2 on), an
    optional line about it, an optional heading over its cards, its cards and the pager.
    ``source`` is page 1's."""
    title = page_title(title, page, lang)
    text, late = assemble(
        [
            f"# {md_text(title)}",
            "",
            *([md_text(description), ""] if description else []),
            *([heading, ""] if heading else []),
            Late(card_list([], lang, library, root=to_listing(page.number) + UP, frags=frags, page=page)),
        ]
    )
    return GeneratedPage(
        page_source(source, page.number),
        front_matter(title=title, description=description or None, search=NO_SEARCH) + text,
        late,
    )


def listing_pages(
    source: str,
    title: str,
    cards: list[Entry],
    lang: str,
    library: Library,
    description: str = "",
    frags: Fragments = ENGINE_FREE,
    page_size: int = PAGE_SIZE,
) -> list[GeneratedPage]:
    """Every page of a static listing of ``cards`` (in title order); page 1 at ``source``."""
    ordered = sorted_cards(cards, lang)
    return [
        listing_page(source, title, page, lang, library, description, frags) for page in paginate(ordered, page_size)
    ]


def render_listings(
    library: Library, lang: str, frags: Fragments = ENGINE_FREE, page_size: int = PAGE_SIZE
) -> list[GeneratedPage]:
    """Every listing page: the library page, each category, tag, age band and setting (each
    in pages of ``page_size`` cards), and the indexes of routines, signs and guides."""
    ui = load_ui(lang)
    tax = library.taxonomy
    cards = list(library.cards.values())
    pages = render_library_pages(library, lang, frags, page_size)

    def listing(source: str, title: str, members: list[Entry], description: str = "") -> None:
        pages.extend(listing_pages(source, title, members, lang, library, description, frags, page_size))

    for key in tax.categories:
        members = [c for c in cards if c.card.category == key]
        listing(f"categories/{key}.md", tax.category_label(key, lang), members, tax.category_description(key, lang))
    for key in tax.tags:
        members = [c for c in cards if key in c.card.tags]
        listing(f"tags/{key}.md", f"{ui['tag_prefix']} {tax.tag_label(key, lang)}", members)
    for band in tax.age_bands:
        members = [c for c in cards if band in tax.bands_for(c.card.ages.from_, c.card.ages.to)]
        listing(f"ages/{band.key}.md", band.labels[lang], members)
    for key in tax.settings:
        members = [c for c in cards if key in c.card.settings]
        listing(f"settings/{key}.md", tax.setting_label(key, lang), members)
    indexes = [
        ("routines", "routines_title", "routines_lead", lambda e: e.routine.icon),
        ("signs", "signs_title", "signs_lead", None),
        ("guides", "guides_title", "guides_lead", None),
    ]
    for kind, title, lead, icon in indexes:
        pages.append(
            GeneratedPage(
                f"{kind}/index.md",
                front_matter(title=ui[title], description=ui[lead])
                + f"# {ui[title]}\n\n{ui[lead]}\n\n"
                + _entry_links(library.entries[kind], kind, lang, "../", icon, frags),
            )
        )
    return pages


def render_library_pages(
    library: Library, lang: str, frags: Fragments = ENGINE_FREE, page_size: int = PAGE_SIZE
) -> list[GeneratedPage]:
    """The library page: every card, in pages of ``page_size`` (``strategies/``, then
    ``strategies/page/2/`` …), with filters by kind, age, routine and place that live in the
    URL (``?age=0-2&routine=bedtime``).

    The filters are the script's (``templates/library.js``): a library on one page filters
    its items by the values they carry; a longer one reads the facet index (``facets.py``)
    and shows the matches from any page. Without JavaScript the pages link each other, and
    every filter value is also a static listing (linked under "Browse by")."""
    ui = load_ui(lang)
    tax = library.taxonomy
    known = library_filters(library, lang)
    filters = [{"name": f.name, "label": f.label, "options": f.options, "folder": f.folder} for f in known]
    pages = []
    for page in paginate(sorted_cards(library.cards.values(), lang), page_size):
        up = to_listing(page.number)  # to strategies/
        cards = [
            {
                # A library on one page filters its own items, at once and offline: their values
                # are on them (data-category="sensory" …). A longer one reads the facet index.
                "values": {
                    f.name: " ".join(value for value, _ in f.options if value in f.values_of(entry)) for f in known
                }
                if page.pages == 1
                else {},
                "lang": "" if entry.translated(lang) else ORIGINAL_LANGUAGE,
                "href": f"{up}{entry.id}/",
                "title": entry.version(lang).meta.title,
                "summary": entry.version(lang).meta.summary,
                "facts": card_facts(entry.card, lang, tax),
            }
            for entry in page.items
        ]
        listing = frags.render(
            "library.html",
            ui=ui,
            count=count_text(page, lang),
            cards=cards,
            pager=pager(page, lang),
            filters=filters,
            root=f"{up}../",
            data_index=f"{up}../{INDEX}",
            cards_root=up,
            page_size=page_size,
            script=f"{up}../{library_script()[0]}",
        )
        title = page_title(ui["library_title"], page, lang)
        body, late = assemble(
            [f"# {md_text(title)}", "", frags.render("lead.html", text=ui["library_lead"]), "", Late(listing)]
        )
        fm = front_matter(
            title=title,
            description=ui["library_lead"],
            search=NO_SEARCH,
            hide=["toc"],
            carryover={"kind": "library"},
        )
        pages.append(GeneratedPage(page_source("strategies/index.md", page.number), fm + body, late))
    return pages


def render_home(library: Library, lang: str, frags: Fragments = ENGINE_FREE) -> GeneratedPage:
    ui = load_ui(lang)
    tax = library.taxonomy
    parts = [f"# {ui['home_title']}", "", frags.render("lead.html", text=ui["home_lead"]), ""]
    parts += [
        f"## {ui['home_signs']} {{#noticing}}",
        "",
        ui["home_signs_lead"],
        "",
        _entry_links(library.signs, "signs", lang, "", frags=frags),
    ]
    situations = [
        f"- [{md_text(situation[lang])}]({situation['target']}.md)" for situation in library.taxonomy.situations
    ]
    if situations:
        parts += [
            f"### {ui['home_situations']} {{#situations}}",
            "",
            '<div class="co-situations" markdown>',
            "",
            *situations,
            "",
            "</div>",
            "",
        ]
    parts += [
        f"## {ui['home_routines']} {{#routines}}",
        "",
        _entry_links(library.routines, "routines", lang, "", lambda e: e.routine.icon, frags),
    ]
    categories = [
        {
            "icon": data["icon"],
            "title": tax.category_label(key, lang),
            "href": f"categories/{key}.md",
            "summary": tax.category_description(key, lang),
        }
        for key, data in tax.categories.items()
    ]
    parts += [
        f"## {ui['home_categories']} {{#categories}}",
        "",
        frags.render("category_tiles.html", tiles=categories),
    ]
    parts += [f"## {ui['home_ages']} {{#ages}}", ""]
    parts += [" · ".join(f"[{md_text(band.labels[lang])}](ages/{band.key}.md)" for band in tax.age_bands), ""]
    parts += [f"## {ui['home_guides']} {{#guides}}", "", _entry_links(library.guides, "guides", lang, "", frags=frags)]
    fm = front_matter(title=ui["home_title"], description=ui["site_tagline"], hide=["navigation", "toc"])
    return GeneratedPage("index.md", fm + "\n".join(parts))


def render_entry(
    entry: Entry, lang: str, library: Library, settings: SiteSettings | None = None, frags: Fragments = ENGINE_FREE
) -> GeneratedPage:
    """One content page (a card, routine, sign or guide) in ``lang``."""
    if entry.kind == "strategies":
        return render_card(entry, lang, library, settings, frags)
    renderers = {"routines": render_routine, "signs": render_sign, "guides": render_guide}
    return renderers[entry.kind](entry, lang, library, frags)


def render_site(
    library: Library,
    lang: str,
    settings: SiteSettings | None = None,
    context: BuildContext | None = None,
    page_size: int = PAGE_SIZE,
) -> list[GeneratedPage]:
    """Every page of one language's site; its HTML from the fragments ``context`` names.
    Lists of cards come in pages of ``page_size``."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    settings = settings or SiteSettings()
    frags = fragments_of(context)
    pages = [
        render_home(library, lang, frags),
        *render_listings(library, lang, frags, page_size),
        render_bundle_page(lang, frags),
        render_log_page(lang, frags),
        render_saved_page(lang, frags),
    ]
    pages += [render_card(entry, lang, library, settings, frags) for entry in library.cards.values()]
    for entry in library.routines.values():
        pages += [
            render_routine(entry, lang, library, frags, page_size),
            *member_pages(entry, lang, library, frags, page_size),
        ]
    for entry in library.signs.values():
        pages += [
            render_sign(entry, lang, library, frags, page_size),
            *member_pages(entry, lang, library, frags, page_size),
        ]
    pages += [render_guide(entry, lang, library, frags) for entry in library.guides.values()]
    return pages
