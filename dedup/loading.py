"""A pages file read and parsed into block texts, in worker processes when it is large.

Lines go to the workers in batches and come back in file order, with a bounded number of
batches in flight, so the raw HTML is streamed from disk and never held all at once.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from multiprocessing import get_context
from pathlib import Path

from .blocks import PageTexts, page_texts
from .decode import text_problem
from .pages import LineProblem, numbered_lines, page_of_line
from .parallel import fork_is_safe

#: Files smaller than this are parsed in this process: forking workers costs milliseconds,
#: spawning them (inside a threaded host) about a second.
FORK_MIN_BYTES, SPAWN_MIN_BYTES = 2 * 2**20, 16 * 2**20
#: Lines per batch sent to a worker, and batches in flight per worker.
BATCH_LINES, BATCHES_PER_WORKER = 256, 3


@dataclass(slots=True)
class ParsedPage:
    """One usable line: the page's metadata, its blocks, or why its HTML gave no text."""

    line: int
    url: str
    outlet: str
    fetched_at: str
    problem: str
    page: PageTexts


def parse_line(number: int, raw: bytes) -> ParsedPage | LineProblem:
    """Decode one JSONL line and parse its HTML into blocks."""
    page = page_of_line(number, raw)
    if isinstance(page, LineProblem):
        return page
    problem = text_problem(page.html)
    texts = PageTexts("", [], []) if problem else page_texts(page.html)
    if not problem and not texts.texts:
        problem = "no text"
    return ParsedPage(number, page.url, page.outlet, page.fetched_at, problem, texts)


def _parse_batch(batch: list[tuple[int, bytes]]) -> list[ParsedPage | LineProblem]:
    """Parse a batch; equal strings become one object, so each is pickled once per batch."""
    parsed = [parse_line(number, raw) for number, raw in batch]
    shared: dict[str, str] = {}
    for item in parsed:
        if isinstance(item, ParsedPage):
            item.page.texts = [shared.setdefault(t, t) for t in item.page.texts]
            item.page.contexts = [shared.setdefault(c, c) for c in item.page.contexts]
    return parsed


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def parsed_pages(path: Path, workers: int | None = None) -> Iterator[ParsedPage | LineProblem]:
    """Every non-blank line of a pages file, parsed, in file order.

    Workers are forked while this process has one thread (works from any script) and spawned
    inside a threaded host such as a Scrapy crawl (whose main module is guarded)."""
    lines = numbered_lines(path)
    workers = default_workers() if workers is None else workers
    fork = fork_is_safe()
    if workers <= 1 or path.stat().st_size < (FORK_MIN_BYTES if fork else SPAWN_MIN_BYTES):
        for number, raw in lines:
            yield parse_line(number, raw)
        return
    batches = iter(lambda: list(islice(lines, BATCH_LINES)), [])
    with ProcessPoolExecutor(workers, mp_context=get_context("fork" if fork else "spawn")) as pool:
        pending: deque[Future] = deque(pool.submit(_parse_batch, b) for b in islice(batches, workers * BATCHES_PER_WORKER))
        while pending:
            done = pending.popleft().result()
            for batch in islice(batches, 1):
                pending.append(pool.submit(_parse_batch, batch))
            yield from done
