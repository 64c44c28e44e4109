"""Server-side SVG plots: shapes, log axis, escaping, degenerate input."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from catalog.serve.plots import Estimate, bar_chart, forest_plot

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))


@pytest.mark.parametrize(("rows", "rects", "lines"), [
    ([Estimate("RR a", 0.88, 0.64, 1.21)], 1, 3),          # null line, axis, whisker
    ([Estimate("HR b", 0.75)], 1, 2),                      # no interval: a point only
    ([Estimate("MD c", -1.2, -2.0, -0.4)], 0, 2),          # not on a log axis: text only
    ([Estimate("x", 0.5, 0.4, 0.6), Estimate("y", 3.0, 2.0, 4.5)], 2, 4),
])
def test_forest_plot_shapes(rows, rects, lines):
    svg = _parse(forest_plot(rows))
    assert len(svg.findall(f".//{SVG}rect")) == rects
    ticks = [t for t in svg.iter(f"{SVG}line") if t.get("y2") != t.get("y1")
             and float(t.get("y2")) - float(t.get("y1")) == 4]
    assert len(list(svg.iter(f"{SVG}line"))) - len(ticks) == lines
    assert len([t for t in svg.iter(f"{SVG}text") if t.text == rows[0].label]) == 1


def test_forest_plot_orders_by_log_scale():
    svg = str(forest_plot([Estimate("low", 0.5), Estimate("high", 2.0)]))
    xs = [float(x) for x in re.findall(r'<rect x="([\d.]+)"', svg)]
    null = float(re.search(r'<line x1="([\d.]+)" y1="0"', svg).group(1))
    # 0.5 and 2 sit at equal distances either side of 1 on a log axis.
    assert abs((null - (xs[0] + 4)) - ((xs[1] + 4) - null)) < 0.5


def test_forest_plot_escapes_labels_and_links():
    svg = forest_plot([Estimate("<b>&", 1.5, 1.1, 2.0, href='/x?a=1&b="2"', status="fail")])
    root = _parse(svg)
    assert root.find(f".//{SVG}a").get("href") == '/x?a=1&b="2"'
    assert 'fill="#cf222e"' in str(svg)


def test_forest_plot_clamps_wild_values():
    root = _parse(forest_plot([Estimate("wide", 1.0, 1e-9, 1e9)]))
    width = float(root.get("width"))
    for line in root.iter(f"{SVG}line"):
        assert 0 <= float(line.get("x1")) <= width and 0 <= float(line.get("x2")) <= width


def test_empty_plots_are_empty():
    assert str(forest_plot([])) == "" and str(bar_chart([])) == ""


def test_bar_chart_heights_follow_counts():
    root = _parse(bar_chart([("2020", 2), ("2021", 4), ("2022", 0)]))
    heights = [float(r.get("height")) for r in root.iter(f"{SVG}rect")]
    assert heights[1] == 2 * heights[0] and heights[2] == 0
    assert [r.find(f"{SVG}title").text for r in root.iter(f"{SVG}rect")] == [
        "2020: 2", "2021: 4", "2022: 0"]


@pytest.mark.parametrize(("counts", "expected"), [
    ({}, []),
    ({2020: 3}, [("2020", 3)]),
    ({2018: 1, 2021: 2}, [("2018", 1), ("2019", 0), ("2020", 0), ("2021", 2)]),
])
def test_per_year_keeps_the_quiet_years(counts, expected):
    from catalog.serve.plugin import per_year

    assert per_year(counts) == expected
