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
