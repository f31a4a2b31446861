"""What a reader sees: the visible text of every built page carries no raw markup, and
hostile input either stops the build (check and build agree) or, where it is allowed,
shows as the text the author typed and runs nothing, in a real browser, on every kind
of page. The payload tables grow whenever a new shape is found."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import socketserver
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from carryover.check.library import load_library
from carryover.engine.mkdocs.build import build_site

ROOT = Path(__file__).resolve().parent.parent

# Markup that must never reach a reader's eyes: the build's own constructs left unconverted.
RAW_MARKUP = {
    "icon shortcode": re.compile(r":(?:material|fontawesome|octicons|simple)-[a-z0-9-]+:"),
    "attribute list": re.compile(r"\{\s*[:.#][^}]*\}"),
    "Markdown emphasis": re.compile(r"\*\*|__|(?:^|\s)\*[^\s*][^*]*\*(?:\s|$)"),
    "template syntax": re.compile(r"\{\{|\}\}|\{%|%\}"),
    "HTML comment": re.compile(r"<!--|-->"),
    "admonition marker": re.compile(r"(?:^|\n)\s*(?:!!!|\?\?\?)"),
    "HTML tag": re.compile(r"</?(?:div|span|p|a|ol|ul|li|strong|em|br|img|svg|script)\b[^>]*>"),
}


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "code", "pre", "template", "svg", "textarea"]):
        tag.decompose()
    return soup.get_text("\n")


def test_no_page_shows_raw_markup(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 500
    found = []
    for path in pages:
        text = visible_text(path.read_text(encoding="utf-8"))
        for what, pattern in RAW_MARKUP.items():
            match = pattern.search(text)
            if match:
                found.append(f"{path.relative_to(site)}: {what}: {match[0]!r}")
    assert not found, "\n".join(found[:20])


def test_routine_steps_show_icons_not_shortcodes(site):
    html = (site / "es" / "routines" / "bedtime" / "index.html").read_text(encoding="utf-8")
    steps = BeautifulSoup(html, "html.parser").select("ol.co-schedule-steps li")
    assert len(steps) >= 3
    assert all(li.select_one(".co-step-icon svg") for li in steps)
    assert ":material-" not in " ".join(li.get_text() for li in steps)


# ---- hostile input --------------------------------------------------------------------------

CARD = "strategies/animal-walks.en.md"
CARD_ES = "strategies/animal-walks.es.md"
ROUTINE = "routines/bedtime.en.md"

# Refused: each of these, in the field it names, must stop `check` and the build.
REFUSED = [
    (CARD, "title: Animal walks", 'title: "Animal <script>alert(1)</script> walks"'),
    (CARD, "summary: Moving like", 'summary: "\\"><svg onload=alert(1)> Moving like'),
    (CARD, "  - animal picture cards (optional)", '  - "<img src=x onerror=alert(1)>"'),
    (CARD, "keywords: [animal walks,", 'keywords: ["<a href=javascript:alert(1)>x</a>", animal walks,'),
    (ROUTINE, "{label: Bath,", '{label: "<b onmouseover=alert(1)>Bath</b>",'),
    (CARD, "## Steps", '<img src="x"\n  onerror="alert(1)">\n\n## Steps'),
    (CARD, "## Steps", "[tap](javascript&#58;alert(1))\n\n## Steps"),
    (CARD, "## Steps", "<svg/onload=alert(1)>\n\n## Steps"),
    (CARD, "## Steps", "[tap](data:text/html,<script>alert(1)</script>)\n\n## Steps"),
    ("taxonomy.yml", "label: Movement and coordination", 'label: "Movement <img src=x onerror=alert(1)>"'),
    ("references.yml", "doi: 10.3928/24761222-20200811-01", "url: javascript:alert(1)"),
]

# Allowed: text that looks like markup but is only text. It must show exactly as typed.
TRICKY_TITLE = 'Tom & Jerry\'s "bear" <3 *wow* [x](javascript:alert(1)) {{ 7*7 }}'
TRICKY_LABEL = "Bath & bubbles <3"
TRICKY_MATERIAL = "A mat {: onclick=alert(1) } & a <3 :material-alarm: sticker"


def _copy_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    return content


def _replace(content: Path, name: str, old: str, new: str) -> None:
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("name", "old", "new"), REFUSED)
def test_every_refused_payload_is_an_error_in_its_file(tmp_path, name, old, new):
    content = _copy_content(tmp_path)
    _replace(content, name, old, new)
    errors = [str(p) for p in load_library(content).problems.errors]
    assert errors and all(e.startswith(f"content/{name}:") for e in errors), (name, new, errors)


def test_refused_payloads_stop_the_build(tmp_path):
    content = _copy_content(tmp_path)
    for name, old, new in REFUSED:
        _replace(content, name, old, new)
    out = tmp_path / "site"
    assert build_site(ROOT, out, content=content) == 1
    assert not out.exists(), "nothing was published"


@pytest.fixture(scope="module")
def tricky_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tricky")
    content = _copy_content(tmp)
    quoted = TRICKY_TITLE.replace("\\", "\\\\").replace('"', '\\"')
    _replace(content, CARD, "title: Animal walks", f'title: "{quoted}"')
    text = (content / CARD_ES).read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", lambda _: f'title: "{quoted}"', text, count=1, flags=re.M)
    (content / CARD_ES).write_text(text, encoding="utf-8")
    _replace(content, CARD, "  - animal picture cards (optional)", f'  - "{TRICKY_MATERIAL}"')
    _replace(content, ROUTINE, "{label: Bath,", f'{{label: "{TRICKY_LABEL}",')
    assert not load_library(content).problems, [str(p) for p in load_library(content).problems.errors]
    out = tmp / "site"
    assert build_site(ROOT, out, content=content) == 0
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    handler.log_message = lambda *a: None
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield out, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


# Every kind of page the tricky text reaches, in both languages, and the text it must show.
TRICKY_PAGES = {
    "{lang}/strategies/animal-walks/": TRICKY_TITLE,
    "{lang}/strategies/animal-walks/handout/": TRICKY_TITLE,
    "{lang}/strategies/animal-walks/bilingual/": TRICKY_TITLE,
    "{lang}/strategies/": TRICKY_TITLE,
    "{lang}/categories/gross-motor/": TRICKY_TITLE,
    "{lang}/routines/morning/": TRICKY_TITLE,
    "{lang}/bundle/#cards=animal-walks": TRICKY_TITLE,
    "{lang}/routines/bedtime/": None,  # the step label in English; translated in Spanish
    "{lang}/routines/bedtime/schedule/": None,
    "{lang}/": None,
}

_ACTIVE = """() => {
  const bad = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const value = attr.value.replace(/[\\s\\u0000-\\u001f]+/g, "").toLowerCase();
      if (attr.name.startsWith("on")) bad.push(el.tagName + " " + attr.name);
      if (["href", "src", "action", "formaction", "xlink:href"].includes(attr.name) &&
          /^(javascript|vbscript|data):/.test(value)) bad.push(el.tagName + " " + attr.name + "=" + value);
    }
  }
  return bad;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "es"])
def test_tricky_text_shows_as_typed_and_runs_nothing(tricky_site, page_factory, lang):
    _out, server = tricky_site
    page = page_factory(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for address, expected in TRICKY_PAGES.items():
        page.goto(f"{server}/{address.format(lang=lang)}")
        page.wait_for_load_state("networkidle")
        if "bundle" in address:
            page.wait_for_selector(".co-bundle-card")
        assert page.evaluate(_ACTIVE) == [], address
        body = page.locator("body").inner_text()
        shown = TRICKY_LABEL if expected is None and lang == "en" and "bedtime" in address else expected
        if shown:
            assert shown in body, (address, shown)
    page.goto(f"{server}/{lang}/strategies/animal-walks/")
    if lang == "en":  # the Spanish file has its own materials
        assert TRICKY_MATERIAL in page.locator("body").inner_text()
    assert page.title().startswith(TRICKY_TITLE)
    description = page.locator('meta[property="og:title"]').get_attribute("content")
    assert description == TRICKY_TITLE
    page.locator("input.md-search__input").fill("wow")
    page.wait_for_selector(".md-search-result__item")
    assert "Tom & Jerry's" in page.locator(".md-search-result").inner_text()
    assert page.evaluate(_ACTIVE) == []
    assert dialogs == []
