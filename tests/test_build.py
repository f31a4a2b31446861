"""The real site, built with `mkdocs build --strict`, read as HTML."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from search_records import entry as index_entry
from search_records import records

from carryover import LANGUAGES
from carryover.engine.mkdocs.build import build_site
from carryover.publish import replace_folder

KINDS = ("strategies", "routines", "signs", "guides")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def links(path: Path, site: Path) -> set[str]:
    """Every link in a page's main content, resolved to a site path like /en/strategies/x/."""
    base = "/" + path.parent.relative_to(site).as_posix() + "/"
    return {urljoin(base, a["href"]).split("#")[0] for a in soup(path).select("article a[href]")}


def page_path(site: Path, lang: str, kind: str, page_id: str) -> Path:
    return site / lang / kind / page_id / "index.html"


def test_every_page_exists_in_both_languages_with_its_own_title(site, library):
    for kind in KINDS:
        for entry in library.entries[kind].values():
            for lang in LANGUAGES:
                html = soup(page_path(site, lang, kind, entry.id))
                assert html.html["lang"] == lang
                h1 = html.find("h1").get_text().rstrip("#").strip()
                assert h1 == entry.version(lang).meta.title


def test_listings_link_every_card(site, library):
    for lang in LANGUAGES:
        linked = links(site / lang / "strategies" / "index.html", site)
        for card in library.cards:
            assert f"/{lang}/strategies/{card}/" in linked, f"/{lang}/strategies/ does not link {card}"
        for key in library.taxonomy.categories:
            hrefs = links(site / lang / "categories" / key / "index.html", site)
            for card in (c for c in library.cards.values() if c.meta.category == key):
                assert f"/{lang}/strategies/{card.id}/" in hrefs


def test_cards_are_linked_from_their_routine_and_sign_pages(site, library):
    for lang in LANGUAGES:
        for card in library.cards.values():
            for kind, ids in (("routines", card.meta.routines), ("signs", card.meta.signs)):
                for page_id in ids:
                    hrefs = links(page_path(site, lang, kind, page_id), site)
                    assert f"/{lang}/strategies/{card.id}/" in hrefs, f"/{lang}/{kind}/{page_id}/ misses {card.id}"


def test_language_switch_points_at_the_same_page(site):
    pages = [p for lang in LANGUAGES for p in (site / lang).rglob("index.html")]
    assert len(pages) > 100
    for path in pages:
        rest = path.relative_to(site).parent.as_posix()[3:]
        suffix = f"{rest}/" if rest else ""
        html = soup(path)
        switch = {a["hreflang"]: a["href"] for a in html.select("a.md-select__link")}
        # paper pages have no header, so no switch; redirect pages (old ids) only redirect
        printable = html.select_one(".co-sheet") is not None or "http-equiv" in str(html.head)
        for other in LANGUAGES:
            assert printable or switch[other] == f"/{other}/{suffix}", path
            assert (site / other / suffix / "index.html").exists()


def test_spanish_search_index_holds_only_spanish(site, library):
    """Each language's Pagefind index, in that language, with its cards' own words."""
    assert list(index_entry(site / "es")["languages"]) == ["es"]
    assert list(index_entry(site / "en")["languages"]) == ["en"]
    spanish = records(site / "es")
    assert all(url.startswith("/") and not url.startswith(("/es/", "/en/")) for url in spanish)  # from /es/
    es_text = " ".join(r["meta"]["title"] + " " + r["content"] for r in spanish.values())
    for card in library.cards.values():
        if card.translated("es"):
            assert card.versions["en"].meta.title not in es_text
            assert card.versions["es"].meta.title in es_text
    for word in ("rabieta", "berrinche"):
        assert word in es_text
    for ref in library.references.values():  # citations stay in their own language
        for name in ("title", "authors", "journal", "url"):
            value = str(ref.get(name) or "")
            es_text = es_text.replace(value, "").replace(html.escape(value, quote=False), "") if value else es_text
    assert not re.search(r"\b(the|and|your child)\b", es_text, flags=re.I)
    assert "](../" not in es_text, "Markdown links must be rendered, not printed"
    card_records = [r for url, r in spanish.items() if re.fullmatch(r"/strategies/[^/#]+/", url)]
    assert len(card_records) == len(library.cards)
    for card in library.cards.values():
        record = spanish[f"/strategies/{card.id}/"]
        assert all(k in record["content"] for k in card.version("es").card.keywords[:3]), card.id
        assert record["meta"]["summary"] == card.version("es").meta.summary


def test_no_page_requests_another_site(site):
    for path in site.rglob("*.html"):
        html = soup(path)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in html.find_all(tag):
                url = element.get(attr) or ""
                if tag == "link" and element.get("rel") not in (["stylesheet"], ["preload"], ["icon"]):
                    continue
                assert not url.startswith(("http:", "https:", "//")), f"{path}: {tag} {url}"


def test_every_page_carries_the_educational_note(site):
    for lang, words in (("en", "does not replace advice"), ("es", "No sustituye")):
        for path in (site / lang).rglob("index.html"):
            text = path.read_text(encoding="utf-8")
            assert words in text or 'http-equiv="refresh"' in text, path


def test_a_failed_build_leaves_the_previous_site(tmp_path):
    root = Path(__file__).resolve().parent.parent
    broken = tmp_path / "content"
    import shutil

    shutil.copytree(root / "content", broken)
    card = broken / "strategies" / "blanket-burrito.en.md"
    card.write_text(
        card.read_text(encoding="utf-8").replace("category: sensory", "category: sensorial"), encoding="utf-8"
    )
    out = tmp_path / "site"
    out.mkdir()
    (out / ".carryover-site").write_text("", encoding="utf-8")  # an earlier build
    (out / "marker.txt").write_text("previous site", encoding="utf-8")
    assert build_site(root, out, content=broken) == 1
    assert (out / "marker.txt").read_text(encoding="utf-8") == "previous site"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")], "no staging folder left behind"


def test_replace_folder_swaps_in_place(tmp_path):
    old, new = tmp_path / "site", tmp_path / "new"
    old.mkdir()
    (old / "a").write_text("old")
    new.mkdir()
    (new / "b").write_text("new")
    replace_folder(new, old)
    assert [p.name for p in old.iterdir()] == ["b"]
    assert not new.exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_untranslated_page_shows_a_banner_not_a_silent_original(tmp_path, lang):
    root = Path(__file__).resolve().parent.parent
    import shutil

    content = tmp_path / "content"
    shutil.copytree(root / "content", content)
    (content / "strategies" / "blanket-burrito.es.md").unlink()
    out = tmp_path / "site"
    assert build_site(root, out, content=content) == 0
    html = soup(page_path(out, "es", "strategies", "blanket-burrito"))
    assert "Aún sin traducir" in html.get_text()
    original = html.select_one('article [lang="en"]')
    assert original is not None and "The blanket burrito" in original.get_text()
    buttons = html.select_one(".co-actions")  # the interface around the original text stays Spanish
    assert buttons.find_parent(attrs={"lang": True})["lang"] == "es"
    english = soup(page_path(out, "en", "strategies", "blanket-burrito"))
    assert "Not translated" not in english.get_text()


def test_two_builds_of_the_same_sources_are_byte_identical(site, tmp_path):
    """Only the sitemap's <lastmod> (the build date) may differ between days; same day, same bytes."""
    root = Path(__file__).resolve().parent.parent
    again = tmp_path / "again"
    assert build_site(root, again) == 0
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_sitemaps_carry_each_pages_hreflang_alternates(site, library):
    for lang in LANGUAGES:
        xml = BeautifulSoup((site / lang / "sitemap.xml").read_text("utf-8"), "html.parser")
        urls = xml.find_all("url")
        assert len(urls) > 100
        for url in urls:
            loc = url.find("loc").get_text()
            rest = loc.split(f"/{lang}/", 1)[1]
            links = {link["hreflang"]: link["href"] for link in url.find_all("xhtml:link")}
            assert links == {code: f"http://127.0.0.1:8000/{code}/{rest}" for code in LANGUAGES}
        assert "strategies/blanket-burrito/" in xml.get_text() or any(
            "strategies/blanket-burrito/" in u.find("loc").get_text() for u in urls
        )
    index = (site / "sitemap.xml").read_text("utf-8")
    # Absolute, as the sitemap protocol requires.
    assert all(f"<loc>http://127.0.0.1:8000/{lang}/sitemap.xml</loc>" in index for lang in LANGUAGES)


def test_pages_make_no_request_that_fails(site):
    """Material fetches '<href>/sitemap.xml' for every <link rel=alternate>; none may be left."""
    for path in (site / "en").rglob("index.html"):
        assert 'rel="alternate" href=' not in path.read_text("utf-8"), path


def test_text_in_the_other_language_says_so(site):
    for lang in LANGUAGES:
        html = soup(site / lang / "strategies" / "blanket-burrito" / "index.html")
        for link in html.select("a.md-select__link"):
            assert link["lang"] == link["hreflang"]


def test_the_language_chooser_marks_each_language(site):
    root = soup(site / "index.html")
    assert {span["lang"] for span in root.select("p span[lang]")} == set(LANGUAGES)
    assert {a["hreflang"] for a in root.select("a[hreflang]")} == set(LANGUAGES)


_LOCAL_REF = re.compile(r'<(?:a|link|img|script)\b[^>]*?\s(?:href|src)="([^"#?]+)[^"]*"')


def test_every_link_inside_the_site_leads_to_a_file(site):
    """The build writes many links itself (buttons, lists of cards, paper pages) without
    the engine checking them: every one must reach a file of the built site."""
    broken = []
    for path in site.rglob("*.html"):
        page_dir = "/" + path.parent.relative_to(site).as_posix().strip(".") + "/"
        for ref in _LOCAL_REF.findall(path.read_text(encoding="utf-8")):
            if re.match(r"^[a-z][a-z0-9+.-]*:", ref) or ref.startswith("//"):
                continue  # another scheme (https:, mailto:) or host
            target = urljoin(page_dir.replace("//", "/"), ref)
            file = site / target.lstrip("/")
            if target.endswith("/"):
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{path.relative_to(site)} -> {ref}")
    assert broken == []


def _copy_content(tmp_path: Path) -> Path:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(Path(__file__).resolve().parent.parent / "content", content)
    return content


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_engine_warning_fails_the_build_even_with_a_warm_cache(tmp_path, monkeypatch, capfd):
    """A broken link never publishes, on a cold or a warm cache: the build runs the same
    checks as `carryover check` on every build (they name the file and line), and the
    engine's own warnings still fail it (--strict without --quiet)."""
    root = Path(__file__).resolve().parent.parent
    monkeypatch.setenv("CARRYOVER_CACHE", str(tmp_path / "cache"))
    content = _copy_content(tmp_path)
    _edit(content / "strategies" / "blanket-burrito.en.md", "## Steps\n", "## Steps\n\nSee [the chart](../nope.md).\n")
    for _ in range(2):
        assert build_site(root, tmp_path / "site", content=content) == 1
        err = capfd.readouterr().err
        assert "content/strategies/blanket-burrito.en.md:" in err
        assert "link to a missing file: '../nope.md'" in err
        assert "INFO" not in err  # only what needs the author's attention is printed


def test_a_build_with_a_warm_cache_equals_a_cold_build_after_an_edit(tmp_path, monkeypatch):
    """Kept pages, kept outputs and parsed files are reused only while what they were made
    from is unchanged: after an edit, a build on the warm cache gives the same bytes as a
    build with no cache at all, on every page the edit touched and every other."""
    root = Path(__file__).resolve().parent.parent
    content = _copy_content(tmp_path)
    monkeypatch.setenv("CARRYOVER_CACHE", str(tmp_path / "warm"))
    assert build_site(root, tmp_path / "before", content=content) == 0
    card = content / "strategies" / "blanket-burrito.en.md"
    _edit(card, "title: The blanket burrito", "title: The snug blanket burrito")
    _edit(card, "1. Spread the blanket flat", "1. Shake out the blanket, then spread it flat")
    assert build_site(root, tmp_path / "warm-site", content=content) == 0
    monkeypatch.setenv("CARRYOVER_CACHE", str(tmp_path / "cold"))
    assert build_site(root, tmp_path / "cold-site", content=content) == 0

    def files(site: Path) -> dict:
        return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    warm, cold = files(tmp_path / "warm-site"), files(tmp_path / "cold-site")
    assert warm.keys() == cold.keys()
    assert [name for name in warm if warm[name] != cold[name]] == []
    card_page = tmp_path / "warm-site" / "en" / "strategies" / "blanket-burrito" / "index.html"
    assert "The snug blanket burrito" in card_page.read_text(encoding="utf-8")
    handout = card_page.parent / "handout" / "index.html"
    assert "Shake out the blanket" in handout.read_text(encoding="utf-8")
    assert "Shake out the blanket" in records(tmp_path / "warm-site" / "en")["/strategies/blanket-burrito/"]["content"]
    before = files(tmp_path / "before")
    assert (
        before[Path("en/strategies/blanket-burrito/index.html")]
        != warm[Path("en/strategies/blanket-burrito/index.html")]
    )


def test_a_quiet_build_keeps_no_page_that_could_hide_a_warning(tmp_path, monkeypatch):
    """Under `mkdocs build --quiet` warnings reach no handler, so a page made then could
    carry a hidden warning: such a build keeps no page, and the next build still fails."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    monkeypatch.setenv("CARRYOVER_CACHE", str(tmp_path / "cache"))
    content = _copy_content(tmp_path)
    _edit(content / "strategies" / "blanket-burrito.en.md", "## Steps\n", "## Steps\n\nSee [the chart](../nope.md).\n")
    env = dict(os.environ, CARRYOVER_CONTENT=str(content), CARRYOVER_LANG="en", NO_MKDOCS_2_WARNING="1")
    quiet = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(tmp_path / "quiet")]
    subprocess.run(quiet, cwd=root, env=env, check=False, capture_output=True)
    assert build_site(root, tmp_path / "site", content=content) == 1
