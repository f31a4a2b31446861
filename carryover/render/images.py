"""Images made at build time: QR codes (SVG), link previews and phone schedules (PNG).

Fonts and icons come from registry packages (Atkinson Hyperlegible from PyPI,
Material Design icons inside mkdocs-material): nothing is downloaded. Every PNG
is cached by a hash of what it shows, so a rebuild redraws only what changed.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
import zlib
from functools import cache, lru_cache
from pathlib import Path

import resvg_py
import zxingcpp
from fontpkg_atkinson_hyperlegible import ROOT as FONT_ROOT
from PIL import Image, ImageDraw, ImageFont

from carryover.cache import KeptTable, cache_dir, fingerprint, package_versions, write_atomically
from carryover.context import BuildContext

CACHE_VERSION = "3"
PREVIEW_SIZE = (1200, 630)
PHONE_SIZE = (1080, 1920)
TEAL = (0, 105, 92)
INK = (27, 27, 27)
PAPER = (255, 255, 255)
SOFT = (232, 245, 243)


@cache
def drawing_fingerprint() -> str:
    """What every image also depends on: this drawing code and the versions of the
    libraries that draw (a new Pillow may draw text differently)."""
    return fingerprint(package_versions("pillow", "resvg-py", "fontpkg-atkinson-hyperlegible"), files=[Path(__file__)])


_PNG_START, _PNG_END = b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82"


def cached_png(kind: str, inputs: dict, draw) -> bytes:
    """Return the PNG for ``inputs`` from the cache, drawing (and storing) it when new.
    A kept file is used only if it is a whole PNG: one cut short by a killed build is drawn again."""
    key = hashlib.sha256(
        json.dumps([CACHE_VERSION, drawing_fingerprint(), kind, inputs], sort_keys=True).encode()
    ).hexdigest()[:24]
    path = cache_dir() / f"{kind}-{key}.png"
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    if data.startswith(_PNG_START) and data.endswith(_PNG_END):
        return data
    data = draw()
    write_atomically(path, data)
    return data


def qr_svg(url: str, title: str, table: KeptTable | None = None) -> str:
    """An inline SVG QR code for ``url``, scalable, with an accessible name."""
    return qr_code_svg(url, table).replace("<svg ", f'<svg role="img" aria-label="{html.escape(title)}" ', 1)


_DARK_RUN = re.compile(rb"\x00+")


def qr_code_svg(url: str, table: KeptTable | None = None) -> str:
    """The QR code itself, from the build's kept ``table`` or encoded now: each code costs
    about half a millisecond, and 1,000 cards print 4,000 of them."""
    return table.get(url, lambda: encode_qr_svg(url)) if table is not None else encode_qr_svg(url)


def qr_table_name(lang: str) -> str:
    """The kept table of one language's QR codes (see ``BuildContext.table``)."""
    return f"qr-codes-{CACHE_VERSION}-{lang}.json"


def encode_qr_svg(url: str, border: int = 2) -> str:
    """A QR code (error correction M) as one SVG path, a run of dark modules per
    segment, in module units, so it scales to any printed size."""
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)  # one byte a module, 0 = dark
    # zxingcpp's stub leaves out that its Image is a buffer (it is one: memoryview reads it)
    size, pixels = image.shape[0], memoryview(image).tobytes()  # type: ignore[arg-type]
    runs = [
        f"M{m.start() - y * size + border} {y + border + 0.5}h{m.end() - m.start()}"
        for y in range(size)
        for m in _DARK_RUN.finditer(pixels, y * size, (y + 1) * size)
    ]
    side = size + 2 * border
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" class="co-qr__code">'
        f'<path fill="none" stroke="#000" d="{"".join(runs)}"/></svg>'
    )


@cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "AtkinsonHyperlegible-Bold.ttf" if bold else "AtkinsonHyperlegible-Regular.ttf"
    return ImageFont.truetype(str(FONT_ROOT / "files" / name), size)


def hex_color(color: tuple[int, int, int]) -> str:
    """A colour as CSS and SVG write it: (0, 105, 92) -> "#00695c"."""
    return "#{:02x}{:02x}{:02x}".format(*color)


def svg_image(svg: str, size: int) -> Image.Image:
    """SVG markup drawn at ``size`` × ``size`` pixels (Pillow cannot read SVG)."""
    data = resvg_py.svg_to_bytes(svg_string=svg, width=size, height=size)
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


@lru_cache(maxsize=256)
def icon_png(svg: str, size: int, color: tuple[int, int, int]) -> Image.Image:
    """An icon's SVG markup drawn in ``color`` (the same few icons recur on every image)."""
    return svg_image(re.sub(r"<path ", f'<path fill="{hex_color(color)}" ', svg), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, face, width: int) -> list[str]:
    """Greedy word wrap by measured width (not by character count: accents and capitals differ)."""
    words, lines, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=face) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def preview_image(title: str, label: str, site_name: str, icon: str, context: BuildContext) -> bytes:
    """A 1200×630 link preview: the page's title, its category or kind, the site's name.

    Drawn as coverage masks and stored as a 192-colour palette PNG: a library has one
    preview per card and language, and a true-colour PNG took 15 ms to encode against
    2 ms for this, which looks the same (64 levels of anti-aliasing per colour pair)."""

    def draw() -> bytes:
        width, height = PREVIEW_SIZE
        # Palette index: 0–63 paper to ink, 64–127 paper to teal, 128–191 soft band to teal.
        index = Image.new("L", PREVIEW_SIZE, 0)
        index.paste(127, (0, 0, width, 24))  # the teal bar
        index.paste(128, (0, height - 96, width, height))  # the soft band
        index.paste(_indexed_icon(context.icon_svg(icon)), (990, 80))
        index.paste(_indexed_text(label, 40, _TEAL_LEVELS), (72, 84))
        index.paste(_indexed_text(site_name, 40, _BAND_LEVELS), (72, height - 72))
        block = Image.new("L", (900, height - 96 - 160), 0)  # the title: the only part drawn afresh
        pen = ImageDraw.Draw(block)
        size = 76
        lines = _wrap(pen, title, font(size, bold=True), 880)
        while len(lines) > 3 and size > 48:
            size -= 6
            lines = _wrap(pen, title, font(size, bold=True), 880)
        for number, line in enumerate(lines[:4]):
            pen.text((0, number * int(size * 1.2)), line, font=font(size, bold=True), fill=255)
        index.paste(block.point(list(_INK_LEVELS)), (72, 160))
        index.putpalette(_PREVIEW_PALETTE)  # the indices become a palette image ("L" to "P")
        out = io.BytesIO()
        index.save(out, format="PNG", compress_level=1, compress_type=zlib.Z_RLE)  # runs of one colour
        return out.getvalue()

    return cached_png("preview", {"title": title, "label": label, "site": site_name, "icon": icon}, draw)


def _blend(a: tuple[int, int, int], b: tuple[int, int, int], steps: int = 64) -> list[int]:
    return [round(a[c] + (b[c] - a[c]) * i / (steps - 1)) for i in range(steps) for c in range(3)]


_PREVIEW_PALETTE = _blend(PAPER, INK) + _blend(PAPER, TEAL) + _blend(SOFT, TEAL)
_INK_LEVELS = tuple(v >> 2 for v in range(256))
_TEAL_LEVELS = tuple(64 + (v >> 2) if v else 0 for v in range(256))
_BAND_LEVELS = tuple(128 + (v >> 2) for v in range(256))


@lru_cache(maxsize=256)
def _indexed_text(text: str, size: int, levels: tuple[int, ...]) -> Image.Image:
    """A line of bold text as palette indices (the same labels recur on every preview)."""
    face = font(size, bold=True)
    _, _, right, bottom = face.getbbox(text)
    mask = Image.new("L", (max(int(right), 1), max(int(bottom), 1)), 0)  # whole pixels for a FreeType face
    ImageDraw.Draw(mask).text((0, 0), text, font=face, fill=255)
    return mask.point(list(levels))


@lru_cache(maxsize=64)
def _indexed_icon(svg: str) -> Image.Image:
    return icon_png(svg, 150, TEAL).getchannel("A").point(list(_TEAL_LEVELS))


def schedule_png(title: str, steps: list[tuple[str, str]], context: BuildContext) -> bytes:
    """A phone-sized picture schedule: one row per step, a big icon and a short label."""

    def draw() -> bytes:
        width, height = PHONE_SIZE
        image = Image.new("RGB", PHONE_SIZE, PAPER)
        canvas = ImageDraw.Draw(image)
        canvas.rectangle([0, 0, width, 180], fill=TEAL)
        title_lines = _wrap(canvas, title, font(72, bold=True), width - 120)
        canvas.text(
            (60, 90 - 40 * min(len(title_lines), 2) // 2),
            "\n".join(title_lines[:2]),
            font=font(72 if len(title_lines) == 1 else 56, bold=True),
            fill=PAPER,
        )
        row = min(250, (height - 220) // max(len(steps), 1))
        icon_size = int(row * 0.7)
        for i, (label, icon) in enumerate(steps):
            top = 200 + i * row
            canvas.rounded_rectangle(
                [40, top + 8, width - 40, top + row - 8],
                radius=24,
                outline=TEAL,
                width=4,
                fill=SOFT if i % 2 else PAPER,
            )
            canvas.text((70, top + row // 2), str(i + 1), font=font(56, bold=True), fill=TEAL, anchor="lm")
            glyph = icon_png(context.icon_svg(icon), icon_size, INK)
            image.paste(glyph, (150, top + (row - icon_size) // 2), glyph)
            face = font(60 if len(label) < 22 else 48, bold=True)
            canvas.text((150 + icon_size + 40, top + row // 2), label, font=face, fill=INK, anchor="lm")
        return _png(image)

    return cached_png("schedule", {"title": title, "steps": steps}, draw)
