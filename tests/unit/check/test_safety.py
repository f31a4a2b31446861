"""Safety as data (issue 14, item 3): a card that names something a young child can choke on
must carry the small-objects tag, so its safety notes must speak of choking."""

from __future__ import annotations

from small_library import EN, ES

from carryover.check.library import check_library, load_library


def warnings(content):
    library = load_library(content)
    check_library(library)
    return [str(p) for p in library.problems.warnings]


def edit(content, name, old, new):
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_card_naming_a_choking_hazard_without_the_tag_is_warned(content):
    edit(content, EN, "2. Press the pillow gently.", "2. Press the pillow gently, or roll a balloon.")
    found = warnings(content)
    assert any(
        f"content/{EN}:" in w and "tags: the card names 'balloon', which can choke a young child" in w for w in found
    ), found


def test_the_spanish_words_are_checked_too(content):
    edit(content, ES, "  - Un cojín grande", "  - Un cojín grande y unas canicas")
    assert any(f"content/{ES}:" in w and "'canicas'" in w for w in warnings(content))


def test_a_word_inside_another_word_is_not_a_hazard(content):
    edit(content, EN, "2. Press the pillow gently.", "2. Press the pillow gently, like a marblecake.")
    assert not any("which can choke" in w for w in warnings(content))


def test_a_tagged_card_is_not_warned_but_must_speak_of_choking(content):
    edit(content, EN, "2. Press the pillow gently.", "2. Press the pillow gently, or roll a balloon.")
    edit(content, EN, "tags: [calming, deep-pressure]", "tags: [calming, deep-pressure, small-objects]")
    library = load_library(content)
    check_library(library)
    assert not any("which can choke" in str(w) for w in library.problems.warnings)
    assert any("must say 'choking' or 'choke'" in str(e) for e in library.problems.errors)
