"""robots.txt `Crawl-delay`: the shortest time a site asks for between two requests.

`CrawlDelays` listens to Scrapy's `robots_parsed` signal, sent as RobotsTxtMiddleware parses a
site's robots.txt (so only with ROBOTSTXT_OBEY on), asks the same parser for the delay of the
same user agent, and keeps it per download slot (a host name). A delay above the cap
(WIREDUP_CRAWL_DELAY_MAX) is cut to it and logged; 0 ignores every Crawl-delay.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.robotstxt import RobotParser

logger = logging.getLogger(__name__)


def crawl_delay(parser: RobotParser, user_agent: str | bytes) -> float:
    """The parser's Crawl-delay for `user_agent` in seconds; 0 if there is none or it is no positive number."""
    try:
        delay = parser.crawl_delay(user_agent)
    except (TypeError, ValueError):  # a backend that cannot read the value
        return 0.0
    return float(delay) if delay is not None and math.isfinite(delay) and delay > 0 else 0.0


class CrawlDelays:
    """Each site's robots.txt Crawl-delay, capped; `get(site)` is 0 for a site without one."""

    def __init__(self, crawler: Crawler, site_of: Callable[[Request], str], cap: float) -> None:
        settings = crawler.settings
        self.agent: str | None = settings.get("ROBOTSTXT_USER_AGENT") or None
        self.default_agent: str = settings.get("USER_AGENT") or ""
        self.site_of = site_of
        self.cap = cap
        self.delays: dict[str, float] = {}
        crawler.signals.connect(self.parsed, signal=signals.robots_parsed)

    def get(self, site: str) -> float:
        return self.delays.get(site, 0.0)

    def parsed(self, robotparser: RobotParser, request: Request) -> None:
        """Keep the Crawl-delay of the site `request` goes to, for the agent RobotsTxtMiddleware checks."""
        agent = self.agent or request.headers.get(b"User-Agent") or self.default_agent
        delay = crawl_delay(robotparser, agent)
        if not delay or self.cap <= 0:
            return
        site = self.site_of(request)
        if delay > self.cap:
            logger.warning("%s: robots.txt Crawl-delay %g s is cut to WIREDUP_CRAWL_DELAY_MAX (%g s)", site, delay, self.cap)
            delay = self.cap
        else:
            logger.info("%s: robots.txt Crawl-delay %g s, the least time between two requests", site, delay)
        self.delays[site] = delay
