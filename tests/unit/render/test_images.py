"""carryover/render/images.py: QR codes that phones can read, and cached PNGs that are whole."""

from __future__ import annotations

import io
import json
import re

import pytest
import resvg_py
import zxingcpp
from PIL import Image, ImageDraw

from carryover.cache import KeptTable
from carryover.context import BuildContext
from carryover.render import images

URLS = [
    "https://example.org/en/strategies/blanket-burrito/",
    "https://clinic.example/es/strategies/apretón-con-cojín/handout/?from=qr#steps",
    "http://localhost:8000/" + "a" * 300,  # a long address makes a bigger code
]


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    """Every test its own cache folder: nothing drawn by one test is found by another."""
    monkeypatch.setenv("CARRYOVER_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def decode(svg: str, size: int = 400) -> list:
    """Read ``svg`` as a phone's camera would: drawn on white, then scanned."""
    drawn = Image.open(io.BytesIO(bytes(resvg_py.svg_to_bytes(svg_string=svg, width=size, height=size))))
    page = Image.new("RGBA", drawn.size, "white")
    page.alpha_composite(drawn.convert("RGBA"))
    return zxingcpp.read_barcodes(page.convert("L"))


@pytest.mark.parametrize("url", URLS)
def test_a_qr_code_reads_back_as_its_address(url):
    """A printed handout's code must open the very page it was printed from."""
    (found,) = decode(images.encode_qr_svg(url))
    assert found.format == zxingcpp.BarcodeFormat.QRCode
    assert found.text == url
    assert found.ec_level == "M"  # survives a crease or a smudge on paper


def test_a_qr_code_is_one_path_in_module_units_with_its_quiet_border():
    svg = images.encode_qr_svg(URLS[0], border=3)
    side = int(re.search(r'viewBox="0 0 (\d+) \1"', svg)[1])
    code = zxingcpp.create_barcode(URLS[0], zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    modules = memoryview(code.to_image(scale=1, add_quiet_zones=False)).shape[0]
    assert side == modules + 2 * 3
    assert svg.count("<path") == 1
    starts = [float(x) for x in re.findall(r"M([\d.]+) ", svg)]
    assert min(starts) == 3  # nothing is drawn inside the quiet zone
    assert max(starts) < side - 3


def test_the_border_is_part_of_the_drawing():
    """Without the quiet zone some phones do not find the code at all."""
    narrow = int(re.search(r'viewBox="0 0 (\d+)', images.encode_qr_svg(URLS[0], border=0))[1])
    wide = int(re.search(r'viewBox="0 0 (\d+)', images.encode_qr_svg(URLS[0], border=4))[1])
    assert wide == narrow + 8 and narrow in range(21, 178, 4)  # a QR code's sides: 21, 25, 29 … modules


def test_the_inline_code_has_an_escaped_accessible_name():
    svg = images.qr_svg(URLS[0], 'Open "Pillow squeeze" & <more>')
    assert svg.startswith('<svg role="img" aria-label="Open &quot;Pillow squeeze&quot; &amp; &lt;more&gt;" ')
    assert svg.count("role=") == 1
    assert decode(svg)[0].text == URLS[0]


def test_a_kept_table_keeps_each_code_for_the_next_build(cache):
    """1,000 cards print 4,000 codes: a rebuild takes them from the table, not the encoder."""
    name = images.qr_table_name("en")
    table = KeptTable(name)
    first = images.qr_code_svg(URLS[0], table)
    assert first == images.encode_qr_svg(URLS[0])
    table.save()
    assert json.loads((cache / name).read_text(encoding="utf-8")) == {URLS[0]: first}
    (cache / name).write_text(json.dumps({URLS[0]: "<svg kept/>"}), encoding="utf-8")
    assert images.qr_code_svg(URLS[0], KeptTable(name)) == "<svg kept/>"
    assert images.qr_code_svg(URLS[0]) == first  # without a table: encoded now
    assert images.qr_table_name("en") != images.qr_table_name("es")


def test_cached_png_draws_once_then_keeps(cache):
    calls = []

    def draw():
        calls.append(1)
        return images._PNG_START + b"picture" + images._PNG_END

    first = images.cached_png("test", {"title": "A"}, draw)
    assert images.cached_png("test", {"title": "A"}, draw) == first
    assert len(calls) == 1
    images.cached_png("test", {"title": "B"}, draw)  # other inputs: another picture
    assert len(calls) == 2 and len(list(cache.glob("test-*.png"))) == 2


def test_cached_png_redraws_a_file_cut_short(cache):
    """A build killed while writing leaves half a PNG; the next build must not publish it."""
    calls = []

    def draw():
        calls.append(1)
        return images._PNG_START + b"picture" + images._PNG_END

    whole = images.cached_png("test", {"a": 1}, draw)
    (kept,) = cache.glob("test-*.png")
    kept.write_bytes(whole[:12])
    assert images.cached_png("test", {"a": 1}, draw) == whole
    assert len(calls) == 2
    assert kept.read_bytes() == whole  # and the whole one is kept again


def test_wrapping_fits_the_width_and_keeps_every_word():
    pen = ImageDraw.Draw(Image.new("L", (10, 10)))
    face = images.font(40, bold=True)
    text = "Una manta como un burrito para calmar el cuerpo antes de dormir"
    lines = images._wrap(pen, text, face, 400)
    assert len(lines) > 1
    assert " ".join(lines) == text
    assert all(pen.textlength(line, font=face) <= 400 for line in lines)
    assert images._wrap(pen, "Supercalifragilistic", face, 10) == ["Supercalifragilistic"]  # a long word stays whole


ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M2 2h20v20H2z"/></svg>'


@pytest.fixture
def context(tmp_path):
    (tmp_path / "icons").mkdir()
    (tmp_path / "icons" / "square.svg").write_text(ICON, encoding="utf-8")
    return BuildContext(icons_dir=tmp_path / "icons")


def test_a_link_preview_is_a_small_palette_png_of_the_right_size(context):
    data = images.preview_image("Pillow squeeze", "Sensory", "Carryover", "square", context)
    image = Image.open(io.BytesIO(data))
    assert image.size == images.PREVIEW_SIZE and image.mode == "P"
    rgb = image.convert("RGB")
    assert rgb.getpixel((10, 10)) == images.TEAL  # the bar along the top
    assert rgb.getpixel((1065, 155)) == images.TEAL  # inside the icon
    assert rgb.getpixel((600, 625)) == images.SOFT  # the band along the bottom
    assert images.preview_image("Pillow squeeze", "Sensory", "Carryover", "square", context) == data


def test_a_phone_schedule_draws_one_row_per_step(context):
    data = images.schedule_png("Bedtime", [("Bath", "square"), ("Bed", "square")], context)
    image = Image.open(io.BytesIO(data)).convert("RGB")
    assert image.size == images.PHONE_SIZE
    assert image.getpixel((5, 5)) == images.TEAL
    assert image.getpixel((60, 200 + 250 + 125)) == images.SOFT  # the second row is shaded
    assert image.getpixel((60, 200 + 125)) == images.PAPER
