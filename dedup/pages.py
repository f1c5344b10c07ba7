"""Crawled pages as JSONL: the record, a reader that survives bad lines, atomic writers."""

from __future__ import annotations

import functools
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from json.encoder import encode_basestring
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from .parallel import Background


@dataclass(frozen=True, slots=True)
class Page:
    """One crawled page as the crawler wrote it (see docs/FORMATS.md)."""

    url: str
    outlet: str
    fetched_at: str
    html: str


@dataclass(frozen=True, slots=True)
class LineProblem:
    """A line of a pages file that could not be used, and why."""

    line: int
    reason: str


def outlet_of(url: str) -> str:
    """The outlet of a URL: its origin's host name without a leading `www.`, plus `:port` when the
    port is not the scheme's default (two sites on one host are two outlets).

    Names under `.localhost` keep no port: they are the embedded network's outlets, all served
    on one port that each run picks anew. A URL without a valid port gives its host alone.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None or port == {"http": 80, "https": 443}.get(parts.scheme) or host.endswith(".localhost"):
        return host
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def url_without_port(url: str) -> str:
    """The URL without its port: the same page whatever port a local server listened on.

    Equal to rebuilding the URL from `urlsplit` without the port (a URL `urlsplit` rejects stays
    as it is); only URLs of an unusual shape (a query, a fragment, an upper-case scheme, control
    characters) are split whole.
    """
    found = _NETLOC.search(url)
    if found is None or ":" not in found[1]:  # no port (the common case)
        return url
    start, host_and_port = found.start(), found[1]
    try:
        if _PLAIN_SCHEME.match(url, 0, start) and not _SPLIT_WHOLE.search(url):
            hostname, port = _host_and_port(host_and_port)
            if hostname:
                return url[: start + 2] + hostname + url[start + 2 + len(host_and_port) :] if port else url
        parts = urlsplit(url)
        return parts._replace(netloc=parts.hostname or "").geturl() if parts.port else url
    except ValueError:  # no valid port or host: the URL stays as it is
        return url


#: The network location: after the first "//", up to the path, query or fragment.
_NETLOC = re.compile(r"//([^/?#]*)")
_PLAIN_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:\Z")
#: Characters that `urlsplit` treats specially in a URL with a port, so the URL is split whole.
_SPLIT_WHOLE = re.compile("[?#\t\r\n]")


@functools.lru_cache(maxsize=4096)
def _host_and_port(netloc: str) -> tuple[str, int | None]:
    """The host name and port of a network location, as `urlsplit` reads them (outlets repeat)."""
    parts = urlsplit("//" + netloc)
    return parts.hostname or "", parts.port


def _page_from(obj: object) -> Page:
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    url, html = obj.get("url"), obj.get("html")
    if not isinstance(url, str) or not url:
        raise ValueError("no 'url' string")
    if not isinstance(html, str):
        raise ValueError("no 'html' string")
    outlet = obj.get("outlet")
    return Page(
        url=url,
        outlet=outlet if isinstance(outlet, str) and outlet else outlet_of(url),
        fetched_at=str(obj.get("fetched_at") or ""),
        html=html,
    )


def page_of_line(number: int, raw: bytes) -> Page | LineProblem:
    """The page on one raw JSONL line, or why the line cannot be used."""
    try:
        return _page_from(json.loads(raw))
    except UnicodeDecodeError:
        return LineProblem(number, "not UTF-8")
    except json.JSONDecodeError as err:
        tail = "" if raw.endswith(b"\n") else " (truncated last line?)"
        return LineProblem(number, f"not JSON: {err.msg} (column {err.colno}){tail}")
    except ValueError as err:
        return LineProblem(number, str(err))


def json_objects(path: Path) -> Iterator[dict]:
    """Every line of a JSONL file that is a JSON object; other lines are passed over."""
    with path.open("rb") as fh:
        for raw in fh:
            try:
                obj = json.loads(raw)
            except ValueError:
                continue
            if isinstance(obj, dict):
                yield obj


@contextmanager
def atomic_writer(path: Path, binary: bool = False) -> Iterator[IO]:
    """Write a text file under a temporary name and rename it into place when done.

    Readers never see a half-written file, and a failed run leaves the old one. There is no
    fsync: outputs can be made again, and waiting for the disk would cost more than the
    writing. For the same reason an old file is renamed aside before the new one takes its
    place, and removed after: ext4 writes a whole file to disk before a rename that replaces
    another one (0.4 s for a 440 MB cleaned.jsonl on an idle disk), not before one that does
    not. A reader may find no file for that moment.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.fchmod(fd, 0o644)  # mkstemp makes the file private; outputs are meant to be shared
    try:
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
        _move_into_place(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _move_into_place(tmp: str, path: Path) -> None:
    """Rename `tmp` to `path`, moving a file already at `path` aside first (see `atomic_writer`)."""
    aside = f"{tmp}.old"
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        os.replace(tmp, path)
        return
    try:
        os.replace(tmp, path)
    except BaseException:
        os.replace(aside, path)
        raise
    os.unlink(aside)


#: Rows are plain data built here, never self-referencing: no circularity check needed.
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def json_string(text: str) -> bytes:
    """`text` as a JSON string in UTF-8, as `json_lines` writes it (lone surrogates escaped)."""
    return encode_basestring(text).encode("utf-8", "backslashreplace")


def json_lines(rows: Iterable[dict]) -> Iterator[bytes]:
    """Each row as one line of JSON in UTF-8 (without the line end)."""
    for row in rows:
        yield _ENCODER.encode(row).encode("utf-8", "backslashreplace")


def write_rows(fh: IO[str], rows: Iterable[dict]) -> int:
    """Write rows as JSON lines to an open text file; returns the number of rows."""
    count = 0
    for row in rows:
        fh.write(_ENCODER.encode(row) + "\n")
        count += 1
    return count


def write_jsonl(path: Path, rows: Iterable[dict]) -> int:
    """Write rows as JSONL atomically; returns the number of rows."""
    with atomic_writer(path) as fh:
        return write_rows(fh, rows)


def write_lines_file(path: Path, lines: Callable[[], Iterable[bytes]], fork: bool) -> Callable[[], None]:
    """Start writing the lines of `lines()` (UTF-8 JSON without line ends) as one file, atomically;
    returns the call that waits until the file is in place. When forking is safe (and `fork`) a
    forked child writes while this process goes on: encoding the lines is the cost."""
    def write() -> None:
        with atomic_writer(path, binary=True) as fh:
            _write_lines(fh, lines())

    return Background(write, fork=fork).result


def _write_lines(fh: IO[bytes], lines: Iterable[bytes]) -> None:
    for line in lines:
        fh.write(line)
        fh.write(b"\n")
