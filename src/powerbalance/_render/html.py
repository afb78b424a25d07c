"""Self-contained HTML for reports: inline CSS and SVG, no scripts, no external references."""

from __future__ import annotations

import html

import pandas as pd

__all__ = ["AREA_COLOURS", "CSS", "contribution_bars", "page", "styled"]

#: Area colours, in the order areas first appear (colour-blind-safe Okabe-Ito palette).
AREA_COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)

CSS = """
.powerbalance-report { font-family: system-ui, sans-serif; font-size: 14px; color: #222;
  max-width: 60rem; line-height: 1.4; }
.powerbalance-report table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
.powerbalance-report caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
.powerbalance-report th, .powerbalance-report td { padding: 0.15rem 0.6rem;
  border-bottom: 1px solid #ddd; }
.powerbalance-report th { background: #f4f4f4; }
.powerbalance-report .bars text { font-size: 11px; fill: #222; }
.powerbalance-report .provenance { color: #555; font-size: 12px; }
@media print { .powerbalance-report { max-width: none; } }
"""


def contribution_bars(benefit: pd.DataFrame, risk: pd.DataFrame) -> str:
    """Signed stacked bars, one row per option: benefits to the right, risks to the left.

    ``benefit`` and ``risk`` are options x areas on the weighted scale (rows in the
    order to draw). Each segment is an SVG ``rect`` of class ``bar`` carrying the
    option, area and measure, with a tooltip.

    Examples
    --------
    >>> import pandas as pd
    >>> b = pd.DataFrame({"Economic": [0.3, 0.1]}, index=["A", "B"])
    >>> r = pd.DataFrame({"Economic": [0.1, 0.2]}, index=["A", "B"])
    >>> svg = contribution_bars(b, r)
    >>> svg.count('class="bar"')
    4
    """
    areas = [str(a) for a in benefit.columns]
    colours = {a: AREA_COLOURS[k % len(AREA_COLOURS)] for k, a in enumerate(areas)}
    label_width, half, row, top = 190, 220, 22, 28
    extent = float(max(benefit.sum(axis=1).max(), risk.sum(axis=1).max(), 1e-12))
    scale = half / extent
    centre = label_width + half
    height = top + row * len(benefit.index) + 10
    width = label_width + 2 * half + 10
    parts = [
        f'<svg class="bars" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" role="img" aria-label="Weighted benefits (right) and risks '
        f'(left) by area for every option">',
        f'<text x="{centre + 4}" y="12">benefit &#8594;</text>',
        f'<text x="{centre - 4}" y="12" text-anchor="end">&#8592; risk</text>',
    ]
    for k, option in enumerate(benefit.index):
        y = top + k * row
        name = html.escape(str(option))
        parts.append(f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{name}</text>')
        right = left = 0.0
        for area in areas:
            for measure, value in (
                ("benefit", float(benefit.loc[option, area])),
                ("risk", float(risk.loc[option, area])),
            ):
                size = max(value, 0.0) * scale
                if measure == "benefit":
                    x, right = centre + right, right + size
                else:
                    left += size
                    x = centre - left
                opacity = "1" if measure == "benefit" else "0.55"
                parts.append(
                    f'<rect class="bar" data-option="{name}" data-area="{html.escape(area)}" '
                    f'data-measure="{measure}" data-value="{value!r}" x="{x:.2f}" y="{y + 3}" '
                    f'width="{size:.2f}" height="{row - 6}" fill="{colours[area]}" '
                    f'fill-opacity="{opacity}"><title>{name}, {html.escape(area)} '
                    f"{measure}: {value:.3f}</title></rect>"
                )
    parts.append(
        f'<line x1="{centre}" x2="{centre}" y1="{top - 4}" y2="{height - 6}" stroke="#222"/>'
    )
    parts.append("</svg>")
    legend = " ".join(
        f'<span style="color:{colours[a]}">&#9632;</span> {html.escape(a)}' for a in areas
    )
    return "".join(parts) + f'<p class="legend">{legend} (risks lighter, to the left)</p>'


def page(title: str, body: str) -> str:
    """A complete HTML document around ``body``, with the report style inline.

    Examples
    --------
    >>> page("T", "<p>x</p>").startswith("<!DOCTYPE html>")
    True
    """
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>{body}</body></html>\n"
    )


def styled(body: str) -> str:
    """``body`` with the report's style sheet in front (for pages and notebook cells).

    Examples
    --------
    >>> styled("<div></div>").startswith("<style>")
    True
    """
    return f"<style>{CSS}</style>{body}"
