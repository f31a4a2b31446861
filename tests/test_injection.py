"""Text that looks like HTML reaches every kind of page as text: the build's HTML comes from
autoescaped fragments (carryover/render/fragments.py), so a title, a label or a reference
shows exactly as typed and adds no element. And a clinic's fragment replaces the default."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from carryover.check.library import load_library
from carryover.engine.mkdocs.build import build_site
from carryover.render.fragments import Fragments

ROOT = Path(__file__).resolve().parent.parent

# Accepted by the content checks (no '<' before a letter, no '&…;'), and still able to break
# HTML, attributes, JSON or Markdown if anything were left unescaped.
PAYLOAD = "Tom & \"Jerry\" 'x' <3 >_<= {{ 7*7 }} *wow*"
SHORT = 'A & "B" <3'  # a step label is at most 40 characters


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _set(content: Path, name: str, pattern: str, value: str) -> None:
    path = content / name
    text, n = re.subn(pattern, lambda m: m[1] + value, path.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert n == 1, (name, pattern)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("injection")
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    for name in (
        "strategies/animal-walks.en.md",
        "strategies/animal-walks.es.md",
        "strategies/colouring-big-shapes.en.md",
        "strategies/colouring-big-shapes.es.md",
        "routines/bedtime.en.md",
        "routines/bedtime.es.md",
        "signs/movement-coordination.en.md",
        "guides/how-coaching-works.en.md",
    ):
        _set(content, name, r"^(title: ).*$", _yaml(f"{PAYLOAD} title"))
        _set(content, name, r"^(summary: ).*$", _yaml(f"{PAYLOAD} summary"))
    _set(content, "strategies/animal-walks.en.md", r"^(  - )animal picture cards.*$", _yaml(f"{PAYLOAD} material"))
    _set(content, "routines/bedtime.en.md", r"^(  - \{label: )Bath,", _yaml(f"{SHORT} step") + ",")
    _set(content, "taxonomy.yml", r"^(    en: \{label: )Movement and coordination,", _yaml(f"{PAYLOAD} category") + ",")
    _set(content, "references.yml", r"^(  authors: )Lage.*$", _yaml(f"{PAYLOAD} authors"))
    _set(content, "references.yml", r"^(  title: )\"Collaborative practice.*$", _yaml(f"{PAYLOAD} reftitle"))
    _set(content, "references.yml", r"^(  journal: )Australian Occupational.*$", _yaml(f"{PAYLOAD} journal"))
    problems = load_library(content).problems
    assert not problems.errors, [str(p) for p in problems.errors]
    out = tmp / "site"
    assert build_site(ROOT, out, content=content) == 0
    return out


# Each kind of page, and the payloads it must show as text.
PAGES = {
    "card": ("en/strategies/animal-walks/index.html", ["title", "summary", "material", "category"]),
    "card (es)": ("es/strategies/animal-walks/index.html", ["title", "summary"]),
    "routine": ("en/routines/bedtime/index.html", ["title", "summary", "step"]),
    "routine's cards": ("en/routines/morning/index.html", ["title", "summary", "category"]),
    "sign": ("en/signs/movement-coordination/index.html", ["title", "summary"]),
    "guide": ("en/guides/how-coaching-works/index.html", ["title", "authors", "reftitle", "journal"]),
    "listing": ("en/categories/gross-motor/index.html", ["title", "summary", "category"]),
    "library": ("en/strategies/index.html", ["title", "summary", "category"]),
    "home": ("en/index.html", ["category", "title"]),
    "bundle": ("en/bundle/index.html", []),
    "log": ("en/log/index.html", []),
    "handout": ("en/strategies/animal-walks/handout/index.html", ["title", "summary", "material", "category"]),
    "bilingual": ("en/strategies/animal-walks/bilingual/index.html", ["title", "summary"]),
    "schedule": ("en/routines/bedtime/schedule/index.html", ["title", "step"]),
    "first-then": ("en/routines/bedtime/first-then/index.html", ["title", "step"]),
    "redirect": ("en/strategies/coloring-big-shapes/index.html", ["title"]),
    "short link": ("s/animal-walks/index.html", ["title"]),
    "root index": ("index.html", []),
    "404": ("404.html", []),
}


def _injected(soup: BeautifulSoup) -> list[str]:
    bad = [str(s)[:80] for s in soup.find_all("script") if "alert" in s.get_text() or "7*7" in s.get_text()]
    bad += [str(b)[:80] for b in soup.find_all(["b", "em", "strong"]) if b.get_text().strip() == "wow"]
    bad += [f"{el.name} {attr}" for el in soup.find_all(True) for attr in el.attrs if attr.startswith("on")]
    bad += [f"{el.name} {attr}" for el in soup.find_all(True) for attr in el.attrs if "jerry" in attr.lower()]
    return bad


@pytest.mark.parametrize("kind", list(PAGES))
def test_every_page_shows_the_text_as_typed(site, kind):
    path, fields = PAGES[kind]
    soup = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
    assert _injected(soup) == [], kind
    text = soup.get_text()
    for field in fields:
        assert f"{SHORT if field == 'step' else PAYLOAD} {field}" in text, (kind, field)
    assert "49" not in re.findall(r"\d+", " ".join(t for t in text.split() if "7*7" in t)), "no template ran"


def test_attributes_and_data_keep_the_text(site):
    card = BeautifulSoup((site / "en/strategies/animal-walks/index.html").read_text("utf-8"), "html.parser")
    assert card.select_one("meta[property='og:title']")["content"] == f"{PAYLOAD} title"
    cards = json.loads((site / "en/assets/cards.json").read_text("utf-8"))
    walks = next(c for c in cards if c["id"] == "animal-walks")
    assert (walks["title"], walks["category"]) == (f"{PAYLOAD} title", f"{PAYLOAD} category")
    library = BeautifulSoup((site / "en/strategies/index.html").read_text("utf-8"), "html.parser")
    assert library.select_one("form.co-filters")["aria-label"]
    options = [o.get_text() for o in library.select("select[name=category] option")]
    assert f"{PAYLOAD} category" in options


def test_a_clinic_fragment_replaces_the_default(tmp_path):
    clinic = tmp_path / "fragments"
    clinic.mkdir()
    (clinic / "button.html").write_text(
        '{%- macro button(label, href=none, type="button", class="", primary=false, attrs={}) -%}'
        '<a class="clinic-button" href="{{ href }}">{{ label }}</a>{%- endmacro -%}',
        encoding="utf-8",
    )
    links = [{"href": "handout/", "label": "Print & go", "class": "co-print"}]
    default = Fragments().render("actions.html", links=links)
    wrap = '<div class="co-actions" data-pagefind-ignore>{}</div>\n'
    assert default == wrap.format('<a class="co-button co-print" href="handout/">Print &amp; go</a>')
    clinic_made = Fragments((clinic,)).render("actions.html", links=links)
    assert clinic_made == wrap.format('<a class="clinic-button" href="handout/">Print &amp; go</a>')
    # the engine's folder sits between the clinic's and the defaults: the clinic still wins
    engine = ROOT / "carryover" / "engine" / "mkdocs" / "templates" / "fragments"
    assert 'class="md-button co-print"' in Fragments((engine,)).render("actions.html", links=links)
    assert Fragments((clinic, engine)).render("actions.html", links=links) == clinic_made


def test_render_modules_know_no_theme_classes():
    for path in (ROOT / "carryover" / "render").rglob("*"):
        if path.suffix in {".py", ".html"} and path.name != "webassets.py":
            text = path.read_text(encoding="utf-8")
            assert ":material-" not in text, path
            assert "md-" not in text, path
