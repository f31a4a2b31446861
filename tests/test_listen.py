"""Listen, in Chromium with a fake speechSynthesis (tests/fake_speech.py): what is spoken, in
which language, by which voice and in which order; the highlighted part follows the
utterances; pause, continue and stop; the control is absent without a voice for the text's
language and without JavaScript."""

from __future__ import annotations

import pytest
from fake_speech import ES_AND_EN, ONLY_EN, fake_speech
from test_accessibility import axe_violations, settled

pytestmark = pytest.mark.browser
CARD = "strategies/blanket-burrito/"
ROUTINE = "routines/morning/"
TEXT = {
    "en": {"pause": "Pause", "resume": "Continue", "paused": "Paused.", "stopped": "Stopped reading."},
    "es": {"pause": "Pausar", "resume": "Continuar", "paused": "En pausa.", "stopped": "Lectura detenida."},
}
DONE = {"en": "Finished reading.", "es": "Lectura terminada."}


def open_page(page_factory, server, lang, path, voices=None, late=False, **options):
    page = page_factory(locale="es-ES" if lang == "es" else "en-US", **options)
    if voices is not None:
        page.add_init_script(fake_speech(voices, late))
    page.goto(f"{server}/{lang}/{path}")
    page.wait_for_load_state("load")
    return page


def spoken(page) -> list[dict]:
    return page.evaluate("__speech.spoken")


def wait_spoken(page, n: int) -> None:
    page.wait_for_function("n => __speech.spoken.length === n", arg=n)


def marked(page) -> list[str]:
    """The parts highlighted now, each as tag#id (aria-current)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.co-listen-current'), e =>
              e.tagName.toLowerCase() + '#' + e.id + '(' + (e.getAttribute('aria-current') || '') + ')')"""
    )


def step_texts(page) -> list[str]:
    return [" ".join(t.split()) for t in page.locator("#steps + ol > li").all_inner_texts()]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_card_is_read_title_summary_then_each_step_by_a_voice_of_its_language(server, page_factory, library, lang):
    page = open_page(page_factory, server, lang, CARD, ES_AND_EN)
    own = library.cards["blanket-burrito"].version(lang).card
    play = page.locator(".co-listen__play")
    assert play.is_visible() and play.inner_text() == ("Escuchar" if lang == "es" else "Listen")
    assert page.locator(".co-listen").get_attribute("aria-label") == (
        "Leer en voz alta" if lang == "es" else "Read aloud"
    )
    assert page.locator(".co-listen__stop").is_hidden()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    steps = step_texts(page)
    assert len(steps) >= 3

    play.click()
    wait_spoken(page, 1)
    assert play.inner_text() == TEXT[lang]["pause"] and page.locator(".co-listen__stop").is_visible()
    assert marked(page) == [f"h1#{page.locator('h1').get_attribute('id')}()"]
    page.evaluate("__speech.finish()")
    wait_spoken(page, 2)
    assert page.locator(".co-summary").evaluate("e => e.classList.contains('co-listen-current')")
    for n in range(1, len(steps) + 1):
        page.evaluate("__speech.finish()")
        wait_spoken(page, 2 + n)
        assert marked(page) == [f"li#step-{n}(step)"], n
    page.evaluate("__speech.finish()")
    page.wait_for_function("document.querySelector('.co-listen__status').textContent !== ''")

    said = spoken(page)
    assert [s["text"] for s in said] == [own.title, own.summary, *steps]
    # the device's own voice (Mónica) rather than the online one; never the English one on Spanish text
    voice, tag = ("Mónica", "es-ES") if lang == "es" else ("Samantha", "en-US")
    assert {(s["voice"], s["lang"]) for s in said} == {(voice, tag)}
    assert page.locator(".co-listen__status").inner_text() == DONE[lang]
    assert marked(page) == [] and play.inner_text() == ("Escuchar" if lang == "es" else "Listen")
    assert page.locator(".co-listen__stop").is_hidden()
    assert requests == [], "reading aloud asks nothing of any server"


def test_a_routine_reads_its_steps_without_their_icons(server, page_factory, library):
    page = open_page(page_factory, server, "es", ROUTINE, ES_AND_EN)
    own = library.routines["morning"].version("es").meta
    steps = step_texts(page)
    assert steps and all(s and "<" not in s for s in steps)
    page.locator(".co-listen__play").click()
    for n in range(len(steps) + 2):
        wait_spoken(page, n + 1)
        if n >= 2:
            assert page.evaluate("document.querySelector('[aria-current=step]').textContent.trim()") == steps[n - 2]
        page.evaluate("__speech.finish()")
    page.wait_for_function("!document.querySelector('.co-listen-current')")
    assert [s["text"] for s in spoken(page)] == [own.title, own.summary, *steps]
    assert {s["voice"] for s in spoken(page)} == {"Mónica"}


def test_pause_continues_the_same_step_and_stop_ends_with_focus_kept(server, page_factory):
    page = open_page(page_factory, server, "en", CARD, ES_AND_EN)
    play, stop, status = (page.locator(f".co-listen__{name}") for name in ("play", "stop", "status"))
    play.click()
    for n in (1, 2):
        wait_spoken(page, n)
        page.evaluate("__speech.finish()")
    wait_spoken(page, 3)
    step_1 = spoken(page)[2]["text"]
    assert marked(page) == ["li#step-1(step)"]

    play.click()  # pause
    assert play.inner_text() == "Continue" and status.inner_text() == "Paused."
    assert page.evaluate("__speech.pending") == 0 and "cancel" in page.evaluate("__speech.events")
    page.wait_for_timeout(100)  # the cancelled utterance's error event comes later: it changes nothing
    assert play.inner_text() == "Continue" and marked(page) == ["li#step-1(step)"] and len(spoken(page)) == 3

    play.click()  # continue: the same step again
    wait_spoken(page, 4)
    assert spoken(page)[3]["text"] == step_1 and play.inner_text() == "Pause" and status.inner_text() == ""
    page.evaluate("__speech.finish()")
    wait_spoken(page, 5)
    assert marked(page) == ["li#step-2(step)"]

    stop.focus()
    page.keyboard.press("Enter")
    assert status.inner_text() == "Stopped reading." and marked(page) == [] and stop.is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('co-listen__play')"), "focus stays on the control"
    page.wait_for_timeout(100)
    assert len(spoken(page)) == 5 and play.inner_text() == "Listen"

    page.keyboard.press("Space")  # the keyboard starts it again, and Escape stops it
    wait_spoken(page, 6)
    assert spoken(page)[5]["text"] == spoken(page)[0]["text"]
    page.keyboard.press("Escape")
    assert status.inner_text() == "Stopped reading." and marked(page) == []


def test_the_keyboard_reaches_listen_in_the_page_order(server, page_factory):
    page = open_page(page_factory, server, "es", CARD, ES_AND_EN, viewport={"width": 1280, "height": 900})
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('co-listen__play')"):
            break
    else:
        pytest.fail("Listen is not reachable with Tab")
    page.keyboard.press("Enter")
    wait_spoken(page, 1)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('co-listen__stop')")


@pytest.mark.parametrize("path", [CARD, ROUTINE])
def test_no_voice_for_the_language_no_listen(server, page_factory, path):
    page = open_page(page_factory, server, "es", path, ONLY_EN)
    assert page.locator(".co-listen").count() == 1 and page.locator(".co-listen").is_hidden()
    english = open_page(page_factory, server, "en", path, ONLY_EN)
    english.locator(".co-listen__play").click()
    wait_spoken(english, 1)
    assert spoken(english)[0]["voice"] == "Samantha" and spoken(english)[0]["lang"] == "en-US"
    assert page.evaluate("__speech.spoken.length") == 0


def test_voices_that_arrive_late_show_listen(server, page_factory):
    page = open_page(page_factory, server, "es", CARD, ES_AND_EN, late=True)
    assert page.locator(".co-listen").is_hidden()
    page.evaluate("__speech.arrive()")
    page.locator(".co-listen__play").wait_for(state="visible")


def test_no_listen_without_javascript_or_without_voices(server, page_factory):
    for page in (
        open_page(page_factory, server, "es", CARD, java_script_enabled=False),
        open_page(page_factory, server, "en", ROUTINE, java_script_enabled=False),
        open_page(page_factory, server, "en", CARD),  # this Chromium has no voices of its own
    ):
        assert page.locator(".co-listen").count() == 1 and page.locator(".co-listen").is_hidden()
        assert page.locator(".co-listen__play").is_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_while_a_step_is_read(server, page_factory, scheme):
    page = open_page(page_factory, server, "es", CARD, ES_AND_EN, color_scheme=scheme)
    page.locator(".co-listen__play").click()
    for n in (1, 2, 3):
        wait_spoken(page, n)
        page.evaluate("__speech.finish()")
    wait_spoken(page, 4)
    page.wait_for_timeout(600)  # the smooth scroll to the step
    settled(page)
    assert axe_violations(page) == []
