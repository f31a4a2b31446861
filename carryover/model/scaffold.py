"""Starting files for ``carryover new``: every field and heading in place."""

from __future__ import annotations

import datetime as dt

from carryover import ORIGINAL_LANGUAGE
from carryover.model.schema import SECTIONS
from carryover.model.taxonomy import load_ui

_CARD_ORIGINAL = """id: {id}
title: TODO a short title
summary: TODO one sentence that says what this helps with.
category: TODO  # sensory, fine-motor, gross-motor, co-regulation or routines
tags: []
ages: {{from: 3, to: 8}}
routines: []
signs: []
settings: [home]
time: 5
materials:
  - TODO something most homes have
keywords: [TODO words parents type]
evidence: practice  # supported, mixed (both need a source), limited or practice: see content/taxonomy.yml
reviewed: {today}
# reviewer: a key of content/reviewers.yml, only once that person has checked this page
sources: []
"""
_CARD_TRANSLATION = """id: {id}
title: TODO
summary: TODO
materials:
  - TODO
keywords: [TODO]
"""
_ROUTINE_ORIGINAL = """id: {id}
title: TODO
summary: TODO
icon: calendar-check
steps:
  - {{label: TODO first step, icon: numeric-1-circle}}
  - {{label: TODO next step, icon: numeric-2-circle}}
reviewed: {today}
# reviewer: a key of content/reviewers.yml, only once that person has checked this page
"""
_ROUTINE_TRANSLATION = """id: {id}
title: TODO
summary: TODO
steps:
  - {{label: TODO}}
  - {{label: TODO}}
"""
_PAGE_ORIGINAL = """id: {id}
title: TODO
summary: TODO
reviewed: {today}
# reviewer: a key of content/reviewers.yml, only once that person has checked this page
"""
_PAGE_TRANSLATION = """id: {id}
title: TODO
summary: TODO
"""
_FRONT = {
    "strategies": (_CARD_ORIGINAL, _CARD_TRANSLATION),
    "routines": (_ROUTINE_ORIGINAL, _ROUTINE_TRANSLATION),
    "signs": (_PAGE_ORIGINAL, _PAGE_TRANSLATION),
    "guides": (_PAGE_ORIGINAL, _PAGE_TRANSLATION),
}
_BODY_HINT = {
    "section_steps": "1. TODO\n2. TODO",
    "section_safety": "- TODO",
    "section_ask_therapist": "- TODO",
    "section_easier_harder": None,
}


def scaffold(kind: str, page_id: str, lang: str, today: dt.date) -> str:
    ui = load_ui(lang)
    original, translation = _FRONT[kind]
    front = (original if lang == ORIGINAL_LANGUAGE else translation).format(id=page_id, today=today.isoformat())
    easier, harder = ui["scaffold_easier"], ui["scaffold_harder"]
    body = []
    for key in SECTIONS[kind] or ("section_why",):
        hint = _BODY_HINT.get(key, "TODO")
        if key == "section_easier_harder":
            hint = f"- **{easier}:** TODO\n- **{harder}:** TODO"
        heading = ui[key] if kind != "guides" else "TODO a heading"
        body.append(f"## {heading}\n\n{hint}\n")
    return f"---\n{front}---\n\n" + "\n".join(body)


def body_template(kind: str, lang: str) -> str:
    """A new page's text in the browser form: the kind's headings in ``lang``, in order, with
    nothing under them (``carryover check`` says which one is still empty)."""
    ui = load_ui(lang)
    return "".join(f"## {ui[key]}\n\n\n" for key in SECTIONS[kind]).rstrip("\n") + "\n" if SECTIONS[kind] else ""
