"""Images made at build time: QR codes (SVG), link previews and phone schedules (PNG).

Fonts and icons come from registry packages (Atkinson Hyperlegible from PyPI,
Material Design icons inside mkdocs-material): nothing is downloaded. Every PNG
is cached by a hash of what it shows, so a rebuild redraws only what changed.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from functools import cache
from pathlib import Path

import resvg_py
import segno
from fontpkg_atkinson_hyperlegible import ROOT as FONT_ROOT
from PIL import Image, ImageDraw, ImageFont

from .validate import default_icons_dir

CACHE_VERSION = "1"
PREVIEW_SIZE = (1200, 630)
PHONE_SIZE = (1080, 1920)
TEAL = (0, 105, 92)
INK = (27, 27, 27)
PAPER = (255, 255, 255)
SOFT = (232, 245, 243)


def cache_dir() -> Path:
    path = Path(os.environ.get("CARRYOVER_CACHE", Path.cwd() / ".cache" / "carryover"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cached_png(kind: str, inputs: dict, draw) -> bytes:
    """Return the PNG for ``inputs`` from the cache, drawing (and storing) it when new."""
    key = hashlib.sha256(json.dumps([CACHE_VERSION, kind, inputs], sort_keys=True).encode()).hexdigest()[:24]
    path = cache_dir() / f"{kind}-{key}.png"
    if path.exists():
        return path.read_bytes()
    data = draw()
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return data


def qr_svg(url: str, title: str) -> str:
    """An inline SVG QR code for ``url``, scalable, with an accessible name."""
    return qr_code_svg(url).replace("<svg ", f'<svg role="img" aria-label="{_attr(title)}" ', 1)


@cache
def qr_code_svg(url: str) -> str:
    """The QR code itself, cached on disk by URL: encoding (choosing the mask) is the slow part."""
    key = hashlib.sha256(f"{CACHE_VERSION}|qr|{url}".encode()).hexdigest()[:24]
    path = cache_dir() / f"qr-{key}.svg"
    if path.exists():
        return path.read_text(encoding="utf-8")
    qr = segno.make(url, error="m", micro=False)
    svg = qr.svg_inline(scale=1, border=2, omitsize=True, svgclass="co-qr__code", lineclass=None)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(svg, encoding="utf-8")
    tmp.replace(path)
    return svg


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


@cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "AtkinsonHyperlegible-Bold.ttf" if bold else "AtkinsonHyperlegible-Regular.ttf"
    return ImageFont.truetype(str(FONT_ROOT / "files" / name), size)


@cache
def icon_svg(name: str) -> str:
    """The Material Design icon ``name`` as SVG markup (Apache-2.0, shipped in mkdocs-material)."""
    icons = default_icons_dir()
    return (icons / f"{name}.svg").read_text(encoding="utf-8") if icons else ""


@cache
def icon_png(name: str, size: int, color: tuple[int, int, int]) -> Image.Image:
    svg = icon_svg(name)
    hex_color = "#{:02x}{:02x}{:02x}".format(*color)
    svg = re.sub(r"<path ", f'<path fill="{hex_color}" ', svg)
    data = resvg_py.svg_to_bytes(svg_string=svg, width=size, height=size)
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


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


def preview_image(title: str, label: str, site_name: str, icon: str) -> bytes:
    """A 1200×630 link preview: the page's title, its category or kind, the site's name."""

    def draw() -> bytes:
        image = Image.new("RGB", PREVIEW_SIZE, PAPER)
        canvas = ImageDraw.Draw(image)
        canvas.rectangle([0, 0, PREVIEW_SIZE[0], 24], fill=TEAL)
        canvas.rectangle([0, PREVIEW_SIZE[1] - 96, PREVIEW_SIZE[0], PREVIEW_SIZE[1]], fill=SOFT)
        image.paste(icon_png(icon, 150, TEAL), (990, 80), icon_png(icon, 150, TEAL))
        canvas.text((72, 84), label, font=font(40, bold=True), fill=TEAL)
        size = 76
        lines = _wrap(canvas, title, font(size, bold=True), 880)
        while len(lines) > 3 and size > 48:
            size -= 6
            lines = _wrap(canvas, title, font(size, bold=True), 880)
        y = 160
        for line in lines[:4]:
            canvas.text((72, y), line, font=font(size, bold=True), fill=INK)
            y += int(size * 1.2)
        canvas.text((72, PREVIEW_SIZE[1] - 72), site_name, font=font(40, bold=True), fill=TEAL)
        return _png(image)

    return cached_png("preview", {"title": title, "label": label, "site": site_name, "icon": icon}, draw)


def schedule_png(title: str, steps: list[tuple[str, str]]) -> bytes:
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
            glyph = icon_png(icon, icon_size, INK)
            image.paste(glyph, (150, top + (row - icon_size) // 2), glyph)
            face = font(60 if len(label) < 22 else 48, bold=True)
            canvas.text((150 + icon_size + 40, top + row // 2), label, font=face, fill=INK, anchor="lm")
        return _png(image)

    return cached_png("schedule", {"title": title, "steps": steps}, draw)
