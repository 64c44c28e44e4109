"""Plots as inline SVG, drawn on the server: no script, no CDN, readable in any browser.

:func:`forest_plot` draws estimates with their intervals, ratios on a log axis and
differences on a linear one, with an optional pooled diamond: the picture reviewers read
first; :func:`bar_chart` draws counts per year.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

LOG_TICKS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100)
"""Ticks of a log axis: 1, 2 and 5 per decade, spaced apart (0.25 beside 0.2 overlapped)."""
LINEAR_TICKS = 6
"""About how many ticks a linear axis gets (at 1, 2 or 5 times a power of ten)."""
_LABEL_WIDTH = 300
_TEXT_WIDTH = 150
_ROW = 22
_COLOURS = {"fail": "#cf222e", "warn": "#9a6700"}
_POOLED = "#1f2328"


@dataclass(frozen=True)
class Estimate:
    """One row of a forest plot."""

    label: str
    estimate: float
    lower: float | None = None
    upper: float | None = None
    href: str | None = None
    status: str | None = None  # the worst check status of the estimate, for colour
    text: str | None = None  # the estimate and interval as text: 0.88 (0.64-1.21)
    detail: str | None = None  # more for the hover: what it is about, its exact words


@dataclass(frozen=True)
class Summary:
    """A pooled estimate drawn as a diamond under the rows, its prediction interval as a
    line through it."""

    label: str
    estimate: float
    lower: float
    upper: float
    pi_lower: float | None = None
    pi_upper: float | None = None
    text: str | None = None


def _x_range(rows: Sequence[Estimate], log: bool, null: float) -> tuple[float, float]:
    values = [v for r in rows for v in (r.estimate, r.lower, r.upper)
              if v is not None and (v > 0 or not log)]
    if log:
        low = min([*values, 1.0]) / 1.25
        high = max([*values, 1.0]) * 1.25
        return max(low, 0.005), min(high, 200.0)
    low, high = min([*values, null]), max([*values, null])
    pad = (high - low) * 0.08 or 1.0
    return low - pad, high + pad


def linear_ticks(low: float, high: float, about: int = LINEAR_TICKS) -> list[float]:
    """Ticks at a round step (1, 2 or 5 times a power of ten) from ``low`` to ``high``.

    >>> linear_ticks(-2.1, 4.5)
    [-2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0]
    """
    raw = (high - low) / about
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step)
    return [round(i * step, 10) for i in range(first, math.floor(high / step) + 1)]


def forest_plot(rows: Sequence[Estimate], width: int = 760, null: float | None = None,
                log: bool = True, axis_label: str | None = None,
                pooled: Summary | None = None) -> Markup:
    """An SVG forest plot: one row per estimate, a line at the null value (1 on a log
    axis, 0 on a linear one), the axis labelled; a pooled diamond under the rows if given.

    Non-positive values cannot sit on a log axis; such rows are drawn as text only.
    """
    if not rows:
        return Markup("")
    null = (1.0 if log else 0.0) if null is None else null
    drawn = [*rows, Estimate("", pooled.estimate, pooled.pi_lower, pooled.pi_upper)
             ] if pooled else rows
    low, high = _x_range(drawn, log, null)
    text_width = _TEXT_WIDTH if any(r.text for r in rows) else 0
    plot_left, plot_right = _LABEL_WIDTH + 10, width - 20 - text_width
    scale = math.log if log else float
    span = scale(high) - scale(low)

    def x(value: float) -> float:
        value = min(max(value, low), high)
        return plot_left + (scale(value) - scale(low)) / span * (plot_right - plot_left)

    n = len(rows) + (1 if pooled else 0)
    height = _ROW * n + 40 + (16 if axis_label else 0)
    parts = [f'<svg class="catalog-forest" xmlns="http://www.w3.org/2000/svg" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="Forest plot of {len(rows)} estimates" '
             f'font-family="sans-serif" font-size="12">']
    axis_y = _ROW * n + 8
    parts.append(f'<line x1="{x(null):.1f}" y1="0" x2="{x(null):.1f}" y2="{axis_y}" '
                 'stroke="#888" stroke-dasharray="4 3"/>')
    parts.append(f'<line x1="{plot_left}" y1="{axis_y}" x2="{plot_right}" y2="{axis_y}" '
                 'stroke="#333"/>')
    ticks = [t for t in LOG_TICKS if low <= t <= high] if log else linear_ticks(low, high)
    for tick in ticks:
        parts.append(f'<line x1="{x(tick):.1f}" y1="{axis_y}" x2="{x(tick):.1f}" '
                     f'y2="{axis_y + 4}" stroke="#333"/><text x="{x(tick):.1f}" '
                     f'y="{axis_y + 16}" text-anchor="middle">{tick:g}</text>')
    if axis_label:
        parts.append(f'<text class="axis-label" x="{(plot_left + plot_right) / 2:.1f}" '
                     f'y="{axis_y + 32}" text-anchor="middle">{escape(axis_label)}</text>')
    for i, row in enumerate(rows):
        parts.append(_forest_row(row, i * _ROW + _ROW // 2 + 2, x, width - text_width + 6,
                                 log))
    if pooled:
        parts.append(_diamond(pooled, len(rows) * _ROW + _ROW // 2 + 2, x,
                              width - text_width + 6))
    parts.append("</svg>")
    return Markup("".join(parts))


def _diamond(pooled: Summary, y: int, x, text_x: float) -> str:
    title = f"<title>{escape(pooled.label)}: {escape(pooled.text or '')}</title>"
    parts = [f'<g class="pooled">{title}<text x="4" y="{y + 4}" font-weight="bold">'
             f'{escape(pooled.label)}</text>']
    if pooled.pi_lower is not None and pooled.pi_upper is not None:
        parts.append(f'<line class="prediction-interval" x1="{x(pooled.pi_lower):.1f}" '
                     f'y1="{y}" x2="{x(pooled.pi_upper):.1f}" y2="{y}" stroke="{_POOLED}" '
                     'stroke-width="1.5" stroke-dasharray="2 2"/>')
    parts.append(f'<polygon class="diamond" points="{x(pooled.lower):.1f},{y} '
                 f'{x(pooled.estimate):.1f},{y - 7} {x(pooled.upper):.1f},{y} '
                 f'{x(pooled.estimate):.1f},{y + 7}" fill="{_POOLED}"/>')
    if pooled.text:
        parts.append(f'<text class="estimate-text" x="{text_x:.1f}" y="{y + 4}" '
                     f'font-weight="bold">{escape(pooled.text)}</text>')
    parts.append("</g>")
    return "".join(parts)


def _forest_row(row: Estimate, y: int, x, text_x: float = 0, log: bool = True) -> str:
    label = row.label if len(row.label) <= 48 else row.label[:47] + "…"
    text = f'<text x="4" y="{y + 4}">{escape(label)}</text>'
    if row.href:
        text = f'<a href="{escape(row.href)}">{text}</a>'
    title = f"<title>{escape(row.label)}: {row.estimate:g}" + (
        f" ({row.lower:g} to {row.upper:g})" if row.lower is not None and row.upper is not None
        else "") + (f" · {escape(row.detail)}" if row.detail else "") + "</title>"
    colour = _COLOURS.get(row.status or "", "#0969da")
    if row.text:
        text += (f'<text class="estimate-text" x="{text_x:.1f}" y="{y + 4}">'
                 f'{escape(row.text)}</text>')
    if log and (row.estimate <= 0 or (row.lower is not None and row.lower <= 0)):
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
