"""The overview page (report.html): totals, charts, the syndication matrix and report.json's tables."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html import escape

from .charts import COLOURS, bar_chart
from .gather import Figures
from .shell import link, num, page, plural, shorten, table

#: Outlets drawn in a chart, stories and outlets in the syndication matrix.
CHART_OUTLETS, MATRIX_STORIES, MATRIX_OUTLETS = 30, 30, 40
#: Characters of a story's text shown in the overview's story table.
SNIPPET_CHARS = 160


@dataclass(frozen=True)
class SiteLinks:
    """What the report folder holds, so the overview links only to pages that exist."""

    folder: str
    story_pages: frozenset[str] = frozenset()
    rule_pages: frozenset[int] = frozenset()
    #: (kind, scope, pattern) -> line in rules.tsv, for report.json's rule rows.
    rule_lines: dict[tuple[str, str, str], int] = field(default_factory=dict)

    def story(self, sid: str, text: str) -> str:
        if sid in self.story_pages:
            return f'<a href="{escape(self.folder, quote=True)}/stories/{escape(sid, quote=True)}.html">{escape(text)}</a>'
        return escape(text)

    def rule(self, row: dict, text: str) -> str:
        line = self.rule_lines.get((row["kind"], row["scope"], row["pattern"]))
        if line in self.rule_pages:
            return f'<a href="{escape(self.folder, quote=True)}/rules/{line}.html">{escape(text)}</a>'
        return escape(text)


def render_overview(report: dict, figures: Figures | None = None, site: SiteLinks | None = None) -> str:
    """The overview as a whole page; every page-derived string escaped. Without `figures` (a
    report.json alone) the charts draw what report.json holds."""
    site = site or SiteLinks("")
    totals = report["totals"]
    sections = [_cards(totals), "<h2>At a glance</h2>", _charts(report, figures), _matrix(report, site), _stories(report, site),
                _rules(report, site, figures), _outlets(report, figures), _skipped(report), *_problems(report)]
    nav = [("#charts", "Charts"), ("#syndication", "Syndication"), ("#stories", "Stories"), ("#rules", "Rules"), ("#outlets", "Outlets")]
    if site.folder:
        nav += [(f"{site.folder}/stories.html", "All story pages"), (f"{site.folder}/rules.html", "All rule pages")]
    return page("wiredup report", "".join(sections), nav=nav)


def _cards(totals: dict) -> str:
    share = 100 * totals["chars_removed"] / totals["chars_in"] if totals["chars_in"] else 0.0
    cards = [
        (num(totals["pages"]), "pages"), (num(totals["stories"]), "stories"), (num(totals["syndicated_stories"]), "carried by several outlets"),
        (num(totals["versions"]), "versions of those"), (num(totals["fragment_rules"]), "rules learned"),
        (f"{share:.1f}%", f"of {totals['chars_in']:,} characters removed"), (num(totals["skipped_lines"]), "input lines skipped"),
    ]
    return '<div class="cards">' + "".join(f"<div><strong>{value}</strong><span>{escape(label)}</span></div>" for value, label in cards) + "</div>"


def _charts(report: dict, figures: Figures | None) -> str:
    outlets = sorted(report["outlets"], key=lambda o: (-o["pages"], o["outlet"]))
    shown, more = outlets[:CHART_OUTLETS], max(0, len(outlets) - CHART_OUTLETS)
    charts = [bar_chart("Pages by outlet", [(o["outlet"], [o["pages"]]) for o in shown], ["pages"], more=more)]
    if figures is not None:
        carried = figures.stories_by_outlet
        charts.append(bar_chart(
            "Stories by outlet", [(o["outlet"], [carried.get(o["outlet"], (0, 0))[1], _own(carried.get(o["outlet"], (0, 0)))]) for o in shown],
            ["carried by several outlets", "by this outlet only"], more=more, colours=(COLOURS[0], COLOURS[2])))
    charts.append(bar_chart("Characters by outlet", [(o["outlet"], [o["chars_in"] - o["chars_removed"], o["chars_removed"]]) for o in shown],
                            ["kept", "removed"], more=more))
    if figures is not None:
        kinds = [(f"{kind} ({plural(n, 'rule')})", [chars]) for kind, (n, _, chars) in figures.kinds.items()]
        charts.append(bar_chart("Characters removed by rule kind", kinds, ["characters removed"]))
    else:
        listed: Counter[str] = Counter()
        for row in report["rules"]:
            listed[row["kind"]] += row["chars_removed"]
        charts.append(bar_chart(f"Characters removed by rule kind (the {len(report['rules'])} rules listed)",
                                [(k, [v]) for k, v in listed.most_common()], ["characters removed"]))
    return '<div class="charts" id="charts">' + "".join(charts) + "</div>"


def _own(pair: tuple[int, int]) -> int:
    return pair[0] - pair[1]


def _matrix(report: dict, site: SiteLinks) -> str:
    """Outlets x the most widely carried stories: who carried each, in which order (1: first fetched)."""
    stories = [s for s in report["stories"] if s["outlets"] > 1][:MATRIX_STORIES]
    head = '<h2 id="syndication">Syndication: who carried the most widely carried stories</h2>'
    if not stories:
        return head + "<p>No story was carried by more than one outlet.</p>"
    carried = Counter(o for s in stories for o in {u["outlet"] for u in s["urls"]})
    outlets = [o for o, _ in sorted(carried.items(), key=lambda kv: (-kv[1], kv[0]))][:MATRIX_OUTLETS]
    rows = []
    for story in stories:
        cells = []
        for outlet in outlets:
            places = [(i, u) for i, u in enumerate(story["urls"], start=1) if u["outlet"] == outlet]
            if not places:
                cells.append("<td></td>")
                continue
            canonical = any(u["canonical"] for _, u in places)
            hover = "; ".join(f"{outlet}: version {i} of {len(story['urls'])} fetched, similarity {u['similarity']:.2f}"
                              + (" (canonical)" if u["canonical"] else "") for i, u in places)
            cells.append(f'<td class="{"c" if canonical else "v"}" title="{escape(hover, quote=True)}">{",".join(str(i) for i, _ in places)}</td>')
        rows.append(f"<tr><td>{site.story(story['id'], shorten(story['title'] or story['id'], 70))}</td>"
                    f'<td class="n">{story["outlets"]}</td>{"".join(cells)}</tr>')
    headers = "".join(f'<th class="o" title="{escape(o, quote=True)}">{escape(shorten(o, 28))}</th>' for o in outlets)
    more = len(carried) - len(outlets)
    return (head + '<p class="muted">Each cell: the place of that outlet\'s version among the story\'s versions in order of fetching '
            '(1: fetched first); dark: the canonical version. Hover for the similarity.'
            + (f" {more:,} more outlets carried these stories." if more > 0 else "") + "</p>"
            f'<table class="matrix"><thead><tr><th>story</th><th>outlets</th>{headers}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _stories(report: dict, site: SiteLinks) -> str:
    rows = [[site.story(s["id"], s["title"] or s["id"]), s["outlets"], s["versions"], shorten(s["text"], SNIPPET_CHARS)] for s in report["stories"]]
    where = f' <a href="{escape(site.folder, quote=True)}/stories.html">Story pages</a>;' if site.folder else ""
    return (f'<h2 id="stories">Stories carried by the most outlets ({len(report["stories"]):,} of {report["totals"]["stories"]:,})</h2>'
            f'<p class="muted">{where} every story is in stories.jsonl.</p>'
            + table(["story", "outlets", "versions", "beginning"], rows, html_columns=frozenset({0})))


def _rules(report: dict, site: SiteLinks, figures: Figures | None) -> str:
    rows = [[r["kind"], r["scope"], site.rule(r, r["pattern"]), r["stories"], r["outlets"], r["blocks_removed"], r["chars_removed"]]
            for r in report["rules"]]
    where = f' <a href="{escape(site.folder, quote=True)}/rules.html">Rule pages</a>;' if site.folder else ""
    return (f'<h2 id="rules">Rules that removed the most text ({len(report["rules"]):,} of {report["totals"]["fragment_rules"]:,})</h2>'
            f'<p class="muted">{where} every rule is in rules.tsv.</p>'
            + table(["kind", "scope", "pattern", "stories", "outlets", "blocks removed", "characters removed"], rows, html_columns=frozenset({2})))


def _outlets(report: dict, figures: Figures | None) -> str:
    carried = figures.stories_by_outlet if figures else {}
    rows = []
    for o in report["outlets"]:
        share = 100 * o["chars_removed"] / o["chars_in"] if o["chars_in"] else 0.0
        row: list[object] = [o["outlet"], o["pages"]]
        if figures:
            row += list(carried.get(o["outlet"], (0, 0)))
        rows.append(row + [o["chars_in"], o["chars_removed"], f"{share:.1f}%"])
    headers = ["outlet", "pages", *(["stories", "carried by several"] if figures else []), "characters in", "characters removed", "share removed"]
    return '<h2 id="outlets">Outlets</h2>' + table(headers, rows)


def _skipped(report: dict) -> str:
    rows = [[s["line"], s["reason"]] for s in report["skipped"]]
    return "<h2>Skipped input</h2>" + (table(["line", "reason"], rows) if rows else "<p>Nothing was skipped.</p>")


def _problems(report: dict) -> list[str]:
    """The optional sections: rescued pages, stories that look merged, the crawl's waits, the WARC input's and the crawl's skips."""
    sections = []
    if report.get("rescued_pages"):
        sections.append(
            "<h2>Pages the learned rules would have emptied</h2><p>These pages kept the blocks that carry their own content; "
            "the rules (lines of rules.tsv) removed everything else.</p>"
            + table(["url", "blocks kept", "rules"], [[link(r["url"], r["url"]), r["blocks_kept"], escape("\n".join(r["rules"]))]
                                                     for r in report["rescued_pages"]], html_columns=frozenset({0, 2})))
    if report.get("suspect_stories"):
        sections.append("<h2>Stories that look merged</h2>" + table(["story", "why"], [[r["id"], r["why"]] for r in report["suspect_stories"]]))
    if report.get("rate_limited"):
        sections.append(
            "<h2>Crawl: sites that limited the rate</h2>"
            + table(["site", "responses", "waited (s)", "paused", "given up"],
                    [[r.get("site", ""), r.get("responses", ""), r.get("waited_s", ""), _yes(r.get("paused")), _yes(r.get("given_up"))]
                     for r in report["rate_limited"]]))
    if report.get("warc"):
        warc = report["warc"]
        files = [str(f) for f in warc.get("files", [])]
        sections.append(
            f"<h2>WARC input: {plural(int(warc.get('records', 0)), 'record')} in {plural(len(files), 'file')}</h2>"
            + f'<p class="muted">{escape(", ".join(files))}</p>'
            + table(["event/reason", "records"], [[k, v] for k, v in warc.get("counts", {}).items()])
            + table(["event", "reason", "url", "detail", "record"],
                    [[e.get("event", ""), e.get("reason", ""), e.get("url", ""), e.get("detail", ""), str(e.get("record", ""))]
                     for e in warc.get("events", [])]))
    if "crawl" in report:
        crawl = report["crawl"]
        sections.append(
            "<h2>Crawl: skipped and repaired URLs</h2>"
            + (table(["event/reason", "URLs"], [[k, v] for k, v in crawl["counts"].items()])
               + table(["event", "reason", "url", "detail"], [[e["event"], e["reason"], e["url"], e["detail"]] for e in crawl["events"]])
               if crawl["events"] else "<p>The crawl skipped and repaired nothing.</p>"))
    return sections


def _yes(value: object) -> object:
    """A flag as yes/no; a count or anything else as it is."""
    return ("yes" if value else "no") if isinstance(value, bool) or value is None else value
