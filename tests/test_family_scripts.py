"""The family-facing scripts under stress, in a real browser (issue 13, items 14 and 19).

A home-program link too long for a QR code, storage that is full, a practice log of
20,000 entries, ids such as `constructor`, and garbage in storage: none of it may throw,
hang or show anything but text the site meant to show.
"""

from __future__ import annotations

import json
import time

import pytest

from carryover.sharing import ui_for_scripts

pytestmark = pytest.mark.browser

LOG_KEY = "carryover.practice-log"
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
