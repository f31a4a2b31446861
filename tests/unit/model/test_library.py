"""carryover/model/library.py: reading every file, pairing the languages, naming each problem."""

from __future__ import annotations

import pytest
from small_library import CARD_EN, CARD_ES, EN, ES

from carryover import ORIGINAL_LANGUAGE
from carryover.model.library import KINDS, ParsedFiles, content_fingerprint, read_library
from carryover.model.schema import CardMeta, RoutineMeta

pytestmark = pytest.mark.skipif(ORIGINAL_LANGUAGE != "en", reason="the small library is written in English first")


def edit(content, name: str, old: str, new: str) -> None:
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors(content) -> list[str]:
    return [str(p) for p in read_library(content).problems.errors]


def test_the_small_library_reads_into_paired_entries(content):
    library = read_library(content)
    assert [str(p) for p in library.problems.items] == []
    assert set(library.entries) == set(KINDS)
    card = library.cards["squeeze"]
    assert set(card.versions) == {"en", "es"}
    assert isinstance(card.card, CardMeta) and card.card.category == "sensory"
    assert card.version("es").card.title == "Apretón con cojín"
    assert [s.key for s in card.original.sections][:2] == ["section_why", "section_steps"]
    assert card.original.section("section_steps").markdown == "1. Lie down.\n2. Press the pillow gently."
    assert isinstance(library.routines["bedtime"].routine, RoutineMeta)
    assert library.signs["sensory-regulation"].page.title == "Sensory regulation"
    assert library.missing_translations() == []


def test_an_untranslated_page_shows_its_original_and_is_listed(content):
    """A parent choosing Spanish still gets the page, in English, rather than a missing page."""
    (content / ES).unlink()
    library = read_library(content)
    card = library.cards["squeeze"]
    assert not card.translated("es") and card.version("es") is card.original
    assert library.missing_translations() == [("strategies", "squeeze", "es")]


def test_asking_a_routine_for_a_card_s_fields_is_a_plain_type_error(content):
    routine = read_library(content).routines["bedtime"]
    with pytest.raises(TypeError, match="strategies|strategy card"):
        routine.card  # noqa: B018
    with pytest.raises(TypeError):
        routine.original.card  # noqa: B018
    assert routine.sources == []


def test_a_translation_is_stale_once_its_original_changes(content):
    """``translated_from`` records the original's fingerprint: a later edit must show."""
    library = read_library(content)
    card = library.cards["squeeze"]
    assert card.stale("es")  # no translated_from yet
    assert not card.stale("en")
    edit(content, ES, "id: squeeze", f"id: squeeze\ntranslated_from: {content_fingerprint(card.original.source)}")
    assert not read_library(content).cards["squeeze"].stale("es")
    edit(content, EN, "Firm pressure feels calming.", "Firm pressure feels very calming.")
    assert read_library(content).cards["squeeze"].stale("es")


def test_the_fingerprint_ignores_its_own_translated_from_line(content):
    source = read_library(content).cards["squeeze"].original.source
    before = content_fingerprint(source)
    source.text = source.text.replace("id: squeeze\n", "id: squeeze\ntranslated_from: abc\n")
    assert content_fingerprint(source) == before
    source.text += "more"
    assert content_fingerprint(source) != before


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (EN, "title: Pillow squeeze\n", "", "content/strategies/squeeze.en.md:1: title: is required but missing"),
        (
            EN,
            "time: 5",
            "time: five",
            "content/strategies/squeeze.en.md:11: time: must be a whole number (found 'five')",
        ),
        (
            EN,
            "reviewed: 2026-01-15",
            "reviewed: 2026-02-30",
            "content/strategies/squeeze.en.md:15: reviewed: '2026-02-30' is not a real date",
        ),
        (
            EN,
            "ages: {from: 2, to: 8}",
            "ages: {from: 9, to: 3}",
            "content/strategies/squeeze.en.md:7: ages: ages are reversed",
        ),
        (
            EN,
            "routines: [bedtime]",
            "routines: [Bed Time]",
            "content/strategies/squeeze.en.md:8: routines.0: 'Bed Time' is not a valid id",
        ),
    ],
)
def test_a_schema_problem_is_one_sentence_at_its_line(content, name, old, new, expected):
    edit(content, name, old, new)
    found = errors(content)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_a_misspelt_field_is_unknown_and_the_real_one_missing(content):
    edit(content, EN, "time: 5", "tiem: 5")
    found = errors(content)
    assert found[0] == "content/strategies/squeeze.en.md:1: time: is required but missing; add it to the front matter"
    assert found[1].startswith(
        "content/strategies/squeeze.en.md:11: tiem: 'tiem' is not a field here; did you mean 'time'?"
    )
    assert len(found) == 2


def test_an_id_that_is_not_the_file_name_is_an_error(content):
    """The address comes from the file name; an id that disagrees would publish two pages' worth of confusion."""
    edit(content, EN, "id: squeeze", "id: squash")
    found = errors(content)
    assert found[0].startswith(
        "content/strategies/squeeze.en.md:2: id: 'squash' does not match the file name 'squeeze.en.md'"
    ), found


def test_the_address_of_a_page_the_build_makes_is_no_id(content):
    """strategies/index/ is the list of cards; a card there would replace it."""
    edit(content, EN, "id: squeeze", "id: index")
    (content / EN).rename(content / "strategies" / "index.en.md")
    library = read_library(content)
    found = [str(p) for p in library.problems.errors]
    assert found[0] == (
        "content/strategies/index.en.md:2: id: 'index' is the address of a page the build makes (strategies/); "
        "choose another id"
    ), found
    assert "index" not in library.cards and ("strategies", "index") in library.failed


def test_the_address_of_a_listings_second_page_is_no_id(content):
    """strategies/page/2/ is the library's second page (carryover/render/paging.py)."""
    edit(content, EN, "id: squeeze", "id: page")
    (content / EN).rename(content / "strategies" / "page.en.md")
    library = read_library(content)
    found = [str(p) for p in library.problems.errors]
    assert found[0] == (
        "content/strategies/page.en.md:2: id: 'page' is the address of a page the build makes (strategies/page/2/); "
        "choose another id"
    ), found
    assert "page" not in library.cards and ("strategies", "page") in library.failed


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("## Why it helps\n", "Intro.\n\n## Why it helps\n", "text before the first '## ' heading"),
        ("## Safety\n", "## Safty\n", "unknown heading '## Safty'; did you mean 'Safety'?"),
        ("## Five-minute version\n\nTwo squeezes.\n\n", "", "missing heading '## Five-minute version'"),
        ("## Why it helps", "## Steps\n\nx\n\n## Why it helps", "heading '## Steps' appears twice"),
    ],
)
def test_body_headings_are_checked_by_their_locale_names(content, old, new, expected):
    edit(content, EN, old, new)
    found = errors(content)
    assert any(expected in e for e in found), found


def test_headings_out_of_order_are_one_error(content):
    edit(content, EN, "## Safety\n\n- Keep the face free.\n\n", "")
    edit(content, EN, "## Why it helps\n", "## Safety\n\n- Keep the face free.\n\n## Why it helps\n")
    assert [e.split(": ", 2)[2] for e in errors(content)] == [
        "headings are out of order (expected: Why it helps, Steps, Five-minute version, Easier or harder, Safety, "
        "When to ask a therapist or your child's doctor)"
    ]


def test_a_former_heading_still_reads_as_its_section(content):
    """Renaming a heading in the locale must not break a clinic's existing cards."""
    text = (content / EN).read_text(encoding="utf-8")
    for heading in ("## When to ask your therapist", "## When to ask a therapist or your child's doctor"):
        (content / EN).write_text(
            text.replace("## When to ask your therapist", heading).replace(
                "## When to ask a therapist or your child's doctor", heading
            ),
            encoding="utf-8",
        )
        library = read_library(content)
        assert [str(p) for p in library.problems.errors] == []
        assert library.cards["squeeze"].original.section("section_ask_therapist").markdown.startswith("- Your child")


def test_two_files_with_one_id_name_both(content):
    (content / "strategies" / "squash.en.md").write_text(CARD_EN.replace("id: squeeze", "id: squash"), encoding="utf-8")
    (content / "strategies" / "squash.es.md").write_text(CARD_ES, encoding="utf-8")
    found = errors(content)
    assert any("'squeeze' does not match the file name 'squash.es.md'" in e for e in found), found
    assert any(
        e.startswith(
            "content/strategies/squeeze.es.md:2: id: 'squeeze' is already used by content/strategies/squash.es.md"
        )
        for e in found
    ), found


def test_a_translation_without_its_original_is_an_error_and_dropped(content):
    (content / EN).unlink()
    library = read_library(content)
    assert "squeeze" not in library.cards
    assert [str(p) for p in library.problems.errors] == [
        "content/strategies/squeeze.es.md:1: translation without its original: create strategies/squeeze.en.md "
        "(or rename this file if the id is wrong)"
    ]


def test_files_that_would_be_skipped_are_reported(content):
    """Anything an author may have meant as a page, but that would not be published, is said."""
    folder = content / "strategies"
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    (folder / "draft.markdown").write_text("x", encoding="utf-8")
    (folder / "old").mkdir()
    (folder / "picture.png").write_bytes(b"x")
    (folder / "squash.fr.md").write_text(CARD_EN, encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"x")
    library = read_library(content)
    found = [str(p) for p in library.problems.items]
    assert (
        "content/strategies/notes.txt: this file is not read: "
        "a page's file name is <id>.<language>.md, like my-card.en.md" in found
    )
    assert any(p.startswith("content/strategies/draft.markdown: this file is not read") for p in found)
    assert any(p.startswith("content/strategies/old: folders inside content/strategies/ are not read") for p in found)
    assert any(p.startswith("content/strategies/picture.png: warning: this file is not a page") for p in found)
    assert any(
        p.startswith("content/strategies/squash.fr.md: the file name must be <id>.en.md or <id>.es.md") for p in found
    )
    assert not any(".DS_Store" in p for p in found)
    assert len(found) == 5


def test_a_symlink_to_nowhere_is_named_where_it_is(content):
    (content / "strategies" / "gone.en.md").symlink_to(content / "nowhere.md")
    (content / "images").mkdir()
    (content / "images" / "gone.png").symlink_to(content / "nowhere.png")
    found = errors(content)
    assert any(
        e.startswith("content/strategies/gone.en.md: a link (symlink) to a file that does not exist") for e in found
    )
    assert any(e.startswith("content/images/gone.png: a link (symlink)") for e in found)


def test_a_missing_content_folder_is_an_error_not_a_crash(tmp_path):
    library = read_library(tmp_path / "content")
    assert library.problems and not library.data_loaded
    assert any("the content folder does not exist" in str(p) for p in library.problems.errors)


def test_parsed_files_are_reused_only_while_their_bytes_are_the_same(content, tmp_path, monkeypatch):
    """A warm build skips parsing unchanged files; an edited file must be parsed again."""
    monkeypatch.setenv("CARRYOVER_CACHE", str(tmp_path / "cache"))
    parsed = ParsedFiles(content)
    first = read_library(content, parsed)
    parsed.save(first)
    again = ParsedFiles(content)  # a new build process: read from the cache
    second = read_library(content, again)
    assert second.cards["squeeze"].original.meta == first.cards["squeeze"].original.meta
    kept = again.files[("strategies", content / EN)][1]
    assert second.cards["squeeze"].original is kept
    edit(content, EN, "title: Pillow squeeze", "title: Pillow hug")
    third = read_library(content, again)
    assert third.cards["squeeze"].original is not kept
    assert third.cards["squeeze"].card.title == "Pillow hug"
    assert again.get("strategies", content / EN, b"") is None  # an unreadable file's empty stamp never matches
