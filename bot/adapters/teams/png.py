"""A tiny PNG writer (RGBA, no dependencies) for the Teams app package's two icons."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable

Pixel = tuple[int, int, int, int]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width: int, height: int, pixel: Callable[[int, int], Pixel]) -> bytes:
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows, 9)) + \
        _chunk(b"IEND", b"")


def _in_l(x: float, y: float) -> bool:
    """A lighthouse pilot's 'L' in the unit square: a stem and a foot."""
    return (0.30 <= x <= 0.45 and 0.18 <= y <= 0.82) or (0.30 <= x <= 0.72 and 0.67 <= y <= 0.82)


def color_icon(size: int = 192, accent: tuple[int, int, int] = (0x1F, 0x4E, 0x79)) -> bytes:
    """Full colour: the accent background with a white L."""
    def pixel(x: int, y: int) -> Pixel:
        return (255, 255, 255, 255) if _in_l(x / size, y / size) else (*accent, 255)
    return png(size, size, pixel)


def outline_icon(size: int = 32) -> bytes:
    """Outline: white on transparent, as Teams requires."""
    def pixel(x: int, y: int) -> Pixel:
        return (255, 255, 255, 255) if _in_l((x + 0.5) / size, (y + 0.5) / size) else (0, 0, 0, 0)
    return png(size, size, pixel)
