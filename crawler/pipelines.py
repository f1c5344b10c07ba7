"""Item pipelines: append pages to `pages.jsonl`; when the crawl closes, run dedup over it (its report includes crawl.jsonl, the crawl's skips and repairs)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured, UsageError
from scrapy.statscollectors import StatsCollector

from crawler.journal import Journal
from dedup import WiredupError, read_rules, run_dedup

logger = logging.getLogger(__name__)

PAGES_FILE = "pages.jsonl"


def page_key(obj: dict[str, Any]) -> str | None:
    """A page is known by its URL."""
    url = obj.get("url")
    return url if isinstance(url, str) else None


class PagesWriterPipeline:
    """Write each item to `<WIREDUP_OUTPUT_DIR>/pages.jsonl` as one JSON line, flushed at once.

    A crawl with a JOBDIR appends, so a resumed job keeps the pages fetched before it stopped and
    drops a URL already in the file; a crawl without one starts the file afresh.
    """

    def __init__(self, out_dir: Path, stats: StatsCollector, resume: bool = False) -> None:
        self.journal = Journal(out_dir / PAGES_FILE, page_key, resume)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PagesWriterPipeline:
        settings = crawler.settings
        return cls(Path(settings.get("WIREDUP_OUTPUT_DIR", "output")), crawler.stats, resume=bool(settings.get("JOBDIR")))

    def open_spider(self) -> None:
        self.journal.open()

    def process_item(self, item: Any) -> Any:
        row = ItemAdapter(item).asdict()
        if not self.journal.append(row):  # expected on resume: counted, logged at DEBUG without the page
            self.stats.inc_value("wiredup/duplicates_dropped")
            raise DropItem(f"duplicate url {row['url']} (already in {self.journal.path})", log_level="DEBUG")
        self.stats.inc_value("wiredup/pages_written")
        return item

    def close_spider(self) -> None:
        self.journal.close()


class DedupPipeline:
    """Run `dedup.run_dedup` over `pages.jsonl` when the crawl closes (off: -s WIREDUP_DEDUP=0)."""

    def __init__(self, out_dir: Path, rules_path: Path | None, stats: StatsCollector, state: str | None = None) -> None:
        self.out_dir = out_dir
        self.rules_path = rules_path
        #: -s WIREDUP_STATE=FOLDER|redis://...: the crawl's pages are added to this persistent state.
        self.state = state
        self.stats = stats
        self.summary: list[str] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        settings = crawler.settings
        if not settings.getbool("WIREDUP_DEDUP", True):
            raise NotConfigured
        rules = Path(settings["WIREDUP_RULES"]) if settings.get("WIREDUP_RULES") else None
        if rules is not None:
            try:
                read_rules(rules)  # fail before the crawl, not after it
            except WiredupError as err:
                raise UsageError(f"{err} (fix the file, or leave -s WIREDUP_RULES unset)") from err
        state = settings.get("WIREDUP_STATE") or None
        if state and rules is not None:
            raise UsageError("WIREDUP_RULES does not apply with WIREDUP_STATE (the state keeps its learned rules)")
        pipeline = cls(Path(settings.get("WIREDUP_OUTPUT_DIR", "output")), rules, crawler.stats, state)
        crawler.signals.connect(pipeline.log_summary, signal=signals.engine_stopped)
        return pipeline

    def close_spider(self) -> None:
        try:
            if self.state:
                from dedup.incremental import run_incremental

                added = run_incremental(self.out_dir / PAGES_FILE, self.out_dir, self.state)
                self.summary = added.lines()
                self.stats.set_value("wiredup/state_pages_added", added.changes.pages_added)
                return
            summary = run_dedup(
                self.out_dir / PAGES_FILE, self.out_dir, rules_path=self.rules_path
            )
        except WiredupError as err:
            logger.error("dedup failed: %s", err)
            self.stats.inc_value("wiredup/dedup_failed")
            return
        self.summary = summary.lines()
        self.stats.set_value("wiredup/dedup_pages", summary.pages)
        for name in ("stories", "versions", "fragments", "chars_removed"):
            self.stats.set_value(f"wiredup/{name}", getattr(summary, name))

    def log_summary(self) -> None:
        """The dedup summary, logged when the engine has stopped: after the stats, last on screen."""
        for line in self.summary:
            logger.info("wiredup: %s", line)
