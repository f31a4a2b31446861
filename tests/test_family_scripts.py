"""The family-facing scripts under stress, in a real browser (issue 13, items 14 and 19).

A home-program link too long for a QR code, storage that is full, a practice log of
20,000 entries, ids such as `constructor`, and garbage in storage: none of it may throw,
hang or show anything but text the site meant to show.
"""

from __future__ import annotations

import json
import time
from urllib.parse import quote

import pytest

from carryover.render.sharing import ui_for_scripts

pytestmark = pytest.mark.browser

LOG_KEY = "carryover.practice-log"
CJK_300 = "".join(chr(0x4E00 + i) for i in range(300))  # the note box holds 300 characters
CJK_400 = "".join(chr(0x4E00 + i) for i in range(400))  # only a hand-made link holds more
PRINT_STUB = "window.__printed = 0; window.print = function () { window.__printed += 1 }"
STORAGE_FULL = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError")
}
"""


def page_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors


def longest_ids(library, n: int = 4) -> list[str]:
    """The longest card ids: the longest link the form can make."""
    return sorted(library.cards, key=len, reverse=True)[:n]


def qr_matches_library(page) -> bool:
    """The drawn squares are exactly the dark modules of the library's own code for the link."""
    return page.evaluate(
        """() => {
        const svg = document.querySelector('.co-bundle-view__qr svg')
        const count = Number(svg.getAttribute('viewBox').split(' ')[2]) - 2
        let qr = null
        for (const level of ['M', 'L']) {
          try { qr = qrcode(0, level); qr.addData(location.href); qr.make(); break } catch (e) { qr = null }
        }
        if (!qr || qr.getModuleCount() !== count) return false
        const drawn = new Set(svg.querySelector('path').getAttribute('d').match(/M\\d+,\\d+/g)
          .map(m => m.slice(1).split(',').map(Number).map(v => v - 1).join(',')))
        const dark = new Set()
        for (let r = 0; r < count; r++) for (let c = 0; c < count; c++) if (qr.isDark(r, c)) dark.add(c + ',' + r)
        return drawn.size === dark.size && [...dark].every(k => drawn.has(k))
      }"""
    )


def open_made_link(page, cards: int) -> None:
    """Create the home-program link in the form, then open it as the family would."""
    page.click(".co-bundle-make button[type=submit]")
    page.goto(page.input_value("#bundle-link"))
    page.wait_for_function(f"document.querySelectorAll('.co-bundle-card').length === {cards}")


def pick_cards(page, ids: list[str]) -> None:
    page.wait_for_selector(".co-pick")
    for card in ids:
        page.check(f".co-pick input[value='{card}']")


# ---- item 14: a home-program link too long for a QR code ------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_300_character_chinese_note_gets_no_unreadable_qr_code_and_still_prints(server, page_factory, library, lang):
    """Too long for level M (the old code threw 'code length overflow'). Level L would hold it,
    but only in a version-40 code whose modules, printed 28 mm wide, no phone can read: the
    therapist is told while typing, and the family's page says so instead of a QR code."""
    page = page_factory()
    page.add_init_script(PRINT_STUB)
    errors = page_errors(page)
    page.goto(f"{server}/{lang}/bundle/")
    ids = longest_ids(library)
    pick_cards(page, ids)
    page.fill("#bundle-note", CJK_300)
    assert page.locator(".co-bundle-make__hint").is_visible()
    page.click(".co-bundle-make button[type=submit]")
    link = page.input_value("#bundle-link")
    assert len(link) > 2331, "longer than level M holds, so the old code threw"
    page.goto(link)
    page.wait_for_function(f"document.querySelectorAll('.co-bundle-card').length === {len(ids)}")
    assert page.locator(".co-bundle-view__note").inner_text() == CJK_300
    assert page.locator(".co-bundle-view__qr svg").count() == 0
    assert page.locator(".co-qr__none").inner_text() == ui_for_scripts(lang)["js_qr_too_long"]
    page.click(".co-bundle-print")
    assert page.evaluate("window.__printed") == 1
    assert errors == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_300_character_plain_note_still_gets_a_readable_qr_code(server, page_factory, library, lang):
    page = page_factory()
    errors = page_errors(page)
    page.goto(f"{server}/{lang}/bundle/")
    ids = longest_ids(library)
    pick_cards(page, ids)
    page.fill("#bundle-note", ("Practise after dinner, five minutes. " * 9)[:300])
    assert page.locator(".co-bundle-make__hint").is_hidden()
    open_made_link(page, len(ids))
    assert page.locator(".co-bundle-view__qr svg[role=img]").count() == 1
    size = page.evaluate("document.querySelector('.co-bundle-view__qr svg').viewBox.baseVal.width")
    assert size <= 97 + 2, "at most version 20 (97 modules) and its margin"
    assert qr_matches_library(page)
    assert errors == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_link_too_long_for_any_qr_code_says_so_and_still_prints(server, page_factory, library, lang):
    page = page_factory()
    page.add_init_script(PRINT_STUB)
    errors = page_errors(page)
    ids = longest_ids(library)
    page.goto(f"{server}/{lang}/bundle/#cards={','.join(ids)}&note={quote(CJK_400)}")
    page.wait_for_function(f"document.querySelectorAll('.co-bundle-card').length === {len(ids)}")
    assert page.locator(".co-bundle-view__note").inner_text() == CJK_400[:300]
    assert page.locator(".co-bundle-view__qr svg, .co-bundle-view__qr img").count() == 0
    assert page.locator(".co-bundle-view__qr .co-qr__none").inner_text() == ui_for_scripts(lang)["js_qr_too_long"]
    page.click(".co-bundle-print")
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert page.locator(".co-qr__none").is_hidden(), "the paper does not carry the screen's message"
    assert errors == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_form_warns_while_typing_and_a_short_note_gets_a_qr_code(server, page_factory, library, lang):
    page = page_factory()
    page.add_init_script(PRINT_STUB)
    errors = page_errors(page)
    page.goto(f"{server}/{lang}/bundle/")
    ids = longest_ids(library)
    pick_cards(page, ids)
    hint = page.locator(".co-bundle-make__hint")
    page.fill("#bundle-note", "Try one a day.")
    assert hint.is_hidden()
    # the box holds 300 characters; a browser that ignores maxlength must still be told
    page.evaluate("document.querySelector('#bundle-note').removeAttribute('maxlength')")
    page.fill("#bundle-note", CJK_400)
    assert hint.is_visible()
    assert hint.inner_text() == ui_for_scripts(lang)["js_note_too_long"]
    assert page.get_attribute("#bundle-note", "aria-describedby") == hint.get_attribute("id")
    page.fill("#bundle-note", "Try one a day.")
    assert hint.is_hidden()
    open_made_link(page, len(ids))
    assert page.locator(".co-bundle-view__qr svg[role=img]").count() == 1
    assert qr_matches_library(page)
    page.click(".co-bundle-print")
    assert page.evaluate("window.__printed") == 1
    assert errors == []


# ---- item 19: the practice log --------------------------------------------------------


def set_log(page, value: str) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [LOG_KEY, value])


def stored_entries(page) -> int:
    return page.evaluate(f"JSON.parse(localStorage.getItem('{LOG_KEY}')).entries.length")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_full_storage_is_said_not_thrown(server, page_factory, lang):
    page = page_factory()
    page.add_init_script(STORAGE_FULL)
    errors = page_errors(page)
    page.goto(f"{server}/{lang}/strategies/blanket-burrito/")
    page.wait_for_selector(".co-tried:not([hidden])", timeout=5000)
    page.fill("#tried-note", "Calmer at bedtime")
    page.click(".co-tried button[data-result=helped]")
    status = page.locator(".co-tried__status").inner_text()
    assert status == ui_for_scripts(lang)["js_storage_full"]
    page.click(".co-tried button[data-result=hard]")  # the page keeps working
    assert page.locator(".co-tried__status").inner_text() == status
    page.goto(f"{server}/{lang}/log/")
    page.wait_for_selector(".co-log-page:not([hidden])", timeout=5000)
    assert ui_for_scripts(lang)["js_log_empty"] in page.locator(".co-log-page__grid").inner_text()
    assert errors == []


def test_twenty_thousand_entries_do_not_hang_the_log(server, page_factory):
    page = page_factory()
    errors = page_errors(page)
    page.set_default_timeout(10_000)
    page.goto(f"{server}/en/log/")
    # 20,000 entries of the last three weeks, the newest last, over 2,000 strategies
    page.evaluate(
        """key => {
        const entries = []
        for (let i = 0; i < 20000; i++) {
          const d = new Date(); d.setDate(d.getDate() - Math.floor((19999 - i) / 1000))
          const day = d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' +
            String(d.getDate()).padStart(2, '0')
          entries.push({card: 'card-' + (i % 2000), day, result: i % 3 ? 'helped' : 'hard', note: 'note ' + i})
        }
        localStorage.setItem(key, JSON.stringify({v: 1, entries}))
      }""",
        LOG_KEY,
    )
    started = time.monotonic()
    page.reload()
    page.wait_for_selector(".co-log-page__more")
    assert page.evaluate("1 + 1") == 2, "the page answers"
    elapsed = time.monotonic() - started
    assert elapsed < 5, f"the log took {elapsed:.1f} s"
    shown = page.locator(".co-log-card").count()
    assert 0 < shown <= 50
    assert page.locator(".co-log-table tr").count() <= 50 * 5
    assert page.locator(".co-log-card h2").first.inner_text().startswith("card-1")  # among the newest
    assert "entries left out" in page.locator(".co-log-page__more").inner_text()
    page.click(".co-log-copy")
    assert "note 19999" in page.input_value(".co-log-page__text")
    # the next save trims what is kept to the newest entries
    page.goto(f"{server}/en/strategies/blanket-burrito/")
    page.click(".co-tried button[data-result=helped]")
    assert stored_entries(page) <= 2000
    page.goto(f"{server}/en/log/")
    page.wait_for_selector(".co-log-card a[href$='/blanket-burrito/']")
    assert errors == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_ids_named_like_object_properties_are_shown_as_text(server, page_factory, lang):
    page = page_factory()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    errors = page_errors(page)
    page.goto(f"{server}/{lang}/log/")
    today = page.evaluate("new Date().toLocaleDateString('sv')")  # YYYY-MM-DD, local
    ids = ["constructor", "__proto__", "tostring", "toString", "hasOwnProperty", "hasownproperty", "valueof"]
    entries = [{"card": card, "day": today, "result": "helped", "note": ""} for card in ids]
    entries.append({"card": "blanket-burrito", "day": today, "result": "hard", "note": ""})
    set_log(page, json.dumps({"v": 1, "entries": entries}))
    page.reload()
    page.wait_for_selector(".co-log-card a[href$='/blanket-burrito/']")
    page.wait_for_function("document.querySelectorAll('.co-log-card').length === 5")
    page.wait_for_load_state("networkidle")  # titles from cards.json are in
    headings = page.locator(".co-log-card h2").all_inner_texts()
    assert headings[:4] == ["constructor", "tostring", "hasownproperty", "valueof"]
    page.click(".co-log-copy")
    text = page.input_value(".co-log-page__text")
    for shown in (page.locator("main").inner_text(), text):
        assert "function" not in shown and "native code" not in shown
    # and a home-program link naming such ids shows them as unavailable
    page.goto(f"{server}/{lang}/bundle/#cards=constructor,valueof,blanket-burrito")
    page.wait_for_function("document.querySelectorAll('.co-bundle-card').length === 3")
    assert page.locator(".co-bundle-card--missing").count() == 2
    assert "function" not in page.locator("main").inner_text()
    assert errors == []


GARBAGE = {
    "not json": "not json {",
    "huge, not json": "x" * 3_000_000,
    "wrong shapes": json.dumps({"v": 1, "entries": {"length": 10**9}}),
    "fields of the wrong type": json.dumps(
        {"v": 1, "entries": [None, 5, "s", [], {"card": 5, "day": [], "result": {}}, {"card": {}, "day": 1}]}
    ),
    "a huge id": json.dumps({"v": 1, "entries": [{"card": "a" * 100_000, "day": "2099-01-01", "result": "helped"}]}),
    "markup as a note": json.dumps(
        {"v": 1, "entries": [{"card": "<img src=x onerror=alert(1)>", "day": "2099-01-01", "result": "helped"}]}
    ),
}


@pytest.mark.parametrize("name", list(GARBAGE))
def test_garbage_in_storage_never_breaks_the_log(server, page_factory, name):
    page = page_factory(locale="es-ES")
    errors = page_errors(page)
    page.on("dialog", lambda d: errors.append("dialog: " + d.message) or d.dismiss())
    page.set_default_timeout(10_000)
    page.goto(f"{server}/es/log/")
    set_log(page, GARBAGE[name])
    page.reload()
    page.wait_for_selector(".co-log-page:not([hidden])")
    grid = page.locator(".co-log-page__grid").inner_text()
    assert grid == ui_for_scripts("es")["js_log_empty"]
    assert page.locator(".co-log-page__grid img").count() == 0
    page.goto(f"{server}/es/strategies/blanket-burrito/")
    page.click(".co-tried button[data-result=helped]")
    assert page.locator(".co-tried__status").inner_text().startswith("Guardado para el")
    page.goto(f"{server}/es/log/")
    page.wait_for_selector(".co-log-card a[href$='/blanket-burrito/']")
    assert stored_entries(page) == 1
    assert errors == []
