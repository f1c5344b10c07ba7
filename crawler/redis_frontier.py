"""One frontier and one duplicate filter in Redis, shared by every crawler that names it.

    scrapy crawl wire -s WIREDUP_REDIS=redis://127.0.0.1:6379/0     # in as many shells as you like

Each crawler pushes the requests it finds into one sorted set (by priority, first in first out
within one) after adding their fingerprint to one set: `SADD` is atomic, so a URL that any of the
crawlers met before is dropped and every URL is fetched once in total. Requests travel as JSON
(`Request.to_dict`, bytes as base64), never as pickles; one that cannot (a callback that is no
spider method) stays in the crawler that made it. The spider's marks of listed and judged pages
(`SHARED_SPIDER_SETS`) live in Redis as well, so a page one crawler judged unlisted is fetched
again when another finds it in a sitemap, as in a single crawl.

A crawler closes when the shared queue is empty and every other live crawler is idle too: each
one beats a heartbeat (`WIREDUP_REDIS_HEARTBEAT`) and flags itself idle when Scrapy finds it so,
and clears the flag when it takes a request. A request stays marked as taken by its crawler
until the spider's output for its response has all been handled (`FinishedRequests`); a
crawler that stopped beating counts as gone, and what it had taken goes back into the queue, as
does what a crawler closing early leaves unfinished (a page may then be fetched twice, never
lost). A crawler the others counted as gone stops (`frontier_lost`) rather than touch a frontier
that may since belong to another crawl. The last one out deletes the frontier, so the next crawl
starts afresh; a frontier whose crawlers all died (killed, or Redis restarted from its files) is
discarded by the next one to start.

Redis going away stops the crawl with one error line and the close reason `redis_unavailable`
(`scrapy crawl` then exits with status 1); the pages fetched so far stay in pages.jsonl.

scrapy-redis (0.9.1) was measured against Scrapy 2.19 on the embedded network and falls short:
the first crawler to go idle closes and, by default, deletes the shared queue and seen set while
the others still crawl (12 to 46 of 106 articles fetched twice in three runs of two crawlers
when each home page answered 1.5 s late; none with this module);
with `SCHEDULER_PERSIST` the seen set outlives the crawl, so the next crawl fetches nothing; and
requests are pickled.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import socket
import uuid
from collections import deque
from collections.abc import AsyncIterator, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, UsageError
from scrapy.http import Response
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.request import request_from_dict
from twisted.internet.task import LoopingCall

logger = logging.getLogger(__name__)

#: Close reason of a crawl whose Redis went away or refused it (`scrapy crawl` exits with status 1 on it).
REDIS_UNAVAILABLE = "redis_unavailable"
#: Close reason of a crawler that the others counted as gone (`scrapy crawl` exits with status 1 on it).
FRONTIER_LOST = "frontier_lost"
#: Written to `<prefix>:format`; a frontier key holding anything else is refused.
FORMAT = "wiredup-frontier 1"
#: Spider attributes (sets of URLs) that every crawler of one frontier shares.
SHARED_SPIDER_SETS = ("listed", "judged_unlisted")
#: Seconds between two heartbeats; a waiting crawler also looks for new requests that often.
WATCH_EVERY = 0.5
#: Width of the sequence number that orders requests of one priority.
SEQ_DIGITS = 15
#: Request.meta key of a request taken from the frontier: its sequence number, until it is finished.
TAKEN = "wiredup_frontier_taken"
#: Signal (request=...) sent when the spider's output for a response has all been handled.
request_finished = object()

# KEYS: queue seen seq alive idle workers format listed judged_unlisted taken
_NOW = """
local now_t = redis.call('TIME')
local now = now_t[1] * 1000 + math.floor(now_t[2] / 1000)
"""
# A crawler the others counted as gone must not touch the frontier again: it may be a new one.
_GONE = """
if not redis.call('ZSCORE', KEYS[4], ARGV[1]) then return 'gone' end
"""
# The requests a crawler has taken and not finished: back into the queue, or forgotten.
_TAKEN = """
local function release(w, back)
  local taken = redis.call('HGETALL', KEYS[10])
  local prefix = w .. ' '
  for i = 1, #taken, 2 do
    if string.sub(taken[i], 1, #prefix) == prefix then
      if back then
        local bar = string.find(taken[i + 1], '|', 1, true)
        redis.call('ZADD', KEYS[1], tonumber(string.sub(taken[i + 1], 1, bar - 1)), string.sub(taken[i + 1], bar + 1))
      end
      redis.call('HDEL', KEYS[10], taken[i])
    end
  end
end
"""
_PRUNE = """
for _, w in ipairs(redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now)) do
  redis.call('ZREM', KEYS[4], w); redis.call('SREM', KEYS[5], w); redis.call('HDEL', KEYS[6], w)
  release(w, true)
end
"""
_REFRESH = """
redis.call('ZADD', KEYS[4], now + tonumber(ARGV[2]), ARGV[1])
"""
# ARGV: me ttl_ms where format -> {status, detail}
JOIN = _TAKEN + _NOW + _PRUNE + """
local format = redis.call('GET', KEYS[7])
if format and format ~= ARGV[4] then return {'foreign', format} end
for _, k in ipairs({KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[8], KEYS[9], KEYS[10]}) do
  local kind = redis.call('TYPE', k)['ok']
  if kind ~= 'none' and not format then return {'foreign', k .. ' is a ' .. kind} end
end
local status = 'joined'
if redis.call('ZCARD', KEYS[4]) == 0 then
  if redis.call('EXISTS', KEYS[1], KEYS[2]) > 0 then status = 'restarted' end
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[5], KEYS[6], KEYS[8], KEYS[9], KEYS[10])
else
  local workers = redis.call('HGETALL', KEYS[6])
  for i = 1, #workers, 2 do
    if workers[i + 1] == ARGV[3] then return {'conflict', workers[i]} end
  end
end
redis.call('SET', KEYS[7], ARGV[4])
redis.call('ZADD', KEYS[4], now + tonumber(ARGV[2]), ARGV[1])
redis.call('HSET', KEYS[6], ARGV[1], ARGV[3])
return {status, ''}
"""
# ARGV: me ttl_ms seq... (requests finished since the last beat) -> 'ok' or 'gone'
BEAT = _GONE + _TAKEN + _NOW + _REFRESH + _PRUNE + """
for i = 3, #ARGV do redis.call('HDEL', KEYS[10], ARGV[1] .. ' ' .. ARGV[i]) end
return 'ok'
"""
# ARGV: me ttl_ms -> 'work' (requests queued), 'wait' (another crawler is busy), 'done' or 'gone'.
# An idle crawler has finished every request it took.
IDLE = _GONE + _TAKEN + _NOW + _REFRESH + _PRUNE + """
release(ARGV[1], false)
redis.call('SADD', KEYS[5], ARGV[1])
if redis.call('ZCARD', KEYS[1]) > 0 then redis.call('SREM', KEYS[5], ARGV[1]); return 'work' end
for _, w in ipairs(redis.call('ZRANGE', KEYS[4], 0, -1)) do
  if redis.call('SISMEMBER', KEYS[5], w) == 0 then return 'wait' end
end
return 'done'
"""
# ARGV: me -> 1 if it was the last crawler (the frontier is deleted); what it took and did not
# finish goes back into the queue for the others
LEAVE = _TAKEN + """
redis.call('ZREM', KEYS[4], ARGV[1]); redis.call('SREM', KEYS[5], ARGV[1]); redis.call('HDEL', KEYS[6], ARGV[1])
release(ARGV[1], true)
if redis.call('ZCARD', KEYS[4]) > 0 then return 0 end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10])
return 1
"""
# ARGV: me fingerprint filter(0/1) score payload -> 'queued', 'seen' or 'gone'
PUSH = _GONE + """
if ARGV[3] == '1' and redis.call('SADD', KEYS[2], ARGV[2]) == 0 then return 'seen' end
local n = redis.call('INCR', KEYS[3])
redis.call('ZADD', KEYS[1], tonumber(ARGV[4]), string.format('%0""" + str(SEQ_DIGITS) + """d', n) .. ARGV[5])
return 'queued'
"""
# ARGV: me -> the next entry (kept as taken by me until finished), nil, or 'gone'; taking one
# clears the crawler's idle flag
POP = _GONE + """
local got = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #got == 0 then return false end
redis.call('ZREM', KEYS[1], got[1])
redis.call('SREM', KEYS[5], ARGV[1])
redis.call('HSET', KEYS[10], ARGV[1] .. ' ' .. string.sub(got[1], 1, """ + str(SEQ_DIGITS) + """), got[2] .. '|' .. got[1])
return got[1]
"""
_KEY_NAMES = ("queue", "seen", "seq", "alive", "idle", "workers", "format", *SHARED_SPIDER_SETS, "taken")


def _plain(obj: Any) -> Any:
    """`obj` with bytes and non-string dict keys turned into tagged JSON values."""
    if isinstance(obj, bytes):
        return {"$b": base64.b64encode(obj).decode("ascii")}
    if isinstance(obj, dict):
        if all(isinstance(key, str) for key in obj):
            return {key: _plain(value) for key, value in obj.items()}
        return {"$d": [[_plain(key), _plain(value)] for key, value in obj.items()]}
    if isinstance(obj, (list, tuple)):
        return [_plain(value) for value in obj]
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    raise TypeError(f"{type(obj).__name__} is not serializable")


def _unplain(obj: dict[str, Any]) -> Any:
    if set(obj) == {"$b"}:
        return base64.b64decode(obj["$b"])
    if set(obj) == {"$d"}:
        return {_hashable(key): value for key, value in obj["$d"]}
    return obj


def _hashable(key: Any) -> Any:
    return tuple(key) if isinstance(key, list) else key


def request_to_json(request: Request, spider: Spider) -> str:
    """The request as JSON (raises TypeError or ValueError if it cannot be written)."""
    return json.dumps(_plain(request.to_dict(spider=spider)), separators=(",", ":"))


def request_from_json(text: str, spider: Spider) -> Request:
    """The request that `request_to_json` wrote."""
    return request_from_dict(json.loads(text, object_hook=_unplain), spider=spider)


def check_redis_url(url: str) -> None:
    """Raise UsageError, saying how to fix it, unless `url` is a Redis URL."""
    try:
        redis.connection.parse_url(url)
    except ValueError as err:
        raise UsageError(f"-s WIREDUP_REDIS={url}: {err}; give one such as redis://127.0.0.1:6379/0") from err


def shown(url: str) -> str:
    """A Redis URL without its password, for the log."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username or ''}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return parts._replace(netloc=netloc).geturl()


class SharedSet:
    """The few set operations the spider uses on its URL marks, on a Redis set."""

    def __init__(self, frontier: RedisScheduler, key: str) -> None:
        self.frontier = frontier
        self.key = key

    def add(self, value: str) -> None:
        self.frontier.call(lambda db: db.sadd(self.key, value), None)

    def discard(self, value: str) -> None:
        self.frontier.call(lambda db: db.srem(self.key, value), None)

    def __contains__(self, value: object) -> bool:
        return bool(self.frontier.call(lambda db: db.sismember(self.key, str(value)), False))

    def isdisjoint(self, values: Iterable[str]) -> bool:
        values = list(values)
        if not values:
            return True
        return not any(self.frontier.call(lambda db: db.smismember(self.key, values), []))

    def __ior__(self, values: Iterable[str]) -> SharedSet:  # noqa: PYI034 - no subclasses
        values = list(values)
        if values:
            self.frontier.call(lambda db: db.sadd(self.key, *values), None)
        return self


class RedisScheduler:
    """Scrapy's scheduler interface on a frontier in Redis that many crawlers share (module docstring)."""

    def __init__(self, crawler: Crawler, url: str, prefix: str, heartbeat: float) -> None:
        self.crawler = crawler
        self.url = url
        self.db = redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=5)
        self.prefix = prefix
        self.keys = [f"{prefix}:{name}" for name in _KEY_NAMES]
        self.heartbeat = heartbeat
        self.ttl_ms = str(int(heartbeat * 1000))
        self.me = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.out_dir = Path(crawler.settings.get("WIREDUP_OUTPUT_DIR", "output")).resolve()
        self.where = f"{socket.gethostname()}:{self.out_dir}"
        self.scripts = {name: self.db.register_script(text) for name, text in (
            ("join", JOIN), ("beat", BEAT), ("idle", IDLE), ("leave", LEAVE), ("push", PUSH), ("pop", POP))}
        self.local: deque[Request] = deque()  # requests that cannot travel as JSON
        self.beat = LoopingCall(self.send_beat)
        self.beat_every = min(heartbeat / 3, WATCH_EVERY)
        self.waiting = False  # idle, and kept open for the other crawlers
        self.handing: Request | None = None  # a request taken while waiting, handed to the engine
        self.finished: list[str] = []  # sequence numbers of taken requests finished since the last beat
        self.spider: Spider | None = None
        self.failed = False
        self.left = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisScheduler:
        settings = crawler.settings
        url = settings.get("WIREDUP_REDIS")
        if not url:
            raise UsageError("the Redis frontier needs -s WIREDUP_REDIS=redis://host:port/db")
        check_redis_url(url)
        heartbeat = settings.getfloat("WIREDUP_REDIS_HEARTBEAT", 30.0)
        scheduler = cls(crawler, url, settings.get("WIREDUP_REDIS_KEY", "wiredup:frontier"), heartbeat)
        crawler.signals.connect(scheduler.on_idle, signal=signals.spider_idle)
        crawler.signals.connect(scheduler.on_finished, signal=request_finished)
        return scheduler

    def call(self, action: Any, default: Any) -> Any:
        """`action(client)`, or `default` once Redis has failed (the first failure stops the crawl)."""
        if self.failed:
            return default
        try:
            return action(self.db)
        except redis.exceptions.RedisError as err:
            self.fail(err)
            return default

    def script(self, name: str, *args: str | float, default: Any = None) -> Any:
        return self.call(lambda db: self.scripts[name](keys=self.keys, args=args, client=db), default)

    def fail(self, err: Exception) -> None:
        """Redis failed: stop the crawl."""
        self.stop(
            f"Redis at {shown(self.url)} failed ({type(err).__name__}: {err}): this crawl stops; the pages"
            f" fetched so far are in {self.out_dir}. Start Redis again and rerun the crawl.", REDIS_UNAVAILABLE,
        )

    def lost(self) -> None:
        """The other crawlers counted this one as gone (it was silent too long): stop the crawl."""
        self.stop(
            f"this crawler was silent for longer than WIREDUP_REDIS_HEARTBEAT ({self.heartbeat:g} s), so the"
            f" other crawlers of the frontier on {shown(self.url)} counted it as gone; it stops (the pages"
            f" fetched so far are in {self.out_dir}). Give crawlers that pause a longer heartbeat.", FRONTIER_LOST,
        )

    def stop(self, message: str, reason: str) -> None:
        """Log one line and close the crawl for `reason`; later calls to Redis are skipped."""
        self.failed = True
        logger.error("%s", message)
        if self.beat.running:
            self.beat.stop()
        self.close_later(reason)

    def close_later(self, reason: str) -> None:
        """Close the crawl for `reason`, once the engine is out of the current call."""
        from twisted.internet import reactor  # the one Scrapy installed

        try:
            engine = self.crawler.engine
        except RuntimeError:  # no crawl runs (yet)
            return
        if engine is not None:
            reactor.callLater(0, lambda: deferred_from_coro(engine.close_spider_async(reason=reason)))

    # --- Scrapy's scheduler interface ---------------------------------------------------------

    def open(self, spider: Spider) -> None:
        self.spider = spider
        status, detail = (
            part.decode() if isinstance(part, bytes) else part
            for part in self.script("join", self.me, self.ttl_ms, self.where, FORMAT, default=[b"failed", b""])
        )
        if status == "foreign":
            self.stop(f"Redis at {shown(self.url)} holds other data under {self.prefix}:*"
                      f" ({detail}); give this crawl its own -s WIREDUP_REDIS_KEY=NAME or another db",
                      REDIS_UNAVAILABLE)
        elif status == "conflict":
            self.stop(f"crawler {detail} of this frontier already writes to {self.where}; give each"
                      " crawler on one machine its own -s WIREDUP_OUTPUT_DIR", REDIS_UNAVAILABLE)
        elif status == "restarted":
            logger.warning("Redis at %s held the frontier of a crawl whose crawlers are all gone;"
                           " it is discarded and this crawl starts again from its start URLs", shown(self.url))
        if status in ("joined", "restarted"):
            logger.info("sharing the frontier %s:* on %s as crawler %s", self.prefix, shown(self.url), self.me)
            for name in SHARED_SPIDER_SETS:
                if isinstance(getattr(spider, name, None), set):
                    setattr(spider, name, SharedSet(self, self.keys[_KEY_NAMES.index(name)]))
            self.beat.start(self.beat_every, now=False)

    def close(self, reason: str) -> None:
        if self.beat.running:
            self.beat.stop()
        self.leave()
        self.db.close()

    def has_pending_requests(self) -> bool:
        return bool(self.local) or bool(self.call(lambda db: db.zcard(self.keys[0]), 0))

    def __len__(self) -> int:
        return len(self.local) + int(self.call(lambda db: db.zcard(self.keys[0]), 0))

    def enqueue_request(self, request: Request) -> bool:
        assert self.spider is not None
        if request is self.handing:  # taken from the frontier by `send_beat`, already counted
            self.handing = None
            self.local.append(request)
            return True
        source = request.meta.pop(TAKEN, None)  # a redirect or retry of a taken request: that one is finished
        if source is not None:
            self.finished.append(source)
        stats = self.crawler.stats
        assert stats is not None
        try:
            payload = request_to_json(request, self.spider)
        except (TypeError, ValueError) as err:
            logger.debug("kept %s in this crawler: %s", request, err)
            stats.inc_value("scheduler/unserializable")
            self.local.append(request)
            return True
        assert self.crawler.request_fingerprinter is not None
        fingerprint = self.crawler.request_fingerprinter.fingerprint(request).hex()
        filtered = "0" if request.dont_filter else "1"
        status = self.script("push", self.me, fingerprint, filtered, -request.priority, payload, default=b"")
        if status == b"gone":
            self.lost()
        if status != b"queued":
            if status == b"seen":
                stats.inc_value("dupefilter/filtered")
            return False
        stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        if self.local:
            return self.local.popleft()
        entry = self.script("pop", self.me)
        if entry == b"gone":
            self.lost()
        if entry is None or entry == b"gone":
            return None
        assert self.spider is not None
        stats = self.crawler.stats
        assert stats is not None
        try:
            request = request_from_json(entry[SEQ_DIGITS:].decode("utf-8"), self.spider)
        except (ValueError, TypeError, KeyError, AttributeError) as err:
            logger.error("skipped an unreadable request in the Redis frontier: %s", err)
            stats.inc_value("scheduler/unreadable")
            return None
        stats.inc_value("scheduler/dequeued/redis")
        request.meta[TAKEN] = entry[:SEQ_DIGITS].decode("ascii")
        self.waiting = False
        return request

    # --- across crawlers ----------------------------------------------------------------------

    def send_beat(self) -> None:
        """Tell the others this crawler lives; a waiting one also takes new work, or closes when all are done.

        Scrapy itself asks an idle crawler again only every 5 seconds.
        """
        if self.waiting:
            status = self.script("idle", self.me, self.ttl_ms, default=b"")
        else:
            finished, self.finished = self.finished, []
            status = self.script("beat", self.me, self.ttl_ms, *finished, default=b"")
        if status == b"gone":
            self.lost()
        elif status == b"done":
            self.leave()
            self.close_later("finished")
        elif status == b"work" and (request := self.next_request()) is not None:
            self.handing = request
            self.crawler.engine.crawl(request)  # wakes the engine, which then takes the rest

    def on_finished(self, request: Request) -> None:
        """The spider has handled the response to a request taken from the frontier: the next beat says so."""
        taken = request.meta.pop(TAKEN, None)
        if taken is not None:
            self.finished.append(taken)

    def on_idle(self) -> None:
        """Scrapy found this crawler idle: close only when the shared queue is empty and all are idle."""
        if self.failed or self.local:
            return
        status = self.script("idle", self.me, self.ttl_ms, default=b"")
        if status == b"gone":
            self.lost()
        if status in (b"done", b"gone", b""):
            self.leave()
            return
        self.waiting = True
        raise DontCloseSpider

    def leave(self) -> None:
        if not self.left and not self.failed:
            self.left = True
            if self.script("leave", self.me, default=0):
                logger.info("last crawler of the frontier on %s: the frontier is deleted", shown(self.url))


class FinishedRequests:
    """Spider middleware: sends `request_finished` once the output for a response has all been handled.

    Until then the request stays taken in Redis, so a crawler killed between download and the
    end of its callback leaves the request to the others.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FinishedRequests:
        return cls(crawler)

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        yield from result
        self.crawler.signals.send_catch_log(request_finished, request=response.request)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for output in result:
            yield output
        self.crawler.signals.send_catch_log(request_finished, request=response.request)


class SharedFrontier:
    """Add-on: with `WIREDUP_REDIS` set, the project's scheduler becomes `RedisScheduler`.

    A `-s SCHEDULER=...` on the command line still wins.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        if settings.get("WIREDUP_REDIS") and settings.getpriority("SCHEDULER") <= SETTINGS_PRIORITIES["project"]:
            settings.set("SCHEDULER", f"{__name__}.RedisScheduler", priority="project")
            settings["SPIDER_MIDDLEWARES"][FinishedRequests] = 0  # outermost: sees the output last
