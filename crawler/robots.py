"""Scrapy's RobotsTxtMiddleware, with every request that waits for a site's robots.txt checked against it.

In Scrapy 2.19 the requests that arrive while a site's robots.txt is being fetched all await one
Deferred as an asyncio future, and that hands the parser to the first of them only: the others
get None and pass unchecked, so a disallowed URL among the first requests to a site is fetched.
A crawler taking requests from a shared frontier often starts a site with a dozen at once. Here
a waiting request reads the parser the middleware stored once its robots.txt was parsed.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import (
    RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware,
)
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """Scrapy's middleware; each request waiting for a robots.txt gets its parser (module docstring)."""

    async def robot_parser(self, request: Request) -> RobotParser | None:
        parser = await super().robot_parser(request)
        stored = self._parsers.get(urlparse_cached(request).netloc)
        return parser if isinstance(stored, Deferred) else stored
