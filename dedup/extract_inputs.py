"""Inputs of `wiredup extract`: HTML files (plain or .gz), folders of them, pages JSONL and WARC files.

Every page that can be read becomes a `PageInput`; every one that cannot becomes an
`InputProblem` at its place in the input order, so the output keeps one line per page.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .blocks import parse_html
from .extract import PageInput
from .pages import outlet_of
from .warc import WARC_SUFFIXES, WarcRead, is_warc, warc_pages

#: File name endings read as HTML pages inside folders.
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
#: File name endings read as pages JSONL (one {"url", "html"} object a line).
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
#: NUL bytes in the first kilobytes mark a binary file, not a page.
_SNIFF = 4096


@dataclass(frozen=True, slots=True)
class InputProblem:
    """A page (or input) that could not be read, and why."""

    source: str
    error: str


def _read_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if path.name.endswith(".gz") or data[:2] == b"\x1f\x8b":
        return gzip.decompress(data)
    return data


def _site_of(html: bytes, path: Path) -> str:
    """A saved page's site: the host of its canonical or og:url link, else the file itself."""
    root = parse_html(html)
    if root is not None:
        for link in root.iterfind(".//link[@rel='canonical']"):
            if urlsplit(link.get("href") or "").hostname:
                return outlet_of(link.get("href") or "")
        for meta in root.iterfind(".//meta[@property='og:url']"):
            if urlsplit(meta.get("content") or "").hostname:
                return outlet_of(meta.get("content") or "")
    return str(path)


def read_html_file(path: Path) -> PageInput | InputProblem:
    """One saved page; unreadable, binary, badly gzipped or empty files become problems."""
    source = str(path)
    try:
        data = _read_bytes(path)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as err:
        return InputProblem(source, f"cannot read: {err}")
    if not data.strip():
        return InputProblem(source, "empty file")
    if b"\x00" in data[:_SNIFF]:
        return InputProblem(source, "binary file, not HTML")
    return PageInput(source, _site_of(data, path), data)


def read_jsonl(path: Path) -> Iterator[PageInput | InputProblem]:
    """The pages of a JSONL file (crawler format: url, html, optional outlet), line by line."""
    try:
        raw = _read_bytes(path)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as err:
        yield InputProblem(str(path), f"cannot read: {err}")
        return
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            tail = " (truncated last line?)" if number == raw.count(b"\n") + 1 else ""
            yield InputProblem(where, f"not JSON: {err}{tail}")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("html"), str):
            yield InputProblem(where, "no 'html' string")
            continue
        url = obj.get("url") if isinstance(obj.get("url"), str) and obj.get("url") else where
        outlet = obj.get("outlet") if isinstance(obj.get("outlet"), str) and obj.get("outlet") else outlet_of(url) or where
        yield PageInput(url, outlet, obj["html"])


def read_warc(path: Path) -> Iterator[PageInput | InputProblem]:
    """The HTML responses of a WARC file; each response that gives no page is a problem at its
    place (records that carry no page by their type, such as requests, are passed over)."""
    read = WarcRead()
    listed = 0
    for _, row in warc_pages([path], read):
        yield from _problems(path, read, listed)
        listed = len(read.problems)
        yield PageInput(row["url"], row["outlet"], row["html"])
    yield from _problems(path, read, listed)


def _problems(path: Path, read: WarcRead, listed: int) -> Iterator[InputProblem]:
    for problem in read.problems[listed:]:
        yield InputProblem(f"{path} record {problem.line}", problem.reason)


def _read_file(path: Path) -> Iterator[PageInput | InputProblem]:
    if is_warc(path):
        return read_warc(path)
    return read_jsonl(path) if _is_jsonl(path) else iter([read_html_file(path)])


def _is_jsonl(path: Path) -> bool:
    return path.name.endswith(JSONL_SUFFIXES)


def read_inputs(paths: list[Path]) -> Iterator[PageInput | InputProblem]:
    """Every page of the given files and folders, in order (folders sorted by path)."""
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith(HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES))
            if not files:
                yield InputProblem(str(path), "folder holds no .html, .htm, .html.gz, .jsonl, .warc or .warc.gz files")
            for file in files:
                yield from _read_file(file)
        elif not path.exists():
            yield InputProblem(str(path), "no such file or folder")
        else:
            yield from _read_file(path)
