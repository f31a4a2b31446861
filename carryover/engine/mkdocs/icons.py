"""The icon set routines name (``icon: bathtub``): Material Design icons, as shipped inside
mkdocs-material (Apache-2.0). The engine that draws them on the site supplies them."""

from __future__ import annotations

from pathlib import Path

import material


def icons_dir() -> Path | None:
    path = Path(material.__file__).parent / "templates" / ".icons" / "material"
    return path if path.is_dir() else None
