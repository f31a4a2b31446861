"""What a built language site's Pagefind index holds, read back from its files: one record
per indexed page (its address, text, metadata), for tests that check what search can find."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

HEADER = b"pagefind_dcd"  # what each fragment file starts with, once unpacked


def records(language_site: Path) -> dict[str, dict]:
    """Address -> record (``content``, ``meta``), for every page in the language's index."""
    found = {}
    for path in sorted((language_site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(HEADER), path
        record = json.loads(data[len(HEADER) :])
        found[record["url"]] = record
    return found


def entry(language_site: Path) -> dict:
    return json.loads((language_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
