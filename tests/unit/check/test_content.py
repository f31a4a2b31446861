"""Bad input, exhaustively: every broken file gets one exact, actionable message
(carryover/check/content.py, through ``load_library``, as `carryover check` and the build see it)."""

from __future__ import annotations

import shutil
import unicodedata

import pytest
import yaml
from small_library import CARD_EN, CARD_ES, EN, ES, messages

from carryover.check.library import load_library


def test_the_valid_library_has_no_problems(content):
    assert messages(content) == []


# (file, text to replace, replacement, the exact message)
BROKEN = [
    (
        "category-typo",
        ES,
        "keywords: [apretar, calmarse]",
        "keywords: [apretar]\ncategory: sensorial",
        "content/strategies/squeeze.es.md:8: category: does not agree with content/strategies/squeeze.en.md:5 "
        "('sensorial' here, 'sensory' there); shared fields belong in the en file: remove it here or make them equal",
    ),
    (
        "unknown-category",
        EN,
        "category: sensory",
        "category: sensorial",
        "content/strategies/squeeze.en.md:5: category: 'sensorial' is not a category (allowed: co-regulation, "
        "fine-motor, gross-motor, routines, sensory; did you mean 'sensory'?)",
    ),
    (
        "unknown-tag",
        EN,
        "tags: [calming, deep-pressure]",
        "tags: [calming, deep-presure]",
        "content/strategies/squeeze.en.md:6: tags: 'deep-presure' is not a tag (allowed: alerting, attention, balance, "
        "ball-skills, body-awareness, both-hands, breathing, calming, chewing, climbing, communication, deep-pressure, "
        "drawing-writing, feelings, grasp, …; did you mean 'deep-pressure'?)",
    ),
    (
        "unknown-routine",
        EN,
        "routines: [bedtime]",
        "routines: [bedtim]",
        "content/strategies/squeeze.en.md:8: routines: 'bedtim' is not a routine (allowed: bedtime; "
        "did you mean 'bedtime'?)",
    ),
    (
        "malformed-yaml",
        EN,
        "title: Pillow squeeze",
        "title: [Pillow squeeze",
        "content/strategies/squeeze.en.md:4: the front matter is not valid YAML (did not find expected ',' or ']'). "
        "Check quotes, colons and indentation",
    ),
    (
        "tab-in-yaml",
        EN,
        "materials:\n  - A big pillow",
        "materials:\n\t- A big pillow",
        "content/strategies/squeeze.en.md:13: a tab is used for indenting; YAML needs spaces. "
        "Replace the tab with spaces",
    ),
    (
        "missing-front-matter",
        EN,
        "---\nid: squeeze",
        "id: squeeze",
        "content/strategies/squeeze.en.md:1: missing front matter: the file must start with a line '---', then the "
        "fields, then '---'",
    ),
    (
        "missing-field",
        EN,
        "category: sensory\n",
        "",
        "content/strategies/squeeze.en.md:1: category: is required but missing; add it to the front matter",
    ),
    (
        "wrong-type",
        EN,
        "time: 5",
        "time: five",
        "content/strategies/squeeze.en.md:11: time: must be a whole number (found 'five')",
    ),
    (
        "unknown-field",
        EN,
        "time: 5",
        "time: 5\ncatgory: sensory",
        "content/strategies/squeeze.en.md:12: catgory: 'catgory' is not a field here; did you mean 'category'? "
        "(fields: id, title, summary, category, tags, ages, routines, signs, settings, time, materials, keywords, "
        "reviewed, reviewer, evidence, sources, easier, harder, related, aliases)",
    ),
    (
        "ages-reversed",
        EN,
        "ages: {from: 2, to: 8}",
        "ages: {from: 8, to: 2}",
        "content/strategies/squeeze.en.md:7: ages: ages are reversed: 'from' (8) is older than 'to' (2)",
    ),
    (
        "ages-out-of-range",
        EN,
        "ages: {from: 2, to: 8}",
        "ages: {from: 2, to: 18}",
        "content/strategies/squeeze.en.md:7: ages.to: 18 is out of range (input should be less than or equal to 12; "
        "{'le': 12})",
    ),
    (
        "impossible-date",
        EN,
        "reviewed: 2026-01-15",
        "reviewed: 2026-02-30",
        "content/strategies/squeeze.en.md:15: reviewed: '2026-02-30' is not a real date; write it as YYYY-MM-DD, "
        "for example 2026-11-25",
    ),
    (
        "unknown-card",
        EN,
        "sources: []",
        "sources: []\neasier: blanket-burito",
        "content/strategies/squeeze.en.md:18: easier: 'blanket-burito' is not a card (allowed: squeeze)",
    ),
    (
        "unknown-source",
        EN,
        "sources: []",
        "sources: [lage-2042]",
        "content/strategies/squeeze.en.md:17: sources: 'lage-2042' is not a source in content/references.yml "
        "(allowed: keiter-humbert-2020, lage-2024; did you mean 'lage-2024'?)",
    ),
    (
        "script-tag",
        EN,
        "Firm pressure feels calming.",
        "Firm pressure <script>alert(1)</script> feels calming.",
        "content/strategies/squeeze.en.md:22: body: a <script> tag is not allowed in content; "
        "pages never need scripts. "
        "Remove it",
    ),
    (
        "event-handler",
        EN,
        "Firm pressure feels calming.",
        '<img src="x.png" onerror="alert(1)">',
        "content/strategies/squeeze.en.md:22: body: an event attribute 'onerror=' on <img> is not allowed in content; "
        "pages never need "
        "scripts. Remove it",
    ),
    (
        "javascript-link",
        EN,
        "Firm pressure feels calming.",
        "[Calm](javascript:alert(1))",
        "content/strategies/squeeze.en.md:22: body: a 'javascript:' link is not allowed in content; pages never need "
        "scripts. Remove it",
    ),
    (
        "unknown-heading",
        EN,
        "## Five-minute version",
        "## Five minute version",
        "content/strategies/squeeze.en.md:29: body: unknown heading '## Five minute version'; did you mean "
        "'Five-minute version'? (headings: Why it helps, Steps, Five-minute version, Easier or harder, Safety, "
        "When to ask a therapist or your child's doctor)",
    ),
    (
        "steps-mismatch",
        ES,
        "2. Presiona el cojín con suavidad.",
        "2. Presiona el cojín.\n3. Respira.",
        "content/strategies/squeeze.es.md:14: body: 3 steps here but 2 in content/strategies/squeeze.en.md; both "
        "languages need the same steps",
    ),
    (
        "unknown-link",
        EN,
        "Firm pressure feels calming.",
        "See [the corner](../../strategies/calm-corner/).",
        "content/strategies/squeeze.en.md:22: body: link to an unknown page: 'calm-corner' is not a page in "
        "strategies (allowed: squeeze)",
    ),
    (
        "id-mismatch",
        EN,
        "id: squeeze",
        "id: squeezes",
        "content/strategies/squeeze.en.md:2: id: 'squeezes' does not match the file name 'squeeze.en.md'; the id and "
        "the file name must be the same (rename the file to squeezes.en.md, or fix the id)",
    ),
]


@pytest.mark.parametrize(("name", "file", "old", "new", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_input_gets_its_exact_message(content, name, file, old, new, expected):
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert old in text, name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert expected in messages(content)


def test_safety_words_are_required_for_risky_tags(content):
    path = content / EN
    path.write_text(
        path.read_text(encoding="utf-8").replace("tags: [calming, deep-pressure]", "tags: [calming, small-objects]"),
        encoding="utf-8",
    )
    assert messages(content) == [
        "content/strategies/squeeze.en.md:38: body: a card tagged 'small-objects' must say 'choking' or 'choke' "
        "in its safety notes",
        "content/strategies/squeeze.es.md:28: body: a card tagged 'small-objects' must say 'atragant' or 'asfixia' "
        "in its safety notes",
    ]


def test_duplicate_id_names_both_files(content):
    shutil.copy(content / EN, content / "strategies" / "squeeze-copy.en.md")
    assert (
        "content/strategies/squeeze.en.md:2: id: 'squeeze' is already used by content/strategies/squeeze-copy.en.md; "
        "every page needs its own id"
    ) in messages(content) or (
        "content/strategies/squeeze-copy.en.md:2: id: 'squeeze' is already used by content/strategies/squeeze.en.md; "
        "every page needs its own id"
    ) in messages(content)


def test_orphan_translation(content):
    (content / "strategies" / "lonely.es.md").write_text(CARD_ES.replace("id: squeeze", "id: lonely"), encoding="utf-8")
    assert (
        "content/strategies/lonely.es.md:1: translation without its original: create strategies/lonely.en.md "
        "(or rename this file if the id is wrong)"
    ) in messages(content)


def test_missing_translation_is_listed_not_an_error(content):
    (content / ES).unlink()
    library = load_library(content)
    assert not library.problems
    assert library.missing_translations() == [("strategies", "squeeze", "es")]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "non-utf8",
            "---\nid: squeeze\ntitle: Ni\xf1o\n".encode("latin-1"),
            "content/strategies/squeeze.en.md:3: the file is not UTF-8 text (byte 0xf1); save it as UTF-8 in your "
            "editor",
        ),
        (
            "empty",
            b"",
            "content/strategies/squeeze.en.md:1: the file is empty; start it with front matter (run 'carryover new')",
        ),
        (
            "huge",
            b"---\n" + b"x" * 5_000_000,
            "content/strategies/squeeze.en.md: the file is too large (5.0 MB; a "
            "page may be at most 1 MB). Split it or remove pasted images or data",
        ),
    ],
)
def test_unreadable_files(content, name, data, expected):
    (content / EN).write_bytes(data)
    assert expected in messages(content)


def test_windows_and_macos_files_read_like_clean_ones(content):
    clean = load_library(content)
    en, es = content / EN, content / ES
    en.write_bytes(b"\xef\xbb\xbf" + en.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    nfd_name = unicodedata.normalize("NFD", "squeeze.es.md")  # no accents in this name: also test an accented one
    es.rename(content / "strategies" / nfd_name)
    text = (content / "strategies" / nfd_name).read_text(encoding="utf-8")
    (content / "strategies" / nfd_name).write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    messy = load_library(content)
    assert not messy.problems, [str(p) for p in messy.problems.errors]
    for lang in ("en", "es"):
        a, b = clean.cards["squeeze"].versions[lang], messy.cards["squeeze"].versions[lang]
        assert a.meta == b.meta
        assert [s.markdown for s in a.sections] == [s.markdown for s in b.sections]


def test_accented_file_names_in_nfd_are_found(content):
    card = CARD_EN.replace("id: squeeze", "id: nino")
    (content / "strategies" / unicodedata.normalize("NFD", "nino.en.md")).write_text(card, encoding="utf-8")
    assert messages(content) == []


def test_an_alias_may_not_take_another_pages_address(content):
    other = CARD_EN.replace("id: squeeze", "id: hug").replace("sources: []", "sources: []\naliases: [squeeze]")
    (content / "strategies" / "hug.en.md").write_text(other, encoding="utf-8")
    assert (
        "content/strategies/hug.en.md:18: aliases: 'squeeze' is already the id of content/strategies/squeeze.en.md; "
        "an old address can lead to one page only"
    ) in messages(content)


def test_an_everyday_moment_must_lead_to_a_page(content):
    path = content / "taxonomy.yml"
    taxonomy = yaml.safe_load(path.read_text(encoding="utf-8"))
    taxonomy["situations"] = [{"target": "routines/bedtme", "en": "Bedtime", "es": "Dormir"}]
    path.write_text(yaml.safe_dump(taxonomy, allow_unicode=True), encoding="utf-8")
    assert any(
        m.startswith("content/taxonomy.yml: situations.1.target: 'routines/bedtme' is not a page to lead to")
        and m.endswith("did you mean 'routines/bedtime'?)")
        for m in messages(content)
    )
