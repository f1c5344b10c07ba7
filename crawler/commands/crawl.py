"""`scrapy crawl` that checks the wire spider's arguments and settings before the crawl starts.

Scrapy builds spiders and pipelines inside the running reactor, where a mistake surfaces as a
traceback; checked here, it is one clear usage error instead.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from scrapy import signals
from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.crawler import Crawler
from scrapy.exceptions import UsageError
from scrapy.settings import BaseSettings

from crawler.redis_frontier import FRONTIER_LOST, REDIS_UNAVAILABLE, check_redis_url
from crawler.spiders.wire import ARGUMENTS, WireSpider, network_slugs, seed_urls
from dedup import WiredupError, read_rules


#: Settings read as a boolean, a whole number or a number, checked before the crawl starts.
TYPED_SETTINGS = {
    "getbool": ("WIREDUP_DEDUP", "WIREDUP_WARC", "WIREDUP_HOSTILE", "WIREDUP_RATELIMIT_ENABLED", "ROBOTSTXT_OBEY",
                "AUTOTHROTTLE_ENABLED", "HTTPCACHE_ENABLED"),
    "getint": ("CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "WIREDUP_NETWORK_PORT", "WIREDUP_RATELIMIT_RETRIES",
               "WIREDUP_BREAKER_FAILURES", "WIREDUP_BREAKER_MAX_PAUSES", "RETRY_TIMES", "DOWNLOAD_MAXSIZE"),
    "getfloat": ("DOWNLOAD_DELAY", "DOWNLOAD_TIMEOUT", "AUTOTHROTTLE_START_DELAY", "AUTOTHROTTLE_MAX_DELAY",
                 "AUTOTHROTTLE_TARGET_CONCURRENCY", "WIREDUP_CRAWL_DELAY_MAX", "WIREDUP_RETRY_AFTER_MAX", "WIREDUP_BREAKER_PAUSE",
                 "WIREDUP_REDIS_HEARTBEAT"),
}
_TYPE_NAMES = {"getbool": "0 or 1 (True/False)", "getint": "a whole number", "getfloat": "a number"}


def check_typed_settings(settings: BaseSettings) -> None:
    """Raise UsageError naming the first setting of `TYPED_SETTINGS` whose value has the wrong type."""
    for getter, names in TYPED_SETTINGS.items():
        for name in names:
            try:
                getattr(settings, getter)(name)
            except (TypeError, ValueError) as err:
                raise UsageError(f"-s {name}={settings.get(name)!r}: expected {_TYPE_NAMES[getter]}") from err


def check_wire(spargs: dict[str, str], settings: BaseSettings) -> None:
    """Raise UsageError for a bad `-a` argument, setting value, network folder, rules file, Redis URL or output folder."""
    check_typed_settings(settings)
    arguments = {key: spargs[key] for key in ARGUMENTS if key in spargs}
    others = {key: value for key, value in spargs.items() if key not in ARGUMENTS}
    if not seed_urls(arguments, others):
        network_slugs(Path(settings.get("WIREDUP_NETWORK_DIR") or "seeds/network"))
    rules = settings.get("WIREDUP_RULES")
    if rules:
        try:
            read_rules(Path(rules))
        except WiredupError as err:
            raise UsageError(f"{err} (fix the file, or leave -s WIREDUP_RULES unset)") from err
    if settings.get("WIREDUP_REDIS"):
        check_redis_url(settings["WIREDUP_REDIS"])
    out_dir = Path(settings.get("WIREDUP_OUTPUT_DIR", "output"))
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"-s WIREDUP_OUTPUT_DIR={out_dir} is a file; give a folder (it is created if missing)")


#: Close reasons after which `scrapy crawl` exits with status 1: the crawl stopped short.
FAILED_REASONS = frozenset({REDIS_UNAVAILABLE, FRONTIER_LOST})


class Command(ScrapyCrawl):
    """Scrapy's crawl command, with the wire spider's checks first and exit status 1 for a failed crawl."""

    close_reasons: list[str]

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args and args[0] == WireSpider.name:
            assert self.settings is not None
            check_wire(opts.spargs, self.settings)
        self.close_reasons = []
        super().run(args, opts)
        if FAILED_REASONS.intersection(self.close_reasons):
            self.exitcode = 1

    def _create_crawler(self, spidercls: type | str) -> Crawler:  # type: ignore[override]
        crawler = super()._create_crawler(spidercls)
        crawler.signals.connect(self._closed, signal=signals.spider_closed)
        return crawler

    def _closed(self, reason: str) -> None:
        self.close_reasons.append(reason)
