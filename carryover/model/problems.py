"""Problems found in content, reported compiler-style (file:line: field: message)."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an author must fix (or, for warnings, should look at)."""

    path: str
    line: int
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "warning: " if self.severity == "warning" else ""
        subject = f"{self.field}: " if self.field else ""
        return f"{where}: {prefix}{subject}{self.message}"


@dataclass
class Problems:
    """Collects every problem instead of stopping at the first, so one run shows them all."""

    root: Path | None = None
    items: list[Problem] = field(default_factory=list)
    # Files that could not be read at all: their errors come first, since what follows
    # from them (a link to the page they hold) is often only a consequence.
    root_causes: set[str] = field(default_factory=set)

    def _rel(self, path: Path | str) -> str:
        p = Path(path)
        if self.root is not None:
            try:  # not resolve(): a symlink (or a loop of them) is named where it is, not where it leads
                return Path(os.path.abspath(p)).relative_to(os.path.abspath(self.root)).as_posix()
            except ValueError:
                pass
        return p.as_posix()

    def error(self, path: Path | str, line: int, fld: str, message: str) -> None:
        self.items.append(Problem(self._rel(path), line, fld, message))

    def warning(self, path: Path | str, line: int, fld: str, message: str) -> None:
        self.items.append(Problem(self._rel(path), line, fld, message, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return sorted(
            (p for p in self.items if p.severity == "error"), key=lambda p: (p.path not in self.root_causes, p)
        )

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == "warning")

    def __bool__(self) -> bool:
        return bool(self.errors)


def did_you_mean(value: str, allowed: Iterable[str]) -> str:
    """A "; did you mean 'x'?" suffix when a close match exists, else ""."""
    match = difflib.get_close_matches(str(value), list(allowed), n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


def not_allowed(kind: str, value: object, allowed: Iterable[str]) -> str:
    """The standard message for a value outside a vocabulary, with a did-you-mean."""
    names = sorted(allowed)
    shown = ", ".join(names) if len(names) <= 15 else ", ".join(names[:15]) + ", …"
    return f"'{value}' is not {kind} (allowed: {shown}{did_you_mean(str(value), names)})"
