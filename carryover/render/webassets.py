"""What a page loads, kept small for a cheap phone: one stylesheet, one script, and
Atkinson Hyperlegible as two small WOFF2 files, all served by the site itself.

The theme's stylesheets and script are joined with ours into one file each, named
by a hash of their content so browsers may cache them for good.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin
from fontpkg_atkinson_hyperlegible import ROOT as FONT_ROOT

from carryover.cache import cache_dir, write_atomically

FONT_FAMILY = "Atkinson Hyperlegible"
# Basic Latin, Latin-1 (á é í ó ú ü ñ ¿ ¡ «»), Latin Extended-A, and the punctuation
# the cards use (– — ‘ ’ “ ” … • € ×).
FONT_UNICODES = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x180),
    *[0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2022, 0x20AC, 0x00D7, 0x2192],
]
FONTS = {400: "AtkinsonHyperlegible-Regular.ttf", 700: "AtkinsonHyperlegible-Bold.ttf"}


@dataclass(frozen=True)
class Asset:
    """A file to publish as it is (a stylesheet, a font, an image), by its path in the language's site."""

    path: str
    data: bytes


def hashed_name(stem: str, suffix: str, data: bytes) -> str:
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}{suffix}"


def woff2_subset(ttf: Path) -> bytes:
    """Subset a TrueType font to the characters the site needs and pack it as WOFF2 (cached)."""
    key = hashlib.sha256(ttf.read_bytes() + repr(FONT_UNICODES).encode() + b"unhinted").hexdigest()[:16]
    cached = cache_dir() / f"font-{key}.woff2"
    if cached.exists():
        return cached.read_bytes()
    from fontTools import subset  # noqa: PLC0415 - only when the cache is cold

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["kern", "liga", "calt"]
    # No TrueType hinting: phones' text renderers (Android, iOS) do not use it, and it was
    # over a third of each file (17.9 KB -> 11.6 KB for the regular weight).
    options.hinting = False
    font = subset.load_font(str(ttf), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=FONT_UNICODES)
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    write_atomically(cached, out.getvalue())  # the other language's build may be reading it
    return out.getvalue()


def web_fonts(font_variable: str | None = None) -> tuple[list[Asset], str]:
    """The font files and the @font-face rules that use them (paths relative to the CSS).
    ``font_variable`` is the theme's CSS variable for its text font, which the engine names
    (the MkDocs adapter passes Material's); without one, the page's body takes the font."""
    assets, rules = [], []
    for weight, name in FONTS.items():
        data = woff2_subset(FONT_ROOT / "files" / name)
        path = f"assets/fonts/{hashed_name(f'atkinson-hyperlegible-{weight}', '.woff2', data)}"
        assets.append(Asset(path, data))
        rules.append(
            f'@font-face{{font-family:"{FONT_FAMILY}";font-style:normal;font-weight:{weight};'
            f'font-display:swap;src:url("../../{path}") format("woff2")}}'
        )
    if font_variable:
        rules.append(f':root{{{font_variable}:"{FONT_FAMILY}"}}')
    else:
        rules.append(f'body{{font-family:"{FONT_FAMILY}",sans-serif}}')
    return assets, "\n".join(rules)


_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=.*?\*/|//# sourceMappingURL=\S+")


def joined(parts: list[str]) -> bytes:
    """Files joined in order, without their source-map comments (the maps are not published)."""
    return "\n".join(_SOURCE_MAP.sub("", part).strip() for part in parts).encode("utf-8") + b"\n"


def minified_js(path: Path) -> str:
    """A script as a phone gets it: minified here unless it comes minified (the theme's)."""
    text = path.read_text(encoding="utf-8")
    return text if path.name.endswith(".min.js") else rjsmin.jsmin(text)


def bundle_assets(
    theme_css: list[Path],
    own_css: list[Path],
    theme_js: list[Path],
    own_js: list[Path],
    font_variable: str | None = None,
) -> tuple[list[Asset], str, str]:
    """(files to publish, stylesheet path, script path) for the one-CSS, one-JS pages."""
    fonts, font_css = web_fonts(font_variable)
    # The theme's files come minified; ours (the engine's search stand-in among the theme's
    # scripts too) are minified here: their comments are for us, not for a parent's data plan.
    css = joined(
        [p.read_text(encoding="utf-8") for p in theme_css]
        + [font_css]
        + [rcssmin.cssmin(p.read_text(encoding="utf-8")) for p in own_css]
    )
    js = joined(
        # each file ends its statement: "})()" then "(function" on the next line would call
        # the first file's result with the second file as its argument
        [minified_js(p) + ";" for p in theme_js] + [rjsmin.jsmin(p.read_text(encoding="utf-8")) + ";" for p in own_js]
    )
    css_path = f"assets/stylesheets/{hashed_name('site', '.css', css)}"
    js_path = f"assets/javascripts/{hashed_name('site', '.js', js)}"
    return [*fonts, Asset(css_path, css), Asset(js_path, js)], css_path, js_path
