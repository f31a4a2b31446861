"""The browser form (``carryover edit``, Decap CMS with decap-server), driven in Chromium
against the real editor and backend, fully offline: a therapist writes a new card in English
and Spanish, saves it, and it passes ``carryover check`` and appears in a build; editing one
field changes that line only; the preview shows the page and what check says; Ctrl-C stops
everything that was started.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from small_library import ROOT, write_small_library

NODE_MODULES = ROOT / "editor" / "node_modules"
pytestmark = pytest.mark.skipif(
    not (NODE_MODULES / "decap-cms" / "dist" / "decap-cms.js").is_file(),
    reason="the editor is not installed: `make test` installs it (npm ci --prefix editor)",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_editor(root: Path, *options: str, interrupts_ignored: bool = False) -> dict:
    """``carryover edit`` on a fresh copy of the small library in ``root`` (optionally started
    the way a shell starts a background job: with Ctrl-C's signal ignored)."""
    content = write_small_library(root)
    port = free_port()
    env = dict(os.environ, CARRYOVER_CONTENT=str(content))
    command = [sys.executable, "-m", "carryover", "--content", str(content), "edit", "--port", str(port), *options]
    if interrupts_ignored:  # `trap "" INT` is how a shell starts a background job
        command = ["sh", "-c", 'trap "" INT; exec "$@"', "sh", *command]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    first = process.stdout.readline() if process.stdout else ""
    assert f"http://127.0.0.1:{port}/admin/" in first, first + (process.stdout.read() if process.stdout else "")
    return {"url": f"http://127.0.0.1:{port}", "content": content, "process": process}


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """One editing session for the module's tests; stopped with Ctrl-C (SIGINT) at the end."""
    session = start_editor(tmp_path_factory.mktemp("editor"))
    yield session
    session["process"].send_signal(signal.SIGINT)
    session["process"].wait(timeout=20)


@pytest.fixture
def form(browser, editor):
    """The editor's page, with every request leaving 127.0.0.1 recorded (there must be none)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.outside = []
    page.on("request", lambda r: None if r.url.startswith(editor["url"]) else page.outside.append(r.url))
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    assert page.outside == [], f"requests left this computer: {page.outside}"
    context.close()


def field_id(page, name: str, pane: int) -> str:
    """The input of field ``name`` in the left (0, English) or right (1, Spanish) pane."""
    ids = page.evaluate(
        """name => Array.from(document.querySelectorAll(`[id^="${name}-field-"]`)).map(e => e.id)""", name
    )
    ids.sort(key=lambda i: int(i.rsplit("-", 1)[1]))
    return "#" + ids[pane]


def fill(page, name: str, value: str, pane: int = 0) -> None:
    page.fill(field_id(page, name, pane), value)


def choose(page, name: str, *labels: str) -> None:
    """Pick options of a select (react-select) by typing their label and pressing Enter."""
    for label in labels:
        page.click(field_id(page, name, 0))
        page.keyboard.type(label)
        page.keyboard.press("Enter")


def add_item(page, name: str, text: str, pane: int = 0) -> None:
    """Add one line to a list of texts (materials) in a pane."""
    before = page.evaluate("""() => document.querySelectorAll('[id^="thing-field-"]').length""")
    page.locator(f"{field_id(page, name, pane)}").locator("xpath=..").get_by_role(
        "button", name=re.compile("Add")
    ).click()
    page.wait_for_function(f"""() => document.querySelectorAll('[id^="thing-field-"]').length > {before}""")
    ids = page.evaluate("""() => Array.from(document.querySelectorAll('[id^="thing-field-"]')).map(e => e.id)""")
    ids.sort(key=lambda i: int(i.rsplit("-", 1)[1]))
    page.fill("#" + ids[-1], text)


def open_form(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("text=Writing in EN", timeout=60_000)


def publish(page) -> None:
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()
    page.wait_for_selector("text=Changes saved", timeout=30_000)


EN_BODY = """## Why it helps

Stretching wakes up the body.

## Steps

1. Stand up tall.
2. Reach up high.

## Five-minute version

Two big stretches.

## Easier or harder

- **Easier:** Stretch sitting down.
- **Harder:** Hold the stretch longer.

## Safety

- Make space around your child.

## When to ask your therapist

- Stretching hurts your child.
"""

ES_BODY = """## Por qué ayuda

Estirarse despierta el cuerpo.

## Pasos

1. Ponte de pie.
2. Estira los brazos hacia arriba.

## Versión de cinco minutos

Dos estiramientos grandes.

## Más fácil o más difícil

- **Más fácil:** Estírate sentado.
- **Más difícil:** Aguanta el estiramiento más tiempo.

## Seguridad

- Deja espacio alrededor.

## Cuándo consultar a tu terapeuta

- Si le duele al estirarse.
"""


def run(*args: str, content: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, CARRYOVER_CONTENT=str(content))
    return subprocess.run(
        [sys.executable, "-m", "carryover", "--content", str(content), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_a_new_card_written_in_both_languages_passes_check_and_is_built(form, editor, tmp_path):
    page, content = form, editor["content"]
    open_form(page, editor["url"] + "/admin/#/collections/strategies/new")
    body = page.locator(field_id(page, "body", 0))
    assert body.input_value().startswith("## Why it helps"), "a new card starts from its headings"
    fill(page, "id", "morning-stretch")
    fill(page, "title", "Morning stretch")
    fill(page, "summary", "A big stretch helps a sleepy body wake up.")
    choose(page, "category", "Sensory regulation")
    fill(page, "from", "3")
    fill(page, "to", "8")
    choose(page, "settings", "At home")
    fill(page, "time", "5")
    add_item(page, "materials", "A little space")
    fill(page, "keywords", "stretch, wake up")
    choose(page, "evidence", "practice")
    fill(page, "body", EN_BODY)
    assert page.locator(field_id(page, "body", 1)).input_value().startswith("## Por qué ayuda")
    fill(page, "title", "Estiramiento de la mañana", pane=1)
    fill(page, "summary", "Un buen estiramiento ayuda a despertar el cuerpo.", pane=1)
    add_item(page, "materials", "Un poco de espacio", pane=1)
    fill(page, "keywords", "estirarse, despertar", pane=1)
    fill(page, "body", ES_BODY, pane=1)
    publish(page)

    en, es = content / "strategies/morning-stretch.en.md", content / "strategies/morning-stretch.es.md"
    assert en.is_file() and es.is_file()
    en_text, es_text = en.read_text(encoding="utf-8"), es.read_text(encoding="utf-8")
    assert "category: sensory" in en_text and "ages: {from: 3, to: 8}" in en_text
    assert "title: Estiramiento de la mañana" in es_text
    assert "category" not in es_text, "a translation holds only its own words"
    assert re.search(r"^translated_from: '[0-9a-f]{12}'$", es_text, re.M)
    checked = run("check", str(en), str(es), content=content)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    out = tmp_path / "site"
    built = run("build", "--output", str(out), content=content)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Morning stretch" in (out / "en/strategies/morning-stretch/index.html").read_text(encoding="utf-8")
    assert "Estiramiento de la mañana" in (out / "es/strategies/morning-stretch/index.html").read_text(encoding="utf-8")
    assert page.errors == []


def test_editing_one_field_changes_that_line_only(form, editor):
    page, content = form, editor["content"]
    card = content / "strategies/squeeze.en.md"
    before = card.read_text(encoding="utf-8")
    es_before = (content / "strategies/squeeze.es.md").read_text(encoding="utf-8")
    open_form(page, editor["url"] + "/admin/#/collections/strategies/entries/squeeze")
    fill(page, "title", "Pillow squeeze game")
    publish(page)
    after = card.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [("title: Pillow squeeze", "title: Pillow squeeze game")]
    assert (content / "strategies/squeeze.es.md").read_text(encoding="utf-8") == es_before


def test_the_preview_shows_the_page_as_the_site_does_and_what_check_says(form, editor):
    page = form
    open_form(page, editor["url"] + "/admin/#/collections/strategies/entries/squeeze")
    page.get_by_title("Toggle preview").click()
    frame = page.frame_locator("#preview-pane")
    frame.locator("h1").wait_for(timeout=30_000)
    assert frame.locator("h1").inner_text().startswith("Pillow squeeze")
    assert frame.locator(".co-glance").count() == 1, "the card's own at-a-glance block, from the site's renderer"
    fill(page, "time", "90")
    frame.locator(".co-preview-problems").wait_for(timeout=30_000)
    problems = frame.locator(".co-preview-problems").inner_text()
    assert "strategies/squeeze.en.md" in problems and "time" in problems, problems
    fill(page, "time", "7")
    frame.locator(".co-preview-problems").wait_for(state="detached", timeout=30_000)
    # In the language being written: the Spanish page, with the original's shared fields as edited
    page.get_by_text("Writing in EN").click()
    page.get_by_role("menuitem", name="ES").or_(page.get_by_text("ES", exact=True)).first.click()
    frame.locator("[lang=es] h1").wait_for(timeout=30_000)
    assert frame.locator("h1").inner_text().startswith("Apretón con cojín")
    assert "7 minutos" in frame.locator(".co-glance").inner_text()


def test_the_form_in_spanish_and_ctrl_c_stops_it_and_its_backend(browser, tmp_path):
    session = start_editor(tmp_path, "--ui", "es", interrupts_ignored=True)
    process = session["process"]
    children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
    try:
        spanish_then_ctrl_c(browser, session)
    finally:  # a failing check must not leave the form and its backend running
        for pid in [*children, str(process.pid)]:
            subprocess.run(["kill", "-9", pid], capture_output=True, check=False)


def spanish_then_ctrl_c(browser, session: dict) -> None:
    process = session["process"]
    page = browser.new_page()
    page.goto(session["url"] + "/admin/#/collections/strategies/entries/squeeze")
    page.wait_for_selector("text=Escribiendo en la colección", timeout=60_000)
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_text("Palabras de búsqueda").count() >= 1, "the form's own labels, in Spanish"
    page.close()
    children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
    assert children, "decap-server runs as a child of carryover edit"
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 0
    assert "stopped" in (process.stdout.read() if process.stdout else "")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in children):
        time.sleep(0.1)
    assert not any(Path(f"/proc/{pid}").exists() for pid in children), "decap-server was left running"
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", int(session["url"].rsplit(":", 1)[1])), timeout=1)


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, body, headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def test_only_the_forms_own_page_can_write(editor):
    """Another site's page open in the same browser cannot save into the content folder."""
    api = editor["url"] + "/api/v1"
    info = b'{"action": "info", "params": {}}'
    assert post(api, info, {"Content-Type": "application/json"})[0] == 200
    assert post(api, info, {"Content-Type": "text/plain"})[0] == 403, "a form post from any page needs no preflight"
    evil = {"Content-Type": "application/json", "Origin": "https://evil.example"}
    assert post(api, info, evil)[0] == 403
    rebound = {"Content-Type": "application/json", "Host": "evil.example:80"}
    assert post(api, info, rebound)[0] == 403, "a name that points here (DNS rebinding) is not this computer"
    status, body = post(
        api,
        b'{"action": "deleteFile", "params": {"path": "strategies/squeeze.en.md"}}',
        {"Content-Type": "application/json"},
    )
    assert status == 403 and "address must keep working" in body
    assert (editor["content"] / "strategies/squeeze.en.md").is_file()
