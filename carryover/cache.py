"""The build's cache folder: results that cost time and depend only on their inputs
(images, the web font, reading levels, staged pages), kept between builds."""

from __future__ import annotations

import json
import os
from pathlib import Path


def cache_dir() -> Path:
    """``.cache/carryover`` in the working folder, or ``CARRYOVER_CACHE``."""
    path = Path(os.environ.get("CARRYOVER_CACHE", Path.cwd() / ".cache" / "carryover"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file: a build running beside this one (the other
    language) never reads half a file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def load_json(name: str) -> dict:
    """A small JSON table from the cache; empty when missing or unreadable."""
    try:
        data = json.loads((cache_dir() / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_json(name: str, table: dict) -> None:
    write_atomically(cache_dir() / name, json.dumps(table, sort_keys=True).encode("utf-8"))


class KeptTable:
    """Values that cost time and depend only on their key (a QR code by its address, a
    reading level by its text), kept between builds as one JSON table in the cache.

    Read once; written only when a value was new, and then with only the keys used
    since the last ``save``, so the table follows the library instead of growing."""

    def __init__(self, name: str):
        self.name = name
        self._known: dict | None = None
        self._used: dict = {}
        self._new = False

    def get(self, key: str, compute):
        """The value kept for ``key``, or ``compute()`` (then kept)."""
        if self._known is None:
            self._known = load_json(self.name)
        if key not in self._known:
            self._known[key] = compute()
            self._new = True
        self._used[key] = self._known[key]
        return self._known[key]

    def save(self) -> None:
        """Write the keys used since the last save, if any value was new; start afresh."""
        if self._new:
            save_json(self.name, self._used)
            self._new = False
        self._used = {}

