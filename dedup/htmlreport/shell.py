"""The page shell every report page shares: one inline style sheet, escaping helpers, tables."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from urllib.parse import urlsplit

#: One style sheet, inlined in every page so each file reads on its own (no network, no other file).
STYLE = """
:root{--ink:#1d2330;--muted:#5b6475;--line:#d9dee7;--bg:#f6f7f9;--kept:#2f6fb0;--gone:#c8553d;--own:#9db7d5;--add:#e3f4e1;--miss:#fff3cd}
*{box-sizing:border-box}body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0;background:var(--bg)}
header.top{background:#1d2330;color:#fff;padding:.8em 2em}header.top a{color:#cfe0ff;margin-right:1.2em}header.top h1{margin:.1em 0 .2em;font-size:1.5em}
main{max-width:78em;margin:0 auto;padding:1em 2em 3em}h2{margin-top:1.8em;border-bottom:2px solid var(--line);padding-bottom:.2em}
section.card,details.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.8em 1.2em;margin:1em 0}
.cards{display:flex;flex-wrap:wrap;gap:.8em}.cards div{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.5em 1em;min-width:9em}
.cards strong{display:block;font-size:1.5em}.cards span{color:var(--muted);font-size:.85em}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(30em,1fr));gap:1em}.charts figure{margin:0;background:#fff;border:1px solid var(--line);border-radius:6px;padding:.6em}
figcaption{font-weight:600;margin-bottom:.3em}svg text{font:11px system-ui,sans-serif;fill:var(--ink)}
table{border-collapse:collapse;margin:.5em 0 1.5em;background:#fff}td,th{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5}td.n{text-align:right;font-variant-numeric:tabular-nums}.muted{color:var(--muted)}code,pre{font:13px ui-monospace,Menlo,Consolas,monospace}
pre{background:#fff;border:1px solid var(--line);padding:.6em;overflow-x:auto;white-space:pre-wrap}.pattern{background:#eef1f5;padding:0 .3em;border-radius:3px}
table.matrix td{text-align:center;min-width:2.2em;padding:2px}table.matrix th.o{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:500}
table.matrix td.c{background:var(--kept);color:#fff}table.matrix td.v{background:var(--own)}
.blocks p{margin:.35em 0;padding:.15em .5em;border-left:3px solid transparent}.blocks p.s{border-left-color:var(--line)}
.blocks p.a{background:var(--add);border-left-color:#3c8a3a}.blocks p.m{background:var(--miss);border-left-color:#b08900;color:var(--muted)}
.blocks p.g{color:var(--muted);font-style:italic;font-size:.85em}
.blocks p.r{color:var(--muted);border-left-color:var(--gone);font-size:.9em}.blocks p.here{outline:2px solid var(--gone)}.blocks p.r s{text-decoration-color:var(--gone)}
.t{display:inline-block;font-size:.78em;border-radius:3px;padding:0 .4em;margin-left:.4em;background:#fbe3dd;color:#7a2a1a;text-decoration:none}
.t.a{background:#d6efd3;color:#24591f}.t.m{background:#ffe8a3;color:#5e4a00}.canon{background:var(--kept);color:#fff}
.legend span{margin-right:1.2em}input[type=search]{font-size:1em;padding:.3em .6em;width:24em;margin:.5em 0}th.sort{cursor:pointer}
""".replace("\n", "")


def page(title: str, body: str, *, nav: Sequence[tuple[str, str]] = (), script: str = "") -> str:
    """A whole HTML page: `title` (escaped here), `body` (already HTML), `nav` the (relative
    link, text) pairs of the top bar; `script` an optional inline script (the page reads without it)."""
    nav_html = "".join(f'<a href="{escape(href, quote=True)}">{escape(text)}</a>' for href, text in nav)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body><header class=\"top\"><h1>{escape(title)}</h1>{nav_html}</header>"
        f"<main>{body}</main>{script}</body></html>\n"
    )


def num(value: object) -> str:
    """A number with thousands separators (floats with two decimals); anything else as text, escaped."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return escape(str(value))


def link(url: str, text: str) -> str:
    """A link for an http(s) URL, plain text for anything else (no javascript: or data: links)."""
    if urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{escape(url, quote=True)}" rel="noreferrer">{escape(text)}</a>'
    return escape(text)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], *, html_columns: frozenset[int] = frozenset(),
          sortable: bool = False) -> str:
    """A table; every cell is escaped except those of `html_columns` (made by the caller from
    escaped parts). Numbers align right and carry their value for sorting."""
    cls = ' class="sort"' if sortable else ""
    head = "".join(f"<th{cls}>{escape(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            if i in html_columns:
                cells.append(f"<td>{cell}</td>")
            elif isinstance(cell, (int, float)) and not isinstance(cell, bool):
                cells.append(f'<td class="n" data-v="{cell}">{num(cell)}</td>')
            else:
                cells.append(f"<td>{escape(str(cell))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def shorten(text: str, chars: int) -> str:
    """`text` cut to about `chars` characters at a word boundary, with an ellipsis when cut."""
    if len(text) <= chars:
        return text
    cut = text[:chars].rsplit(" ", 1)[0] or text[:chars]
    return cut + "…"
