"""The index pages of the report folder: every story page and every rule page, in a table a
small inline script filters and sorts (without script the whole table reads as it is)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .gather import RuleFigures
from .shell import page, shorten, table

#: Filter rows by the search box; sort by a clicked header (numbers by their value).
SCRIPT = """<script>
(function(){var q=document.getElementById("q");q.hidden=false;var rows=Array.prototype.slice.call(document.querySelectorAll("tbody tr"));
q.addEventListener("input",function(){var s=q.value.toLowerCase();rows.forEach(function(r){r.hidden=s&&r.textContent.toLowerCase().indexOf(s)<0;});});
document.querySelectorAll("th.sort").forEach(function(th){th.addEventListener("click",function(){var b=th.closest("table").tBodies[0],i=th.cellIndex,d=th.dataset.d==="1"?-1:1;th.dataset.d=d===1?"1":"0";
var key=function(r){var c=r.cells[i],t=c.textContent;return c.dataset.v!==undefined?parseFloat(c.dataset.v):/^[0-9]+$/.test(t)?parseInt(t,10):t.toLowerCase();};
Array.prototype.slice.call(b.rows).sort(function(x,y){var a=key(x),c=key(y);return (a<c?-1:a>c?1:0)*d;}).forEach(function(r){b.appendChild(r);});});});})();
</script>"""
SEARCH = '<input id="q" type="search" placeholder="Filter rows" aria-label="Filter rows" hidden>'
NAV = [("../report.html", "Overview"), ("stories.html", "Stories"), ("rules.html", "Rules")]
PATTERN_CHARS = 140


def stories_index(rows: Sequence[tuple[str, str, int, int, str]], total: int) -> str:
    """The stories index: (id, title, outlets, versions, outlet list) of each story with a page."""
    body = (f"<p>The {len(rows):,} stories of several versions carried by the most outlets, of {total:,} stories "
            "(every story is in stories.jsonl). Click a header to sort.</p>" + SEARCH
            + table(["story", "outlets", "versions", "carried by", "id"],
                    [[f'<a href="stories/{escape(sid, quote=True)}.html">{escape(title or sid)}</a>', n, v, carriers, sid]
                     for sid, title, n, v, carriers in rows], html_columns=frozenset({0}), sortable=True))
    return page("wiredup report: stories", body, nav=NAV, script=SCRIPT)


def rules_index(rules: Sequence[RuleFigures], total: int) -> str:
    """The rules index: each rule with a page, most characters removed first."""
    body = (f"<p>{len(rules):,} rules that removed the most text, of {total:,} that removed any (every rule is in rules.tsv). "
            "Click a header to sort.</p>" + SEARCH
            + table(["line", "kind", "scope", "pattern", "stories", "outlets", "blocks removed", "characters removed", "distinct texts"],
                    [[f'<a href="rules/{r.line}.html">{r.line}</a>', r.rule.kind, r.rule.scope,
                      f'<a href="rules/{r.line}.html">{escape(shorten(r.rule.pattern, PATTERN_CHARS))}</a>',
                      r.rule.stories, r.rule.outlets, r.blocks, r.chars, r.texts] for r in rules],
                    html_columns=frozenset({0, 3}), sortable=True))
    return page("wiredup report: rules", body, nav=NAV, script=SCRIPT)
