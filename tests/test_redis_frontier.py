"""Many crawlers, one Redis: the shared frontier and duplicate filter of crawler/redis_frontier.py.

The frontier's protocol is checked in this process on a real redis-server; whole crawls run two
`scrapy crawl wire` processes against one redis-server and the embedded network served over HTTP.
"""

from __future__ import annotations

import collections
import logging
import os
import signal
import socket
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from conftest import (
    REPO,
    SEEDS_NETWORK,
    EmbeddedCrawls,
    crawl,
    crawl_command,
    disallowed,
    page_keys,
    read_lines,
    truth_keys,
    url_key,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from redis_server import RedisServer
from scrapy import Request
from scrapy.exceptions import DontCloseSpider
from scrapy.utils.test import get_crawler

from crawler.redis_frontier import (
    RedisScheduler,
    SharedSet,
    request_from_json,
    request_to_json,
)
from crawler.spiders.wire import LISTED, WireSpider, network_slugs
from dedup.synth.serve import START_PATHS, NetworkServer, _Handler

PREFIX = "wiredup:frontier"


def frontier(redis_url: str, out_dir: Path) -> tuple[RedisScheduler, WireSpider]:
    """An opened RedisScheduler and its spider, as one crawler would have them."""
    crawler = get_crawler(WireSpider, {"WIREDUP_REDIS": redis_url, "WIREDUP_OUTPUT_DIR": str(out_dir)})
    spider = WireSpider.from_crawler(crawler, start_urls="http://alpha.localhost/")
    scheduler = RedisScheduler.from_crawler(crawler)
    scheduler.open(spider)
    return scheduler, spider


@pytest.fixture
def two(redis_url: str, tmp_path: Path) -> Iterator[tuple[RedisScheduler, RedisScheduler]]:
    """Two crawlers of one frontier, closed after the test."""
    first, _ = frontier(redis_url, tmp_path / "a")
    second, _ = frontier(redis_url, tmp_path / "b")
    yield first, second
    for scheduler in (first, second):
        scheduler.close("finished")


# --- requests as JSON -------------------------------------------------------------------------

@settings(max_examples=50, deadline=None)
@given(
    body=st.binary(max_size=50),
    header=st.binary(min_size=1, max_size=20),
    priority=st.integers(-100, 100),
    meta=st.dictionaries(st.text(max_size=8), st.one_of(st.integers(), st.text(), st.booleans(),
                                                       st.lists(st.text(max_size=5), max_size=3)), max_size=4),
)
def test_requests_come_back_from_json_as_they_went(body: bytes, header: bytes, priority: int, meta: dict[str, Any]) -> None:
    spider = WireSpider.from_crawler(get_crawler(WireSpider), start_urls="http://alpha.localhost/")
    request = Request("http://alpha.localhost/a?b=1", callback=spider.parse, errback=spider.on_error, body=body,
                      headers={"X-Raw": header}, meta={**meta, LISTED: True}, priority=priority, method="POST")
    back = request_from_json(request_to_json(request, spider), spider)
    assert back.to_dict(spider=spider) == request.to_dict(spider=spider)
    assert back.callback == spider.parse and back.errback == spider.on_error


def test_a_request_that_cannot_travel_stays_with_its_crawler(two: tuple[RedisScheduler, RedisScheduler]) -> None:
    first, second = two
    request = Request("http://alpha.localhost/x", callback=lambda response: None)
    assert first.enqueue_request(request)
    assert second.next_request() is None
    assert first.next_request() is request
    assert first.crawler.stats.get_value("scheduler/unserializable") == 1


# --- one queue, one duplicate filter ----------------------------------------------------------

def test_each_url_is_queued_once_across_crawlers_and_taken_by_priority(two: tuple[RedisScheduler, RedisScheduler]) -> None:
    first, second = two
    assert first.enqueue_request(Request("http://alpha.localhost/1"))
    assert not second.enqueue_request(Request("http://alpha.localhost/1"))
    assert second.enqueue_request(Request("http://alpha.localhost/1", dont_filter=True))
    assert second.enqueue_request(Request("http://alpha.localhost/2"))
    assert first.enqueue_request(Request("http://alpha.localhost/3", priority=5))
    assert len(first) == len(second) == 4 and first.has_pending_requests()
    taken = [second.next_request(), first.next_request(), second.next_request(), first.next_request()]
    assert [r.url.rsplit("/", 1)[1] for r in taken if r is not None] == ["3", "1", "1", "2"]
    assert first.next_request() is None and not second.has_pending_requests()
    assert second.crawler.stats.get_value("dupefilter/filtered") == 1


def test_marks_of_listed_pages_are_shared(redis_url: str, tmp_path: Path) -> None:
    first, spider_a = frontier(redis_url, tmp_path / "a")
    second, spider_b = frontier(redis_url, tmp_path / "b")
    assert isinstance(spider_a.listed, SharedSet) and isinstance(spider_b.judged_unlisted, SharedSet)
    spider_a.request("http://alpha.localhost/p.html", listed=True)
    assert "http://alpha.localhost/p.html" in spider_b.listed
    assert not spider_b.listed.isdisjoint(["http://alpha.localhost/q.html", "http://alpha.localhost/p.html"])
    spider_b.judged_unlisted |= {"http://alpha.localhost/q.html"}
    again = spider_a.request("http://alpha.localhost/q.html", listed=True)
    assert again.dont_filter and "http://alpha.localhost/q.html" not in spider_b.judged_unlisted
    first.close("finished")
    second.close("finished")


# --- when crawlers close ----------------------------------------------------------------------

def test_crawlers_close_only_when_the_queue_is_empty_and_all_are_idle(two: tuple[RedisScheduler, RedisScheduler]) -> None:
    first, second = two
    db = redis.Redis.from_url(first.url)
    second.enqueue_request(Request("http://alpha.localhost/1"))
    with pytest.raises(DontCloseSpider):
        first.on_idle()  # requests are queued
    assert second.next_request() is not None
    with pytest.raises(DontCloseSpider):
        first.on_idle()  # second is busy with what it took
    second.on_idle()  # first is idle and the queue empty: second may close
    assert db.keys(f"{PREFIX}:*")  # first still belongs to the frontier
    first.on_idle()
    assert db.keys(f"{PREFIX}:*") == []  # the last one out deleted the frontier


def test_a_crawler_that_stopped_beating_counts_as_gone(two: tuple[RedisScheduler, RedisScheduler]) -> None:
    first, second = two
    db = redis.Redis.from_url(first.url)
    with pytest.raises(DontCloseSpider):
        first.on_idle()
    db.zadd(f"{PREFIX}:alive", {second.me: 0})  # its heartbeat ran out long ago
    first.on_idle()
    assert db.zrange(f"{PREFIX}:alive", 0, -1) == []


def test_what_a_crawler_took_and_did_not_finish_goes_back_to_the_queue(two: tuple[RedisScheduler, RedisScheduler]) -> None:
    first, second = two
    third, _ = frontier(first.url, first.out_dir.parent / "c")
    db = redis.Redis.from_url(first.url)
    for number in range(3):
        first.enqueue_request(Request(f"http://alpha.localhost/{number}"))
    done, died_with, left_with = first.next_request(), first.next_request(), second.next_request()
    assert done is not None and died_with is not None and left_with is not None
    first.on_finished(done)
    first.send_beat()
    assert db.hlen(f"{PREFIX}:taken") == 2  # the downloaded one is finished
    db.zadd(f"{PREFIX}:alive", {first.me: 0})  # first dies
    second.close("shutdown")  # second stops early
    third.send_beat()  # finds first gone
    assert sorted(r.url for r in (third.next_request(), third.next_request()) if r is not None) == sorted(
        [died_with.url, left_with.url])
    third.close("finished")


def test_a_crawler_counted_as_gone_stops_with_one_line(
    two: tuple[RedisScheduler, RedisScheduler], caplog: pytest.LogCaptureFixture
) -> None:
    first, second = two
    redis.Redis.from_url(first.url).zrem(f"{PREFIX}:alive", first.me)  # the others pruned it
    with caplog.at_level(logging.ERROR):
        assert not first.enqueue_request(Request("http://alpha.localhost/1"))
        assert first.next_request() is None
        first.on_idle()
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "counted it as gone" in errors[0], errors
    assert second.enqueue_request(Request("http://alpha.localhost/1"))  # first pushed nothing


def test_a_frontier_whose_crawlers_are_gone_is_discarded(
    redis_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    dead, _ = frontier(redis_url, tmp_path / "a")
    dead.enqueue_request(Request("http://alpha.localhost/1"))
    db = redis.Redis.from_url(redis_url)
    db.zadd(f"{PREFIX}:alive", {dead.me: 0})
    with caplog.at_level(logging.WARNING):
        fresh, _ = frontier(redis_url, tmp_path / "b")
    assert "whose crawlers are all gone" in caplog.text
    assert not fresh.has_pending_requests()
    assert fresh.enqueue_request(Request("http://alpha.localhost/1"))  # seen by the dead crawl only
    fresh.close("finished")


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda url, tmp: redis.Redis.from_url(url).set(f"{PREFIX}:queue", "mine"),
         "holds other data under wiredup:frontier:*"),
        (lambda url, tmp: frontier(url, tmp / "a"), "already writes to"),
    ],
)
def test_foreign_data_and_a_shared_output_folder_are_refused(
    redis_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture,
    setup: Callable[[str, Path], Any], message: str,
) -> None:
    setup(redis_url, tmp_path)
    with caplog.at_level(logging.ERROR):
        refused, _ = frontier(redis_url, tmp_path / "a")
    assert refused.failed and message in caplog.text
    assert len([r for r in caplog.records if r.levelno >= logging.ERROR]) == 1


def test_redis_going_away_fails_once_and_quietly(
    redis_server: RedisServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    scheduler, spider = frontier(redis_server.url, tmp_path / "a")
    redis_server.kill()
    with caplog.at_level(logging.ERROR):
        assert not scheduler.enqueue_request(Request("http://alpha.localhost/1"))
        assert scheduler.next_request() is None and not scheduler.has_pending_requests()
        assert "http://alpha.localhost/1" not in spider.listed
        scheduler.on_idle()
        scheduler.close("redis_unavailable")
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and errors[0].startswith(f"Redis at {redis_server.url} failed"), errors


# --- whole crawls: two crawlers, one Redis, the embedded network over HTTP --------------------

FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        "-s", "TELNETCONSOLE_ENABLED=0", "-s", "WIREDUP_DEDUP=0")


class CountingNetwork:
    """The embedded network on 127.0.0.1, counting requests by `<outlet><path>`; `on_request` sees each."""

    def __init__(self, network_dir: Path, on_request: Callable[[str], None] = lambda key: None) -> None:
        self.network_dir = network_dir
        self.server = NetworkServer(network_dir)
        self.counts: collections.Counter[str] = collections.Counter()
        lock = threading.Lock()
        counts, hook = self.counts, on_request

        class Counting(_Handler):
            def _respond(self, body: bool) -> None:
                key = self.headers.get("Host", "").split(".")[0] + self.path
                with lock:
                    counts[key] += 1
                hook(key)
                super()._respond(body)

        self.handler = Counting

    def __enter__(self) -> CountingNetwork:  # noqa: PYI034 - no subclasses
        self.server.start()
        self.server._server.RequestHandlerClass = self.handler  # type: ignore[union-attr]
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.stop()

    def seeds(self, path: Path) -> Path:
        """A seeds file with what `scrapy crawl wire` starts from on the embedded network."""
        urls = [self.server.origin(slug) + start for slug in network_slugs(self.network_dir)
                for start in START_PATHS]
        path.write_text("".join(url + "\n" for url in urls), encoding="utf-8")
        return path


def start_crawl(out_dir: Path, seeds: Path, redis_url: str, *args: str) -> subprocess.Popen[bytes]:
    """`scrapy crawl wire` on one frontier, its log in `<out_dir>.log` (a pipe could fill and stall it)."""
    command = crawl_command(out_dir, "-a", f"seeds={seeds}", *FAST, "-s", f"WIREDUP_REDIS={redis_url}", *args)
    with out_dir.with_suffix(".log").open("wb") as log:
        return subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=log)


def finish(process: subprocess.Popen[bytes], out_dir: Path) -> str:
    """Wait for the crawl into out_dir; its log."""
    process.wait(timeout=600)
    return out_dir.with_suffix(".log").read_text(encoding="utf-8")


def story_urls(out_dir: Path) -> set[frozenset[str]]:
    """Each story of out_dir/stories.jsonl as the set of its versions' `<outlet><path>`."""
    return {frozenset(url_key(v["url"]) for v in story["versions"]) for story in read_lines(out_dir / "stories.jsonl")}


@pytest.fixture
def seeds_network() -> Path:
    if not (SEEDS_NETWORK / "network.json").is_file():
        pytest.skip("seeds/network not generated yet (wiredup generate --out seeds/network)")
    return SEEDS_NETWORK


def test_every_request_waiting_for_a_robots_txt_is_checked_against_it(seeds_network: Path, tmp_path: Path) -> None:
    """A crawler of a shared frontier often starts a site with many requests at once, a disallowed one among them."""
    slug, prefixes = next((slug, rules) for slug, rules in sorted(disallowed(seeds_network).items()) if rules)
    with CountingNetwork(seeds_network) as network:
        origin = network.server.origin(slug)
        seeds = tmp_path / "seeds.txt"
        seeds.write_text("".join(f"{origin}{path}\n" for path in ("/", "/feed.xml", prefixes[0], "/sitemap.xml")))
        result = crawl(tmp_path / "out", "-a", f"seeds={seeds}", *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    assert network.counts[slug + "/robots.txt"] == 1
    assert not [key for key in network.counts if key.startswith(slug + prefixes[0])]
    assert "(robots_txt): Forbidden by robots.txt" in result.stderr


def test_two_crawlers_one_redis_fetch_every_article_once_and_find_the_same_stories(
    seeds_network: Path, redis_url: str, tmp_path: Path, embedded_crawls: EmbeddedCrawls
) -> None:
    with CountingNetwork(seeds_network) as network:
        seeds = network.seeds(tmp_path / "seeds.txt")
        crawlers = [start_crawl(tmp_path / name, seeds, redis_url) for name in ("a", "b")]
        logs = [finish(process, tmp_path / name) for process, name in zip(crawlers, ("a", "b"))]
    for process, log in zip(crawlers, logs):
        assert process.returncode == 0 and "Traceback" not in log, log[-3000:]
    articles = truth_keys(seeds_network)
    assert {key: network.counts[key] for key in articles} == dict.fromkeys(articles, 1)
    keys = page_keys(tmp_path / "a") + page_keys(tmp_path / "b")
    assert sorted(keys) == sorted(articles)  # each page stored once, by one of the two
    assert redis.Redis.from_url(redis_url).keys("wiredup:frontier:*") == []  # the last one out cleaned up
    union = tmp_path / "union.jsonl"
    union.write_bytes((tmp_path / "a" / "pages.jsonl").read_bytes() + (tmp_path / "b" / "pages.jsonl").read_bytes())
    result = subprocess.run(["wiredup", "run", str(union), "-o", str(tmp_path / "run"), "-q"],
                            cwd=REPO, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    single = embedded_crawls.of(seeds_network)
    assert single.result.returncode == 0
    assert story_urls(tmp_path / "run") == story_urls(single.out_dir)


def test_redis_killed_mid_crawl_stops_it_with_one_line_and_a_rerun_completes(
    seeds_network: Path, redis_server: RedisServer, tmp_path: Path
) -> None:
    articles = truth_keys(seeds_network)
    fetched: list[str] = []

    def kill_redis_at_the_20th_article(key: str) -> None:
        if key in articles:
            fetched.append(key)
            if len(fetched) == 20:
                redis_server.kill()

    with CountingNetwork(seeds_network, kill_redis_at_the_20th_article) as network:
        seeds = network.seeds(tmp_path / "seeds.txt")
        crawler = start_crawl(tmp_path / "out", seeds, redis_server.url)
        log = finish(crawler, tmp_path / "out")
        assert crawler.returncode == 1, log[-3000:]
        errors = [line for line in log.splitlines() if " ERROR: " in line]
        assert len(errors) == 1 and f"Redis at {redis_server.url} failed" in errors[0], errors
        assert "Traceback" not in log and "'finish_reason': 'redis_unavailable'" in log
        stored = page_keys(tmp_path / "out")
        assert 0 < len(stored) < len(articles)

        redis_server.start()
        rerun = start_crawl(tmp_path / "out", seeds, redis_server.url)
        log = finish(rerun, tmp_path / "out")
    assert rerun.returncode == 0 and "Traceback" not in log, log[-3000:]
    assert sorted(page_keys(tmp_path / "out")) == sorted(articles)


def test_a_crawler_killed_mid_crawl_leaves_its_requests_to_the_other(
    seeds_network: Path, redis_url: str, tmp_path: Path
) -> None:
    articles = truth_keys(seeds_network)
    fetched: list[str] = []
    crawlers: list[subprocess.Popen[bytes]] = []

    def kill_the_first_at_the_30th_article(key: str) -> None:
        if key in articles:
            fetched.append(key)
            if len(fetched) == 30:
                os.kill(crawlers[0].pid, signal.SIGKILL)

    beat = ("-s", "WIREDUP_REDIS_HEARTBEAT=3")
    with CountingNetwork(seeds_network, kill_the_first_at_the_30th_article) as network:
        seeds = network.seeds(tmp_path / "seeds.txt")
        crawlers += [start_crawl(tmp_path / name, seeds, redis_url, *beat) for name in ("a", "b")]
        logs = [finish(process, tmp_path / name) for process, name in zip(crawlers, ("a", "b"))]
    assert crawlers[0].returncode == -signal.SIGKILL
    assert crawlers[1].returncode == 0 and "Traceback" not in logs[1], logs[1][-3000:]
    stored = page_keys(tmp_path / "b") + (page_keys(tmp_path / "a") if (tmp_path / "a" / "pages.jsonl").exists() else [])
    assert set(stored) == articles  # nothing the killed crawler had taken was lost
    assert max(network.counts[key] for key in articles) <= 2  # at most fetched again after the kill
    assert redis.Redis.from_url(redis_url).keys("wiredup:frontier:*") == []


def test_a_bad_redis_url_fails_before_the_crawl_and_an_unreachable_redis_with_one_line(
    tiny_network: Path, tmp_path: Path
) -> None:
    common = ("-s", f"WIREDUP_NETWORK_DIR={tiny_network}", "-s", "TELNETCONSOLE_ENABLED=0", "-s", "WIREDUP_DEDUP=0")
    bad = crawl(tmp_path / "bad", *common, "-s", "WIREDUP_REDIS=localhost:6379")
    assert bad.returncode == 2 and "-s WIREDUP_REDIS=localhost:6379: Redis URL must specify" in bad.stderr
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    down = crawl(tmp_path / "down", *common, "-s", f"WIREDUP_REDIS=redis://127.0.0.1:{port}/0")
    errors = [line for line in down.stderr.splitlines() if " ERROR: " in line]
    assert down.returncode == 1 and "Traceback" not in down.stderr, down.stderr[-3000:]
    assert len(errors) == 1 and f"Redis at redis://127.0.0.1:{port}/0 failed" in errors[0], errors
