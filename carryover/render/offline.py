"""Installable and offline: one web app manifest, app icons, an offline page and a service
worker per language, all made here without a site engine (the adapter only publishes them).

The worker (``templates/offline-worker.js``, plain JavaScript of our own) is scoped to its
language (``/<lang>/sw.js``). It keeps at install the site's stylesheet, script and fonts
and the offline page; on the next page opened, the home page, the home-program and
practice-log pages and the cards' index; and every page opened (a card with its handout),
network first, so a rebuilt page shows whenever there is a signal. Its cache is named by a version made from
what it keeps and the pages' sources: a new build installs a new worker, which takes over
on the next online visit and deletes the old caches.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from carryover.cache import fingerprint
from carryover.model.taxonomy import load_ui
from carryover.render.common import GeneratedPage
from carryover.render.fragments import ENGINE_FREE, Fragments
from carryover.render.images import PAPER, TEAL, cached_png, hex_color, svg_image
from carryover.render.sharing import tool_page

WORKER_TEMPLATE = Path(__file__).parent / "templates" / "offline-worker.js"
THEME_COLOR = hex_color(TEAL)
BACKGROUND_COLOR = hex_color(PAPER)
MANIFEST = "manifest.webmanifest"
WORKER = "sw.js"
OFFLINE_PAGE = "offline/"
# (path in the language's site, size, purpose): the sizes phones ask for, and one maskable
# icon (its picture inside the middle 80% circle that launchers may cut out).
ICONS = (
    ("assets/images/app-icon-192.png", 192, "any"),
    ("assets/images/app-icon-512.png", 512, "any"),
    ("assets/images/app-icon-maskable-512.png", 512, "maskable"),
)
# Kept at install, with the stylesheet, script and fonts the page has just loaded: the offline
# page; then, on the next page opened (not to weigh on a first visit), the rest of what works
# offline (paths from the language's root).
PRECACHED_PAGES = (OFFLINE_PAGE,)
KEPT_LATER = ("./", "bundle/", "log/", "assets/cards.json")


@dataclass(frozen=True)
class OfflineOutputs:
    page: GeneratedPage  # for the engine, like the other tool pages
    files: list[tuple[str, str | bytes]]  # finished: manifest, icons, worker


def offline_outputs(
    lang: str,
    site_name: str,
    logo: tuple[str, bytes],
    assets: Iterable[str],
    pages: Iterable[GeneratedPage],
    frags: Fragments = ENGINE_FREE,
) -> OfflineOutputs:
    """One language's offline page, manifest, icons and worker. ``logo`` is the site's logo
    (file name, bytes), ``assets`` the paths of the files every page loads (kept at install),
    ``pages`` the language's pages (their sources name the worker's version)."""
    page = render_offline_page(lang, frags)
    precache = [*PRECACHED_PAGES, *sorted(assets)]
    version = fingerprint(precache, KEPT_LATER, sorted(p.markdown for p in [*pages, page]))[:16]
    files: list[tuple[str, str | bytes]] = [(path, app_icon(logo, size, purpose)) for path, size, purpose in ICONS]
    files.append((MANIFEST, manifest_json(lang, site_name)))
    files.append((WORKER, service_worker(lang, precache, version)))
    return OfflineOutputs(page, files)


def render_offline_page(lang: str, frags: Fragments = ENGINE_FREE) -> GeneratedPage:
    """The page the worker shows for a page not kept, in the page's language; its script
    lists what is kept. Without JavaScript it says the page is not available and links home."""
    ui = load_ui(lang)
    return tool_page("offline", ui["offline_title"], ui["offline_lead"], frags.render("offline.html", ui=ui))


def manifest_json(lang: str, site_name: str) -> str:
    """The web app manifest: installable, opening this language's home page. Addresses are
    relative to the manifest, which lives at the language's root."""
    ui = load_ui(lang)
    manifest = {
        "id": "./",
        "name": ui["offline_app_name"].format(site=site_name),
        "short_name": site_name,
        "description": ui["offline_app_description"],
        "lang": lang,
        "dir": ui.get("dir", "ltr"),
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {"src": path, "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
            for path, size, purpose in ICONS
        ],
    }
    return json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"


def service_worker(lang: str, precache: list[str], version: str) -> str:
    """The worker's script: its settings as one line of JSON, then the code."""
    settings = {"lang": lang, "version": version, "precache": precache, "later": KEPT_LATER, "offline": OFFLINE_PAGE}
    code = WORKER_TEMPLATE.read_text(encoding="utf-8")
    return f"var CARRYOVER = {json.dumps(settings, separators=(',', ':'))};\n{code}"


def app_icon(logo: tuple[str, bytes], size: int, purpose: str) -> bytes:
    """The logo in white on the site's teal, full bleed (launchers round the corners);
    smaller in a maskable icon, so that no mask cuts it."""
    name, data = logo

    def draw() -> bytes:
        inner = round(size * (0.5 if purpose == "maskable" else 0.66))
        mark = _logo_image(name, data, inner)
        icon = Image.new("RGBA", (size, size), (*TEAL, 255))
        icon.alpha_composite(mark, ((size - inner) // 2, (size - inner) // 2))
        out = io.BytesIO()
        icon.convert("RGB").save(out, format="PNG", optimize=True)
        return out.getvalue()

    return cached_png("app-icon", {"logo": fingerprint(name, data.hex()), "size": size, "purpose": purpose}, draw)


def _logo_image(name: str, data: bytes, size: int) -> Image.Image:
    """The logo at ``size`` pixels: an SVG drawn in white, or a picture as it is."""
    if name.endswith(".svg"):
        svg = data.decode("utf-8").replace("currentColor", "#ffffff")
        if "fill=" not in svg:
            svg = re.sub(r"<path ", '<path fill="#ffffff" ', svg)
        return svg_image(svg, size)
    return Image.open(io.BytesIO(data)).convert("RGBA").resize((size, size))
