"""What one build shares, passed explicitly: the engine's icon set, and the tables kept in the
build's cache (QR codes, reading levels, parsed files). A build makes one ``BuildContext``
(the command line for `carryover check`, the engine adapter for a site) and hands it on;
no module keeps a build's state in a global, so two builds in one process never mix."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from carryover.cache import KeptTable


@dataclass
class BuildContext:
    # Where the icons named in routines are (one SVG per name), from the engine's theme;
    # None: icon names are not checked and paper pages draw no icons (plain unit tests).
    icons_dir: Path | None = None
    tables: dict[str, KeptTable] = field(default_factory=dict)
    # Where the HTML fragments are looked up before the engine-free defaults, first one first:
    # the clinic's own folder (when it has one), then the engine's (see carryover.render.fragments).
    fragment_dirs: tuple[Path, ...] = ()

    def table(self, name: str) -> KeptTable:
        """The kept table ``name`` (a JSON file in the cache), read once per build."""
        return self.tables.setdefault(name, KeptTable(name))

    def icon_svg(self, name: str) -> str:
        """The icon ``name`` as SVG markup, or "" without an icon set."""
        if self.icons_dir is None:
            return ""
        return (self.icons_dir / f"{name}.svg").read_text(encoding="utf-8")
