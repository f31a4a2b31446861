"""My strategies in a real browser (issue 16, items 3 and 4): "Save" on a card, "Save these"
on a home program, and the /<lang>/saved/ page, one list for every language, with the "I
tried this" days from the practice log; garbage and full storage never break it, the saved
cards are offered to the service worker, and nothing shows without JavaScript."""

from __future__ import annotations

import json

import pytest
from test_accessibility import axe_violations, settled
from test_family_scripts import STORAGE_FULL, page_errors

from carryover.model.taxonomy import load_ui
from carryover.render.sharing import ui_for_scripts

pytestmark = pytest.mark.browser

KEY = "carryover.saved-cards"
CARD = "blanket-burrito"


def saved_ids(page) -> list:
    return page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}') || 'null')")


def open_saved(page, server: str, lang: str, cards: int) -> None:
    page.goto(f"{server}/{lang}/saved/")
    page.wait_for_selector(".co-saved-page:not([hidden])")
    page.wait_for_load_state("networkidle")  # cards.json is in
    page.wait_for_function(f"document.querySelectorAll('.co-saved-card').length === {cards}")


def save_card(page, server: str, lang: str, card: str = CARD) -> None:
    page.goto(f"{server}/{lang}/strategies/{card}/")
    button = page.locator(".co-save__button")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"


def test_saved_in_english_shows_in_spanish_with_the_days_tried_and_survives_a_reload(server, page_factory, library):
    page = page_factory()
    errors = page_errors(page)
    page.goto(f"{server}/en/strategies/{CARD}/")
    page.click(".co-tried button[data-result=helped]")
    save = page.locator(".co-save__button")
    assert save.is_visible() and save.inner_text() == "Save"
    save.click()
    assert save.get_attribute("aria-pressed") == "true"
    assert save.inner_text() == "Save", "a toggle's name stays; aria-pressed says the state"
    assert page.locator(".co-save__status").inner_text() == ui_for_scripts("en")["js_saved_on"]
    save_card(page, server, "en", "visual-schedule")
    assert saved_ids(page) == {"v": 1, "cards": [CARD, "visual-schedule"]}

    page.goto(f"{server}/es/strategies/{CARD}/")
    assert page.locator(".co-save__button").get_attribute("aria-pressed") == "true", "one list for both languages"
    assert page.locator(".co-save__button").inner_text() == "Guardar"
    open_saved(page, server, "es", 2)
    titles = page.locator(".co-saved-card h2").all_inner_texts()
    assert titles == [library.cards[c].versions["es"].meta.title for c in ("visual-schedule", CARD)], "newest first"
    tried = page.locator(".co-saved-card__tried").all_inner_texts()
    assert tried == ["Todavía no la probaste", "La probaste 1 día"]
    summary = page.locator(".co-saved-card__summary").nth(1).inner_text()
    assert summary == library.cards[CARD].versions["es"].meta.summary
    assert page.locator(".co-saved-card h2 a").nth(1).get_attribute("href") == f"../strategies/{CARD}/"
    assert page.locator(".co-saved-page__empty").is_hidden()
    page.reload()
    page.wait_for_function("document.querySelectorAll('.co-saved-card').length === 2")
    assert errors == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_remove_one_then_the_empty_state_and_the_card_is_unsaved(server, page_factory, library, lang):
    page = page_factory(locale="es-ES" if lang == "es" else "en-US")
    errors = page_errors(page)
    save_card(page, server, lang)
    save_card(page, server, lang, "visual-schedule")
    open_saved(page, server, lang, 2)
    ui = ui_for_scripts(lang)
    first = page.locator(".co-saved-card__remove").first
    title = library.cards["visual-schedule"].versions[lang].meta.title
    assert first.get_attribute("aria-label") == ui["js_saved_remove_label"].format(title=title)
    first.click()
    assert page.locator(".co-saved-card").count() == 1
    assert page.locator(".co-saved-page__status").inner_text() == ui["js_saved_removed"].format(title=title)
    focused = page.evaluate("document.activeElement.className")
    assert "co-saved-card__remove" in focused, "focus stays in the list"
    page.keyboard.press("Enter")  # the keyboard removes the last one
    assert page.locator(".co-saved-card").count() == 0
    empty = page.locator(".co-saved-page__empty")
    assert empty.is_visible() and empty.inner_text() == ui["js_saved_empty"]
    assert page.evaluate("document.activeElement.classList.contains('co-saved-page__empty')")
    assert saved_ids(page) == {"v": 1, "cards": []}
    page.goto(f"{server}/{lang}/strategies/{CARD}/")
    button = page.locator(".co-save__button")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()  # and the toggle unsaves too
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    assert page.locator(".co-save__status").inner_text() == ui["js_saved_off"]
    assert saved_ids(page) == {"v": 1, "cards": []}
    assert errors == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_save_these_from_a_home_program_saves_its_cards_in_one_tap(server, page_factory, library, lang):
    page = page_factory()
    errors = page_errors(page)
    save_card(page, server, lang)  # already saved: kept once
    page.goto(f"{server}/{lang}/bundle/#cards=visual-schedule,{CARD},gone-card&note=Hola")
    page.wait_for_function("document.querySelectorAll('.co-bundle-card').length === 3")
    page.click(".co-bundle-save")
    assert page.locator(".co-bundle-view__saved").inner_text() == ui_for_scripts(lang)["js_saved_these"].format(n=2)
    assert saved_ids(page) == {"v": 1, "cards": [CARD, "visual-schedule"]}, "no card the library no longer has"
    open_saved(page, server, lang, 2)
    first = page.locator(".co-saved-card h2").first.inner_text()
    assert first == library.cards["visual-schedule"].versions[lang].meta.title
    assert errors == []


GARBAGE = {
    "not json": "not json {",
    "huge, not json": "x" * 3_000_000,
    "wrong version": json.dumps({"v": 2, "cards": [CARD]}),
    "wrong shapes": json.dumps({"v": 1, "cards": {"length": 10**9}}),
    "an array": json.dumps([CARD]),
    "ids of the wrong type": json.dumps({"v": 1, "cards": [None, 5, [], {}, True]}),
    "markup and huge ids": json.dumps({"v": 1, "cards": ["<img src=x onerror=alert(1)>", "a" * 100_000, "../x"]}),
}


@pytest.mark.parametrize("name", list(GARBAGE))
def test_garbage_in_storage_shows_the_empty_list_and_saving_still_works(server, page_factory, name):
    page = page_factory(locale="es-ES")
    errors = page_errors(page)
    page.on("dialog", lambda d: errors.append("dialog: " + d.message) or d.dismiss())
    page.set_default_timeout(10_000)
    page.goto(f"{server}/es/saved/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, GARBAGE[name]])
    page.evaluate("localStorage.setItem('carryover.practice-log', 'garbage {')")
    page.reload()
    page.wait_for_selector(".co-saved-page__empty:not([hidden])")
    assert page.locator(".co-saved-page__empty").inner_text() == ui_for_scripts("es")["js_saved_empty"]
    assert page.locator(".co-saved-page img").count() == 0
    save_card(page, server, "es")
    open_saved(page, server, "es", 1)
    assert page.locator(".co-saved-card__tried").inner_text() == "Todavía no la probaste"
    assert errors == []


def test_good_ids_among_bad_ones_are_kept_and_a_gone_card_can_be_removed(server, page_factory, library):
    page = page_factory()
    errors = page_errors(page)
    page.goto(f"{server}/en/saved/")
    cards = [CARD, "<b>x</b>", 7, "constructor", CARD, "__proto__", "gone-card"]
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps({"v": 1, "cards": cards})])
    open_saved(page, server, "en", 3)
    headings = page.locator(".co-saved-card h2").all_inner_texts()
    unavailable = ui_for_scripts("en")["js_unavailable"]
    assert headings == [unavailable, library.cards[CARD].versions["en"].meta.title, unavailable]
    assert page.locator(".co-saved-card h2 a").count() == 1, "only a card the library has is a link"
    assert "function" not in page.locator("main").inner_text()
    page.locator(".co-saved-card__remove").first.click()
    assert saved_ids(page) == {"v": 1, "cards": ["constructor", CARD]}
    assert errors == []


def test_full_storage_is_said_and_nothing_is_pressed(server, page_factory):
    page = page_factory()
    page.add_init_script(STORAGE_FULL)
    errors = page_errors(page)
    page.goto(f"{server}/en/strategies/{CARD}/")
    button = page.locator(".co-save__button")
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    assert page.locator(".co-save__status").inner_text() == ui_for_scripts("en")["js_saved_full"]
    page.goto(f"{server}/en/bundle/#cards={CARD}")
    page.wait_for_selector(".co-bundle-card")
    page.click(".co-bundle-save")
    assert page.locator(".co-bundle-view__saved").inner_text() == ui_for_scripts("en")["js_saved_full"]
    page.goto(f"{server}/en/saved/")
    page.wait_for_selector(".co-saved-page__empty:not([hidden])")
    assert errors == []


FAKE_WORKER = """
window.__kept = []
Object.defineProperty(navigator, "serviceWorker", { configurable: true, value: {
  ready: Promise.resolve({ active: { postMessage: function (m) { window.__kept.push(m) } } }),
  register: function () { return new Promise(function () {}) },
  addEventListener: function () {}, controller: null,
} })
"""


def test_saved_cards_are_offered_to_the_service_worker_and_nothing_breaks_without_one(server, page_factory):
    page = page_factory()
    page.add_init_script(FAKE_WORKER)
    page.goto(f"{server}/es/strategies/{CARD}/")
    card = f"{server}/es/strategies/{CARD}/"
    ours = f"() => window.__kept.filter(m => m.urls.includes('{card}handout/'))"  # the offline script sends its own
    assert page.evaluate(f"({ours})().length") == 0, "nothing kept before it is saved"
    page.click(".co-save__button")
    page.wait_for_function(f"({ours})().length === 1")
    assert page.evaluate(f"({ours})()") == [{"type": "carryover-keep", "urls": [card, card + "handout/"]}]
    page.goto(f"{server}/es/saved/")
    page.wait_for_function(f"({ours})().length === 1")  # the page keeps every saved card again
    page.goto(f"{server}/es/strategies/{CARD}/")  # and so does a saved card's own page
    page.wait_for_function(f"({ours})().length === 1")

    plain = page_factory()  # no worker at all
    plain.add_init_script("delete Navigator.prototype.serviceWorker")
    errors = page_errors(plain)
    save_card(plain, server, "en")
    open_saved(plain, server, "en", 1)
    assert errors == []


def test_no_javascript_hides_every_control_and_says_what_needs_it(server, page_factory):
    page = page_factory(java_script_enabled=False)
    for lang in ("en", "es"):
        page.goto(f"{server}/{lang}/strategies/{CARD}/")
        assert page.locator(".co-save").count() == 1 and page.locator(".co-save").is_hidden()
        page.goto(f"{server}/{lang}/bundle/#cards={CARD}")
        assert page.locator(".co-bundle-save").is_hidden()
        page.goto(f"{server}/{lang}/saved/")
        assert page.locator(".co-saved-page").is_hidden()
        noscript = page.locator(".co-noscript")
        assert noscript.is_visible()
        assert noscript.inner_text() == load_ui(lang)["saved_noscript"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_pressed_save_button_and_the_list_pass_axe(server, page_factory, scheme):
    page = page_factory(locale="es-ES", color_scheme=scheme)
    save_card(page, server, "es")
    page.keyboard.press("Tab")  # move on: the button is measured unfocused and pressed
    settled(page)
    assert axe_violations(page) == []
    open_saved(page, server, "es", 1)
    settled(page)
    assert axe_violations(page) == []


def test_the_keyboard_saves_and_reaches_the_list(server, page_factory):
    page = page_factory(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/en/strategies/{CARD}/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('co-save__button')"):
            break
    else:
        pytest.fail("Tab never reaches Save")
    page.keyboard.press("Space")
    assert page.locator(".co-save__button").get_attribute("aria-pressed") == "true"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "../../saved/"
    page.keyboard.press("Enter")
    page.wait_for_selector(".co-saved-card")
    page.wait_for_load_state("networkidle")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('co-saved-card__remove')"):
            break
    else:
        pytest.fail("Tab never reaches Remove")
