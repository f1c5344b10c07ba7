"""Item pipelines: append pages to `pages.jsonl`, then run dedup over it when the crawl closes."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured, UsageError
from scrapy.statscollectors import StatsCollector

from dedup import WiredupError, read_rules, run_dedup

logger = logging.getLogger(__name__)

PAGES_FILE = "pages.jsonl"


def urls_in(path: Path) -> Iterator[str]:
    """The `url` of every readable line of a pages file; unreadable lines are passed over."""
    with path.open("rb") as fh:
        for raw in fh:
            try:
                url = json.loads(raw).get("url")
            except (ValueError, AttributeError):
                continue
            if isinstance(url, str):
                yield url


def ends_mid_line(path: Path) -> bool:
    """True if a non-empty file does not end in a newline (a writer was killed mid-line)."""
    with path.open("rb") as fh:
        if fh.seek(0, os.SEEK_END) == 0:
            return False
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) != b"\n"


class PagesWriterPipeline:
    """Write each item to `<WIREDUP_OUTPUT_DIR>/pages.jsonl` as one JSON line, flushed at once.

    A crawl with a JOBDIR appends, so a resumed job keeps the pages fetched before it stopped and
    drops a URL already in the file; a crawl without one starts the file afresh.
    """

    def __init__(self, out_dir: Path, stats: StatsCollector, resume: bool = False) -> None:
        self.path = out_dir / PAGES_FILE
        self.stats = stats
        self.resume = resume
        self.seen: set[str] = set()
        self.file: IO[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PagesWriterPipeline:
        settings = crawler.settings
        return cls(Path(settings.get("WIREDUP_OUTPUT_DIR", "output")), crawler.stats, resume=bool(settings.get("JOBDIR")))

    def open_spider(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        broken_tail = False
        if not self.resume:
            self.path.unlink(missing_ok=True)
        elif self.path.is_file():
            self.seen = set(urls_in(self.path))
            broken_tail = ends_mid_line(self.path)
            logger.info("appending to %s (%d pages already there)", self.path, len(self.seen))
        self.file = self.path.open("a", encoding="utf-8")
        if broken_tail:
            logger.warning("%s ends in a partial line (crawl killed?); new pages start below it", self.path)
            self.file.write("\n")

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        url = adapter["url"]
        if url in self.seen:  # expected on resume: counted, logged at DEBUG without the page
            self.stats.inc_value("wiredup/duplicates_dropped")
            raise DropItem(f"duplicate url {url} (already in {self.path})", log_level="DEBUG")
        assert self.file is not None
        self.file.write(json.dumps(adapter.asdict(), ensure_ascii=False) + "\n")
        self.file.flush()
        self.seen.add(url)
        self.stats.inc_value("wiredup/pages_written")
        return item

    def close_spider(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


class DedupPipeline:
    """Run `dedup.run_dedup` over `pages.jsonl` when the crawl closes (off: -s WIREDUP_DEDUP=0)."""

    def __init__(self, out_dir: Path, rules_path: Path | None, stats: StatsCollector) -> None:
        self.out_dir = out_dir
        self.rules_path = rules_path
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        settings = crawler.settings
        if not settings.getbool("WIREDUP_DEDUP", True):
            raise NotConfigured("WIREDUP_DEDUP is off")
        rules = Path(settings["WIREDUP_RULES"]) if settings.get("WIREDUP_RULES") else None
        if rules is not None:
            try:
                read_rules(rules)  # fail before the crawl, not after it
            except WiredupError as err:
                raise UsageError(f"{err} (fix the file, or leave -s WIREDUP_RULES unset)") from err
        return cls(Path(settings.get("WIREDUP_OUTPUT_DIR", "output")), rules, crawler.stats)

    def close_spider(self) -> None:
        try:
            summary = run_dedup(
                self.out_dir / PAGES_FILE, self.out_dir, rules_path=self.rules_path
            )
        except WiredupError as err:
            logger.error("dedup failed: %s", err)
            self.stats.inc_value("wiredup/dedup_failed")
            return
        for line in summary.lines():
            logger.info("wiredup: %s", line)
        self.stats.set_value("wiredup/dedup_pages", summary.pages)
        for name in ("stories", "versions", "fragments", "chars_removed"):
            self.stats.set_value(f"wiredup/{name}", getattr(summary, name))
