#!/usr/bin/env python3
"""Writes color.png (192x192) and outline.png (32x32, white on transparent) for the Teams app package.

Plain zlib + struct, no imaging library: a blue square with a white "V" for the color icon, the white "V" alone
(as Teams requires for the outline icon) on a transparent background.
"""
import os
import struct
import zlib


def png(path, size, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def in_v(x, y, size):
    """A "V" from the top corners to the bottom centre, stroke width 1/8 of the size."""
    u, v = (x + 0.5) / size, (y + 0.5) / size
    if not 0.2 <= v <= 0.8:
        return False
    t = (v - 0.2) / 0.6
    half = 0.3 * (1 - t)
    stroke = 0.07
    return abs(u - (0.5 - half)) < stroke or abs(u - (0.5 + half)) < stroke


def color(x, y, size):
    return (255, 255, 255, 255) if in_v(x, y, size) else (0x0B, 0x5C, 0x8C, 255)


def outline(x, y, size):
    return (255, 255, 255, 255) if in_v(x, y, size) else (0, 0, 0, 0)


here = os.path.dirname(os.path.abspath(__file__))
png(os.path.join(here, "color.png"), 192, color)
png(os.path.join(here, "outline.png"), 32, outline)
