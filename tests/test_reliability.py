"""Issue 13, item by item: hostile or careless input never reaches a reader, never ends in a
traceback, and `carryover check` says what the build would say. Plain Python, no build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from small_library import EN, ES, messages

from carryover.check.library import check_library, load_library, notes
from carryover.engine.mkdocs.build import build_site, engine_messages
from carryover.model.library import Library
from carryover.model.problems import Problems
from carryover.model.source import parse_yaml
from carryover.render.common import md_text
from carryover.render.pages import render_card, render_routine
from carryover.sanitize import clean_html, find_unsafe_markup, safe_url

ROOT = Path(__file__).resolve().parent.parent


def edit(content: Path, name: str, old: str, new: str) -> None:
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_check(content: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "carryover", "--content", str(content), "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


# ---- 1, 2: the sanitiser and the check that tells authors -------------------------------

BODY_PAYLOADS = [
    ("script", "<script>alert(1)</script>"),
    ("event on the next line", '<img src="x.png"\n onerror="alert(1)">'),
    ("svg slash onload", "<svg/onload=alert(1)>"),
    ("entity-encoded javascript", '<a href="javascript&#58;alert(1)">x</a>'),
    ("tab inside javascript", '<a href="java\tscript:alert(1)">x</a>'),
    ("markdown javascript link", "[x](javascript:alert(1))"),
    ("markdown entity link", "[x](javascript&#58;alert(1))"),
    ("data link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    ("vbscript link", '<a href="vbscript:msgbox(1)">x</a>'),
    ("reference-style link", "[x][1]\n\n[1]: javascript:alert(1)"),
    ("autolink", "<javascript:alert(1)>"),
    ("iframe", '<iframe src="https://example.org"></iframe>'),
    ("style attribute", '<p style="background:url(javascript:alert(1))">x</p>'),
    ("form", '<form action="https://example.org"><button>Go</button></form>'),
]


@pytest.mark.parametrize(("name", "payload"), BODY_PAYLOADS, ids=[p[0] for p in BODY_PAYLOADS])
def test_every_unsafe_body_shape_is_an_error_naming_its_line(content, name, payload):
    edit(content, EN, "Firm pressure feels calming.", f"Firm pressure feels calming.\n\n{payload}")
    errors = messages(content)
    assert errors, f"{name}: accepted"
    assert all(e.startswith(f"content/{EN}:") and ": body: " in e for e in errors), errors
    assert any("not allowed in content" in e for e in errors), errors


@pytest.mark.parametrize(("name", "payload"), BODY_PAYLOADS, ids=[p[0] for p in BODY_PAYLOADS])
def test_the_sanitiser_removes_every_unsafe_shape(name, payload):
    import markdown

    html = clean_html(markdown.markdown(payload, extensions=["attr_list", "md_in_html"]))
    lowered = html.lower()
    for bad in ("<script", "onerror", "onload", "javascript", "vbscript", "data:", "<iframe", "<form", "style="):
        assert bad not in lowered, f"{name}: {html}"


def test_the_sanitiser_keeps_what_pages_need():
    html = (
        '<h2 id="steps">Steps<a class="headerlink" href="#steps" title="Permanent link">#</a></h2>'
        '<div class="admonition warning" lang="en"><p class="admonition-title">Note</p></div>'
        '<span class="twemoji"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M1 2"></path>'
        '</svg></span><!--co:0123456789abcdef--><a href="../../strategies/x/">x</a><a href="https://a.org/">a</a>'
    )
    assert clean_html(html) == html


def test_safe_url_allows_web_mail_phone_and_relative_only():
    assert safe_url("https://doi.org/10.1/x") and safe_url("mailto:a@b.org") and safe_url("tel:+34123")
    assert safe_url("../../strategies/x/") and safe_url("#steps")
    for url in ("javascript:alert(1)", "JaVaScRiPt:x", "java&#x09;script:x", " data:text/html,x", "vbscript:x"):
        assert safe_url(url) is None, url


def test_find_unsafe_markup_gives_the_line_of_the_tag():
    assert find_unsafe_markup("text\n\n<img src=x\n onerror=alert(1)>") == [
        (2, "an event attribute 'onerror=' on <img>")
    ]


FIELD_PAYLOADS = ['"><svg onload=alert(1)>', "<script>alert(1)</script>", "&lt;script&gt;", "&#106;avascript"]


@pytest.mark.parametrize("payload", FIELD_PAYLOADS)
@pytest.mark.parametrize(
    ("name", "field", "old"),
    [
        (EN, "title", "title: Pillow squeeze"),
        (EN, "summary", "summary: A gentle squeeze with a pillow helps a busy body calm down."),
        (EN, "materials", "  - A big pillow"),
        (EN, "keywords", "keywords: [squeeze, calm down]"),
        (ES, "title", "title: Apretón con cojín"),
    ],
)
def test_html_in_a_text_field_is_an_error_with_its_field(content, name, field, old, payload):
    quoted = payload.replace("\\", "\\\\").replace('"', '\\"')
    new = {
        "materials": f'  - "{quoted}"',
        "keywords": f'keywords: [squeeze, "{quoted}"]',
    }.get(field, f'{field}: "{quoted}"')
    edit(content, name, old, new)
    errors = messages(content)
    assert any(f"{name}:" in e and f": {field}: must be plain text" in e for e in errors), errors


def test_html_in_a_routine_step_label_is_an_error(content):
    edit(content, "routines/bedtime.en.md", "{label: Bath,", '{label: "<b onclick=x>Bath</b>",')
    assert any("steps.0.label: must be plain text" in e for e in messages(content))


def test_taxonomy_labels_and_references_are_checked(content):
    edit(content, "taxonomy.yml", "label: Sensory regulation", 'label: "<img src=x onerror=alert(1)>"')
    text = (content / "references.yml").read_text(encoding="utf-8")
    first_doi = next(line for line in text.splitlines() if line.strip().startswith("doi:"))
    edit(content, "references.yml", first_doi, "  url: javascript:alert(1)")
    errors = messages(content)
    assert any("taxonomy.yml:" in e and "categories.sensory.en.label: must be plain text" in e for e in errors)
    assert any("references.yml:" in e and ".url: 'javascript:alert(1)' must be a web address" in e for e in errors)


def test_md_text_shows_markup_as_typed():
    import markdown

    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "toc", "pymdownx.emoji"])
    text = "A & <b>B</b> *x* [y](javascript:z) {: onclick=1} :smile: 3-5."
    assert (
        md.convert(md_text(text))
        == "<p>A &amp; &lt;b&gt;B&lt;/b&gt; *x* [y](javascript:z) {: onclick=1} :smile: 3-5.</p>"
    )


def test_front_matter_reaches_the_page_escaped_even_where_check_is_bypassed(content):
    """The renderers escape on their own: a library whose checks were skipped still
    renders text fields as text (the published site is safe where a check misses)."""
    edit(content, EN, "title: Pillow squeeze", 'title: "Squeeze <script>alert(1)</script>"')
    edit(content, EN, "  - A big pillow", '  - "<img src=x onerror=alert(1)>"')
    library = load_library(content)
    page = render_card(library.cards["squeeze"], "en", library)
    markdown_text = page.markdown.split("---\n", 2)[2]
    assert "<script>" not in markdown_text and "<img src=x" not in markdown_text
    assert "&lt;script&gt;" in markdown_text and "&lt;img src=x onerror=alert" in markdown_text


# ---- 4: ids that would replace generated pages ----------------------------------------------


def test_an_id_index_is_refused(content):
    for lang in ("en", "es"):
        path = content / f"strategies/squeeze.{lang}.md"
        path.write_text(path.read_text(encoding="utf-8").replace("id: squeeze", "id: index"), encoding="utf-8")
        path.rename(content / f"strategies/index.{lang}.md")
    errors = messages(content)
    assert errors[0].startswith(
        "content/strategies/index.en.md:2: id: 'index' is the address of a page the build makes"
    )


def test_an_alias_index_is_refused(content):
    edit(content, EN, "sources: []", "sources: []\naliases: [index]")
    assert any("aliases: 'index' is the address of a page the build makes" in e for e in messages(content))


def test_an_id_or_alias_page_is_refused(content):
    """strategies/page/2/ … are the library's pages after the first."""
    for lang in ("en", "es"):
        path = content / f"signs/sensory-regulation.{lang}.md"
        path.write_text(
            path.read_text(encoding="utf-8").replace("id: sensory-regulation", "id: page"), encoding="utf-8"
        )
        path.rename(content / f"signs/page.{lang}.md")
    edit(content, EN, "sources: []", "sources: []\naliases: [page]")
    errors = messages(content)
    assert (
        "content/signs/page.en.md:2: id: 'page' is the address of a page the build makes (signs/page/2/); "
        "choose another id" in errors
    ), errors
    assert any(
        "aliases: 'page' is the address of a page the build makes (strategies/page/2/); an old address cannot take it"
        in e
        for e in errors
    ), errors


# ---- 5: messages, not tracebacks ----------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda c: (c / "taxonomy.yml").unlink(),
            "content/taxonomy.yml: the taxonomy (content/taxonomy.yml) is missing",
        ),
        (
            lambda c: (c / "taxonomy.yml").write_text(""),
            "content/taxonomy.yml:1: the taxonomy (content/taxonomy.yml) is empty",
        ),
        (lambda c: (c / "taxonomy.yml").write_text("categories: [\n"), "content/taxonomy.yml:2: not valid YAML"),
        (lambda c: (c / "taxonomy.yml").write_text("- a\n"), "must be a set of 'key: value' entries"),
        (lambda c: (c / "references.yml").unlink(), "content/references.yml: the list of sources"),
        (
            lambda c: (c / "references.yml").write_text("x: {year: 2020}\n"),
            "content/references.yml:1: x.authors: is missing",
        ),
    ],
    ids=[
        "taxonomy missing",
        "taxonomy empty",
        "taxonomy invalid",
        "taxonomy a list",
        "refs missing",
        "refs no authors",
    ],
)
def test_broken_data_files_get_a_message(content, change, expected):
    change(content)
    run = run_check(content)
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert expected in run.stdout, run.stdout


def test_a_misspelt_spanish_heading_is_one_clear_error(content):
    edit(content, ES, "## Pasos", "## Pasoss")
    run = run_check(content)
    assert "Traceback" not in run.stdout + run.stderr
    errors = [line for line in run.stdout.splitlines() if ": body: " in line]
    assert any("unknown heading '## Pasoss'; did you mean 'Pasos'?" in e for e in errors), errors
    assert not any("steps here but" in e for e in errors), "a follow-on of the missing heading"


def test_cards_that_are_symlinks_to_each_other_are_reported(content):
    (content / EN).unlink()
    (content / EN).symlink_to("loop.en.md")
    (content / "strategies" / "loop.en.md").symlink_to("squeeze.en.md")
    run = run_check(content)
    assert "Traceback" not in run.stdout + run.stderr
    assert f"content/{EN}: a link (symlink) to a file that does not exist" in run.stdout


def test_a_yaml_alias_bomb_is_an_error_not_a_memory_error(content):
    bomb = "lol: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"l{i}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    edit(content, EN, "category: sensory\n", "category: sensory\n" + bomb)
    assert messages(content) == [
        f"content/{EN}:6: YAML anchors and aliases ('&name' and '*name') are not allowed; write the value out"
    ]


def test_an_unwritable_output_folder_is_a_message(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert build_site(ROOT, blocker / "site") == 1
    err = capsys.readouterr().err
    assert "cannot write beside" in err and "Traceback" not in err


# ---- 6: engine errors are shown -------------------------------------------------------------


def test_notes_pass_through_the_engine_output():
    out = "INFO    -  Building documentation...\nINFO    -  [carryover note] content/x.en.md: note: stale\n"
    assert engine_messages(out) == "note: content/x.en.md: note: stale"


# ---- 7: check and the build agree -----------------------------------------------------------


def test_check_fails_on_what_the_strict_build_stops_on(content):
    long = " ".join(["Notwithstanding considerable physiological heterogeneity, interventions necessitate"] * 12)
    edit(content, EN, "Firm pressure feels calming.", long + ".")
    library = load_library(content)
    check_library(library)
    assert any("reading level" in str(p) for p in library.problems.warnings)
    run = run_check(content)
    assert run.returncode == 1, run.stdout
    assert "warning: body: reading level" in run.stdout


def test_a_link_to_a_missing_anchor_or_file_is_an_error(content):
    edit(
        content,
        EN,
        "Firm pressure feels calming.",
        "Firm pressure feels calming. See [step 2](../../strategies/squeeze/#step-2), [x](#nowhere) "
        "and ![a picture](../assets/images/missing.png).",
    )
    errors = messages(content)
    assert any("link to a missing place on this page: '#nowhere'" in e for e in errors), errors
    assert any("link to a missing file: '../assets/images/missing.png'" in e for e in errors), errors
    assert not any("step-2" in e for e in errors), "step 2 exists"
    edit(content, EN, "#step-2", "#step-9")
    assert any("'#step-9' is not an anchor on that page" in e for e in messages(content))


def test_a_link_to_a_content_file_is_an_error(content):
    """Data and page sources are not published: the engine would warn, so check says so first."""
    edit(content, EN, "Firm pressure feels calming.", "Firm pressure feels calming. See [the list](../taxonomy.yml).")
    assert any("'../taxonomy.yml' links to a content file, which is not published" in e for e in messages(content))


# ---- 8: caches ---------------------------------------------------------------------------------


def test_the_parsed_file_cache_follows_the_locale_files():
    from carryover.model import library as library_module

    names = {p.name for p in library_module.PARSER_CODE}
    assert {"en.yml", "es.yml", "schema.py", "source.py"} <= names


# ---- 9: routine pages draw their icons ------------------------------------------------------------


def test_routine_steps_use_markdown_the_icons_extension_reads(content):
    library = load_library(content)
    page = render_routine(library.routines["bedtime"], "en", library)
    assert '<ol class="co-schedule-steps" markdown="1">' in page.markdown
    assert '<li markdown="span">' in page.markdown


# ---- 10: silent acceptance --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("ages: {from: 2, to: 8}", "ages: {from: 2, to: 8, from: 9}", "'from' is given twice"),
        ("time: 5", "time: true", "time: must be a whole number (found True)"),
        ("time: 5", "time: 5\ntime: 6", "content/strategies/squeeze.en.md:12: 'time' is given twice (also on line 11)"),
    ],
)
def test_yaml_that_would_be_silently_misread_is_an_error(content, old, new, expected):
    edit(content, EN, old, new)
    assert any(expected in e for e in messages(content)), messages(content)


def test_files_that_would_be_skipped_are_reported(content):
    (content / "strategies" / "old").mkdir()
    (content / "strategies" / "draft.markdown").write_text("x", encoding="utf-8")
    (content / "strategies" / "Draft.en.MD").write_text("x", encoding="utf-8")
    errors = messages(content)
    assert "content/strategies/old: folders inside content/strategies/ are not read" in " ".join(errors)
    assert sum("this file is not read" in e for e in errors) == 2


# ---- 11: the root cause first ------------------------------------------------------------------


def test_a_broken_card_is_reported_alone_not_in_every_page_that_links_to_it(content):
    edit(content, EN, "title: Pillow squeeze", "title: [oops")
    edit(content, "routines/bedtime.en.md", "## What helps", "## What helps\n\nTry [this](../../strategies/squeeze/).")
    errors = messages(content)
    assert errors[0].startswith(f"content/{EN}:")
    assert not any("unknown page" in e for e in errors), errors


# ---- 13: stale translations -------------------------------------------------------------------------


def test_a_stale_translation_is_listed_and_shows_a_notice(content):
    library = load_library(content)
    stale = [line for line in notes(library) if "may be out of date" in line]
    assert any(ES in line for line in stale), notes(library)
    page = render_card(library.cards["squeeze"], "es", library)
    assert "Puede que esta traducción no esté al día" in page.markdown
    assert "Puede que esta traducción" not in render_card(library.cards["squeeze"], "en", library).markdown


def test_a_synced_translation_shows_no_notice(content):
    subprocess.run([sys.executable, "-m", "carryover", "--content", str(content), "sync", "squeeze"], check=True)
    library = load_library(content)
    assert "Puede que esta traducción" not in render_card(library.cards["squeeze"], "es", library).markdown


# ---- YAML limits ------------------------------------------------------------------------------------


def test_parse_yaml_refuses_duplicate_keys_with_their_line():
    from carryover.model.source import YamlProblem

    with pytest.raises(YamlProblem) as info:
        parse_yaml("a: 1\nb: 2\na: 3\n")
    assert info.value.line == 3


def test_problems_name_a_symlink_where_it_is(tmp_path):
    problems = Problems(root=tmp_path)
    link = tmp_path / "content" / "x.md"
    link.parent.mkdir()
    link.symlink_to("/nonexistent")
    problems.error(link, 0, "", "m")
    assert str(problems.items[0]) == "content/x.md: m"


def test_library_is_importable_without_the_engine():
    code = "import sys, carryover.check.library, carryover.render.pages; assert 'mkdocs' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=dict(os.environ))
    assert Library  # the model is usable on its own


def test_a_card_with_the_former_ask_heading_still_reads(content):
    """The heading became "When to ask a therapist or your child's doctor" (families without a
    therapist read it too); a clinic's cards written with the old one keep working."""
    for name, old, new in (
        (EN, "## When to ask a therapist or your child's doctor", "## When to ask your therapist"),
        (ES, "## Cuándo consultar a un terapeuta o al médico", "## Cuándo consultar a tu terapeuta"),
    ):
        path = content / name
        text = path.read_text(encoding="utf-8")
        if new not in text:
            path.write_text(text.replace(old, new), encoding="utf-8")
    assert "## When to ask your therapist" in (content / EN).read_text(encoding="utf-8")
    library = load_library(content)
    assert messages(content) == []
    page = render_card(library.cards["squeeze"], "en", library)
    assert "## When to ask a therapist or your child's doctor" in page.markdown
