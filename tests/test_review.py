"""A review is a claim with a name (issue 14, item 1): "Reviewed by" only with a named
reviewer, "Last updated" otherwise; mandatory review where a clinic asks for it."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from small_library import EN, messages

from carryover.check.library import load_library
from carryover.model.settings import SiteSettings
from carryover.render.common import format_date
from carryover.render.pages import render_card
from carryover.render.paper import render_handout

ROOT = Path(__file__).resolve().parent.parent

REVIEWERS = """required: false
months: 24
reviewers:
  a-garcia:
    name: Ana García
    credential: OTR/L
    organisation: Clínica Ejemplo
"""


def cli(content: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "carryover", "--content", str(content), *args], capture_output=True, text=True, cwd=ROOT
    )


def set_reviewer(content: Path, key: str, date: str = "2026-01-15") -> None:
    path = content / EN
    text = path.read_text(encoding="utf-8").replace("reviewed: 2026-01-15", f"reviewed: {date}\nreviewer: {key}")
    path.write_text(text, encoding="utf-8")


def test_the_starter_library_claims_no_review_anywhere(site, library):
    claims = []
    for path in site.rglob("*.html"):
        text = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ")
        for claim in ("Reviewed:", "Reviewed by", "Revisado:", "Revisado por"):
            if claim in text:
                claims.append(f"{path.relative_to(site)}: {claim}")
    assert not claims, claims[:10]
    card = (site / "en" / "strategies" / "blanket-burrito" / "index.html").read_text(encoding="utf-8")
    day = library.cards["blanket-burrito"].meta.reviewed
    assert f"Last updated {format_date(day, 'en')}" in card
    es = (site / "es" / "strategies" / "blanket-burrito" / "handout" / "index.html").read_text(encoding="utf-8")
    assert f"Última actualización: {format_date(day, 'es')}" in es


def test_a_named_reviewer_is_printed_on_the_page_and_the_handout_in_both_languages(content):
    (content / "reviewers.yml").write_text(REVIEWERS, encoding="utf-8")
    set_reviewer(content, "a-garcia")
    library = load_library(content)
    assert messages(content) == []
    card = library.cards["squeeze"]
    assert "Reviewed by Ana García, OTR/L, on 15 January 2026" in render_card(card, "en", library).markdown
    assert "Revisado por Ana García, OTR/L, el 15 de enero de 2026" in render_card(card, "es", library).markdown
    assert (
        "Reviewed by Ana García, OTR/L, on 15 January 2026" in render_handout(card, "en", library, SiteSettings()).body
    )


def test_an_unknown_reviewer_is_an_error_with_its_line(content):
    (content / "reviewers.yml").write_text(REVIEWERS, encoding="utf-8")
    set_reviewer(content, "a-garcis")
    assert messages(content) == [
        f"content/{EN}:16: reviewer: 'a-garcis' is not a reviewer in content/reviewers.yml (allowed: a-garcia; "
        "did you mean 'a-garcia'?)"
    ]


def test_a_reviewer_without_a_reviewers_file_is_an_error(content):
    set_reviewer(content, "a-garcia")
    assert any("reviewer: 'a-garcia' is not in content/reviewers.yml" in e for e in messages(content))


def test_a_review_date_in_the_future_is_an_error(content):
    (content / "reviewers.yml").write_text(REVIEWERS, encoding="utf-8")
    set_reviewer(content, "a-garcia", (dt.date.today() + dt.timedelta(days=3)).isoformat())
    assert any("reviewed: " in e and "is in the future" in e for e in messages(content))


def test_a_reviewer_needs_a_name_a_credential_and_who_vouches(content):
    (content / "reviewers.yml").write_text("reviewers:\n  x:\n    name: Someone\n", encoding="utf-8")
    errors = messages(content)
    assert "content/reviewers.yml:2: reviewers.x.credential: is required" in " ".join(errors)
    assert any("needs an organisation or a registration" in e for e in errors)


def test_mandatory_review_stops_check_and_the_build_naming_the_file(content):
    (content / "reviewers.yml").write_text(REVIEWERS.replace("required: false", "required: true"), encoding="utf-8")
    errors = messages(content)
    assert any(e.startswith(f"content/{EN}:") and "requires every page to be reviewed" in e for e in errors)
    assert any(e.startswith("content/routines/bedtime.en.md:") for e in errors)
    run = cli(content, "check")
    assert run.returncode == 1 and "requires every page to be reviewed" in run.stdout


def test_mandatory_review_rejects_an_overdue_review(content):
    (content / "reviewers.yml").write_text(
        REVIEWERS.replace("required: false", "required: true").replace("months: 24", "months: 6"), encoding="utf-8"
    )
    set_reviewer(content, "a-garcia", "2020-01-15")
    assert any(e.startswith(f"content/{EN}:") and "older than 6 months" in e for e in messages(content))


def test_status_lists_unreviewed_and_overdue_pages(content):
    (content / "reviewers.yml").write_text(REVIEWERS, encoding="utf-8")
    set_reviewer(content, "a-garcia", "2020-01-15")
    out = cli(content, "status").stdout
    squeeze = [line for line in out.splitlines() if line.startswith("strategies/squeeze ")]
    assert squeeze and all("a-garcia" in line and "overdue" in line for line in squeeze)
    bedtime = [line for line in out.splitlines() if line.startswith("routines/bedtime ")]
    assert bedtime and all("unreviewed" in line for line in bedtime)
    assert "page(s) not reviewed by a named reviewer" in out.splitlines()[-1]
    assert "1 page(s) due for review" in out.splitlines()[-1]
