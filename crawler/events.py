"""What the crawl skipped or repaired, URL by URL: counted in stats, logged, kept in crawl.jsonl.

`crawl.jsonl` sits beside pages.jsonl; the dedup pipeline puts its lines into the report. One
line per URL, event and reason: {"event": "skipped"|"repaired", "reason", "url", "detail"}.

Rate limits (crawler.ratelimit) add `site` (the host) and `waited_s` (seconds the crawl held the
site for it): "rate_limited" for each 429, 503 or failed answer and "paused" for each pause of a
failing site, one line each time; "given_up" once per URL and reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crawler.journal import Journal

logger = logging.getLogger(__name__)

EVENTS_FILE = "crawl.jsonl"


#: Events kept each time they happen: every one of them made the crawl wait.
REPEATED_EVENTS = frozenset({"rate_limited", "paused"})


def event_key(obj: dict[str, Any]) -> str | None:
    """One entry per event, reason and URL, however often a resumed crawl meets it (None: every time)."""
    if obj.get("event") in REPEATED_EVENTS:
        return None
    parts = [obj.get(name) for name in ("event", "reason", "url")]
    return " ".join(parts) if all(isinstance(p, str) for p in parts) else None  # type: ignore[arg-type]


class CrawlEvents:
    """Record skips and repairs; the journal is written only while the crawl is open.

    `count(key)` adds one to the `wiredup/<key>` stat.
    """

    def __init__(self, out_dir: Path, count: Callable[[str], None], resume: bool) -> None:
        self.journal = Journal(out_dir / EVENTS_FILE, event_key, resume)
        self.count = count

    def open(self) -> None:
        self.journal.open()

    def close(self) -> None:
        self.journal.close()

    def skipped(self, reason: str, url: str, detail: str, level: int = logging.INFO) -> None:
        """A URL that yields no page: `wiredup/skipped/<reason>`."""
        self._record("skipped", reason, url, detail)
        logger.log(level, "skipped %s (%s): %s", url, reason, detail)

    def repaired(self, reason: str, url: str, detail: str) -> None:
        """A page kept after a repair: `wiredup/repaired/<reason>`."""
        self._record("repaired", reason, url, detail)
        logger.info("repaired %s (%s): %s", url, reason, detail)

    def rate_limit(
        self, event: str, reason: str, url: str, detail: str, site: str, waited_s: float, level: int = logging.INFO
    ) -> None:
        """A rate-limit event of `site` (see the module docstring): `wiredup/<event>/<reason>`."""
        self._record(event, reason, url, detail, site=site, waited_s=round(waited_s, 3))
        logger.log(level, "%s %s (%s): %s", event.replace("_", " "), url, reason, detail)

    def _record(self, event: str, reason: str, url: str, detail: str, **extra: Any) -> None:
        self.count(f"{event}/{reason}")
        if self.journal.is_open:
            self.journal.append({"event": event, "reason": reason, "url": url, "detail": detail, **extra})
