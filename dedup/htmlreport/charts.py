"""Inline SVG bar charts: no script, no external file; every label escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .shell import shorten

#: Colours of a chart's series, in order (the style sheet's kept, removed and own-story colours).
COLOURS = ("#2f6fb0", "#c8553d", "#9db7d5", "#6a9f58", "#b08900", "#7d5ba6", "#4b9fa8", "#8c8c8c")
WIDTH, LABEL, ROW, TOP = 640, 190, 20, 24


def bar_chart(caption: str, rows: Sequence[tuple[str, Sequence[float]]], series: Sequence[str], *, more: int = 0,
              unit: str = "", colours: Sequence[str] = COLOURS) -> str:
    """A horizontal bar chart in a <figure>: one bar per row, its values stacked in the order of
    `series` (one value per series, drawn in `colours`), the total at the bar's end; `more` rows
    not shown are named under it. Each bar's <title> gives every figure on hover."""
    total_max = max((sum(values) for _, values in rows), default=0) or 1
    scale = (WIDTH - LABEL - 70) / total_max
    legend, x = [], LABEL
    for i, name in enumerate(series if len(series) > 1 else ()):
        legend.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{colours[i % len(colours)]}"/><text x="{x + 14}" y="13">{escape(name)}</text>')
        x += 30 + 6 * len(name)  # about the width of the name at 11px
    bars = []
    for r, (label, values) in enumerate(rows):
        y = TOP + r * ROW
        x = LABEL
        parts = []
        for i, value in enumerate(values):
            w = value * scale
            if w > 0:
                parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{ROW - 6}" fill="{colours[i % len(colours)]}"/>')
            x += w
        hover = f"{label}: " + ", ".join(f"{name} {v:,.0f}{unit}" for name, v in zip(series, values))  # exact figures
        bars.append(
            f"<g><title>{escape(hover)}</title>"
            f'<text x="{LABEL - 6}" y="{y + ROW - 6}" text-anchor="end">{escape(shorten(label, 30))}</text>'
            f'{"".join(parts)}<text x="{x + 4:.1f}" y="{y + ROW - 6}">{_figure(sum(values))}{escape(unit)}</text></g>'
        )
    height = TOP + len(rows) * ROW + 6
    note = f'<p class="muted">and {more:,} more</p>' if more else ""
    return (
        f"<figure><figcaption>{escape(caption)}</figcaption>"
        f'<svg viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-label="{escape(caption, quote=True)}" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(legend)}{"".join(bars)}</svg>{note}</figure>'
    )


def _figure(value: float) -> str:
    """A chart figure: whole numbers with separators, large ones in thousands or millions."""
    if value >= 10_000_000:
        return f"{value / 1_000_000:,.1f}M"
    if value >= 100_000:
        return f"{value / 1_000:,.0f}k"
    return f"{value:,.0f}"
