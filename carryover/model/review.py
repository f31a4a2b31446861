"""Who reviewed a page, and whether the library's review policy is met.

A review is a claim with a name: a page says "Reviewed by …" only when its ``reviewer:``
names someone in ``content/reviewers.yml``; otherwise it says "Last updated". A clinic can
make review mandatory there (``required: true``): an unreviewed or overdue page is then an
error of ``carryover check`` and of the build alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from carryover.model.problems import Problems
from carryover.model.schema import OriginalMeta
from carryover.model.source import open_data_file
from carryover.sanitize import unsafe_text

DEFAULT_REVIEW_MONTHS = 24
REVIEWER_FIELDS = ("name", "credential", "organisation", "registration", "url")


@dataclass(frozen=True)
class Reviewer:
    key: str
    name: str
    credential: str
    organisation: str = ""
    registration: str = ""
    url: str = ""


@dataclass(frozen=True)
class ReviewPolicy:
    """The reviewers a page may name, and whether every page must name one."""

    reviewers: dict[str, Reviewer] = field(default_factory=dict)
    required: bool = False
    months: int = DEFAULT_REVIEW_MONTHS


def review_due(reviewed: dt.date, today: dt.date, months: int) -> bool:
    """Whether a review made on ``reviewed`` is older than ``months`` on ``today``."""
    due_year, due_month = divmod(reviewed.month - 1 + months, 12)
    due = dt.date(reviewed.year + due_year, due_month + 1, min(reviewed.day, 28))
    return today >= due


def review_state(meta: OriginalMeta, policy: ReviewPolicy, today: dt.date) -> str:
    """'reviewed', 'overdue' (a named review older than the policy's months) or 'unreviewed'."""
    if not meta.reviewer or meta.reviewer not in policy.reviewers:
        return "unreviewed"
    return "overdue" if review_due(meta.reviewed, today, policy.months) else "reviewed"


def load_review_policy(path: Path, problems: Problems) -> ReviewPolicy:
    """``content/reviewers.yml``, checked; a library without the file names no reviewer."""
    if not path.exists():
        return ReviewPolicy()
    opened = open_data_file(path, problems, "the list of reviewers (content/reviewers.yml)")
    if opened is None:
        return ReviewPolicy()
    data, check = opened
    error = check.error

    for key in data:
        if key not in ("required", "months", "reviewers"):
            error((key,), f"'{key}' is not a setting here (settings: required, months, reviewers)")
    required = data.get("required", False)
    if not isinstance(required, bool):
        error(("required",), "must be true or false")
        required = False
    months = data.get("months", DEFAULT_REVIEW_MONTHS)
    if not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= 120:
        error(("months",), f"must be a whole number of months from 1 to 120 (found {months!r})")
        months = DEFAULT_REVIEW_MONTHS
    reviewers = {}
    entries = data.get("reviewers") or {}
    if not isinstance(entries, dict):
        error(("reviewers",), "must be a set of 'key: {name: …, credential: …}' entries")
        entries = {}
    for key, value in entries.items():
        if not isinstance(value, dict):
            error(("reviewers", key), "must be {name: …, credential: …, organisation: …}")
            continue
        for name in value:
            if name not in REVIEWER_FIELDS:
                error(("reviewers", key, name), f"'{name}' is not a field (fields: {', '.join(REVIEWER_FIELDS)})")
        texts = {name: value.get(name) for name in REVIEWER_FIELDS}
        for name in ("name", "credential"):
            text = texts[name]
            if not isinstance(text, str) or not text.strip():
                error(("reviewers", key, name), "is required: the person's name and credential, as they sign")
        if not (texts["organisation"] or texts["registration"]):
            error(("reviewers", key), "needs an organisation or a registration (who can vouch for the credential)")
        if texts["url"] and not str(texts["url"]).startswith(("https://", "http://")):
            error(("reviewers", key, "url"), "must be a web address starting with https://")
        for name, text in texts.items():
            why = unsafe_text(text) if isinstance(text, str) else None
            if why:
                error(("reviewers", key, name), why)
        reviewers[str(key)] = Reviewer(str(key), **{k: str(v or "") for k, v in texts.items()})
    return ReviewPolicy(reviewers=reviewers, required=required, months=months)
