"""Charts drawn on the server as SVG: the same markup in the pages and in the PDF reports (no script).

Only presentation attributes (``fill``, ``stroke``), never ``style``: the pages' CSP forbids inline
styles, and WeasyPrint renders these as they are."""

from __future__ import annotations

import math
from decimal import Decimal
from html import escape

from django.utils.safestring import mark_safe

COLOURS = {"green": "#198754", "yellow": "#e0a800", "red": "#dc3545", "grey": "#adb5bd"}
FONT = 'font-family="Noto Sans CJK SC, sans-serif"'


def _svg_open(width, height) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'


def _num(x) -> float:
    return float(x) if x is not None else 0.0


def level_bar_svg(counts: dict[str, int], labels: dict[str, str], *, width: int = 520) -> str:
    """One stacked bar of how many indicators are green/yellow/red/grey, with a legend."""
    total = sum(counts.values()) or 1
    x = 0.0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="54" viewBox="0 0 {width} 54" role="img">'
    ]
    for level in ("green", "yellow", "red", "grey"):
        w = width * counts.get(level, 0) / total
        if w:
            parts.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="22" fill="{COLOURS[level]}"/>')
        x += w
    lx = 0
    for level in ("green", "yellow", "red", "grey"):
        parts.append(f'<rect x="{lx}" y="32" width="12" height="12" fill="{COLOURS[level]}"/>')
        text = escape(f"{labels[level]} {counts.get(level, 0)}")
        parts.append(f'<text x="{lx + 16}" y="43" font-size="12" {FONT}>{text}</text>')
        lx += 130
    parts.append("</svg>")
    return mark_safe("".join(parts))


def progress_bars_svg(rows: list[dict], *, width: int = 680) -> str:
    """A horizontal bar per indicator: its progress (0–100%) in its warning colour."""
    bar_x, row_h = 250, 20
    height = row_h * len(rows) + 24
    parts = [_svg_open(width, height)]
    span = width - bar_x - 50
    for i, row in enumerate(rows):
        y = i * row_h + 4
        label = escape(f"{row['code']} {row['name']}"[:22])
        parts.append(f'<text x="0" y="{y + 12}" font-size="10" {FONT}>{label}</text>')
        parts.append(f'<rect x="{bar_x}" y="{y + 2}" width="{span}" height="12" fill="#e9ecef"/>')
        progress = row.get("progress")
        if progress is not None:
            colour = COLOURS[row["level"]]
            parts.append(f'<rect x="{bar_x}" y="{y + 2}" width="{span * progress:.1f}" height="12" fill="{colour}"/>')
            parts.append(
                f'<text x="{bar_x + span + 4}" y="{y + 12}" font-size="10" {FONT}>{progress * 100:.0f}%</text>'
            )
        else:
            parts.append(f'<text x="{bar_x + span + 4}" y="{y + 12}" font-size="10" {FONT}>—</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def history_svg(series: list[dict], *, unit: str, target=None, width: int = 560, height: int = 220) -> str:
    """The value at the end of each plan year (dots coloured by level), the expected yardstick
    (dashed) and the target (a line)."""
    pad_l, pad_r, pad_t, pad_b = 56, 16, 16, 28
    values = [_num(p["value"]) for p in series if p["value"] is not None]
    expected = [_num(p["expected"]) for p in series if p.get("expected") is not None]
    everything = [*values, *expected, _num(target)]
    top = _nice(max(everything) * 1.05) or 1.0
    low = min(everything)
    bottom = _nice_floor(low * 0.95) if low > top * 0.5 else 0.0
    inner_w, inner_h = width - pad_l - pad_r, height - pad_t - pad_b
    n = max(len(series), 1)

    def px(i: int) -> float:
        return pad_l + inner_w * (i + 0.5) / n

    def py(v: float) -> float:
        return pad_t + inner_h * (1 - (v - bottom) / (top - bottom))

    parts = [
        _svg_open(width, height),
        f'<line x1="{pad_l}" y1="{pad_t + inner_h}" x2="{width - pad_r}" y2="{pad_t + inner_h}" stroke="#6c757d"/>',
        f'<line x1="{pad_l}" y1="{pad_t}" x2="{pad_l}" y2="{pad_t + inner_h}" stroke="#6c757d"/>',
    ]
    for frac in (0, 0.5, 1):
        v = bottom + (top - bottom) * frac
        parts.append(
            f'<text x="{pad_l - 4}" y="{py(v) + 4:.1f}" font-size="10" text-anchor="end" {FONT}>{_short(v)}</text>'
        )
    parts.append(f'<text x="4" y="{pad_t - 4}" font-size="10" {FONT}>{escape(unit)}</text>')
    if target is not None:
        ty = py(_num(target))
        parts.append(
            f'<line x1="{pad_l}" y1="{ty:.1f}" x2="{width - pad_r}" y2="{ty:.1f}" stroke="#0d6efd" stroke-width="1.5"/>'
        )
    points = [(px(i), py(_num(p["expected"]))) for i, p in enumerate(series) if p.get("expected") is not None]
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#6c757d" stroke-dasharray="4 3"/>')
    dots = [(px(i), py(_num(p["value"])), p) for i, p in enumerate(series) if p["value"] is not None]
    if len(dots) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _p in dots)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#212529" stroke-width="1.5"/>')
    for x, y, p in dots:
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{COLOURS[p["level"]]}"/>')
    for i, p in enumerate(series):
        parts.append(
            f'<text x="{px(i):.1f}" y="{height - 8}" font-size="10" text-anchor="middle" {FONT}>{p["year"]}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _nice(v: float) -> float:
    """``v`` rounded up to a round multiple of a power of ten (an axis end)."""
    if v <= 0:
        return 0.0
    magnitude = 10 ** math.floor(math.log10(v))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if v <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _nice_floor(v: float) -> float:
    """``v`` rounded down to a round number (an axis start)."""
    if v <= 0:
        return 0.0
    magnitude = 10 ** math.floor(math.log10(v))
    return math.floor(v / magnitude) * magnitude


def _short(v: float) -> str:
    d = Decimal(str(round(v, 2))).normalize()
    return format(d, "f")
