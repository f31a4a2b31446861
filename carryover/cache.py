"""The build's cache folder: results that cost time and depend only on their inputs
(images, the web font, reading levels, staged pages), kept between builds."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Sequence
from importlib.metadata import version
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


def read_pickle(path: Path) -> object | None:
    """What an earlier build of this project pickled into its own cache (never a file from
    elsewhere), or None when missing or unreadable: a stale or broken cache only makes a
    slower build."""
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # missing, truncated, or pickled by other code
        return None


def load_pickle(name: str) -> dict:
    """A table kept in the cache by ``save_pickle``; empty when missing or unreadable."""
    data = read_pickle(cache_dir() / name)
    return data if isinstance(data, dict) else {}


def save_pickle(name: str, table: dict) -> None:
    dump_pickle(cache_dir() / name, table)


def dump_pickle(path: Path, value: object) -> None:
    """Pickle ``value`` into ``path`` atomically, streamed (a large result is never
    held twice in memory, as pickled bytes beside the objects)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as out:
        pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)


def package_versions(*names: str) -> dict[str, str]:
    """The installed versions of ``names``: part of what a kept result was made with."""
    return {name: version(name) for name in names}


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


class KeptFiles:
    """Values kept one file per key in a folder of the cache (a rendered page by a hash
    of everything it is made from): read when asked for, written when given, and pruned
    to the keys of the last complete build.

    One file a value, not one table: a build reads only what it needs, a rebuild after
    one edit writes only what changed, and nothing is held in memory."""

    def __init__(self, folder: str):
        self.folder = cache_dir() / folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.used: set[str] = set()

    def get(self, key: str) -> dict | None:
        """The value kept for ``key``, or None (missing or unreadable: then computed again)."""
        try:
            value = json.loads((self.folder / f"{key}.json").read_bytes())
        except (OSError, ValueError):
            return None
        self.used.add(key)
        return value if isinstance(value, dict) else None

    def put(self, key: str, value: dict) -> None:
        write_atomically(self.folder / f"{key}.json", json.dumps(value, ensure_ascii=False).encode("utf-8"))
        self.used.add(key)

    def prune(self, complete: bool) -> None:
        """After a complete build (every value asked for), remove the values it did not use."""
        if complete:
            for path in self.folder.glob("*.json"):
                if path.stem not in self.used:
                    path.unlink(missing_ok=True)


def fingerprint(*parts: object, files: Sequence[Path] = ()) -> str:
    """A short hash of ``parts`` (as JSON) and the bytes of ``files``: what a kept value
    was made from. Any change to any of them gives another key."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8"))
    for path in sorted(files):
        digest.update(str(path).encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()
