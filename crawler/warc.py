"""WARC out: every stored page also goes to `<WIREDUP_OUTPUT_DIR>/pages.warc.gz` (-s WIREDUP_WARC=1).

The file starts with a warcinfo record; each page the pipelines stored (Scrapy's `item_scraped`)
adds a request record and a response record with the HTTP status line and headers as received,
written by warcio (one gzip member per record, block and payload digests). WARC-Date is the
page's `fetched_at`, so `wiredup run pages.warc.gz` reads the same pages as pages.jsonl.

The body is stored as Scrapy hands it over: de-chunked and decompressed. Headers that described
the bytes on the wire are kept under Common Crawl's `X-Crawler-` names, so readers do not decode
the body twice: `Transfer-Encoding` becomes `X-Crawler-Transfer-Encoding`, and a `Content-Length`
that is not the stored body's becomes `X-Crawler-Content-Length` beside the true one. (Scrapy
removes the `Content-Encoding` it undoes; one it leaves still applies to the body.)

A crawl with a JOBDIR appends to the file (gzip members concatenate), after cutting off a last
record that a killed crawl left half-written; a crawl without one starts it afresh.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import scrapy
from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

logger = logging.getLogger(__name__)

WARC_FILE = "pages.warc.gz"
#: Headers that describe the bytes on the wire, not the stored body: kept under this prefix.
WIRE_PREFIX = "X-Crawler-"
_WIRE_ONLY = ("transfer-encoding",)


def _pairs(headers: Any) -> list[tuple[str, str]]:
    """Scrapy headers as (name, value) pairs of text, one per value, in their order."""
    return [(name.decode("latin-1"), value.decode("latin-1")) for name, values in headers.items() for value in values]


def response_headers(response: Response) -> list[tuple[str, str]]:
    """The response's headers as received, with those that no longer fit its stored body renamed
    (see the module docstring) and `Content-Length` set to the body's length."""
    out = []
    length = str(len(response.body))
    for name, value in _pairs(response.headers):
        lowered = name.lower()
        if lowered in _WIRE_ONLY or (lowered == "content-length" and value.strip() != length):
            out.append((WIRE_PREFIX + name, value))
        elif lowered != "content-length":
            out.append((name, value))
    out.append(("Content-Length", length))
    return out


def request_headers(response: Response) -> list[tuple[str, str]]:
    """The request's headers as Scrapy sent them, with the Host header the HTTP layer adds."""
    pairs = _pairs(response.request.headers) if response.request is not None else []
    if not any(name.lower() == "host" for name, _ in pairs):
        pairs.insert(0, ("Host", urlsplit(response.url).netloc))
    return pairs


def warc_date(fetched_at: str) -> str:
    """A page's `fetched_at` (ISO 8601, UTC) as a WARC-Date (`...Z`)."""
    return fetched_at.replace("+00:00", "Z")


def complete_length(path: Path) -> int:
    """Bytes of `path` up to the end of its last whole record (all of it when every record is whole)."""
    end = 0
    with path.open("rb") as fh:
        records = ArchiveIterator(fh)
        try:
            for record in records:
                record.content_stream().read()
                end = records.get_record_offset() + records.get_record_length()
        except (ArchiveLoadFailed, EOFError, OSError, ValueError):  # a half-written last member
            pass
    return end


class WarcWriter:
    """Write request and response records of every stored page (an extension; off unless WIREDUP_WARC)."""

    def __init__(self, path: Path, stats: StatsCollector, resume: bool = False) -> None:
        self.path = path
        self.stats = stats
        self.resume = resume
        self._file: IO[bytes] | None = None
        self._writer: WARCWriter | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcWriter:
        settings = crawler.settings
        if not settings.getbool("WIREDUP_WARC"):
            raise NotConfigured
        path = Path(settings.get("WIREDUP_OUTPUT_DIR", "output")) / WARC_FILE
        extension = cls(path, crawler.stats, resume=bool(settings.get("JOBDIR")))
        crawler.signals.connect(extension.open, signal=signals.spider_opened)
        crawler.signals.connect(extension.close, signal=signals.spider_closed)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        return extension

    def open(self) -> None:
        """Start the file with a warcinfo record (a resumed job appends after its last whole record)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.resume and self.path.is_file():
            size, keep = self.path.stat().st_size, complete_length(self.path)
            if keep < size:
                logger.warning("%s ended in a partial record (crawl killed?): cut %d bytes", self.path, size - keep)
                with self.path.open("r+b") as fh:
                    fh.truncate(keep)
            self._file = self.path.open("ab")
        else:
            self._file = self.path.open("wb")
        self._writer = WARCWriter(self._file, gzip=True)
        info = {"software": f"wiredup (Scrapy {scrapy.__version__})", "format": "WARC File Format 1.0",
                "description": "pages stored by scrapy crawl wire"}
        self._writer.write_record(self._writer.create_warcinfo_record(self.path.name, info))

    def item_scraped(self, item: Any, response: Response | None) -> None:
        """Write the request and response records of the page a stored item came from."""
        if self._writer is None or response is None:
            return
        adapter = ItemAdapter(item)
        date = warc_date(str(adapter.get("fetched_at") or "")) or None
        url = response.url
        try:
            phrase = HTTPStatus(response.status).phrase
        except ValueError:
            phrase = ""
        http = StatusAndHeaders(f"{response.status} {phrase}".strip(), response_headers(response),
                                protocol=response.protocol or "HTTP/1.1")
        headers = {"WARC-Date": date} if date else {}
        if response.ip_address is not None:
            headers["WARC-IP-Address"] = str(response.ip_address)
        record = self._writer.create_warc_record(url, "response", payload=BytesIO(response.body),
                                                 length=len(response.body), http_headers=http, warc_headers_dict=headers)
        request = response.request
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        method = request.method if request is not None else "GET"
        body = request.body if request is not None else b""
        sent = StatusAndHeaders(f"{method} {target} HTTP/1.1", request_headers(response), is_http_request=True)
        asked = self._writer.create_warc_record(url, "request", payload=BytesIO(body), length=len(body), http_headers=sent)
        self._writer.write_request_response_pair(asked, record)
        self._file.flush()  # type: ignore[union-attr]
        self.stats.inc_value("wiredup/warc_records", 2)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
            self._writer = None
