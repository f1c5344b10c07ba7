"""URL canonicalisation: copies of a page that differ only by tracking parameters or a fragment
become one URL, so the crawl fetches the page once and stores it under one name."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters that track the reader and never change the page; `name*` matches a prefix.
TRACKING_PARAMS = (
    "utm_*", "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
    "_ga", "_gl", "wt_mc", "wt_zmc", "ref_src", "ns_campaign", "ns_mchannel", "ns_source", "ns_linkname",
)


class TrackingParams:
    """Names and `prefix*` patterns of query parameters to drop, matched case-insensitively."""

    def __init__(self, patterns: Iterable[str] = TRACKING_PARAMS) -> None:
        patterns = [p.strip().lower() for p in patterns if p.strip()]
        self.names = frozenset(p for p in patterns if not p.endswith("*"))
        self.prefixes = tuple(p[:-1] for p in patterns if p.endswith("*"))

    def __contains__(self, name: str) -> bool:
        name = name.lower()
        return name in self.names or name.startswith(self.prefixes)


def canonical_url(url: str, tracking: TrackingParams) -> str:
    """`url` without its fragment and tracking parameters; other parameters keep their order."""
    parts = urlsplit(url)
    if not parts.query and not parts.fragment:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(name, value) for name, value in pairs if name not in tracking]
    query = parts.query if len(kept) == len(pairs) else urlencode(kept)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))
