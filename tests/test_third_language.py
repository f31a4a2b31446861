"""Languages are data (issue 15): a library in a third language the package does not ship,
Portuguese, built by the real `carryover build` from fixture data only (tests/data/third_language:
its taxonomy lists en, es, pt; its locales/pt.yml is the interface text). The language switch,
search (Pagefind's Portuguese index), the paper pages and the dates all work in the three
languages with no code change."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from local_server import served

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "third_language"
THREE = ("en", "es", "pt")
BASE = "https://clinic.example.org/tri/"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("third-language") / "site"
    env = dict(
        os.environ,
        CARRYOVER_CONTENT=str(FIXTURE),
        CARRYOVER_SITE_URL=BASE,
        CARRYOVER_CACHE=str(tmp_path_factory.mktemp("cache")),
    )
    done = subprocess.run(
        [sys.executable, "-m", "carryover", "build", "--output", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_the_package_knows_nothing_of_portuguese():
    assert not (ROOT / "carryover" / "locales" / "pt.yml").exists()
    branch = re.compile(r"""[!=]=\s*["'][a-z]{2}["']|["'][a-z]{2}["']\s*[!=]=""")
    for path in [*(ROOT / "carryover").rglob("*.py"), *(ROOT / "overrides").rglob("*.html")]:
        text = path.read_text(encoding="utf-8")
        assert not branch.search(text.replace('os.name == "nt"', "")), f"{path}: a language branch in code"


def test_every_language_is_published_with_its_own_html_lang(site):
    for lang in THREE:
        html = soup(site / lang / "index.html")
        assert html.html["lang"] == lang
    root = (site / "index.html").read_text(encoding="utf-8")
    for lang in THREE:
        assert f'hreflang="{lang}" href="{lang}/"' in root
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert all(f"<loc>{BASE}{lang}/sitemap.xml</loc>" in sitemap for lang in THREE)


def test_the_language_switch_links_the_same_card_in_all_three(site):
    for lang in THREE:
        html = soup(site / lang / "strategies" / "squeeze" / "index.html")
        links = {a["hreflang"]: a["href"] for a in html.select(".md-select__link")}
        assert links == {code: f"/tri/{code}/strategies/squeeze/" for code in THREE}
    names = [a.get_text(strip=True) for a in soup(site / "pt" / "index.html").select(".md-select__link")]
    assert names == ["English", "Español", "Português"]


def test_the_portuguese_card_speaks_portuguese(site):
    html = soup(site / "pt" / "strategies" / "squeeze" / "index.html")
    assert html.select_one("h1").get_text(strip=True).rstrip("#") == "Aperto com almofada"
    assert html.select_one('meta[property="og:locale"]')["content"] == "pt_BR"
    text = html.get_text(" ", strip=True)
    assert "Atualizado em 15 de janeiro de 2026" in text  # Babel, Portuguese's long date
    assert "Por que ajuda" in text and "Segurança" in text
    assert html.select_one(".md-search__input")["placeholder"] == "Buscar"


def test_the_portuguese_search_index_uses_the_portuguese_stemmer(site):
    """Each language's Pagefind index is in that language, with its stemmer's engine."""
    from search_records import entry, records

    assert list(entry(site / "pt")["languages"]) == ["pt"]
    assert (site / "pt" / "pagefind" / "wasm.pt.pagefind").is_file()
    card = records(site / "pt")["/strategies/squeeze/"]
    assert card["meta"]["title"] == "Aperto com almofada" and "almofada" in card["content"]
    for lang in ("en", "es"):
        assert list(entry(site / lang)["languages"]) == [lang]


def test_the_handout_exists_in_all_three_with_its_dates_and_words(site):
    expected = {
        "en": ("Pillow squeeze", "15 January 2026"),
        "es": ("Apretón con cojín", "15 de enero de 2026"),
        "pt": ("Aperto com almofada", "15 de janeiro de 2026"),
    }
    for lang, (title, day) in expected.items():
        html = soup(site / lang / "strategies" / "squeeze" / "handout" / "index.html")
        assert html.html["lang"] == lang
        text = html.get_text(" ", strip=True)
        assert title in text and day in text, (lang, text[:300])
        bar = html.select_one(".co-paper-bar")
        others = {a["hreflang"] for a in bar.select("a[hreflang]")}
        assert others == set(THREE) - {lang}
    pt = soup(site / "pt" / "strategies" / "squeeze" / "handout" / "index.html").get_text(" ", strip=True)
    assert "Atualizado em 15 de janeiro de 2026" in pt and "Voltar para a página" in pt
    routine = soup(site / "pt" / "routines" / "bedtime" / "schedule" / "index.html")
    assert routine.html["lang"] == "pt" and "Rotina com figuras: Hora de dormir" in routine.get_text(" ", strip=True)


def test_the_short_link_offers_all_three_languages(site):
    html = soup(site / "s" / "squeeze" / "index.html")
    assert {a["hreflang"] for a in html.select("a[hreflang]")} == set(THREE)


@pytest.fixture(scope="module")
def third_server(site):
    """The built three-language site on a loopback port."""
    with served(site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("query", ["pressao", "apertos", "almofadas"])
def test_portuguese_search_forgives_accents_and_word_forms(third_server, page_factory, query):
    """Search folds accents and stems words in each site's own language, not only Spanish
    (Pagefind's Portuguese index): "pressao" finds "pressão", "apertos" finds "aperto"."""
    from test_browser import search

    page = page_factory(locale="pt-BR")
    page.goto(f"{third_server}/pt/")
    results = search(page, query)
    assert any(url.endswith("/pt/strategies/squeeze/") for url in results), results
