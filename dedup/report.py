"""report.json and report.html: what a run found and what it removed, and why."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from html import escape
from urllib.parse import urlsplit
from pathlib import Path

from .pages import atomic_writer


def write_report_json(path: Path, report: dict) -> None:
    """The report as JSON, written atomically (made whole first: `json.dump` writes piece by
    piece, 50,000 writes for a report of 120 KB)."""
    with atomic_writer(path) as fh:
        fh.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")


def with_crawl_events(report: dict, events: Iterable[dict]) -> dict:
    """The report plus a `crawl` section: the crawl's skips and repairs, counted by reason and listed.

    `events` are crawl.jsonl lines ({"event", "reason", "url", "detail"}); repeats are listed once.
    """
    rows = sorted({
        (str(e.get("event", "")), str(e.get("reason", "")), str(e.get("url", "")), str(e.get("detail", ""))) for e in events
    })
    counts = Counter(f"{event}/{reason}" for event, reason, _, _ in rows)
    return report | {"crawl": {
        "counts": dict(sorted(counts.items())),
        "events": [{"event": e, "reason": r, "url": u, "detail": d} for e, r, u, d in rows],
    }}


def _cell(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _table(headers: list[str], rows: list[list[object]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(_cell(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _link(url: str, text: str) -> str:
    """A link for an http(s) URL, plain text for anything else (no javascript: or data: links)."""
    if urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{escape(url, quote=True)}">{escape(text)}</a>'
    return escape(text)


def _story(story: dict) -> str:
    """One story: its canonical title and the start of its text, and every version with a link."""
    versions = "".join(
        f"<li>{_link(v['url'], v['outlet'])} similarity {v['similarity']:.2f}{' (canonical)' if v['canonical'] else ''}</li>"
        for v in story["urls"]
    )
    return (
        f"<details><summary>{escape(story['title'] or story['id'])} - {_plural(story['outlets'], 'outlet')}, {_plural(story['versions'], 'version')}</summary>"
        f"<p class=\"text\">{escape(story['text'])}</p><ul>{versions}</ul></details>"
    )


def render_html(report: dict) -> str:
    """A self-contained HTML page; every page-derived string is escaped."""
    totals = report["totals"]
    sections = [
        "<h2>Totals</h2>" + _table(["measure", "value"], [[k, v] for k, v in totals.items()]),
        f"<h2>Stories carried by the most outlets ({len(report['stories'])} of {totals['stories']:,}; all in stories.jsonl)</h2>"
        + "".join(_story(s) for s in report["stories"]),
        f"<h2>Rules that removed the most text ({len(report['rules'])} of {totals['fragment_rules']:,}; all in rules.tsv)</h2>"
        + _table(["kind", "scope", "pattern", "stories", "outlets", "blocks removed", "characters removed"],
                 [[r["kind"], r["scope"], r["pattern"], r["stories"], r["outlets"], r["blocks_removed"], r["chars_removed"]] for r in report["rules"]]),
        "<h2>Outlets</h2>"
        + _table(["outlet", "pages", "characters in", "characters removed"],
                 [[o["outlet"], o["pages"], o["chars_in"], o["chars_removed"]] for o in report["outlets"]]),
        "<h2>Skipped input</h2>"
        + (_table(["line", "reason"], [[s["line"], s["reason"]] for s in report["skipped"]]) if report["skipped"] else "<p>Nothing was skipped.</p>"),
    ]
    if report.get("rescued_pages"):
        sections.append(
            "<h2>Pages the learned rules would have emptied</h2><p>These pages kept the blocks that carry their own content; the rules (lines of rules.tsv) removed everything else.</p>"
            + _table(["url", "blocks kept", "rules"], [[r["url"], r["blocks_kept"], "\n".join(r["rules"])] for r in report["rescued_pages"]]))
    if report.get("suspect_stories"):
        sections.append("<h2>Stories that look merged</h2>" + _table(["story", "why"], [[r["id"], r["why"]] for r in report["suspect_stories"]]))
    if "crawl" in report:
        crawl = report["crawl"]
        sections.append(
            "<h2>Crawl: skipped and repaired URLs</h2>"
            + (_table(["event/reason", "URLs"], [[k, v] for k, v in crawl["counts"].items()])
               + _table(["event", "reason", "url", "detail"], [[e["event"], e["reason"], e["url"], e["detail"]] for e in crawl["events"]])
               if crawl["events"] else "<p>The crawl skipped and repaired nothing.</p>")
        )
    style = "body{font:14px sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}.text{white-space:pre-wrap;max-width:60em}details{margin:.3em 0}"
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>wiredup report</title>"
        f"<style>{style}</style></head><body><h1>wiredup report</h1>{''.join(sections)}</body></html>\n"
    )


def write_report_html(path: Path, report: dict) -> None:
    """The report as one HTML page, written atomically."""
    with atomic_writer(path) as fh:
        fh.write(render_html(report))
