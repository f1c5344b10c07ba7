"""The `wire` spider: robots.txt, sitemaps, feeds and section pages in, article pages out.

    scrapy crawl wire                                   # the embedded network (WIREDUP_NETWORK_DIR)
    scrapy crawl wire -a sitemap=https://example.com/sitemap.xml
    scrapy crawl wire -a feed=URL[,URL] -a start_urls=URL[,URL] -a seeds=urls.txt

Every response is recognised by its content, not by the argument that led to it: robots.txt
(its Sitemap: lines are followed), a sitemap or sitemap index, an RSS or Atom feed, or an
HTML page. An HTML page is an article if its `og:type` is `article`, or if a sitemap or feed
listed it and it has an `<article>` or `<h1>` or reads as an article (`dedup.articlelike`:
enough prose sentences in one container); articles become `PageItem`s, other HTML pages have
their links on the same host and port followed. A listed page that is no article is kept in
crawl.jsonl (`not_article`, with the figures that decided), so every listed URL ends up in
pages.jsonl or crawl.jsonl. A page judged unlisted and listed later is fetched again.

Every URL is requested in its canonical form (no fragment, no tracking parameters), so copies
of a page are fetched once. HTML bodies are decoded by `dedup.decode`: empty, binary and
undecodable bodies are skipped, mislabelled encodings repaired. Each skip and repair is
counted (`wiredup/skipped/<reason>`, `wiredup/repaired/<reason>`) and kept in crawl.jsonl.
"""

from __future__ import annotations

import json
import logging
import zlib
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CloseSpider,
    DownloadCancelledError,
    DownloadTimeoutError,
    IgnoreRequest,
    UsageError,
)
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.job import job_dir
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from twisted.python.failure import Failure

from crawler.events import CrawlEvents
from crawler.items import PageItem
from crawler.urls import TRACKING_PARAMS, TrackingParams, canonical_url
from dedup.articlelike import prose_of
from dedup.decode import Decoded, decode_page
from dedup.pages import atomic_writer, outlet_of
from dedup.synth.hostile import HOSTILE_SLUG
from dedup.synth.serve import START_PATHS, NetworkServer

# Request.meta key: the URL came from a sitemap or feed entry
LISTED = "wiredup_listed"

# Settings for the embedded network on 127.0.0.1 (spider priority: `-s` still wins); a local
# server that has not answered in 2 seconds is stuck
EMBEDDED_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_START_DELAY": 0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 8.0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "DOWNLOAD_TIMEOUT": 2,
}
# File in the JOBDIR that keeps the embedded network's port, so a resumed job's URLs stay valid
PORT_FILE = "wiredup-network.json"

USAGE = (
    "scrapy crawl wire [-a sitemap=URL[,URL]] [-a feed=URL[,URL]] [-a start_urls=URL[,URL]]"
    " [-a seeds=PATH]; with no -a it crawls the embedded network (-s WIREDUP_NETWORK_DIR=PATH)"
)


def check_url(url: str, source: str) -> str:
    """Return `url` if it is an absolute http(s) URL, else raise UsageError naming `source`."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(
            f"{source}: {url!r} is not an absolute http(s) URL; give URLs such as"
            " https://example.com/sitemap.xml"
        )
    return url


def split_urls(value: str, source: str) -> list[str]:
    """The URLs of a comma-separated argument value, each checked."""
    return [check_url(url.strip(), source) for url in value.split(",") if url.strip()]


def read_seeds(path: str) -> list[str]:
    """The URLs of a seeds file: one a line, blank lines and `#` comments ignored."""
    seeds = Path(path)
    if not seeds.is_file():
        raise UsageError(
            f"seeds file not found: {seeds.resolve()} (give -a seeds=PATH of a text file"
            " with one URL a line)"
        )
    try:
        text = seeds.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"cannot read seeds file {seeds}: {err} (save it as UTF-8 text)") from err
    urls = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if line and not line.startswith("#"):
            urls.append(check_url(line, f"{seeds}:{number}"))
    if not urls:
        raise UsageError(f"seeds file {seeds} holds no URL (one URL a line, # for comments)")
    return urls


def network_slugs(network_dir: Path) -> list[str]:
    """The outlet slugs listed in `<network_dir>/network.json`."""
    meta = network_dir / "network.json"
    try:
        outlets = json.loads(meta.read_text(encoding="utf-8"))["outlets"]
        return [str(outlet["slug"]) for outlet in outlets]
    except FileNotFoundError:
        problem = "not found"
    except (ValueError, KeyError, TypeError) as err:
        problem = f"unreadable ({err!r})"
    raise UsageError(
        f"network file {meta} {problem}: generate one with `wiredup generate --out {network_dir}`,"
        " point -s WIREDUP_NETWORK_DIR=PATH at one, or crawl sites with -a sitemap=URL"
    )


def ends_mid_tag(body: bytes) -> bool:
    """True if a page stops inside a tag (a `<` after the last `>`): the body was cut off."""
    tail = body[-4096:].rstrip()
    return tail.rfind(b"<") > tail.rfind(b">")


def error_reason(failure: Failure) -> tuple[str, int]:
    """The skip reason of a failed request, and the level to log it at."""
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}", logging.INFO
    if failure.check(IgnoreRequest):
        return ("robots_txt" if "robots.txt" in str(failure.value) else "ignored"), logging.INFO
    if failure.check(DownloadTimeoutError):
        return "timeout", logging.WARNING
    if failure.check(DownloadCancelledError):
        return "too_large", logging.WARNING
    return "download_error", logging.WARNING


def why_not_article(response: HtmlResponse, listed: bool) -> str | None:
    """None for an article page, else why it is none.

    An article has `og:type` article, or is listed by a sitemap or feed and has an `<article>` or
    `<h1>` or reads as an article (`dedup.articlelike`).
    """
    og_type = response.xpath("//meta[@property='og:type']/@content").get("")
    if og_type.strip().lower() == "article":
        return None
    if not listed:
        return "no og:type article, and no sitemap or feed lists it"
    if response.xpath("//article | //h1"):
        return None
    prose = prose_of(response.selector.root)
    return None if prose.article_like else f"no og:type article, <article> or <h1>; {prose}"


def feed_links(body: bytes, url: str) -> list[str]:
    """The entry links of an RSS 2.0 or Atom feed."""
    selector = XmlResponse(url=url, body=body).selector
    selector.remove_namespaces()
    links = selector.xpath(
        "//item/link/text() | //entry/link[not(@rel) or @rel='alternate']/@href"
    ).getall()
    return [link.strip() for link in links if link.strip()]


def open_xml(body: bytes) -> Sitemap | None:
    """An XML body opened for reading; its `type` is the root's local name. None if not XML."""
    try:
        return Sitemap(body)
    except (lxml.etree.XMLSyntaxError, StopIteration):
        return None


#: The spider's `-a` arguments.
ARGUMENTS = ("sitemap", "feed", "start_urls", "seeds")


def seed_urls(arguments: dict[str, str], others: dict[str, Any]) -> list[str]:
    """The URLs the `-a` arguments name, checked; raises UsageError saying how to fix a mistake."""
    unknown = sorted(key for key in others if key != "name" and not key.startswith("_"))
    if unknown:
        raise UsageError(f"unknown spider argument(s) {', '.join(unknown)}; usage: {USAGE}")
    urls = []
    for key, value in arguments.items():
        found = read_seeds(value) if key == "seeds" else split_urls(value, f"-a {key}")
        if not found:
            raise UsageError(f"-a {key} is empty; give it a URL (or leave it out to crawl the embedded network)")
        urls += found
    return urls


class WireSpider(Spider):
    """Crawl news sites (or the embedded network) and yield one `PageItem` per article page."""

    name = "wire"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        arguments = {key: kwargs.pop(key) for key in ARGUMENTS if key in kwargs}
        self.seed_urls: list[str] = seed_urls(arguments, kwargs)
        super().__init__(*args, **kwargs)
        self.network_dir: Path | None = None
        self.outlets: list[str] = []
        self.server: NetworkServer | None = None
        self.links = LinkExtractor(unique=True)
        self.listed: set[str] = set()
        self.judged_unlisted: set[str] = set()
        self.tracking = TrackingParams()
        self.events: CrawlEvents  # set by from_crawler, as Scrapy builds spiders

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> WireSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.tracking = TrackingParams(settings.getlist("WIREDUP_TRACKING_PARAMS", list(TRACKING_PARAMS)))
        out_dir = Path(settings.get("WIREDUP_OUTPUT_DIR", "output"))
        spider.events = CrawlEvents(out_dir, spider.count, resume=bool(settings.get("JOBDIR")))
        crawler.signals.connect(spider.events.open, signal=signals.spider_opened)
        crawler.signals.connect(spider.events.close, signal=signals.spider_closed)
        crawler.signals.connect(spider.on_dropped, signal=signals.request_dropped)
        if not spider.seed_urls:
            spider.use_network(settings)
            crawler.signals.connect(spider.start_network, signal=signals.engine_started)
            crawler.signals.connect(spider.stop_network, signal=signals.spider_closed)
        return spider

    def use_network(self, settings: BaseSettings) -> None:
        """Crawl the embedded network: check its folder, and lift the politeness delays."""
        self.network_dir = Path(settings.get("WIREDUP_NETWORK_DIR") or "seeds/network")
        self.outlets = network_slugs(self.network_dir)
        if settings.getbool("WIREDUP_HOSTILE"):
            self.outlets.append(HOSTILE_SLUG)
        settings.setdict(EMBEDDED_SETTINGS, priority="spider")

    def start_network(self) -> None:
        """Serve the network on 127.0.0.1; a JOBDIR resume reuses the port its requests name."""
        assert self.network_dir is not None
        folder = job_dir(self.settings)
        port_file = Path(folder) / PORT_FILE if folder else None
        port = self.settings.getint("WIREDUP_NETWORK_PORT")
        if port_file is not None and port_file.is_file():
            port = json.loads(port_file.read_text(encoding="utf-8"))["port"]
        try:
            server = NetworkServer(
                self.network_dir, host="127.0.0.1", port=port, hostile=self.settings.getbool("WIREDUP_HOSTILE")
            )
            server.start()
        except OSError as err:
            self.logger.error(
                "cannot serve %s on 127.0.0.1 port %s: %s (free the port, or start a new JOBDIR)",
                self.network_dir, port, err,
            )
            return
        self.server = server
        if port_file is not None:
            with atomic_writer(port_file) as fh:
                json.dump({"port": server.port}, fh)
        self.logger.info("serving %s on 127.0.0.1 port %s", self.network_dir, server.port)

    def stop_network(self) -> None:
        """Stop the network server, if it runs."""
        if self.server is not None:
            self.server.stop()
            self.server = None

    def start_urls_to_crawl(self) -> list[str]:
        """The seed URLs, or robots.txt, sitemap, feed and home page of every network outlet."""
        if self.seed_urls:
            return self.seed_urls
        if self.server is None:
            raise CloseSpider("network_unavailable")
        return [
            self.server.origin(slug) + path
            for slug in self.outlets
            for path in START_PATHS
        ]

    async def start(self) -> AsyncIterator[Request]:
        for url in self.start_urls_to_crawl():
            yield self.request(url)

    def request(self, url: str, *, listed: bool = False) -> Request:
        """A request for the canonical form of `url`, parsed by `parse`, its failures counted by `on_error`.

        A listed URL is remembered, so a page fetched unlisted is judged as listed; one already
        judged unlisted (and found no article) is fetched again."""
        canonical = canonical_url(url, self.tracking)
        if canonical != url:
            self.count("urls_canonicalised")
        again = False
        if listed:
            self.listed.add(canonical)
            again = canonical in self.judged_unlisted
            self.judged_unlisted.discard(canonical)
        return Request(
            canonical, callback=self.parse, errback=self.on_error, meta={LISTED: True} if listed else {},
            dont_filter=again,
        )

    def follow(self, response: Response, url: str, *, listed: bool = False) -> Iterator[Request]:
        """A request for a URL a listing names, resolved against it; other schemes are skipped."""
        try:
            request = self.request(response.urljoin(url.strip()), listed=listed)
        except ValueError as err:  # not a URL at all (`http://[oops/`)
            self.skip("bad_url", url, f"named by {response.url}: {err}")
            return
        if urlsplit(request.url).scheme in ("http", "https"):
            yield request
        else:
            self.skip("bad_url", request.url, f"named by {response.url}")

    def parse(self, response: Response) -> Iterator[Request | PageItem]:
        """Dispatch a response on its content: HTML page, robots.txt, sitemap or feed."""
        self.count("pages")
        if isinstance(response, HtmlResponse):
            yield from self.parse_html(response)
            return
        if isinstance(response, TextResponse) and urlsplit(response.url).path == "/robots.txt":
            self.count("robots")
            for url in sitemap_urls_from_robots(response.body, base_url=response.url):
                yield from self.follow(response, url)
            return
        body = self.xml_body(response)
        xml = open_xml(body) if body is not None else None
        kind = xml.type if xml is not None else None
        if xml is not None and kind in ("urlset", "sitemapindex"):
            self.count("sitemaps")
            for entry in xml:
                yield from self.follow(response, entry["loc"], listed=kind == "urlset")
        elif body is not None and kind in ("rss", "feed"):
            self.count("feeds")
            for url in feed_links(body, response.url):
                yield from self.follow(response, url, listed=True)
        else:
            content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
            self.skip("not_html", response.url, f"Content-Type {content_type!r}")

    def parse_html(self, response: HtmlResponse) -> Iterator[Request | PageItem]:
        """Yield an article as a `PageItem`; on any other page follow its links on its host and port.

        Empty, binary and undecodable bodies are skipped; a wrong encoding is repaired (and a
        page cut off mid-tag kept as far as it goes), each counted with its reason.
        """
        decoded = decode_page(response.body, (response.headers.get(b"Content-Type") or b"").decode("latin-1") or None)
        if not isinstance(decoded, Decoded):
            self.skip(decoded.reason, response.url, decoded.detail)
            return
        if decoded.repair:
            self.repaired("encoding", response.url, decoded.repair)
            response = response.replace(body=decoded.text.encode("utf-8"), encoding="utf-8")
        if ends_mid_tag(response.body):
            self.repaired("truncated", response.url, "the page ends inside a tag; kept as far as it goes")
        urls = {response.url, *response.meta.get("redirect_urls", ())}  # the URLs this response answers
        listed = bool(response.meta.get(LISTED)) or not self.listed.isdisjoint(urls)
        why_not = why_not_article(response, listed)
        if why_not is None:
            self.count("articles")
            yield PageItem(
                url=response.url,
                outlet=outlet_of(response.url),
                fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                status=response.status,
                encoding=decoded.encoding,
                html=decoded.text,
            )
            return
        if listed:
            self.skip("not_article", response.url, why_not)
        else:
            self.judged_unlisted |= urls
        self.count("listings")
        host = urlsplit(response.url).netloc
        for link in self.links.extract_links(response):
            if urlsplit(link.url).netloc == host:
                yield self.request(link.url)

    def xml_body(self, response: Response) -> bytes | None:
        """The body of a possible sitemap or feed, gunzipped if needed (None past DOWNLOAD_MAXSIZE)."""
        if not gzip_magic_number(response):
            return response.body
        try:
            return gunzip(response.body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
        except (OSError, EOFError, ValueError, zlib.error):  # corrupt, or past DOWNLOAD_MAXSIZE inflated
            return None

    def on_error(self, failure: Failure) -> None:
        """Count and log a request that produced no response for `parse`."""
        reason, level = error_reason(failure)
        self.skip(reason, failure.request.url, str(failure.value), level)  # type: ignore[attr-defined]

    def on_dropped(self, request: Request) -> None:
        """A redirect the scheduler dropped as already seen: a loop if it returns into its own chain."""
        chain = request.meta.get("redirect_urls")
        if not chain:
            return  # an ordinary duplicate request
        if request.url in chain:
            self.skip("redirect_loop", chain[0], " -> ".join([*chain, request.url]))
        else:
            self.count("redirects_to_seen")

    def skip(self, reason: str, url: str, detail: str, level: int = logging.INFO) -> None:
        """Count a skipped URL under `wiredup/skipped/<reason>`, log why and keep it in crawl.jsonl."""
        self.events.skipped(reason, url, detail, level)

    def repaired(self, reason: str, url: str, detail: str) -> None:
        """Count a repaired page under `wiredup/repaired/<reason>`, log it and keep it in crawl.jsonl."""
        self.events.repaired(reason, url, detail)

    def count(self, key: str) -> None:
        """Add one to the `wiredup/<key>` stat."""
        self.crawler.stats.inc_value(f"wiredup/{key}")

