"""The link-preview card (og:image): a 1200×630 PNG with the waveform, the title and the brand, drawn on the server."""

from __future__ import annotations

import hashlib
import io
import json
import textwrap
from collections.abc import Sequence

from django.core.cache import cache
from PIL import Image, ImageDraw, ImageFont

CARD_SIZE = (1200, 630)
CARD_CACHE_S = 24 * 3600
BACKGROUND = "#1c0b3a"
WAVE = "#a78bfa"
TEXT = "#ffffff"
MUTED = "#ddd6fe"
ACCENT = "#fde047"
MARGIN = 72


def card_png(title: str, subtitle: str, peaks: Sequence[Sequence[float]]) -> bytes:
    """The card's PNG bytes, from the cache when the same title, subtitle and peaks were drawn before."""
    digest = hashlib.sha256(json.dumps([title, subtitle, peaks]).encode()).hexdigest()[:32]
    key = f"card:{digest}"
    png = cache.get(key)
    if png is None:
        png = _draw(title, subtitle, peaks)
        cache.set(key, png, CARD_CACHE_S)
    return png


def _draw(title: str, subtitle: str, peaks: Sequence[Sequence[float]]) -> bytes:
    image = Image.new("RGB", CARD_SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    _brand(draw)
    lines = textwrap.wrap(title, width=28) or ["Untitled"]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width=27, placeholder="…")]
    title_font = ImageFont.load_default(size=64)
    for i, line in enumerate(lines):
        draw.text((MARGIN, 150 + i * 78), line, font=title_font, fill=TEXT)
    subtitle = textwrap.shorten(subtitle, width=60, placeholder="…")
    draw.text((MARGIN, 150 + len(lines) * 78 + 12), subtitle, font=ImageFont.load_default(size=34), fill=MUTED)
    _waveform(draw, peaks, top=390, bottom=CARD_SIZE[1] - 60)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _brand(draw: ImageDraw.ImageDraw) -> None:
    # The wordmark's puff: three yellow circles on a purple tile, then the name.
    draw.rounded_rectangle((MARGIN, 56, MARGIN + 56, 112), radius=16, fill="#6d28d9")
    for cx, cy, r in ((MARGIN + 32, 80, 11), (MARGIN + 42, 90, 8), (MARGIN + 22, 90, 8)):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=ACCENT)
    draw.text((MARGIN + 76, 60), "fartgen", font=ImageFont.load_default(size=44), fill=ACCENT)


def _waveform(draw: ImageDraw.ImageDraw, peaks: Sequence[Sequence[float]], top: int, bottom: int) -> None:
    """Mirrored bars like the player's, scaled to the loudest slice; a flat line when there are no peaks."""
    width = CARD_SIZE[0] - 2 * MARGIN
    middle = (top + bottom) / 2
    if not peaks:
        draw.line((MARGIN, middle, MARGIN + width, middle), fill=WAVE, width=4)
        return
    loudest = max(0.001, *(abs(float(v)) for pair in peaks for v in pair))
    slot = width / len(peaks)
    half = (bottom - top) / 2
    for i, (low, high) in enumerate(peaks):
        x = MARGIN + i * slot + slot * 0.2
        y_top = middle - float(high) / loudest * half
        y_bottom = middle - float(low) / loudest * half
        draw.rectangle((x, y_top, x + max(1.0, slot * 0.6), max(y_bottom, y_top + 3)), fill=WAVE)
