"""HTTP cache policy: cache what Scrapy's DummyPolicy caches, except server errors (5xx)."""

from __future__ import annotations

from scrapy.extensions.httpcache import DummyPolicy
from scrapy.http import Request, Response


class NoServerErrorsPolicy(DummyPolicy):
    """A 5xx answer is never cached: the next run asks the site again."""

    def should_cache_response(self, response: Response, request: Request) -> bool:
        return response.status < 500 and super().should_cache_response(response, request)
