"""A pages file read and parsed into a corpus, in worker processes when it is large.

The file is cut into byte ranges that end at line ends. The process that parses a range reads
it from disk itself, so raw HTML never passes between processes and is never held all at once;
a worker takes the next untaken range as soon as it has put its last one on a queue (no
scheduler in between), and the reader puts the ranges back in file order. The reader parses
too, whenever no worker's range is waiting for it: with `workers` processes in all, one per
core, no core is shared by two parsers and the reader's own ranges are never pickled. A
parsing process numbers the texts and contexts it meets and sends each new one once (a text
with its normalised form), so the main process interns a string once per parsing process, not
once per occurrence.
"""

from __future__ import annotations

import io
import os
import queue
import tempfile
import traceback
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path

import numpy as np

from .blocks import TextIds, TextNumbering, numbered_page_texts
from .corpus import Corpus, PageMeta, numbered
from .decode import problem_of, text_problem
from .errors import InputError
from .normalize import normalize
from .pages import LineProblem, Page, json_string, page_of_line
from .parallel import fork_is_safe
from .warc import WarcRead, is_warc, write_pages_jsonl

try:
    from ._cjsonl import html_member
except ImportError:  # not compiled (no C compiler when installed): json.loads reads every line whole
    html_member = None

#: Files smaller than this are parsed in this process: forking workers costs milliseconds,
#: spawning them (inside a threaded host) about a second.
FORK_MIN_BYTES, SPAWN_MIN_BYTES = 2 * 2**20, 16 * 2**20
#: Bytes per range a worker takes (a range always ends at a line end; a small file is cut into
#: at least `MIN_RANGES_PER_WORKER` ranges per worker, so the workers finish together).
RANGE_BYTES, MIN_RANGES_PER_WORKER = 2 * 2**20, 8
#: Seconds between checks that the parsing workers are still alive while waiting for a range.
WAIT_SECONDS = 1.0
#: A parsing process forgets what it has sent beyond this many strings (and sends them again).
MAX_SENT = 1_000_000


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
    new_json: list[bytes]
    new_contexts: list[str]


class _Numbering:
    """Strings numbered in order of first sending; beyond `MAX_SENT` it forgets them (the numbers go on)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.count = 0
        self.new: list[str] = []

    def ids_of(self, items: list[str]) -> list[int]:
        """The numbers of `items`; those met for the first time wait for `take_new`."""
        if len(self.ids) + len(items) > MAX_SENT:
            self.ids.clear()
        found, added = numbered(self.ids, items, self.count)
        self.count += len(added)
        self.new += added
        return found

    def take_new(self) -> list[str]:
        """The strings numbered for the first time since the last call, in order."""
        new, self.new = self.new, []
        return new


def _text_numbering() -> TextNumbering:
    """Block texts numbered by their bytes inside the compiled walk, or else by a dict."""
    return TextIds(MAX_SENT) if TextIds is not None else _Numbering()


@dataclass
class _Sent:
    """What one parsing process has sent in one run."""

    texts: TextNumbering = field(default_factory=_text_numbering)
    contexts: _Numbering = field(default_factory=_Numbering)


def _page_and_html(number: int, raw: bytes) -> tuple[Page, str | bytes, str] | LineProblem:
    """The page on one JSONL line, its HTML and why that is no HTML text ('' if it is), or why
    the line cannot be used. When the compiled splitter takes the HTML out of the line as UTF-8
    bytes, only the rest is decoded (and the page's own `html` is left empty)."""
    member = html_member(raw) if html_member is not None else None
    if member is not None:
        start, end, html, blank, first_nul = member
        page = page_of_line(number, raw[:start] + b'""' + raw[end:])
        if not isinstance(page, LineProblem):
            return page, html, problem_of(blank, first_nul)
    page = page_of_line(number, raw)  # also for the exact error message of a bad line
    if isinstance(page, LineProblem):
        return page
    return page, page.html, text_problem(page.html)


def _parse_line(number: int, raw: bytes, numbering: TextNumbering, texts: list[int], contexts: list[str]) -> ParsedPage | LineProblem:
    """Decode one JSONL line and parse its HTML; its blocks' text numbers and contexts go to the lists."""
    found = _page_and_html(number, raw)
    if isinstance(found, LineProblem):
        return found
    page, html, problem = found
    if problem:
        return ParsedPage(number, page.url, page.outlet, page.fetched_at, problem, "", 0)
    blocks = numbered_page_texts(html, numbering)
    texts += blocks.ids
    contexts += blocks.contexts
    return ParsedPage(number, page.url, page.outlet, page.fetched_at, "" if blocks.ids else "no text", blocks.title, len(blocks.ids))


def parse_range(path: str, start: int, end: int, sent: _Sent) -> ParsedRange:
    """Read bytes `start` to `end` of a pages file (whole lines) and parse every non-blank line;
    the block texts are numbered page by page, their contexts for the whole range at once."""
    with open(path, "rb") as fh:
        fh.seek(start)
        data = fh.read(end - start)
    out = ParsedRange(os.getpid(), 0, [], array("q"), array("q"), [], [], [], [])
    texts: list[int] = []
    contexts: list[str] = []
    for number, raw in enumerate(io.BytesIO(data), start=1):
        out.lines = number
        if raw.strip():
            out.items.append(_parse_line(number, raw, sent.texts, texts, contexts))
    out.texts.extend(texts)
    out.new_texts.extend(sent.texts.take_new())
    out.new_keys.extend(map(normalize, out.new_texts))
    out.new_json.extend(map(json_string, out.new_texts))
    out.contexts.extend(sent.contexts.ids_of(contexts))
    out.new_contexts.extend(sent.contexts.take_new())
    return out


def _take(taken: Synchronized, count: int) -> int | None:
    """The index of the next range no process has taken, taking it; None when all are taken."""
    with taken.get_lock():
        index = taken.value
        taken.value += 1
    return index if index < count else None


def _parse_share(path: str, ranges: list[tuple[int, int]], taken: Synchronized, results: Queue) -> None:
    """A parsing worker: parses the next range no process has taken until none is left, and
    puts (range index, parsed range) on `results`; (-1, traceback) if it fails."""
    sent = _Sent()
    try:
        while (index := _take(taken, len(ranges))) is not None:
            results.put((index, parse_range(path, *ranges[index], sent)))
    except BaseException:  # noqa: BLE001 - reported to the reading process, which raises
        results.put((-1, traceback.format_exc()))


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
    size = path.stat().st_size
    if workers <= 1 or size < (FORK_MIN_BYTES if fork else SPAWN_MIN_BYTES):
        sent = _Sent()
        for start, end in byte_ranges(path, RANGE_BYTES):
            yield parse_range(str(path), start, end, sent)
        return
    ranges = list(byte_ranges(path, max(1, min(RANGE_BYTES, size // (workers * MIN_RANGES_PER_WORKER)))))
    context = get_context("fork" if fork else "spawn")
    taken, results = context.Value("q", 0), context.Queue()
    processes = [context.Process(target=_parse_share, args=(str(path), ranges, taken, results), daemon=True) for _ in range(workers - 1)]
    for process in processes:
        process.start()
    sent = _Sent()
    finished = False
    try:
        arrived: dict[int, ParsedRange] = {}
        for index in range(len(ranges)):
            while index not in arrived:  # parse a range here while no worker's result waits
                got = _waiting_result(results)
                if got is None:
                    mine = _take(taken, len(ranges))
                    got = _next_result(results, processes) if mine is None else (mine, parse_range(str(path), *ranges[mine], sent))
                arrived[got[0]] = got[1]
            yield arrived.pop(index)
        finished = True
    finally:
        if not finished:  # once every range has arrived the workers exit on their own (reaped later)
            for process in processes:
                process.terminate()
                process.join()


def _next_result(results: Queue, processes: list[BaseProcess]) -> tuple[int, ParsedRange]:
    """The next (range index, parsed range) any worker put; raises when a worker failed or died."""
    while True:
        try:
            return _checked(results.get(timeout=WAIT_SECONDS))
        except queue.Empty:
            died = [p.exitcode for p in processes if p.exitcode]
            if died or all(p.exitcode == 0 for p in processes):
                raise RuntimeError(f"a parsing worker died (exit code {died[0] if died else 0}) before its work was done") from None


def _waiting_result(results: Queue) -> tuple[int, ParsedRange] | None:
    """A (range index, parsed range) a worker has put, if one is waiting."""
    try:
        return _checked(results.get_nowait())
    except queue.Empty:
        return None


def _checked(result: tuple[int, ParsedRange | str]) -> tuple[int, ParsedRange]:
    """A worker's result; raises with the worker's traceback if it failed."""
    index, parsed = result
    if index < 0 or isinstance(parsed, str):
        raise RuntimeError(f"a parsing worker failed:\n{parsed}")
    return index, parsed


class _Interned:
    """One parsing process's ids translated to the corpus's ids."""

    def __init__(self) -> None:
        self.texts, self.contexts = array("q"), array("q")

    def translate(self, corpus: Corpus, parsed: ParsedRange) -> tuple[np.ndarray, np.ndarray]:
        self.texts.extend(corpus.text_ids(parsed.new_texts, parsed.new_keys, parsed.new_json))
        self.contexts.extend(corpus.context_ids(parsed.new_contexts))
        texts = np.frombuffer(self.texts, dtype=np.int64)[np.frombuffer(parsed.texts, dtype=np.int64)]
        contexts = np.frombuffer(self.contexts, dtype=np.int64)[np.frombuffer(parsed.contexts, dtype=np.int64)]
        return texts, contexts


def load_corpus(path: Path, problems: list[LineProblem], progress: Callable[[int], None] | None = None,
                workers: int | None = None, warc: WarcRead | None = None) -> Corpus:
    """Read and parse every page once (in `workers` processes for a large file; default: one per
    core). Unusable lines, repeated URLs and pages without text go to `problems`.

    A WARC file or a folder of them is read as pages JSONL written to a temporary folder; its
    problems are numbered by WARC record, and what the records held besides pages goes to `warc`."""
    if is_warc(path) or path.is_dir():
        return _load_warc(path, problems, progress, workers, WarcRead() if warc is None else warc)
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


def _load_warc(path: Path, problems: list[LineProblem], progress: Callable[[int], None] | None,
               workers: int | None, warc: WarcRead) -> Corpus:
    """`load_corpus` of the pages of WARC files (see there)."""
    with tempfile.TemporaryDirectory(prefix="wiredup-warc-") as folder:
        pages = Path(folder) / "pages.jsonl"
        records = write_pages_jsonl(path, pages, warc)
        found: list[LineProblem] = []
        corpus = load_corpus(pages, found, progress, workers)
    problems += sorted([*warc.problems, *(LineProblem(records[p.line - 1], p.reason) for p in found)], key=lambda p: p.line)
    return corpus
