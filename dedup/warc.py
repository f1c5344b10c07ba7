"""WARC in: the HTML responses of .warc / .warc.gz files as pages, every other record counted.

Each HTML response becomes a row with the fields of a crawl's pages.jsonl (docs/FORMATS.md):
`url` from WARC-Target-URI, `outlet` by `outlet_of`, `fetched_at` from WARC-Date, `status` from
the HTTP status line, `html` decoded by `dedup.decode` from the HTTP Content-Type charset (as the
crawler decodes), `encoding` the codec it was read with.

Every other record is counted by reason (`WarcRead.counts`). Records that carry no fetched page
by their type (warcinfo, request, metadata, ...) are only counted. Responses that give no page
are skipped and listed (`WarcRead.problems`, `WarcRead.events`): revisits (their payload is an
earlier record's), non-HTML or non-2xx responses, records cut short (a cut gzip member or a
body shorter than its Content-Length), empty, binary and undecodable bodies. A page kept after
a repair is listed too: a wrong charset, or a record the crawler marked `WARC-Truncated`. A file
that stops being readable ends with one `unreadable` problem; the files after it are still read.

FastWARC reads the files: on a crawl's 20,000-page pages.warc.gz it read every record 4.6 times
as fast as warcio (`python -m dedup.bench_warc`; figures in docs/FORMATS.md).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from fastwarc.stream_io import BrotliReader, ChunkedReader, GzipReader
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from .decode import Decoded, decode_page
from .errors import InputError
from .pages import LineProblem, json_lines, outlet_of

#: File name endings read as WARC files (a folder is searched for them).
WARC_SUFFIXES = (".warc", ".warc.gz")
#: HTTP media types read as HTML pages.
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Record types that carry a fetched page: other types are counted, never listed.
PAGE_TYPES = WarcRecordType.response | WarcRecordType.revisit
#: HTTP transfer and content codings undone before a body is decoded.
CODINGS = ("chunked", "gzip", "x-gzip", "deflate", "br")
_MEDIA_TYPE = re.compile(r"\s*([^;\s]*)")


def is_warc(path: Path) -> bool:
    """True for a file whose name ends like a WARC file."""
    return path.name.endswith(WARC_SUFFIXES)


def warc_files(path: Path) -> list[Path]:
    """The WARC files `path` names: itself, or those in the folder and its subfolders, by path."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and is_warc(p))
    return [path]


@dataclass
class WarcRead:
    """What reading WARC files met besides pages: records counted by `<event>/<reason>` (and
    `pages`), skipped responses as problems (`line` is the record's number over all files read),
    and every skip and repair of a response as a crawl.jsonl-style event."""

    records: int = 0
    files: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    problems: list[LineProblem] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)

    def skip(self, number: int, place: str, reason: str, url: str, detail: str, listed: bool = True) -> None:
        """Count a record that gives no page; list it when it is a response (`listed`)."""
        self.counts[f"skipped/{reason}"] += 1
        if listed:
            self.problems.append(LineProblem(number, f"{reason}: {url or '-'} ({place}: {detail})"))
            self.events.append({"event": "skipped", "reason": reason, "url": url, "detail": detail, "record": place})

    def repair(self, place: str, reason: str, url: str, detail: str) -> None:
        """Count and list a page kept after a repair."""
        self.counts[f"repaired/{reason}"] += 1
        self.events.append({"event": "repaired", "reason": reason, "url": url, "detail": detail, "record": place})

    def section(self) -> dict:
        """The report's `warc` section: files, records, counts by reason, and every listed event."""
        return {"files": self.files, "records": self.records, "counts": dict(sorted(self.counts.items())), "events": self.events}


def target_uri(record: WarcRecord) -> str:
    """A record's WARC-Target-URI ('' if none), without the angle brackets some writers put around it."""
    uri = (record.headers.get("WARC-Target-URI") or "").strip()
    return uri[1:-1] if uri.startswith("<") and uri.endswith(">") else uri


def fetch_time(value: str | None) -> str:
    """A WARC-Date as pages.jsonl writes `fetched_at` (ISO 8601 in UTC, `+00:00`); as given if unreadable."""
    try:
        moment = datetime.fromisoformat((value or "").strip())
    except ValueError:
        return (value or "").strip()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat()


def _codings(record: WarcRecord, header: str) -> list[str]:
    """The codings a header names, last applied first (the order to undo them)."""
    named = [c.strip().lower() for value in record.http_headers.get_multiple(header) for c in value.split(",")]
    return [c for c in reversed(named) if c not in ("", "identity")]


def _decoded(data: bytes, coding: str) -> bytes:
    """`data` without one transfer or content coding; raises OSError if it is not so coded."""
    if coding == "chunked":
        return ChunkedReader(io.BytesIO(data)).read()
    if coding == "br":
        return BrotliReader(io.BytesIO(data)).read()
    return GzipReader(io.BytesIO(data), zlib=coding == "deflate").read()


def _payload(raw: bytes, record: WarcRecord, number: int, place: str, url: str, read: WarcRead) -> bytes | None:
    """The body with the transfer and content codings its HTTP headers name undone. A coding the
    body does not have (a writer that stored it decoded but kept the header) is a repair; an
    unknown coding a skip."""
    body = raw
    for coding in [*_codings(record, "Transfer-Encoding"), *_codings(record, "Content-Encoding")]:
        if coding not in CODINGS:
            read.skip(number, place, "unknown_coding", url, f"cannot undo coding {coding!r}")
            return None
        try:
            body = _decoded(body, coding)
        except OSError as err:
            read.repair(place, "coding", url, f"headers name coding {coding!r}, the body has none ({err}); read as stored")
    return body


def _page(record: WarcRecord, number: int, place: str, read: WarcRead) -> dict | None:
    """The pages.jsonl row of one response record, or None (counted in `read`) if it gives none."""
    url = target_uri(record)
    if record.record_type == WarcRecordType.revisit:
        profile = record.headers.get("WARC-Profile") or "no WARC-Profile"
        read.skip(number, place, "revisit", url, f"payload not stored here ({profile.rsplit('/', 1)[-1]})")
        return None
    if not record.is_http or record.http_headers.status_code is None:
        read.skip(number, place, "not_http", url, f"Content-Type {record.headers.get('Content-Type')!r}")
        return None
    status = record.http_headers.status_code
    content_type = record.http_headers.get("Content-Type")
    media = _MEDIA_TYPE.match(content_type or "")[1].lower()  # type: ignore[index]
    if not 200 <= status < 300:
        read.skip(number, place, f"http_{status}", url, record.http_headers.status_line or str(status))
        return None
    if content_type is not None and media not in HTML_TYPES:
        read.skip(number, place, "not_html", url, f"Content-Type {content_type!r}")
        return None
    expected = record.content_length
    raw = record.reader.read()
    if len(raw) < expected:
        read.skip(number, place, "truncated", url, f"record ends after {len(raw):,} of {expected:,} bytes")
        return None
    body = _payload(raw, record, number, place, url, read)
    if body is None:
        return None
    decoded = decode_page(body, content_type)
    if not isinstance(decoded, Decoded):
        read.skip(number, place, decoded.reason, url, decoded.detail)
        return None
    if decoded.repair:
        read.repair(place, "encoding", url, decoded.repair)
    if record.headers.get("WARC-Truncated"):
        read.repair(place, "truncated", url, f"WARC-Truncated: {record.headers.get('WARC-Truncated')}; kept as far as it goes")
    read.counts["pages"] += 1
    return {"url": url, "outlet": outlet_of(url), "fetched_at": fetch_time(record.headers.get("WARC-Date")),
            "status": status, "encoding": decoded.encoding, "html": decoded.text}


def _records(path: Path, read: WarcRead) -> Iterator[tuple[int, str, WarcRecord]]:
    """(record number, place, record) of one file; a file that stops being readable ends with a problem."""
    try:
        fh = path.open("rb")
    except OSError as err:
        read.skip(read.records + 1, str(path), "unreadable", "", err.strerror or str(err))
        return
    with fh:
        records = iter(ArchiveIterator(fh, parse_http=True))
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except (OSError, ValueError, RuntimeError) as err:  # a damaged member: nothing after it can be found
                read.records += 1
                read.skip(read.records, f"{path.name} after byte {fh.tell():,}", "unreadable", "", f"{err}; the rest of the file is not read")
                return
            read.records += 1
            yield read.records, f"{path.name} record at byte {record.stream_pos:,}", record


def warc_pages(paths: list[Path], read: WarcRead) -> Iterator[tuple[int, dict]]:
    """(record number, pages.jsonl row) of every HTML response in the WARC files, in file order;
    everything else is counted (and listed) in `read`."""
    for path in paths:
        read.files.append(str(path))
        for number, place, record in _records(path, read):
            name = str(record.record_type)
            if not record.record_type & PAGE_TYPES:
                read.skip(number, place, name, target_uri(record), f"{name} record", listed=False)
                continue
            try:
                page = _page(record, number, place, read)
            except (OSError, ValueError, RuntimeError) as err:  # a body that cannot be decoded as its headers say
                read.skip(number, place, "unreadable", target_uri(record), str(err))
                continue
            if page is not None:
                yield number, page


def write_pages_jsonl(path: Path, out: Path, read: WarcRead) -> list[int]:
    """Write the pages of a WARC file or folder as pages JSONL; returns each line's record number."""
    if not path.exists():
        raise InputError(f"input not found: {path} (give a pages.jsonl, a WARC file or a folder of them)")
    files = warc_files(path)
    if not files:
        raise InputError(f"no .warc or .warc.gz files in {path} (give a pages.jsonl, a WARC file or a folder of them)")
    numbers = []
    with out.open("wb") as fh:
        for number, row in warc_pages(files, read):
            fh.write(next(json_lines([row])) + b"\n")
            numbers.append(number)
    return numbers
