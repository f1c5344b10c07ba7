"""Polite under rate limits: Retry-After, robots.txt Crawl-delay and a circuit breaker, per site.

`RateLimitMiddleware` is a downloader middleware; a site is a download slot (a host name).

* A 429 or 503 answer with `Retry-After` (delta-seconds or an HTTP-date) holds the whole site
  until the wait is over: no request leaves for it before, and the URL's retry (by Scrapy's
  RetryMiddleware, with at least WIREDUP_RATELIMIT_RETRIES retries) leaves after it. A wait
  beyond WIREDUP_RETRY_AFTER_MAX gives the URL up instead. Each 429 or 503 also doubles an extra
  delay of the site (at least BACKOFF_START, at most AUTOTHROTTLE_MAX_DELAY), which shrinks by
  BACKOFF_DECAY with every other answer.
* The site's robots.txt Crawl-delay (`crawler.crawldelay`) is the floor of its delay: AutoThrottle
  may go slower, never faster.
* WIREDUP_BREAKER_FAILURES failures in a row (5xx, 429, or a download error of RETRY_EXCEPTIONS
  such as a timeout) pause the site for WIREDUP_BREAKER_PAUSE seconds, twice as long each time;
  the first failure after a pause pauses it again. A site that still fails after
  WIREDUP_BREAKER_MAX_PAUSES pauses is given up: its remaining URLs are not requested. Failures
  that arrive while the site is held were sent before the hold and do not count.

Holds and floors act on the site's download slot, so a held site's requests wait in its queue
without blocking the reactor, while other slots go on: the slot's delay is raised to the floor
(its jitter narrowed so that no random delay falls below it) and its last-seen time moved so that
its next request leaves when the hold ends. They are applied as each request reaches the
downloader and after each answer, after AutoThrottle's adjustment and before the slot sends its
next request. Every failed answer, pause and given-up URL is a line of crawl.jsonl
(`crawler.events`), with the site and the seconds the crawl held it.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import timezone
from email.utils import parsedate_to_datetime
from pathlib import Path

from scrapy import Request, signals
from scrapy.core.downloader import Downloader, Slot
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadTimeoutError, IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object
from twisted.python.failure import Failure

from crawler.crawldelay import CrawlDelays
from crawler.events import CrawlEvents

logger = logging.getLogger(__name__)

#: Extra delay of a site after its first 429 or 503, in seconds; doubled by each further one.
BACKOFF_START = 1.0
#: Share of the extra delay left after each answer that is no failure.
BACKOFF_DECAY = 0.75
#: Extra delays below this are dropped, in seconds.
BACKOFF_MIN = 0.05
#: Delay of a held slot without one: Scrapy looks at a slot's last-seen time only when it has a delay.
HELD_DELAY = 0.001
#: Statuses that say "come back later" and may carry Retry-After.
RATE_LIMIT_STATUSES = frozenset({429, 503})

_DELTA_SECONDS = re.compile(r"\d+(?:\.\d+)?")


def retry_after(value: bytes | str | None, now: float) -> float | None:
    """Seconds to wait by a Retry-After value: delta-seconds, or an HTTP-date (`now`: epoch seconds,
    a date in the past waits 0). None if there is no value or it is neither."""
    if value is None:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if _DELTA_SECONDS.fullmatch(text):
        return float(text)  # inf for an absurd number of digits
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # asctime dates carry no zone; HTTP dates are GMT
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - now)


@dataclass
class Retries:
    """What Scrapy's RetryMiddleware will do, from its settings and documented meta keys."""

    enabled: bool
    times: int
    codes: frozenset[int]
    exceptions: tuple[type[BaseException], ...]

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> Retries:
        exceptions = tuple(load_object(e) if isinstance(e, str) else e for e in settings.getlist("RETRY_EXCEPTIONS"))
        return cls(
            settings.getbool("RETRY_ENABLED"), settings.getint("RETRY_TIMES"),
            frozenset(int(code) for code in settings.getlist("RETRY_HTTP_CODES")), exceptions,
        )

    def budget(self, request: Request) -> int:
        """How often `request`'s URL may be retried in all."""
        return int(request.meta.get("max_retry_times", self.times))

    def left(self, request: Request) -> bool:
        """Whether a retry of `request` is left (retrying is on and its budget not spent)."""
        return self.enabled and not request.meta.get("dont_retry") and request.meta.get("retry_times", 0) < self.budget(request)


@dataclass
class Site:
    """What the crawl knows of one site, and the slot values it set last (to tell Scrapy's own)."""

    crawl_delay: float = 0.0
    backoff: float = 0.0
    until: float = 0.0  # time.monotonic() the site is held until
    failures: int = 0  # failures in a row
    pauses: int = 0
    probing: bool = False  # paused before, no good answer since
    given_up: bool = False
    own_delay: float = 0.0
    own_jitter: float = 0.0
    set_delay: float | None = None
    set_jitter: float | None = None

    def hold(self, until: float, now: float) -> float:
        """Hold the site until `until`; the seconds this adds to its hold."""
        added = max(0.0, until - max(self.until, now))
        self.until = max(self.until, until)
        return added

    def apply(self, slot: Slot, now: float) -> None:
        """Give the slot the site's floor and hold; AutoThrottle and Scrapy keep any slower delay."""
        if slot.delay != self.set_delay:
            self.own_delay = slot.delay
        if slot.jitter != self.set_jitter:
            self.own_jitter = slot.jitter
        held = self.until > now
        floor = max(self.crawl_delay, self.backoff, HELD_DELAY if held else 0.0)
        slot.delay = max(self.own_delay, floor)
        slot.jitter = min(self.own_jitter, 1.0 - floor / slot.delay) if floor else self.own_jitter
        if held:  # the shortest random delay after lastseen ends the hold
            slot.lastseen = max(slot.lastseen, self.until - slot.delay * (1.0 - slot.jitter))
        self.set_delay, self.set_jitter = slot.delay, slot.jitter

    def answered(self) -> None:
        """An answer that is no failure: the breaker closes and the extra delay shrinks."""
        self.failures = 0
        self.probing = False
        self.backoff = self.backoff * BACKOFF_DECAY if self.backoff * BACKOFF_DECAY >= BACKOFF_MIN else 0.0


def number_setting(settings: BaseSettings, name: str, least: float) -> float:
    """A number setting of at least `least`; a smaller or unreadable value is logged and `least` used."""
    try:
        value = settings.getfloat(name)
    except ValueError:
        value = math.nan
    if math.isfinite(value) and value >= least:
        return value
    logger.error("-s %s=%s is no number of at least %g; %g is used", name, settings.get(name), least, least)
    return least


class RateLimitMiddleware:
    """Retry-After, Crawl-delay and a circuit breaker per site (module docstring); off with
    WIREDUP_RATELIMIT_ENABLED=0."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("WIREDUP_RATELIMIT_ENABLED", True):
            raise NotConfigured
        self.crawler = crawler
        self.retry_after_max = number_setting(settings, "WIREDUP_RETRY_AFTER_MAX", 0)
        self.limit_retries = int(number_setting(settings, "WIREDUP_RATELIMIT_RETRIES", 0))
        self.max_failures = int(number_setting(settings, "WIREDUP_BREAKER_FAILURES", 1))
        self.pause = number_setting(settings, "WIREDUP_BREAKER_PAUSE", 0)
        self.max_pauses = int(number_setting(settings, "WIREDUP_BREAKER_MAX_PAUSES", 0))
        self.backoff_max = max(BACKOFF_START, settings.getfloat("AUTOTHROTTLE_MAX_DELAY"))
        self.retries = Retries.from_settings(settings)
        self.sites: defaultdict[str, Site] = defaultdict(Site)
        self.crawl_delays = CrawlDelays(
            crawler, lambda request: self.downloader.get_slot_key(request),
            number_setting(settings, "WIREDUP_CRAWL_DELAY_MAX", 0),
        )
        self._events: CrawlEvents | None = None
        crawler.signals.connect(self.reached, signal=signals.request_reached_downloader)
        crawler.signals.connect(self.downloaded, signal=signals.response_downloaded)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RateLimitMiddleware:
        return cls(crawler)

    @property
    def downloader(self) -> Downloader:
        assert self.crawler.engine is not None
        return self.crawler.engine.downloader

    @property
    def events(self) -> CrawlEvents:
        """The spider's crawl.jsonl; for a spider without one, events only counted and logged."""
        if self._events is None:
            events = getattr(self.crawler.spider, "events", None)
            if not isinstance(events, CrawlEvents):
                out_dir = Path(self.crawler.settings.get("WIREDUP_OUTPUT_DIR", "output"))
                events = CrawlEvents(out_dir, lambda key: self.crawler.stats.inc_value(f"wiredup/{key}"), resume=False)
            self._events = events
        return self._events

    # --- requests --------------------------------------------------------------------------

    def process_request(self, request: Request) -> None:
        """Refuse the URLs of a site given up by the breaker."""
        site_key = self.downloader.get_slot_key(request)
        site = self.sites.get(site_key)
        if site is not None and site.given_up:
            raise self.refuse(site_key, request)

    def refuse(self, site_key: str, request: Request) -> IgnoreRequest:
        """Record a URL of a given-up site as given up; the exception that drops it."""
        detail = f"{site_key} still failed after {self.max_pauses} pauses; its remaining URLs are not requested"
        self.events.rate_limit("given_up", "site_failing", request.url, detail, site_key, 0.0, logging.WARNING)
        return IgnoreRequest(detail)

    def reached(self, request: Request) -> None:
        """A request enters its slot's queue: give the slot its site's floor and hold."""
        site_key = request.meta.get(Downloader.DOWNLOAD_SLOT)
        slot = self.downloader.slots.get(site_key) if site_key is not None else None
        if slot is not None:
            site = self.sites[site_key]
            site.crawl_delay = self.crawl_delays.get(site_key)
            site.apply(slot, time.monotonic())

    # --- answers and failures --------------------------------------------------------------

    def downloaded(self, response: Response, request: Request) -> None:
        """An answer (before the slot sends its next request): a failure holds or pauses the site."""
        site_key = request.meta.get(Downloader.DOWNLOAD_SLOT)
        if site_key is None:
            return
        site = self.sites[site_key]
        status = response.status
        if status in self.retries.codes or status >= 500:
            self.failed(site_key, request, f"http_{status}", response)
        else:
            site.answered()
        slot = self.downloader.slots.get(site_key)
        if slot is not None:
            site.apply(slot, time.monotonic())

    def process_exception(self, request: Request, exception: Exception) -> None:
        """A download error of RETRY_EXCEPTIONS (timeout, refused connection, ...) is a failure."""
        if not isinstance(exception, self.retries.exceptions):
            return
        site_key = request.meta.get(Downloader.DOWNLOAD_SLOT) or self.downloader.get_slot_key(request)
        reason = "timeout" if isinstance(exception, DownloadTimeoutError) else "download_error"
        self.failed(site_key, request, reason, None)
        slot = self.downloader.slots.get(site_key)
        if slot is not None:
            self.sites[site_key].apply(slot, time.monotonic())

    def failed(self, site_key: str, request: Request, reason: str, response: Response | None) -> None:
        """Record one failure of a site: its Retry-After hold, extra delay, breaker and give-ups."""
        site = self.sites[site_key]
        now = time.monotonic()
        was_held = site.until > now
        waited = 0.0
        notes = [f"attempt {request.meta.get('retry_times', 0) + 1}"]
        given_up: tuple[str, str] | None = None
        if response is not None and response.status in RATE_LIMIT_STATUSES:
            site.backoff = min(max(2 * site.backoff, BACKOFF_START), self.backoff_max)
            wait = retry_after(response.headers.get(b"Retry-After"), time.time())
            if wait is not None and wait > self.retry_after_max:
                request.meta["dont_retry"] = True
                given_up = ("retry_after_too_long", f"Retry-After {wait:g} s is beyond WIREDUP_RETRY_AFTER_MAX ({self.retry_after_max:g} s)")
            elif wait is not None or response.status == 429:
                request.meta["max_retry_times"] = max(self.retries.budget(request), self.limit_retries)
            if wait is not None and given_up is None:
                waited = site.hold(now + wait, now)
                notes.append(f"Retry-After {wait:.1f} s")
            notes.append(f"site delay at least {site.backoff:g} s")
        self.events.rate_limit("rate_limited", reason, request.url, "; ".join(notes), site_key, waited)
        if not was_held:
            site.failures += 1
            if site.probing or site.failures >= self.max_failures:
                self.trip(site_key, request, reason)
        if given_up is None and not self.retries.left(request):
            spent = request.meta.get("retry_times", 0) >= self.retries.budget(request)
            given_up = ("retries_exhausted" if spent else "not_retried", f"last answer {reason}")
        if given_up is not None:
            why, detail = given_up
            self.events.rate_limit("given_up", why, request.url, detail, site_key, 0.0, logging.WARNING)

    def trip(self, site_key: str, request: Request, reason: str) -> None:
        """The breaker opens: pause the site, or give it up after its last pause."""
        site = self.sites[site_key]
        failures, site.failures = site.failures, 0
        site.probing = True
        site.pauses += 1
        if site.pauses > self.max_pauses:
            self.give_up(site_key)
            return
        pause = self.pause * 2 ** (site.pauses - 1)
        now = time.monotonic()
        waited = site.hold(now + pause, now)
        detail = (f"{failures} failure{'s' if failures > 1 else ''} in a row, last {reason}; site paused {pause:g} s"
                  f" (pause {site.pauses} of {self.max_pauses})")
        self.events.rate_limit("paused", "failing", request.url, detail, site_key, waited, logging.WARNING)

    def give_up(self, site_key: str) -> None:
        """Give up a site that still fails: the requests waiting in its slot are dropped too."""
        self.sites[site_key].given_up = True
        logger.warning("%s still fails after %d pauses: its remaining URLs are given up", site_key, self.max_pauses)
        slot = self.downloader.slots.get(site_key)
        while slot is not None and slot.queue:
            request, queued = slot.queue.popleft()
            queued.errback(Failure(self.refuse(site_key, request)))
