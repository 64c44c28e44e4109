"""Plots as inline SVG, drawn on the server: no script, no CDN, readable in any browser.

:func:`forest_plot` draws ratio estimates with their intervals on a log axis, the picture
reviewers read first; :func:`bar_chart` draws counts per year.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

LOG_TICKS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 4, 5, 10, 20, 50, 100)
_LABEL_WIDTH = 300
_ROW = 22
_COLOURS = {"fail": "#cf222e", "warn": "#9a6700"}


@dataclass(frozen=True)
class Estimate:
    """One row of a forest plot."""

    label: str
    estimate: float
    lower: float | None = None
    upper: float | None = None
    href: str | None = None
    status: str | None = None  # the worst check status of the estimate, for colour


def _x_range(rows: Sequence[Estimate]) -> tuple[float, float]:
    values = [v for r in rows for v in (r.estimate, r.lower, r.upper) if v and v > 0]
    low = min([*values, 1.0]) / 1.25
    high = max([*values, 1.0]) * 1.25
    return max(low, 0.005), min(high, 200.0)


def forest_plot(rows: Sequence[Estimate], width: int = 760, null: float = 1.0) -> Markup:
    """An SVG forest plot: one row per estimate, log axis, a line at the null value.

    Non-positive values cannot sit on a log axis; such rows are drawn as text only.
    """
    if not rows:
        return Markup("")
    low, high = _x_range(rows)
    plot_left, plot_right = _LABEL_WIDTH + 10, width - 20
    span = math.log(high) - math.log(low)

    def x(value: float) -> float:
        value = min(max(value, low), high)
        return plot_left + (math.log(value) - math.log(low)) / span * (plot_right - plot_left)

    height = _ROW * len(rows) + 40
    parts = [f'<svg class="catalog-forest" xmlns="http://www.w3.org/2000/svg" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="Forest plot of {len(rows)} estimates" '
             f'font-family="sans-serif" font-size="12">']
    axis_y = _ROW * len(rows) + 8
    parts.append(f'<line x1="{x(null):.1f}" y1="0" x2="{x(null):.1f}" y2="{axis_y}" '
                 'stroke="#888" stroke-dasharray="4 3"/>')
    parts.append(f'<line x1="{plot_left}" y1="{axis_y}" x2="{plot_right}" y2="{axis_y}" '
                 'stroke="#333"/>')
    for tick in LOG_TICKS:
        if low <= tick <= high:
            parts.append(f'<line x1="{x(tick):.1f}" y1="{axis_y}" x2="{x(tick):.1f}" '
                         f'y2="{axis_y + 4}" stroke="#333"/><text x="{x(tick):.1f}" '
                         f'y="{axis_y + 16}" text-anchor="middle">{tick:g}</text>')
    for i, row in enumerate(rows):
        parts.append(_forest_row(row, i * _ROW + _ROW // 2 + 2, x))
    parts.append("</svg>")
    return Markup("".join(parts))


def _forest_row(row: Estimate, y: int, x) -> str:
    label = row.label if len(row.label) <= 48 else row.label[:47] + "…"
    text = f'<text x="4" y="{y + 4}">{escape(label)}</text>'
    if row.href:
        text = f'<a href="{escape(row.href)}">{text}</a>'
    title = f"<title>{escape(row.label)}: {row.estimate:g}" + (
        f" ({row.lower:g} to {row.upper:g})" if row.lower is not None and row.upper is not None
        else "") + "</title>"
    colour = _COLOURS.get(row.status or "", "#0969da")
    if row.estimate <= 0 or (row.lower is not None and row.lower <= 0):
        return f'<g>{title}{text}</g>'
    whisker = ""
    if row.lower is not None and row.upper is not None:
        whisker = (f'<line x1="{x(row.lower):.1f}" y1="{y}" x2="{x(row.upper):.1f}" y2="{y}" '
                   f'stroke="{colour}" stroke-width="1.5"/>')
    point = (f'<rect x="{x(row.estimate) - 4:.1f}" y="{y - 4}" width="8" height="8" '
             f'fill="{colour}"/>')
    return f"<g>{title}{text}{whisker}{point}</g>"


def bar_chart(bars: Sequence[tuple[str, int]], width: int = 760, height: int = 180,
              label: str = "publications") -> Markup:
    """An SVG bar chart of counts (e.g. publications per year), labels under the bars."""
    if not bars:
        return Markup("")
    top = max(count for _, count in bars) or 1
    slot = (width - 40) / len(bars)
    bar_width = max(slot * 0.8, 1)
    base = height - 24
    every = max(1, math.ceil(len(bars) * 36 / (width - 40)))  # keep labels apart
    parts = [f'<svg class="catalog-bars" xmlns="http://www.w3.org/2000/svg" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(label)} per year" font-family="sans-serif" font-size="11">',
             f'<text x="0" y="12">{top} {escape(label)}</text>']
    for i, (name, count) in enumerate(bars):
        h = (base - 20) * count / top
        left = 30 + i * slot
        parts.append(f'<rect x="{left:.1f}" y="{base - h:.1f}" width="{bar_width:.1f}" '
                     f'height="{h:.1f}" fill="#0969da"><title>{escape(name)}: {count}</title>'
                     '</rect>')
        if i % every == 0:
            parts.append(f'<text x="{left + bar_width / 2:.1f}" y="{height - 8}" '
                         f'text-anchor="middle">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
