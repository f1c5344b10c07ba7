"""A pages file read and parsed into a corpus, in worker processes when it is large.

The file is cut into byte ranges that end at line ends. The process that parses a range reads
it from disk itself, so raw HTML never passes between processes and is never held all at once;
ranges come back in file order, with a bounded number in flight. A parsing process numbers the
texts and contexts it meets and sends each new one once (a text with its normalised form), so
the main process interns a string once per parsing process, not once per occurrence.
"""

from __future__ import annotations

import io
import itertools
import os
from array import array
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

import numpy as np

from .blocks import page_texts
from .corpus import Corpus, PageMeta, looked_up
from .decode import text_problem
from .errors import InputError
from .normalize import normalize
from .pages import LineProblem, page_of_line
from .parallel import fork_is_safe

#: Files smaller than this are parsed in this process: forking workers costs milliseconds,
#: spawning them (inside a threaded host) about a second.
FORK_MIN_BYTES, SPAWN_MIN_BYTES = 2 * 2**20, 16 * 2**20
#: Bytes per range sent to a worker (a range always ends at a line end; a small file is cut
#: into at least `MIN_RANGES_PER_WORKER` ranges per worker, so the workers finish together),
#: and ranges in flight per worker.
RANGE_BYTES, MIN_RANGES_PER_WORKER, RANGES_PER_WORKER = 2 * 2**20, 8, 3
#: A parsing process forgets what it has sent beyond this many strings (and sends them again).
MAX_SENT = 1_000_000
_RUNS = itertools.count()


@dataclass(slots=True)
class ParsedPage:
    """One usable line: the page's metadata and number of blocks, or why its HTML gave no text."""

    line: int
    url: str
    outlet: str
    fetched_at: str
    problem: str
    title: str
    blocks: int


@dataclass(slots=True)
class ParsedRange:
    """The lines of one byte range, parsed. Line numbers count from the range's first line;
    block texts and contexts are ids into the tables of the process that parsed it."""

    parser: int
    lines: int
    items: list[ParsedPage | LineProblem]
    texts: array
    contexts: array
    new_texts: list[str]
    new_keys: list[str]
    new_contexts: list[str]


class _Numbering:
    """Strings numbered in order of first sending; beyond `MAX_SENT` it forgets them (the numbers go on)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.count = 0

    def ids_of(self, items: list[str], new: list[str]) -> list[int]:
        """The numbers of `items`; those met for the first time are appended to `new`."""
        def number_new(i: int) -> int:
            if len(self.ids) >= MAX_SENT:
                self.ids.clear()
            number = self.ids[items[i]] = self.count
            self.count += 1
            new.append(items[i])
            return number

        return looked_up(self.ids, items, number_new)


@dataclass
class _Sent:
    """What one parsing process has sent in one run."""

    run: tuple[int, int]
    texts: _Numbering = field(default_factory=_Numbering)
    contexts: _Numbering = field(default_factory=_Numbering)


def _parse_line(number: int, raw: bytes, sent: _Sent, out: ParsedRange) -> ParsedPage | LineProblem:
    """Decode one JSONL line, parse its HTML and add its blocks' ids to `out`."""
    page = page_of_line(number, raw)
    if isinstance(page, LineProblem):
        return page
    problem = text_problem(page.html)
    if problem:
        return ParsedPage(number, page.url, page.outlet, page.fetched_at, problem, "", 0)
    found = page_texts(page.html)
    before = len(out.new_texts)
    out.texts.extend(sent.texts.ids_of(found.texts, out.new_texts))
    out.new_keys.extend(map(normalize, out.new_texts[before:]))
    out.contexts.extend(sent.contexts.ids_of(found.contexts, out.new_contexts))
    return ParsedPage(number, page.url, page.outlet, page.fetched_at, "" if found.texts else "no text", found.title, len(found.texts))


def parse_range(path: str, start: int, end: int, sent: _Sent) -> ParsedRange:
    """Read bytes `start` to `end` of a pages file (whole lines) and parse every non-blank line."""
    with open(path, "rb") as fh:
        fh.seek(start)
        data = fh.read(end - start)
    out = ParsedRange(os.getpid(), 0, [], array("q"), array("q"), [], [], [])
    for number, raw in enumerate(io.BytesIO(data), start=1):
        out.lines = number
        if raw.strip():
            out.items.append(_parse_line(number, raw, sent, out))
    return out


_worker_sent: _Sent | None = None


def _parse_in_worker(path: str, start: int, end: int, run: tuple[int, int]) -> ParsedRange:
    """`parse_range` in a worker process, which keeps what it has sent for the whole run."""
    global _worker_sent
    if _worker_sent is None or _worker_sent.run != run:
        _worker_sent = _Sent(run)
    return parse_range(path, start, end, _worker_sent)


def byte_ranges(path: Path, size: int) -> Iterator[tuple[int, int]]:
    """(start, end) byte ranges of about `size` bytes covering the file, each ending at a line end."""
    total = path.stat().st_size
    with path.open("rb") as fh:
        start = 0
        while start < total:
            fh.seek(min(start + size, total) - 1)
            fh.readline()
            end = min(fh.tell(), total)
            yield start, end
            start = end


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def parsed_ranges(path: Path, workers: int | None = None) -> Iterator[ParsedRange]:
    """The pages file parsed range by range, in file order.

    Workers are forked while this process has one thread (works from any script) and spawned
    inside a threaded host such as a Scrapy crawl (whose main module is guarded)."""
    if not path.is_file():
        raise InputError(f"pages file not found: {path} (run `scrapy crawl wire` first, or give the path of a pages.jsonl)")
    workers = default_workers() if workers is None else workers
    fork = fork_is_safe()
    run = (os.getpid(), next(_RUNS))
    size = path.stat().st_size
    if workers <= 1 or size < (FORK_MIN_BYTES if fork else SPAWN_MIN_BYTES):
        sent = _Sent(run)
        for start, end in byte_ranges(path, RANGE_BYTES):
            yield parse_range(str(path), start, end, sent)
        return
    ranges = byte_ranges(path, max(1, min(RANGE_BYTES, size // (workers * MIN_RANGES_PER_WORKER))))
    with ProcessPoolExecutor(workers, mp_context=get_context("fork" if fork else "spawn")) as pool:
        pending: deque[Future] = deque(
            pool.submit(_parse_in_worker, str(path), start, end, run) for start, end in itertools.islice(ranges, workers * RANGES_PER_WORKER)
        )
        while pending:
            done = pending.popleft().result()
            for start, end in itertools.islice(ranges, 1):
                pending.append(pool.submit(_parse_in_worker, str(path), start, end, run))
            yield done


class _Interned:
    """One parsing process's ids translated to the corpus's ids."""

    def __init__(self) -> None:
        self.texts, self.contexts = array("q"), array("q")

    def translate(self, corpus: Corpus, parsed: ParsedRange) -> tuple[np.ndarray, np.ndarray]:
        self.texts.extend(corpus.text_ids(parsed.new_texts, parsed.new_keys))
        self.contexts.extend([corpus.context_id(c) for c in parsed.new_contexts])
        texts = np.frombuffer(self.texts, dtype=np.int64)[np.frombuffer(parsed.texts, dtype=np.int64)]
        contexts = np.frombuffer(self.contexts, dtype=np.int64)[np.frombuffer(parsed.contexts, dtype=np.int64)]
        return texts, contexts


def load_corpus(path: Path, problems: list[LineProblem], progress: Callable[[int], None] | None = None,
                workers: int | None = None) -> Corpus:
    """Read and parse every page once (in `workers` processes for a large file; default: one per
    core). Unusable lines, repeated URLs and pages without text go to `problems`."""
    corpus = Corpus()
    seen: set[str] = set()
    interned: dict[int, _Interned] = {}
    first_line = 0
    for parsed in parsed_ranges(path, workers):
        texts, contexts = interned.setdefault(parsed.parser, _Interned()).translate(corpus, parsed)
        metas, counts, kept = [], [], []
        for item in parsed.items:
            line = first_line + item.line
            if isinstance(item, LineProblem):
                problems.append(LineProblem(line, item.reason))
                continue
            counts.append(item.blocks)
            if item.url in seen:
                problems.append(LineProblem(line, f"duplicate url: {item.url}"))
                kept.append(False)
                continue
            seen.add(item.url)
            kept.append(not item.problem)
            if item.problem:
                problems.append(LineProblem(line, f"{item.problem}: {item.url}"))
            else:
                metas.append(PageMeta(item.url, item.outlet, item.fetched_at, item.title))
        keep = np.repeat(np.array(kept, dtype=bool), counts)
        corpus.add_pages(metas, [n for n, k in zip(counts, kept) if k], texts[keep], contexts[keep])
        first_line += parsed.lines
        if progress is not None and metas:
            progress(len(corpus))
    return corpus
