"""The Scrapy project: spider callbacks fed responses directly, pipelines, and real crawls over HTTP."""

from __future__ import annotations

import asyncio
import functools
import gzip
import json
import logging
import re
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import (
    SEEDS_NETWORK,
    TINY_ARTICLES,
    EmbeddedCrawls,
    assert_clean_crawl,
    crawl,
    read_lines,
    truth_keys,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    DownloadCancelledError,
    DownloadTimeoutError,
    DropItem,
    IgnoreRequest,
    NotConfigured,
    UsageError,
)
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse
from scrapy.responsetypes import responsetypes
from scrapy.settings import Settings
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawler import pipelines
from crawler.commands.crawl import check_typed_settings
from crawler.items import PageItem
from crawler.pipelines import DedupPipeline, PagesWriterPipeline
from crawler.resolver import LocalhostResolver, is_localhost
from crawler.spiders.wire import LISTED, WireSpider
from dedup import WiredupError
from dedup.evaluate import evaluate

SITE = "http://www.rheinpost.localhost:8765"


def make_spider(settings: dict[str, Any] | None = None, **kwargs: str | None) -> WireSpider:
    """A spider built the way `scrapy crawl` builds it, with seed URLs unless told otherwise
    (an argument given as None is left out)."""
    kwargs.setdefault("start_urls", SITE + "/")
    crawler = get_crawler(WireSpider, settings_dict=settings or {})
    return WireSpider.from_crawler(crawler, **{k: v for k, v in kwargs.items() if v is not None})


def html(url: str, body: str, *, listed: bool = False, encoding: str = "utf-8") -> HtmlResponse:
    """An HTML response to a request the spider made (listed: from a sitemap or feed)."""
    request = Request(url, meta={LISTED: True} if listed else {})
    return HtmlResponse(url=url, body=body.encode(encoding), request=request)


def stat(spider: WireSpider, key: str) -> Any:
    return spider.crawler.stats.get_value(f"wiredup/{key}")


def run_parse(spider: WireSpider, response: Response) -> tuple[list[PageItem], list[Request]]:
    out = list(spider.parse(response))
    return [o for o in out if isinstance(o, PageItem)], [o for o in out if isinstance(o, Request)]


# --- article detection and HTML pages --------------------------------------------------------

ARTICLE = (
    '<html><head><meta property="og:type" content="Article"></head>'
    "<body><article><h1>Streik</h1><p>Züge stehen.</p></article></body></html>"
)


def test_og_article_becomes_a_page_item() -> None:
    spider = make_spider()
    items, requests = run_parse(spider, html(SITE + "/politik/streik.html", ARTICLE))
    assert requests == []
    [item] = items
    assert item.url == SITE + "/politik/streik.html"
    assert item.outlet == "rheinpost.localhost"
    assert item.status == 200 and item.encoding == "utf-8"
    assert "Züge stehen." in item.html
    assert datetime.fromisoformat(item.fetched_at).utcoffset().total_seconds() == 0
    assert stat(spider, "articles") == 1 and stat(spider, "pages") == 1


def test_html_is_decoded_from_its_declared_charset() -> None:
    body = '<html><head><meta charset="iso-8859-1"><meta property="og:type" content="article">' \
           "</head><body><p>Köln</p></body></html>"
    [item], _ = run_parse(make_spider(), html(SITE + "/a.html", body, encoding="iso-8859-1"))
    assert item.encoding == "cp1252"  # w3lib's name for the iso-8859-1 label, as browsers do
    assert "Köln" in item.html


@pytest.mark.parametrize("body", [
    "<html><body><article><p>Text</p></article></body></html>",
    "<html><body><h1>Titel</h1><p>Text</p></body></html>",
])
def test_listed_page_with_article_or_h1_is_an_article(body: str) -> None:
    items, _ = run_parse(make_spider(), html(SITE + "/a.html", body, listed=True))
    assert len(items) == 1


def test_unlisted_page_needs_og_type_article() -> None:
    body = "<html><body><h1>Impressum</h1><a href='/x.html'>x</a></body></html>"
    spider = make_spider()
    items, requests = run_parse(spider, html(SITE + "/impressum.html", body))
    assert items == [] and [r.url for r in requests] == [SITE + "/x.html"]
    assert stat(spider, "listings") == 1


def test_section_page_follows_links_on_its_own_host_only() -> None:
    body = """<html><head><meta property="og:type" content="website"></head><body>
      <a href="/politik/a.html">a</a> <a href="b.html">b</a> <a href="/politik/a.html">again</a>
      <a href="http://other.localhost:8765/c.html">other host</a>
      <a href="http://www.rheinpost.localhost:9999/d.html">other port</a>
      <a href="/logo.png">image</a> <a href="mailto:x@example.com">mail</a></body></html>"""
    items, requests = run_parse(make_spider(), html(SITE + "/politik/", body))
    assert items == []
    assert [r.url for r in requests] == [SITE + "/politik/a.html", SITE + "/politik/b.html"]
    assert all(not r.meta.get(LISTED) and r.errback is not None for r in requests)


# --- robots.txt, sitemaps, feeds -------------------------------------------------------------

def test_robots_txt_sitemaps_are_followed() -> None:
    body = b"User-agent: *\nDisallow: /intern/\nSitemap: /sitemap.xml\nSitemap: https://cdn.example.com/s.xml\n"
    spider = make_spider()
    _, requests = run_parse(spider, TextResponse(url=SITE + "/robots.txt", body=body))
    assert [r.url for r in requests] == [SITE + "/sitemap.xml", "https://cdn.example.com/s.xml"]
    assert stat(spider, "robots") == 1


URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>http://www.rheinpost.localhost:8765/politik/a.html</loc><lastmod>2026-11-25</lastmod></url>
  <url><loc> http://www.rheinpost.localhost:8765/politik/b.html </loc></url>
</urlset>"""


def test_urlset_entries_are_listed_articles() -> None:
    spider = make_spider()
    _, requests = run_parse(spider, XmlResponse(url=SITE + "/sitemap.xml", body=URLSET))
    assert [r.url for r in requests] == [SITE + "/politik/a.html", SITE + "/politik/b.html"]
    assert all(r.meta[LISTED] for r in requests)
    assert stat(spider, "sitemaps") == 1


def test_listing_entries_that_are_not_http_urls_are_skipped() -> None:
    body = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>javascript:void(0)</loc></url><url><loc>/relative.html</loc></url></urlset>"""
    spider = make_spider()
    _, requests = run_parse(spider, XmlResponse(url=SITE + "/sitemap.xml", body=body))
    assert [r.url for r in requests] == [SITE + "/relative.html"]
    assert stat(spider, "skipped/bad_url") == 1


def test_sitemap_is_recognised_by_content_even_gzipped_and_untyped() -> None:
    response = Response(url=SITE + "/sitemap.xml.gz", body=gzip.compress(URLSET))
    _, requests = run_parse(make_spider(), response)
    assert len(requests) == 2


def test_sitemap_index_entries_are_sitemaps() -> None:
    body = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>http://www.rheinpost.localhost:8765/sitemap-news.xml</loc></sitemap></sitemapindex>"""
    _, [request] = run_parse(make_spider(), XmlResponse(url=SITE + "/sitemap.xml", body=body))
    assert request.url == SITE + "/sitemap-news.xml" and not request.meta.get(LISTED)


def test_rss_and_atom_entries_are_listed_articles() -> None:
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><title>a</title><link>http://www.rheinpost.localhost:8765/a.html</link></item>
      <item><title>b</title><link>/b.html</link></item></channel></rss>"""
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><link rel="alternate" href="/c.html"/><link rel="enclosure" href="/c.mp3"/></entry>
      <entry><link href="/d.html"/></entry></feed>"""
    spider = make_spider()
    _, from_rss = run_parse(spider, XmlResponse(url=SITE + "/feed.xml", body=rss))
    _, from_atom = run_parse(spider, XmlResponse(url=SITE + "/atom.xml", body=atom))
    assert [r.url for r in from_rss] == [SITE + "/a.html", SITE + "/b.html"]
    assert [r.url for r in from_atom] == [SITE + "/c.html", SITE + "/d.html"]
    assert all(r.meta[LISTED] for r in from_rss + from_atom)
    assert stat(spider, "feeds") == 2


@pytest.mark.parametrize("response", [
    Response(url=SITE + "/logo.png", body=b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", headers={"Content-Type": "image/png"}),
    TextResponse(url=SITE + "/data.json", body=b'{"a": 1}', headers={"Content-Type": "application/json"}),
    XmlResponse(url=SITE + "/other.xml", body=b"<?xml version='1.0'?><svg/>"),
    XmlResponse(url=SITE + "/empty.xml", body=b""),
    Response(url=SITE + "/broken.xml.gz", body=b"\x1f\x8b\x08 not really gzip"),
])
def test_other_responses_are_skipped_and_counted(response: Response, caplog: pytest.LogCaptureFixture) -> None:
    spider = make_spider()
    with caplog.at_level(logging.INFO):
        assert list(spider.parse(response)) == []
    assert stat(spider, "skipped/not_html") == 1
    assert f"skipped {response.url} (not_html)" in caplog.text


XML_BITS = st.sampled_from([
    "<?xml version='1.0'?>", "<urlset>", "<sitemapindex>", "<rss><channel>", "<feed>", "<item>",
    "<entry>", "<url>", "<loc>", "</loc>", "<link href='", "'/>", "<link>", "</link>", "<html>",
    "<meta property='og:type' content='article'>", "<h1>", "Sitemap: ", "\n", "http://a.localhost/",
    "/x.html", "javascript:", "&amp;", "&bogus;", "\x00", "ä", "]]>", "<!--",
])
BODIES = st.one_of(
    st.binary(max_size=300),
    st.lists(XML_BITS, max_size=30).map(lambda bits: "".join(bits).encode("utf-8", "surrogatepass")),
    st.lists(XML_BITS, max_size=30).map(lambda bits: gzip.compress("".join(bits).encode())),
    st.binary(max_size=40).map(lambda tail: b"\x1f\x8b" + tail),
)


@functools.cache
def sweep_spider() -> WireSpider:
    return make_spider()


@settings(max_examples=300, deadline=None)
@given(
    body=BODIES,
    content_type=st.sampled_from(["text/html", "application/xml", "text/plain", "application/gzip", ""]),
    path=st.sampled_from(["/", "/robots.txt", "/sitemap.xml", "/feed.xml.gz", "/a.html"]),
    listed=st.booleans(),
)
def test_parse_never_raises(body: bytes, content_type: str, path: str, listed: bool) -> None:
    url = SITE + path
    headers = {"Content-Type": content_type} if content_type else {}
    cls = responsetypes.from_args(headers=headers, url=url, body=body)
    response = cls(url=url, body=body, headers=headers, request=Request(url, meta={LISTED: listed}))
    for output in sweep_spider().parse(response):
        assert isinstance(output, PageItem | Request)


def test_failures_are_counted_by_reason() -> None:
    spider = make_spider()
    request = Request(SITE + "/gone.html")
    for exc in (
        HttpError(Response(request.url, status=404, request=request), "Ignoring non-200 response"),
        IgnoreRequest("Forbidden by robots.txt"),
        IgnoreRequest("max redirections reached"),
        DownloadTimeoutError("Getting http://x.localhost/ took longer than 2.0 seconds."),
        DownloadCancelledError("Cancelling download: expected response size (10486975) larger than download max size"),
        ConnectionRefusedError("refused"),
    ):
        failure = Failure(exc)
        failure.request = request  # type: ignore[attr-defined]  # as Scrapy sets it for errbacks
        spider.on_error(failure)
    reasons = ("http_404", "robots_txt", "ignored", "timeout", "too_large", "download_error")
    assert [stat(spider, f"skipped/{r}") for r in reasons] == [1] * len(reasons)


# --- arguments -------------------------------------------------------------------------------

def test_arguments_become_seed_urls(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds.txt"
    seeds.write_text("# outlets\n\nhttp://a.localhost/sitemap.xml\n  https://b.example/  \n", encoding="utf-8")
    spider = make_spider(
        sitemap="http://a.localhost/s1.xml, http://a.localhost/s2.xml",
        feed="http://a.localhost/feed.xml",
        start_urls="http://a.localhost/",
        seeds=str(seeds),
    )
    assert spider.seed_urls == [
        "http://a.localhost/s1.xml", "http://a.localhost/s2.xml", "http://a.localhost/feed.xml",
        "http://a.localhost/", "http://a.localhost/sitemap.xml", "https://b.example/",
    ]


def test_start_yields_a_request_per_seed() -> None:
    spider = make_spider(start_urls="http://a.localhost/,http://b.localhost/")

    async def collect() -> list[Request]:
        return [request async for request in spider.start()]

    requests = asyncio.run(collect())
    assert [r.url for r in requests] == ["http://a.localhost/", "http://b.localhost/"]
    assert all(r.callback == spider.parse and r.errback == spider.on_error for r in requests)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"sitemap": "ftp://a.localhost/s.xml"}, "-a sitemap: 'ftp://a.localhost/s.xml' is not an absolute http(s) URL"),
    ({"feed": "/feed.xml"}, "-a feed: '/feed.xml' is not an absolute http(s) URL"),
    ({"start_urls": "http://"}, "-a start_urls: 'http://' is not an absolute http(s) URL"),
    ({"seeds": "no/such/seeds.txt"}, "seeds file not found"),
    ({"sitemaps": "http://a.localhost/"}, "unknown spider argument(s) sitemaps; usage: scrapy crawl wire"),
])
def test_bad_arguments_fail_early(kwargs: dict[str, str], message: str) -> None:
    kwargs.setdefault("start_urls", None)
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        make_spider(**kwargs)


@pytest.mark.parametrize(("text", "message"), [
    (b"# only a comment\n\n", "holds no URL"),
    (b"http://a.localhost/K\xf6ln\n", "save it as UTF-8"),
    (b"http://a.localhost/\nwww.example.com\n", r"seeds.txt:2: 'www.example.com' is not an absolute http\(s\) URL"),
])
def test_bad_seeds_files_fail_early(tmp_path: Path, text: bytes, message: str) -> None:
    seeds = tmp_path / "seeds.txt"
    seeds.write_bytes(text)
    with pytest.raises(UsageError, match=message):
        make_spider(start_urls=None, seeds=str(seeds))


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("WIREDUP_WARC", "yes", "0 or 1"), ("WIREDUP_DEDUP", "maybe", "0 or 1"), ("DOWNLOAD_DELAY", "abc", "a number"),
    ("CONCURRENT_REQUESTS_PER_DOMAIN", "2.5", "a whole number"),
])
def test_a_setting_of_the_wrong_type_fails_before_the_crawl(name: str, value: str, expected: str) -> None:
    settings = Settings({name: value}, priority="cmdline")
    with pytest.raises(UsageError, match=f"-s {name}='{re.escape(value)}': expected {expected}"):
        check_typed_settings(settings)
    project = Settings()
    project.setmodule("crawler.settings", priority="project")
    check_typed_settings(project)  # the project's own values are all of their types


def test_no_arguments_need_a_network(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="WIREDUP_NETWORK_DIR"):
        make_spider({"WIREDUP_NETWORK_DIR": str(tmp_path)}, start_urls=None)


def test_embedded_network_lifts_delays_unless_the_command_line_sets_them(tiny_network: Path) -> None:
    project = Settings({"WIREDUP_NETWORK_DIR": str(tiny_network), "DOWNLOAD_DELAY": 1}, priority="project")
    project.set("DOWNLOAD_DELAY", 3, priority="cmdline")
    crawler = Crawler(WireSpider, project)  # settings not applied yet, as in `scrapy crawl`
    WireSpider.from_crawler(crawler)
    assert crawler.settings.getfloat("AUTOTHROTTLE_START_DELAY") == 0
    assert crawler.settings.getfloat("DOWNLOAD_DELAY") == 3


# --- resolver --------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "local"), [
    ("localhost", True), ("rheinpost.localhost", True), ("a.b.LOCALHOST.", True),
    ("localhost.example.com", False), ("notlocalhost", False), ("example.com", False),
])
def test_is_localhost(name: str, local: bool) -> None:
    assert is_localhost(name) is local


def test_resolver_answers_localhost_names_itself() -> None:
    from twisted.internet import reactor

    resolver = LocalhostResolver(reactor, cache_size=0, timeout=1.0)
    results: list[str] = []
    resolver.getHostByName("rheinpost.localhost").addCallback(results.append)
    assert results == ["127.0.0.1"]


# --- pipelines -------------------------------------------------------------------------------

def page(url: str, **fields: Any) -> PageItem:
    return PageItem(url=url, outlet=urlsplit(url).hostname or "", fetched_at="2026-11-25T14:00:00+00:00",
                    status=200, encoding="utf-8", html=fields.get("html", "<p>ä</p>"))


def writer(out_dir: Path, **settings: Any) -> PagesWriterPipeline:
    crawler = get_crawler(settings_dict={"WIREDUP_OUTPUT_DIR": str(out_dir), **settings})
    pipeline = PagesWriterPipeline.from_crawler(crawler)
    pipeline.open_spider()
    return pipeline


@dataclass
class OtherItem:
    url: str
    html: str


def test_writer_writes_any_item_type_and_drops_duplicate_urls(tmp_path: Path) -> None:
    pipeline = writer(tmp_path / "out")
    first = page("http://a.localhost/1.html")
    assert pipeline.process_item(first) is first
    pipeline.process_item({"url": "http://a.localhost/2.html", "html": "<p>dict</p>"})
    pipeline.process_item(OtherItem(url="http://a.localhost/3.html", html="<p>dataclass</p>"))
    with pytest.raises(DropItem, match="duplicate url http://a.localhost/1.html") as dropped:
        pipeline.process_item(page("http://a.localhost/1.html"))
    assert dropped.value.log_level == "DEBUG"  # Scrapy would log the whole page at WARNING
    assert pipeline.stats.get_value("wiredup/duplicates_dropped") == 1
    pipeline.close_spider()
    lines = read_lines(tmp_path / "out" / "pages.jsonl")
    assert [line["url"] for line in lines] == [f"http://a.localhost/{n}.html" for n in (1, 2, 3)]
    assert list(lines[0]) == ["url", "outlet", "fetched_at", "status", "encoding", "html"]
    assert "ä" in (tmp_path / "out" / "pages.jsonl").read_text(encoding="utf-8")


def test_writer_with_jobdir_appends_and_remembers_urls_across_runs(tmp_path: Path) -> None:
    job = {"JOBDIR": str(tmp_path / "job")}
    first = writer(tmp_path, **job)
    first.process_item(page("http://a.localhost/1.html"))
    first.close_spider()
    with (tmp_path / "pages.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('not json\n{"url": "http://a.localhost/kill')  # a bad line, then a crawl killed mid-line
    second = writer(tmp_path, **job)
    with pytest.raises(DropItem):
        second.process_item(page("http://a.localhost/1.html"))
    second.process_item(page("http://a.localhost/2.html"))
    second.close_spider()
    raw = (tmp_path / "pages.jsonl").read_text(encoding="utf-8").splitlines()
    assert raw[1] == "not json"  # a complete line is kept: `wiredup run` reports it with its number
    assert raw[-1].startswith('{"url": "http://a.localhost/2.html"')
    assert len(raw) == 3  # the partial line of the killed crawl is cut; its page is fetched again


def test_writer_without_jobdir_starts_afresh(tmp_path: Path) -> None:
    first = writer(tmp_path)
    first.process_item(page("http://a.localhost/1.html"))
    first.close_spider()
    second = writer(tmp_path)
    second.process_item(page("http://a.localhost/2.html"))
    second.close_spider()
    assert [line["url"] for line in read_lines(tmp_path / "pages.jsonl")] == ["http://a.localhost/2.html"]


@dataclass
class FakeSummary:
    pages: int = 5
    stories: int = 4
    versions: int = 2
    fragments: int = 3
    chars_removed: int = 250

    def lines(self) -> list[str]:
        return ["5 pages -> 4 stories", "3 fragment rules learned"]


def dedup_pipeline(tmp_path: Path, **settings: Any) -> DedupPipeline:
    crawler = get_crawler(settings_dict={"WIREDUP_OUTPUT_DIR": str(tmp_path), **settings})
    return DedupPipeline.from_crawler(crawler)


def test_dedup_pipeline_runs_dedup_at_close(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[tuple[Path, Path, Path | None]] = []

    def fake_run_dedup(pages_path: Path, out_dir: Path, *, rules_path: Path | None = None) -> FakeSummary:
        calls.append((pages_path, out_dir, rules_path))
        return FakeSummary()

    monkeypatch.setattr(pipelines, "run_dedup", fake_run_dedup)
    (tmp_path / "rules.tsv").write_text("# no rules yet\n", encoding="utf-8")
    pipeline = dedup_pipeline(tmp_path, WIREDUP_RULES=str(tmp_path / "rules.tsv"))
    with caplog.at_level(logging.INFO, logger="crawler.pipelines"):
        pipeline.close_spider()
        assert "wiredup:" not in caplog.text  # the summary waits for the engine to stop, after the stats
        pipeline.log_summary()
    assert calls == [(tmp_path / "pages.jsonl", tmp_path, tmp_path / "rules.tsv")]
    assert "5 pages -> 4 stories" in caplog.text and "3 fragment rules learned" in caplog.text
    values = pipeline.stats.get_stats()
    assert {k: v for k, v in values.items() if k.startswith("wiredup/")} == {
        "wiredup/dedup_pages": 5, "wiredup/stories": 4, "wiredup/versions": 2,
        "wiredup/fragments": 3, "wiredup/chars_removed": 250,
    }


def test_dedup_pipeline_reports_library_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def failing(*args: Any, **kwargs: Any) -> None:
        raise WiredupError("rules file not found: x.tsv")

    monkeypatch.setattr(pipelines, "run_dedup", failing)
    pipeline = dedup_pipeline(tmp_path)
    pipeline.close_spider()
    assert "dedup failed: rules file not found: x.tsv" in caplog.text
    assert pipeline.stats.get_value("wiredup/dedup_failed") == 1


def test_dedup_pipeline_checks_the_rules_file_before_the_crawl(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read rules file .*leave -s WIREDUP_RULES unset"):
        dedup_pipeline(tmp_path, WIREDUP_RULES=str(tmp_path / "missing.tsv"))


def test_dedup_pipeline_is_off_with_wiredup_dedup_0(tmp_path: Path) -> None:
    with pytest.raises(NotConfigured):
        dedup_pipeline(tmp_path, WIREDUP_DEDUP="0")


# --- real crawls over HTTP -------------------------------------------------------------------

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        "-s", "TELNETCONSOLE_ENABLED=0"]


def outlet_slugs(network_dir: Path) -> list[str]:
    return [o["slug"] for o in json.loads((network_dir / "network.json").read_text(encoding="utf-8"))["outlets"]]


def test_crawl_with_arguments_over_a_running_server(network_server: Any, network_dir: Path, tmp_path: Path) -> None:
    origins = [network_server.origin(slug) for slug in outlet_slugs(network_dir)]
    result = crawl(
        tmp_path, *FAST, "-s", "WIREDUP_DEDUP=0",
        "-a", "sitemap=" + ",".join(o + "/sitemap.xml" for o in origins),
        "-a", "feed=" + ",".join(o + "/feed.xml" for o in origins),
        "-a", "start_urls=" + ",".join(o + "/" for o in origins),
    )
    assert_clean_crawl(result, network_dir, tmp_path)
    assert not (tmp_path / "stories.jsonl").exists()
    assert "'wiredup/articles': " in result.stderr


def test_crawl_embedded_network_then_dedup(network_dir: Path, embedded_crawls: EmbeddedCrawls) -> None:
    run = embedded_crawls.of(network_dir)
    result, tmp_path = run.result, run.out_dir
    assert_clean_crawl(result, network_dir, tmp_path)
    for name in ("stories.jsonl", "cleaned.jsonl", "rules.tsv", "report.json", "report.html"):
        assert (tmp_path / name).is_file(), name
    assert "'wiredup/stories': " in result.stderr
    assert re.search(r"wiredup: \d+ pages -> \d+ stories", result.stderr)
    if network_dir != SEEDS_NETWORK:
        return  # the tiny hand-made network has no story or block truth to score against
    scores = evaluate(tmp_path, network_dir / "truth.jsonl")
    assert scores.pages_missing == 0
    assert scores.story_f1 >= 0.95
    assert scores.boilerplate_left <= 0.01
    assert scores.article_lost <= 0.01


def test_crawl_counts_every_skip(tiny_network: Path, tmp_path: Path) -> None:
    result = crawl(tmp_path, "-s", f"WIREDUP_NETWORK_DIR={tiny_network}", "-s", "WIREDUP_DEDUP=0",
                   "-s", "TELNETCONSOLE_ENABLED=0")
    assert_clean_crawl(result, tiny_network, tmp_path)
    for stat_line in ("'wiredup/articles': 5", "'wiredup/skipped/robots_txt': 1", "'wiredup/skipped/http_404': 1",
                      "'wiredup/skipped/not_html': 1", "'wiredup/sitemaps': 3", "'wiredup/feeds': 2"):
        assert stat_line in result.stderr, stat_line
    assert "Forbidden by robots.txt" in result.stderr


def test_crawl_resumes_a_job_on_the_same_port(tiny_network: Path, tmp_path: Path) -> None:
    jobdir = tmp_path / "job"
    common = ["-s", f"WIREDUP_NETWORK_DIR={tiny_network}", "-s", f"JOBDIR={jobdir}", "-s", "WIREDUP_DEDUP=0",
              "-s", "TELNETCONSOLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS=1"]
    first = crawl(tmp_path, *common, "-s", "CLOSESPIDER_PAGECOUNT=6")
    assert "closespider_pagecount" in first.stderr, first.stderr[-3000:]
    second = crawl(tmp_path, *common)
    port = [line.rsplit(" ", 1)[1] for r in (first, second) for line in r.stderr.splitlines() if "serving" in line]
    assert len(port) == 2 and port[0] == port[1]
    assert_clean_crawl(second, tiny_network, tmp_path)


def test_crawl_closes_when_the_network_port_is_taken(tiny_network: Path, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = crawl(tmp_path, "-s", f"WIREDUP_NETWORK_DIR={tiny_network}", "-s", f"WIREDUP_NETWORK_PORT={port}",
                       "-s", "WIREDUP_DEDUP=0", "-s", "TELNETCONSOLE_ENABLED=0")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert f"cannot serve {tiny_network} on 127.0.0.1 port {port}" in result.stderr
    assert "'finish_reason': 'network_unavailable'" in result.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["-a", "seeds=no/such/seeds.txt"], "seeds file not found"),
        (["-a", "sitemap=not-a-url"], "is not an absolute http(s) URL"),
        (["-a", "start_urls="], "-a start_urls is empty"),
        (["-s", "WIREDUP_NETWORK_DIR=no/such/network"], "network file"),
    ],
)
def test_crawl_with_a_bad_argument_fails_with_one_clear_message(tmp_path: Path, arguments: list[str], message: str) -> None:
    result = crawl(tmp_path, *arguments)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_tiny_network_truth_lists_its_articles(tiny_network: Path) -> None:
    assert truth_keys(tiny_network) == {slug + path for slug, paths in TINY_ARTICLES.items() for path in paths}


def test_addon_enables_wiredup_in_another_project_and_its_settings_win() -> None:
    from crawler.addon import Wiredup

    class OtherSpider(Spider):
        name = "other"

    crawler = get_crawler(OtherSpider, settings_dict={"ADDONS": {Wiredup: 0}, "WIREDUP_OUTPUT_DIR": "theirs", "ITEM_PIPELINES": {}})
    crawler._apply_settings()
    assert dict(crawler.settings["ITEM_PIPELINES"]) == {pipelines.DedupPipeline: 100, pipelines.PagesWriterPipeline: 300}
    assert crawler.settings["WIREDUP_OUTPUT_DIR"] == "theirs"
    assert crawler.settings.getbool("WIREDUP_DEDUP")
