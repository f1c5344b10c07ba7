"""report.json and report.html: what a run found and what it removed, and why."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .htmlreport import RunState, render_overview, write_site
from .pages import atomic_writer


def write_report_json(path: Path, report: dict) -> None:
    """The report as JSON, written atomically (made whole first: `json.dump` writes piece by
    piece, 50,000 writes for a report of 120 KB)."""
    with atomic_writer(path) as fh:
        fh.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")


def with_crawl_events(report: dict, events: Iterable[dict]) -> dict:
    """The report plus a `crawl` section: the crawl's skips and repairs, counted by reason and listed;
    and `rate_limited`: per site, its 429, 503 and failed answers ("rate_limited" lines, each
    counted), the seconds the crawl held it (`waited_s` of those and of its "paused" lines), its
    pauses and the URLs given up ("given_up" lines; their reasons are in `crawl.events`).

    `events` are crawl.jsonl lines ({"event", "reason", "url", "detail"}, rate-limit lines also
    "site" and "waited_s"); repeats are listed once in `crawl`, and `rate_limited` is empty when no
    site was rate limited.
    """
    events = list(events)
    rows = sorted({
        (str(e.get("event", "")), str(e.get("reason", "")), str(e.get("url", "")), str(e.get("detail", ""))) for e in events
    })
    counts = Counter(f"{event}/{reason}" for event, reason, _, _ in rows)
    sites: dict[str, dict] = {}
    for e in events:
        event, name, url = e.get("event"), e.get("site"), str(e.get("url", ""))
        if event not in ("rate_limited", "paused", "given_up") or not isinstance(name, str) or not name:
            continue  # a line without its site is listed in `crawl` alone
        site = sites.setdefault(name, {"site": name, "responses": 0, "waited_s": 0.0, "paused": 0, "given_up": set()})
        waited = e.get("waited_s")
        if isinstance(waited, (int, float)) and not isinstance(waited, bool) and waited > 0:
            site["waited_s"] += waited
        if event == "rate_limited":
            site["responses"] += 1
        elif event == "paused":
            site["paused"] += 1
        else:
            site["given_up"].add(url)
    rate_limited = [
        site | {"waited_s": round(site["waited_s"], 1), "given_up": sorted(site["given_up"])}
        for _, site in sorted(sites.items())
    ]
    return report | {"crawl": {
        "counts": dict(sorted(counts.items())),
        "events": [{"event": e, "reason": r, "url": u, "detail": d} for e, r, u, d in rows],
    }, "rate_limited": rate_limited}


def render_html(report: dict) -> str:
    """The overview page of a report.json alone: self-contained, every page-derived string escaped
    (`write_report_html` adds the charts and pages that need the run)."""
    return render_overview(report)


def write_report_html(path: Path, report: dict, state: RunState | None = None) -> None:
    """report.html, written atomically; with the run's `state`, also the report/ folder beside it:
    a page per story (versions against the canonical text, removals labelled with their rules)
    and per rule (examples in context, the keep line), see `dedup.htmlreport`."""
    write_site(path, report, state)
