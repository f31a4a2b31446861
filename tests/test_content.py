"""The starter library itself: coverage of the brief, reading level, both languages."""

from __future__ import annotations

import statistics

import pytest

from carryover import LANGUAGES
from carryover.check.readability import reading_level

# Every topic the content brief names, as (card id, words that must appear in its English text).
BRIEF_TOPICS = {
    "deep pressure": ("blanket-burrito", "pressure"),
    "pillow squeeze": ("pillow-squeeze-sandwich", "pillow"),
    "heavy work": ("heavy-work-helpers", "heavy work"),
    "movement before meals": ("movement-break-before-meals", "meal"),
    "calming corner": ("calming-corner", "corner"),
    "loud sounds": ("loud-sounds-plan", "sound"),
    "bright lights": ("bright-lights-and-busy-places", "light"),
    "clothing textures": ("clothing-textures", "cloth"),
    "safe crashing and jumping": ("safe-crash-and-jump", "jump"),
    "tooth brushing with a sensitive mouth": ("getting-ready-for-tooth-brushing", "mouth"),
    "deep-breathing games": ("breathing-games", "breath"),
    "fidget tools": ("fidget-tools", "fidget"),
    "weighted items": ("weighted-items-with-guidance", "therapist"),
    "tongs": ("tongs-pick-up-game", "tongs"),
    "putty or playdough": ("putty-treasure-hunt", "putty"),
    "pegboards": ("pegboard-patterns", "peg"),
    "lacing cards": ("lacing-cards", "lac"),
    "tracing in sand or salt": ("tracing-in-sand-or-salt", "sand"),
    "scissors": ("snipping-with-scissors", "scissors"),
    "buttons and zips": ("buttons-and-zips", "button"),
    "pencil grasp with short crayons": ("short-crayons-for-grasp", "crayon"),
    "puzzles": ("puzzles-together", "puzzle"),
    "colouring": ("colouring-big-shapes", "colo"),
    "stickers": ("sticker-peel-and-place", "sticker"),
    "beads": ("bead-threading", "bead"),
    "clothespins": ("clothespin-pinch-game", "clothespin"),
    "animal walks": ("animal-walks", "animal"),
    "obstacle courses": ("obstacle-course", "obstacle"),
    "catching and throwing": ("catch-and-throw", "catch"),
    "scooters": ("scooter-board-play", "scooter"),
    "climbing": ("climbing-safely", "climb"),
    "balance games": ("balance-games", "balance"),
    "calm yourself first": ("calm-yourself-first", "calm"),
    "name the feeling": ("name-the-feeling", "feel"),
    "get low, lower your voice": ("get-low-and-quiet", "voice"),
    "connection before correction": ("connection-before-correction", "connect"),
    "simple choices": ("two-simple-choices", "choice"),
    "pause, wait, mirror": ("pause-wait-mirror", "wait"),
    "warnings and timers": ("transition-warnings-and-timers", "timer"),
    "first–then language": ("first-then-language", "first"),
    "notice effort": ("notice-the-effort", "effort"),
    "can't yet, not won't": ("cant-yet-not-wont", "yet"),
    "visual schedules": ("visual-schedule", "picture"),
    "first–then boards": ("first-then-board", "board"),
    "backward chaining": ("small-steps-backward-chaining", "last step"),
    "letting the child help": ("let-your-child-help", "help"),
    "mealtime positioning and pacing": ("mealtime-seating-and-pacing", "feet"),
    "sensory-friendly bath": ("sensory-friendly-bath", "bath"),
    "tooth brushing routine": ("tooth-brushing-routine", "brush"),
    "toileting": ("toileting-routine", "toilet"),
    "bedtime wind-down": ("bedtime-wind-down", "bed"),
    "school drop-off goodbye": ("goodbye-ritual", "goodbye"),
    "homework space": ("homework-space-and-routine", "homework"),
    "one routine, one skill, five minutes": ("one-routine-one-skill", "five minutes"),
    "practice log": ("practice-log", "question"),
}
ROUTINES = [
    "morning",
    "mealtime",
    "bath-time",
    "dressing",
    "tooth-brushing",
    "toileting",
    "bedtime",
    "school-drop-off",
    "homework",
    "outings",
]
SIGNS = ["movement-coordination", "hand-skills", "sensory-regulation", "daily-routines"]
GUIDES = [
    "what-is-pediatric-ot",
    "what-is-parent-coaching",
    "evaluation-and-sessions",
    "where-ot-happens",
    "how-coaching-works",
    "home-and-school",
    "using-this-library",
    "for-therapists",
]


def test_counts(library):
    assert len(library.cards) >= 48
    for category in ("sensory", "fine-motor", "co-regulation", "routines"):
        assert sum(c.meta.category == category for c in library.cards.values()) >= 10, category
    assert sum(c.meta.category == "gross-motor" for c in library.cards.values()) >= 4
    assert sorted(library.routines) == sorted(ROUTINES)
    assert sorted(library.signs) == sorted(SIGNS)
    assert set(GUIDES) <= set(library.guides)


@pytest.mark.parametrize("topic", sorted(BRIEF_TOPICS))
def test_every_brief_topic_has_its_card(library, topic):
    card_id, word = BRIEF_TOPICS[topic]
    assert card_id in library.cards, topic
    assert word in library.cards[card_id].versions["en"].source.text.lower(), topic


def test_every_page_exists_in_both_languages(library):
    assert library.missing_translations() == []
    assert not library.problems, [str(p) for p in library.problems.errors]


def test_reading_level(library):
    grades = []
    for kind, entries in library.entries.items():
        for entry in entries.values():
            for lang in LANGUAGES:
                reading = reading_level(entry.versions[lang].source.body, lang)
                assert reading.ok, f"{kind}/{entry.id}.{lang}: {reading}"
                if kind == "strategies" and lang == "en":
                    grades.append(reading.score)
    assert statistics.median(grades) <= 5


def test_every_routine_sign_and_age_band_lists_several_cards(library):
    cards = list(library.cards.values())
    for routine in library.routines:
        assert sum(routine in c.meta.routines for c in cards) >= 3, routine
    for sign in library.signs:
        assert sum(sign in c.meta.signs for c in cards) >= 3, sign
    for band in library.taxonomy.age_bands:
        members = [c for c in cards if band in library.taxonomy.bands_for(c.meta.ages.from_, c.meta.ages.to)]
        assert len(members) >= 5, band.key


def test_terms_are_explained_where_they_appear(library):
    """A card that names a term of art says what it means in everyday words."""
    for card_id, term, explanation in [
        ("heavy-work-helpers", "heavy work", ("push", "pull", "carry")),
        ("calm-yourself-first", "co-regulation", ("calm",)),
        ("blanket-burrito", "deep pressure", ("hug",)),
    ]:
        text = library.cards[card_id].versions["en"].source.text.lower()
        assert term in text
        assert any(word in text for word in explanation), card_id


def test_only_verified_sources_are_cited(library):
    for key, ref in library.references.items():
        assert ref.get("doi") or ref.get("pmid") or ref.get("url"), key
        assert ref["authors"] and ref["year"] and ref["title"], key
