#!/usr/bin/env python3
"""The installable UI's icons (web/public/icons/), drawn here from the
favicon's design (web/public/favicon.svg: a white "D" on the topbar's blue)
so that they are our own and can be made again: PNG with zlib only.

    python3 scripts/make_icons.py        # writes web/public/icons/*.png
"""
import math
import os
import struct
import zlib

BLUE = (0x0F, 0x5F, 0x8C)
WHITE = (0xFF, 0xFF, 0xFF)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "web", "public", "icons")


def d_distance(x, y):
    """Distance from (x, y), in the favicon's 32-unit square, to the D's
    outline: M9 23 V9 h6 a7 7 0 0 1 0 14 z."""
    def seg(ax, ay, bx, by):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        return math.hypot(x - ax - t * dx, y - ay - t * dy)
    d = min(seg(9, 9, 9, 23), seg(9, 9, 15, 9), seg(9, 23, 15, 23))
    if x >= 15:
        d = min(d, abs(math.hypot(x - 15, y - 16) - 7))
    return d


def inside_rounded(x, y, radius):
    cx = min(max(x, radius), 32 - radius)
    cy = min(max(y, radius), 32 - radius)
    return math.hypot(x - cx, y - cy) <= radius


def draw(size, full_bleed, scale=1.0):
    """RGBA rows. full_bleed: blue to the edges (a maskable icon, whose
    shape the system cuts); `scale` shrinks the D toward the centre."""
    n = 4  # samples per side per pixel
    rows = []
    for py in range(size):
        row = bytearray([0])  # filter: none
        for px in range(size):
            cover = ink = 0
            for sy in range(n):
                for sx in range(n):
                    x = (px + (sx + 0.5) / n) * 32 / size
                    y = (py + (sy + 0.5) / n) * 32 / size
                    if full_bleed or inside_rounded(x, y, 6):
                        cover += 1
                        ux, uy = 16 + (x - 16) / scale, 16 + (y - 16) / scale
                        if d_distance(ux, uy) <= 1.5:
                            ink += 1
            total = n * n
            if cover == 0:
                row += bytes((0, 0, 0, 0))
                continue
            f = ink / cover
            rgb = tuple(round(b * (1 - f) + w * f) for b, w in zip(BLUE, WHITE))
            row += bytes(rgb + (round(255 * cover / total),))
        rows.append(bytes(row))
    return rows


def png(path, size, rows):
    def chunk(kind, data):
        c = kind + data
        return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c) & 0xFFFFFFFF)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    png(os.path.join(OUT, "icon-192.png"), 192, draw(192, False))
    png(os.path.join(OUT, "icon-512.png"), 512, draw(512, False))
    # The maskable icon's D within the central 80% circle it keeps.
    png(os.path.join(OUT, "icon-maskable-512.png"), 512, draw(512, True, 0.8))


if __name__ == "__main__":
    main()
