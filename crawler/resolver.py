"""A DNS resolver that answers `localhost` and `*.localhost` itself (RFC 6761)."""

from __future__ import annotations

from collections.abc import Sequence

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer

LOOPBACK = "127.0.0.1"


def is_localhost(name: str) -> bool:
    """True for `localhost` and every name under it, whatever the case or a trailing dot."""
    name = name.rstrip(".").lower()
    return name == "localhost" or name.endswith(".localhost")


class LocalhostResolver(CachingThreadedResolver):
    """Resolve `*.localhost` to 127.0.0.1 without asking the system; defer every other name to Scrapy."""

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:
        if is_localhost(name):
            return defer.succeed(LOOPBACK)
        return super().getHostByName(name, timeout)
