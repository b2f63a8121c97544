"""Stance by outlet as a small standalone SVG image: the HTML brief's one chart. One bar per outlet, its articles
stacked by stance label (the brief's stance table), a legend, integer counts; every text XML-escaped. Written by
hand so that the brief needs no plotting engine or browser to make an image, and embedded as a data: URI image,
in which nothing can run. Pure: no streamlit, no plotly.
"""
from __future__ import annotations

import base64
import html

import pandas as pd

from lib.palette import STANCE_COLORS

WIDTH = 640
LABEL_WIDTH = 190  # room for the outlet names
BAR_HEIGHT = 22
ROW_GAP = 10
TOP = 64  # title and legend
FONT = "font-family:system-ui,-apple-system,Segoe UI,sans-serif"


def _t(value) -> str:
    return html.escape(str(value), quote=True)


def _short(name: str, limit: int = 28) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def stance_by_outlet_svg(stance: pd.DataFrame, title: str = "Stance toward the talks, by outlet") -> str:
    """The SVG of `stance` (brief.stance_per_outlet: outlet, articles and one column per stance label)."""
    labels = list(STANCE_COLORS)
    rows = stance.reset_index(drop=True) if stance is not None else pd.DataFrame()
    most = max(int(rows["articles"].max()) if len(rows) else 0, 1)
    plot_width = WIDTH - LABEL_WIDTH - 40
    height = TOP + len(rows) * (BAR_HEIGHT + ROW_GAP) + 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
             f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{_t(title)}">',
             f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
             f'<text x="8" y="22" style="{FONT};font-size:16px;font-weight:600" fill="#222">{_t(title)}</text>']
    x = 8
    for label in labels:  # the legend
        parts.append(f'<rect x="{x}" y="34" width="12" height="12" fill="{STANCE_COLORS[label]}"/>')
        parts.append(f'<text x="{x + 16}" y="45" style="{FONT};font-size:12px" fill="#333">{_t(label)}</text>')
        x += 22 + 7 * len(label)
    for i, row in rows.iterrows():
        y = TOP + i * (BAR_HEIGHT + ROW_GAP)
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT * 0.7:.0f}" text-anchor="end" '
                     f'style="{FONT};font-size:13px" fill="#222">{_t(_short(str(row["outlet"])))}</text>')
        left = LABEL_WIDTH
        for label in labels:
            n = int(row.get(label, 0) or 0)
            if not n:
                continue
            width = plot_width * n / most
            parts.append(f'<rect x="{left:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
                         f'fill="{STANCE_COLORS[label]}" stroke="#ffffff"><title>{_t(label)}: {n}</title></rect>')
            left += width
        parts.append(f'<text x="{left + 6:.1f}" y="{y + BAR_HEIGHT * 0.7:.0f}" style="{FONT};font-size:12px" '
                     f'fill="#333">{int(row["articles"])}</text>')
    axis_y = TOP + len(rows) * (BAR_HEIGHT + ROW_GAP)
    parts.append(f'<line x1="{LABEL_WIDTH}" y1="{axis_y}" x2="{LABEL_WIDTH + plot_width}" y2="{axis_y}" '
                 'stroke="#999"/>')
    step = max(1, -(-most // 5))  # whole numbers of articles only
    for tick in range(0, most + 1, step):
        tx = LABEL_WIDTH + plot_width * tick / most
        parts.append(f'<text x="{tx:.1f}" y="{axis_y + 16}" text-anchor="middle" style="{FONT};font-size:11px" '
                     f'fill="#555">{tick}</text>')
    parts.append(f'<text x="{LABEL_WIDTH + plot_width / 2:.0f}" y="{axis_y + 32}" text-anchor="middle" '
                 f'style="{FONT};font-size:12px" fill="#333">Articles</text>')
    parts.append("</svg>")
    return "".join(parts)


def data_uri(svg: str) -> str:
    """The SVG as a data: URI for an <img> (an image: no script in it can run)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
