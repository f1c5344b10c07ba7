"""Polite under rate limits: Retry-After, robots.txt Crawl-delay and a per-site circuit breaker.

The crawl test runs `scrapy crawl wire` over real HTTP against a server on 127.0.0.1 that serves
five sites by Host header and logs the time of every request: one answers 429 with Retry-After
in seconds, one 503 with an HTTP-date (and 429 with an absurd wait), one asks for Crawl-delay 2,
one fails every request, and one behaves.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime, formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import (
    SEEDS_NETWORK,
    TINY_SITES,
    EmbeddedCrawls,
    _urlset,
    crawl,
    read_lines,
    url_key,
)
from hypothesis import assume, given
from hypothesis import strategies as st
from scrapy.core.downloader import Slot
from scrapy.robotstxt import ProtegoRobotParser
from scrapy.settings import Settings

from crawler.crawldelay import crawl_delay
from crawler.ratelimit import BACKOFF_START, Site, number_setting, retry_after
from dedup.report import with_crawl_events

# --- Retry-After and Crawl-delay values ---------------------------------------------------------


@given(st.integers(min_value=0, max_value=10**12))
def test_delta_seconds_wait_that_many_seconds(seconds: int) -> None:
    assert retry_after(str(seconds).encode(), now=1e9) == seconds


@given(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2200, 1, 1)).map(
        lambda d: d.replace(microsecond=0, tzinfo=timezone.utc)
    ),
    st.floats(min_value=6e8, max_value=7e9),
)
def test_an_http_date_waits_until_then_and_a_past_one_not_at_all(when: datetime, now: float) -> None:
    expected = pytest.approx(max(0.0, when.timestamp() - now), abs=1e-6)
    assert retry_after(format_datetime(when, usegmt=True), now) == expected  # IMF-fixdate
    assert retry_after(when.strftime("%a %b %d %H:%M:%S %Y"), now) == expected  # asctime, no zone: GMT


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=30))
def test_a_value_without_digits_is_no_wait(text: str) -> None:
    assert retry_after(text, now=1e9) is None


def test_absurd_values_are_no_crash() -> None:
    assert retry_after("9" * 400, now=0) == float("inf")  # given up as beyond WIREDUP_RETRY_AFTER_MAX
    assert retry_after(b"-5", now=0) is None and retry_after(None, now=0) is None
    assert retry_after("Fri, 99 Foo 2026 25:61:61 GMT", now=0) is None


@pytest.mark.parametrize(("line", "expected"), [
    ("Crawl-delay: 2", 2.0), ("Crawl-delay: 0.5", 0.5), ("", 0.0), ("Crawl-delay: -1", 0.0),
    ("Crawl-delay: soon", 0.0), ("Crawl-delay: nan", 0.0),
])
def test_crawl_delay_of_robots_txt(line: str, expected: float) -> None:
    parser = ProtegoRobotParser(f"User-agent: *\n{line}\nDisallow: /intern/\n".encode(), None)
    assert crawl_delay(parser, "wiredup/0.1") == expected


# --- a site's floor, hold and extra delay on its download slot ----------------------------------

DELAYS = st.floats(min_value=0, max_value=120)


@given(own=DELAYS, jitter=st.floats(min_value=0, max_value=1), crawl=DELAYS, throttled=DELAYS,
       failures=st.integers(min_value=0, max_value=8), hold=st.floats(min_value=0.01, max_value=300))
def test_a_slot_never_goes_faster_than_its_site_allows_and_gets_its_own_delay_back(
    own: float, jitter: float, crawl: float, throttled: float, failures: int, hold: float
) -> None:
    slot, site, now = Slot(8, own, jitter), Site(crawl_delay=crawl), 1000.0
    for _ in range(failures):  # 429s: the extra delay doubles from BACKOFF_START
        site.backoff = min(max(2 * site.backoff, BACKOFF_START), 60)
    site.hold(now + hold, now)
    site.apply(slot, now)
    floor = max(crawl, site.backoff)
    assert slot.delay * (1 - slot.jitter) >= floor - 1e-9  # the shortest random delay keeps the floor
    assert slot.lastseen + slot.delay * (1 - slot.jitter) >= now + hold - 1e-6  # and nothing leaves in the hold
    assume(throttled != slot.delay)  # a value equal to the one the site set cannot be told from it
    slot.delay = throttled  # AutoThrottle's next adjustment: kept if slower, raised to the floor if faster
    site.apply(slot, now + hold)
    assert slot.delay == max(throttled, floor) and slot.delay * (1 - slot.jitter) >= floor - 1e-9
    while site.backoff:  # good answers: the extra delay decays back to nothing
        site.answered()
    site.apply(slot, now + hold)
    assert (slot.delay, slot.jitter) == (max(throttled, crawl), jitter if not crawl else min(jitter, 1 - crawl / slot.delay))


# --- the report's rate_limited list --------------------------------------------------------------


def test_report_lists_rate_limited_sites_with_counts_waits_and_given_up_urls() -> None:
    events = [
        {"event": "skipped", "reason": "http_404", "url": "http://a.localhost/x", "detail": ""},
        {"event": "rate_limited", "reason": "http_429", "url": "http://a.localhost/1", "detail": "attempt 1",
         "site": "a.localhost", "waited_s": 2.0},
        {"event": "rate_limited", "reason": "http_429", "url": "http://a.localhost/1", "detail": "attempt 1",
         "site": "a.localhost", "waited_s": 1.25},  # a second occurrence, listed once in crawl.events
        {"event": "rate_limited", "reason": "timeout", "url": "http://b.localhost/", "detail": "", "site": "b.localhost",
         "waited_s": "x"},
        {"event": "rate_limited", "reason": "timeout", "url": "http://c.localhost/", "detail": ""},  # no site: not listed
        {"event": "paused", "reason": "failing", "url": "http://b.localhost/", "detail": "", "site": "b.localhost",
         "waited_s": 60},
        {"event": "given_up", "reason": "site_failing", "url": "http://b.localhost/2", "detail": "", "site": "b.localhost"},
        {"event": "given_up", "reason": "site_failing", "url": "http://b.localhost/2", "detail": "", "site": "b.localhost"},
    ]
    report = with_crawl_events({"totals": {}}, iter(events))
    assert report["rate_limited"] == [
        {"site": "a.localhost", "responses": 2, "waited_s": 3.2, "paused": 0, "given_up": []},
        {"site": "b.localhost", "responses": 1, "waited_s": 60.0, "paused": 1, "given_up": ["http://b.localhost/2"]},
    ]
    assert report["crawl"]["counts"] == {"given_up/site_failing": 1, "paused/failing": 1, "rate_limited/http_429": 1,
                                         "rate_limited/timeout": 2, "skipped/http_404": 1}
    assert with_crawl_events({}, [events[0]])["rate_limited"] == []


# --- a crawl of rate-limiting sites over real HTTP -----------------------------------------------

FAILURES, PAUSE, MAX_PAUSES = 3, 2.0, 2
RETRY_AFTER = 2
ARTICLES = ("/politik/a1.html", "/politik/a2.html", "/politik/a3.html")
ROBOTS = "User-agent: *\nDisallow: /intern/\nSitemap: __ORIGIN__/sitemap.xml\n"
SITE = {
    "robots.txt": ROBOTS,
    "sitemap.xml": _urlset(*ARTICLES),
    **{path.lstrip("/"): TINY_SITES["alpha"][path.lstrip("/")] for path in ARTICLES},
}
SITES = {
    "limit": SITE, "busy": SITE, "down": SITE, "plain": SITE,
    "polite": SITE | {"robots.txt": ROBOTS.replace("Disallow", "Crawl-delay: 2\nDisallow")},
}


@dataclass(frozen=True)
class Hit:
    """One request the server answered: when it came, for what, and the answer's status and headers."""

    at: float
    site: str
    path: str
    status: int
    headers: dict[str, str]


Answer = tuple[int, dict[str, str]] | None
#: The answer to the nth request (from 0) for a site and path at a time; None: serve the page.
Rule = Callable[[str, str, int, float], Answer]


def rate_limits(site: str, path: str, nth: int, now: float) -> Answer:
    """limit: a1 answers 429 twice; busy: a2 answers 503 once with an HTTP-date 3 s ahead, a3 always
    429 with an hour's wait; down: every request 500."""
    if site == "limit" and path == ARTICLES[0] and nth < 2:
        return 429, {"Retry-After": str(RETRY_AFTER)}
    if site == "busy" and path == ARTICLES[1] and nth == 0:
        return 503, {"Retry-After": formatdate(now + 3, usegmt=True)}
    if site == "busy" and path == ARTICLES[2]:
        return 429, {"Retry-After": "3600"}
    if site == "down":
        return 500, {}
    return None


class LoggingSites(ThreadingHTTPServer):
    """Sites by the first label of the Host header; every request logged as a `Hit`."""

    daemon_threads = True

    def __init__(self, sites: dict[str, dict[str, str]], rule: Rule) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.sites = sites
        self.rule = rule
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.seen: dict[tuple[str, str], int] = {}

    def answer(self, host: str, path: str) -> tuple[int, dict[str, str], bytes]:
        now = time.time()
        site = host.split(".")[0]
        with self.lock:
            nth = self.seen.get((site, path), 0)
            self.seen[(site, path)] = nth + 1
            ruled = self.rule(site, path, nth, now)
            text = self.sites.get(site, {}).get(path.lstrip("/"))
            if ruled is not None:
                status, headers, body = *ruled, b"busy\n"
            elif text is None:
                status, headers, body = 404, {}, b"not found\n"
            else:
                status, headers, body = 200, {}, text.replace("__ORIGIN__", f"http://{host}").encode()
            self.hits.append(Hit(now, site, path, status, headers))
        return status, headers, body

    def of(self, site: str, path: str | None = None) -> list[Hit]:
        return [h for h in self.hits if h.site == site and (path is None or h.path == path)]


class _Handler(BaseHTTPRequestHandler):
    server: LoggingSites
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        status, headers, body = self.server.answer(self.headers.get("Host", ""), urlsplit(self.path).path)
        self.send_response(status)
        content_type = "application/xml" if self.path.endswith(".xml") else "text/plain" if self.path.endswith(".txt") else "text/html; charset=utf-8"
        for name, value in {"Content-Type": content_type, **headers, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the server keeps its own log."""


@dataclass(frozen=True)
class Crawled:
    server: LoggingSites
    result: subprocess.CompletedProcess[str]
    out_dir: Path
    port: int

    def report(self) -> dict:
        return json.loads((self.out_dir / "report.json").read_text(encoding="utf-8"))

    def events(self, event: str, site: str) -> list[dict]:
        return [e for e in read_lines(self.out_dir / "crawl.jsonl") if e["event"] == event and e.get("site") == f"{site}.localhost"]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    server = LoggingSites(SITES, rate_limits)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        out_dir = tmp_path_factory.mktemp("ratelimit")
        starts = ",".join(f"http://{site}.localhost:{port}/robots.txt" for site in SITES)
        result = crawl(
            out_dir, "-a", f"start_urls={starts}", "-s", "TELNETCONSOLE_ENABLED=0",
            "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_START_DELAY=0", "-s", "WIREDUP_RETRY_AFTER_MAX=60",
            "-s", f"WIREDUP_BREAKER_FAILURES={FAILURES}", "-s", f"WIREDUP_BREAKER_PAUSE={PAUSE}",
            "-s", f"WIREDUP_BREAKER_MAX_PAUSES={MAX_PAUSES}",
        )
        yield Crawled(server, result, out_dir, port)
    finally:
        server.shutdown()
        server.server_close()


def test_crawl_ends_clean_with_every_page_it_was_allowed_to_wait_for(crawled: Crawled) -> None:
    assert crawled.result.returncode == 0, crawled.result.stderr[-3000:]
    assert "Traceback" not in crawled.result.stderr, crawled.result.stderr[-3000:]
    pages = {url_key(p["url"]) for p in read_lines(crawled.out_dir / "pages.jsonl")}
    expected = {site + path for site in ("limit", "busy", "polite", "plain") for path in ARTICLES} - {"busy" + ARTICLES[2]}
    assert pages == expected


def assert_nothing_inside(hits: list[Hit], start: float, end: float) -> None:
    inside = [(h.path, round(h.at - start, 3)) for h in hits if start < h.at < end]
    assert not inside, f"requests inside the window of {end - start:.2f} s: {inside}"


def test_no_request_to_a_site_inside_its_retry_after_seconds(crawled: Crawled) -> None:
    page = crawled.server.of("limit", ARTICLES[0])
    assert [h.status for h in page] == [429, 429, 200]  # retried after each wait, then crawled
    for hit in page[:2]:
        assert_nothing_inside(crawled.server.of("limit"), hit.at, hit.at + RETRY_AFTER)  # the whole site waits
        assert min(h.at for h in page if h.at > hit.at) >= hit.at + RETRY_AFTER


def test_no_request_to_a_site_before_its_retry_after_date(crawled: Crawled) -> None:
    first, *later = crawled.server.of("busy", ARTICLES[1])
    until = parsedate_to_datetime(first.headers["Retry-After"]).timestamp()
    assert first.status == 503 and until - first.at > 1 and [h.status for h in later] == [200]
    assert_nothing_inside(crawled.server.of("busy"), first.at, until)
    assert later[0].at >= until


def test_a_wait_beyond_the_cap_gives_the_url_up_with_its_reason(crawled: Crawled) -> None:
    url = f"http://busy.localhost:{crawled.port}{ARTICLES[2]}"
    assert [h.status for h in crawled.server.of("busy", ARTICLES[2])] == [429]  # not retried: no stall
    [given_up] = crawled.events("given_up", "busy")
    assert (given_up["url"], given_up["reason"]) == (url, "retry_after_too_long")
    busy = next(site for site in crawled.report()["rate_limited"] if site["site"] == "busy.localhost")
    assert busy["responses"] == 2 and busy["given_up"] == [url] and busy["paused"] == 0
    assert busy["waited_s"] >= 1


def test_crawl_delay_spaces_every_request_to_its_site(crawled: Crawled) -> None:
    times = [h.at for h in crawled.server.of("polite")]
    assert len(times) >= 5  # robots.txt twice (middleware and spider), sitemap, three articles
    gaps = [round(b - a, 3) for a, b in pairwise(times)]
    assert min(gaps) >= 2 - 0.2, gaps


def test_a_failing_site_is_paused_given_up_and_reported_while_others_finish(crawled: Crawled) -> None:
    down = crawled.server.of("down")
    assert len(down) == FAILURES + MAX_PAUSES  # the failures that open the breaker, then one probe per pause
    gaps = [b.at - a.at for a, b in pairwise(down)]
    pauses = [PAUSE * 2**k for k in range(MAX_PAUSES)]  # each pause twice as long as the one before
    assert all(gap >= pause for gap, pause in zip(gaps[FAILURES - 1:], pauses, strict=True)), gaps
    paused = crawled.events("paused", "down")
    assert [e["waited_s"] for e in paused] == pytest.approx([PAUSE * 2**k for k in range(MAX_PAUSES)], abs=0.05)
    report = {site["site"]: site for site in crawled.report()["rate_limited"]}
    assert set(report) == {"limit.localhost", "busy.localhost", "down.localhost"}
    assert report["down.localhost"]["paused"] == MAX_PAUSES and report["down.localhost"]["responses"] == len(down)
    assert report["down.localhost"]["given_up"]
    assert set(report["down.localhost"]["given_up"]) == {e["url"] for e in crawled.events("given_up", "down")}
    assert report["limit.localhost"] == {"site": "limit.localhost", "responses": 2, "waited_s": pytest.approx(4, abs=0.2),
                                         "paused": 0, "given_up": []}
    plain = crawled.server.of("plain")
    assert len(plain) == 6 and plain[-1].at < down[FAILURES].at  # done during the first pause of `down`


def test_embedded_network_is_never_rate_limited(embedded_crawls: EmbeddedCrawls) -> None:
    if not (SEEDS_NETWORK / "network.json").is_file():
        pytest.skip("seeds/network not generated")
    run = embedded_crawls.of(SEEDS_NETWORK)
    assert json.loads((run.out_dir / "report.json").read_text(encoding="utf-8"))["rate_limited"] == []


@pytest.mark.parametrize("value", ["-1", "soon", "nan", "inf"])
def test_a_bad_setting_is_logged_and_the_least_value_used(value: str, caplog: pytest.LogCaptureFixture) -> None:
    assert number_setting(Settings({"WIREDUP_BREAKER_PAUSE": value}), "WIREDUP_BREAKER_PAUSE", 0) == 0
    assert f"-s WIREDUP_BREAKER_PAUSE={value} is no number of at least 0; 0 is used" in caplog.text
    assert number_setting(Settings({"WIREDUP_BREAKER_PAUSE": "2.5"}), "WIREDUP_BREAKER_PAUSE", 0) == 2.5
