"""carryover/model/review.py: "Reviewed by" is a claim with a name, and a clinic's policy about it."""

from __future__ import annotations

import datetime as dt

import pytest

from carryover.model.problems import Problems
from carryover.model.review import (
    DEFAULT_REVIEW_MONTHS,
    Reviewer,
    ReviewPolicy,
    load_review_policy,
    review_due,
    review_state,
)
from carryover.model.schema import PageMeta

D = dt.date
ANA = Reviewer("a-garcia", "Ana García", "OTR/L", organisation="Clínica Ejemplo")


def page(reviewer: str | None) -> PageMeta:
    return PageMeta(id="a", title="A", summary="S", reviewed=D(2024, 3, 10), reviewer=reviewer)


@pytest.mark.parametrize(
    ("reviewed", "today", "months", "due"),
    [
        (D(2024, 3, 10), D(2026, 3, 9), 24, False),
        (D(2024, 3, 10), D(2026, 3, 10), 24, True),  # due on the day, not the day after
        (D(2024, 11, 5), D(2025, 2, 5), 3, True),  # across a year end
        (D(2024, 11, 5), D(2025, 2, 4), 3, False),
        (D(2025, 1, 31), D(2025, 2, 28), 1, True),  # a month after the 31st is the 28th: no invalid date
        (D(2025, 1, 31), D(2025, 2, 27), 1, False),
    ],
)
def test_a_review_falls_due_after_its_months(reviewed, today, months, due):
    assert review_due(reviewed, today, months) is due


def test_a_page_is_reviewed_only_by_someone_the_library_names():
    """A reviewer key that is not in reviewers.yml must not print "Reviewed by"."""
    policy = ReviewPolicy(reviewers={"a-garcia": ANA}, months=24)
    today = D(2025, 1, 1)
    assert review_state(page("a-garcia"), policy, today) == "reviewed"
    assert review_state(page("someone-else"), policy, today) == "unreviewed"
    assert review_state(page(None), policy, today) == "unreviewed"
    assert review_state(page("a-garcia"), policy, D(2026, 3, 10)) == "overdue"


def policy_from(tmp_path, text: str) -> tuple[ReviewPolicy, list[str]]:
    path = tmp_path / "reviewers.yml"
    path.write_text(text, encoding="utf-8")
    problems = Problems(root=tmp_path)
    return load_review_policy(path, problems), [str(p) for p in problems.items]


def test_no_reviewers_file_names_no_reviewer(tmp_path):
    policy = load_review_policy(tmp_path / "reviewers.yml", Problems())
    assert policy == ReviewPolicy() and policy.months == DEFAULT_REVIEW_MONTHS and not policy.required


def test_a_valid_reviewers_file_is_read(tmp_path):
    policy, problems = policy_from(
        tmp_path,
        "required: true\nmonths: 12\nreviewers:\n  a-garcia:\n    name: Ana García\n    credential: OTR/L\n"
        "    registration: '12345'\n    url: https://example.org/ana\n",
    )
    assert problems == []
    assert policy.required and policy.months == 12
    assert policy.reviewers["a-garcia"] == Reviewer(
        "a-garcia", "Ana García", "OTR/L", registration="12345", url="https://example.org/ana"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("require: true\n", "reviewers.yml:1: require: 'require' is not a setting here"),
        ("required: yes please\n", "reviewers.yml:1: required: must be true or false"),
        ("months: 0\n", "reviewers.yml:1: months: must be a whole number of months from 1 to 120 (found 0)"),
        ("months: true\n", "reviewers.yml:1: months: must be a whole number of months from 1 to 120 (found True)"),
        ("reviewers: [ana]\n", "reviewers.yml:1: reviewers: must be a set of"),
        (
            "reviewers:\n  ana: {credential: OTR, organisation: X}\n",
            "reviewers.yml:2: reviewers.ana.name: is required",
        ),
        ("reviewers:\n  ana: {name: Ana, credential: OTR}\n", "reviewers.yml:2: reviewers.ana: needs an organisation"),
        (
            "reviewers:\n  ana: {name: Ana, credential: OTR, organisation: X, url: 'javascript:alert(1)'}\n",
            "reviewers.yml:2: reviewers.ana.url: must be a web address starting with https://",
        ),
        (
            "reviewers:\n  ana: {name: <b>Ana</b>, credential: OTR, organisation: X}\n",
            "reviewers.yml:2: reviewers.ana.name: must be plain text",
        ),
        (
            "reviewers:\n  ana:\n    name: Ana\n    credential: OTR\n    organisation: X\n    phone: '1'\n",
            "reviewers.yml:6: reviewers.ana.phone: 'phone' is not a field",
        ),
    ],
)
def test_each_mistake_in_the_reviewers_file_is_reported_at_its_line(tmp_path, text, expected):
    """A reviewer's credential is printed on handouts: every field must be checked, with its line."""
    policy, problems = policy_from(tmp_path, text)
    assert len(problems) == 1 and problems[0].startswith(expected), problems
    assert policy.months in range(1, 121) and isinstance(policy.required, bool)


def test_a_broken_setting_falls_back_to_the_default(tmp_path):
    policy, _ = policy_from(tmp_path, "required: maybe\nmonths: 500\n")
    assert policy.required is False and policy.months == DEFAULT_REVIEW_MONTHS
