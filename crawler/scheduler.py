"""A scheduler whose JOBDIR survives a killed crawl.

Scrapy's JOBDIR is built for a clean stop. After a SIGKILL its disk request queue can be left
truncated (the resumed crawl fails with `struct.error`), and its seen-requests file names
requests that only the lost queue held, so they would never be fetched. This scheduler marks a
job as running until the engine has stopped cleanly. A job that finds the mark was killed: its
queue, seen set and spider state are discarded, and the seen set is refilled from the durable
record of the crawl, the URL of every page in pages.jsonl. The crawl then starts again from its
start URLs: listings are fetched again, pages already stored are not.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from scrapy import Request, signals
from scrapy.core.scheduler import Scheduler
from scrapy.crawler import Crawler
from scrapy.utils.job import job_dir

from crawler.pipelines import PAGES_FILE
from dedup.pages import json_objects

logger = logging.getLogger(__name__)

#: File in the JOBDIR that exists while a crawl runs.
RUNNING_MARK = "wiredup.running"
#: Scrapy's job files that a killed crawl may leave torn or inconsistent.
JOB_STATE = ("requests.queue", "requests.seen", "spider.state")


def discard_job_state(jobdir: Path) -> None:
    """Remove the request queue, seen set and spider state of a killed job."""
    for name in JOB_STATE:
        path = jobdir / name
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def stored_urls(pages: Path) -> Iterable[str]:
    """The URL of every readable line of a pages file (none if there is no file)."""
    if not pages.is_file():
        return []
    return [url for obj in json_objects(pages) if isinstance(url := obj.get("url"), str)]


class ResumableScheduler(Scheduler):
    """Scrapy's scheduler, plus recovery of a JOBDIR whose crawl was killed (module docstring)."""

    jobdir: Path | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ResumableScheduler:
        folder = job_dir(crawler.settings)
        jobdir = Path(folder) if folder else None
        killed = jobdir is not None and (jobdir / RUNNING_MARK).exists()
        if jobdir is not None and killed:
            discard_job_state(jobdir)
        scheduler = super().from_crawler(crawler)
        scheduler.jobdir = jobdir
        if killed:
            pages = Path(crawler.settings.get("WIREDUP_OUTPUT_DIR", "output")) / PAGES_FILE
            known = scheduler.remember(stored_urls(pages))
            crawler.stats.set_value("wiredup/resumed_after_kill", known)
            logger.warning(
                "%s: the last crawl of this job was killed; its request queue is discarded and the"
                " crawl starts again from its start URLs, skipping the %d pages already in %s",
                jobdir, known, pages,
            )
        if jobdir is not None:  # held strongly: the engine drops its scheduler before it stops
            crawler.signals.connect(scheduler.stopped_cleanly, signal=signals.engine_stopped, weak=False)
        return scheduler

    def remember(self, urls: Iterable[str]) -> int:
        """Mark the requests for `urls` as seen, so they are not fetched again; returns how many."""
        count = 0
        for url in urls:
            try:
                request = Request(url)
            except ValueError:  # not a URL: nothing to skip
                continue
            self.df.request_seen(request)
            count += 1
        return count

    def open(self, spider):  # type: ignore[no-untyped-def]  # Scrapy's signature
        if self.jobdir is not None:
            self.jobdir.mkdir(parents=True, exist_ok=True)
            (self.jobdir / RUNNING_MARK).write_text(f"pid {os.getpid()}\n", encoding="utf-8")
        return super().open(spider)

    def stopped_cleanly(self) -> None:
        """The engine stopped and Scrapy wrote the job's state: the job can resume as Scrapy's."""
        if self.jobdir is not None:
            (self.jobdir / RUNNING_MARK).unlink(missing_ok=True)
