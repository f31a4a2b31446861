"""What pages need to know about the site itself: where it lives and who runs it."""

from __future__ import annotations

from dataclasses import dataclass, field

# Most strategies a home program may hold: fewer are followed more often.
BUNDLE_CAP = 4


@dataclass(frozen=True)
class SiteSettings:
    root_url: str = "http://127.0.0.1:8000/"
    site_name: str = "Carryover"
    clinic: dict = field(default_factory=dict)

    def page_url(self, lang: str, path: str) -> str:
        """The absolute address of a page, for QR codes, previews and shared links."""
        return f"{self.root_url}{lang}/{path}"
