"""WARC out (crawler/warc.py) and WARC in (dedup/warc.py): a real crawl written as WARC reads back
as the same pages; hand-built WARCs with every kind of bad record are read without a crash."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS_NETWORK, CrawlRun, crawl, read_lines, story_signature
from hypothesis import given, settings
from hypothesis import strategies as st
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

from crawler.items import PageItem
from crawler.spiders.wire import WireSpider
from crawler.warc import WARC_FILE, WarcWriter, response_headers
from dedup.cli import main
from dedup.errors import InputError
from dedup.extract_cli import extract_main
from dedup.loading import load_corpus
from dedup.warc import WarcRead, fetch_time, warc_pages


@pytest.fixture(scope="module")
def warc_crawl(tmp_path_factory: pytest.TempPathFactory) -> CrawlRun:
    """The embedded network crawled over HTTP with -s WIREDUP_WARC=1 (and dedup on pages.jsonl)."""
    if not (SEEDS_NETWORK / "network.json").is_file():
        pytest.skip("seeds/network not generated yet (wiredup generate --out seeds/network)")
    out_dir = tmp_path_factory.mktemp("warc-crawl")
    result = crawl(out_dir, "-s", f"WIREDUP_NETWORK_DIR={SEEDS_NETWORK}", "-s", "WIREDUP_WARC=1", "-s", "TELNETCONSOLE_ENABLED=0")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return CrawlRun(result, out_dir)


def canonical_texts(out_dir: Path) -> dict[str, str]:
    return {story["id"]: story["text"] for story in read_lines(out_dir / "stories.jsonl")}


# --- WARC out ---------------------------------------------------------------------------------

def test_the_crawls_warc_opens_with_warcio_and_passes_its_check(warc_crawl: CrawlRun) -> None:
    path = warc_crawl.out_dir / WARC_FILE
    pages = {line["url"]: line for line in read_lines(warc_crawl.out_dir / "pages.jsonl")}
    kinds: list[str] = []
    responses: dict[str, Any] = {}
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh):
            kinds.append(record.rec_type)
            url = record.rec_headers.get_header("WARC-Target-URI")
            if record.rec_type == "response":
                body = record.content_stream().read()
                assert record.http_headers.get_statuscode() == "200"
                assert record.http_headers.get_header("Content-Length") == str(len(body))
                assert record.rec_headers.get_header("WARC-Date") == pages[url]["fetched_at"].replace("+00:00", "Z")
                responses[url] = record.rec_headers.get_header("WARC-Record-ID")
            elif record.rec_type == "request":
                assert record.http_headers.protocol == "GET"
                assert record.http_headers.get_header("Host") and record.http_headers.get_header("User-Agent")
                assert record.rec_headers.get_header("WARC-Concurrent-To") == responses[url]
    assert kinds[0] == "warcinfo" and kinds.count("warcinfo") == 1
    assert set(responses) == set(pages) and kinds.count("request") == len(pages) == len(kinds) // 2
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", str(path)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout[-2000:]
    assert check.stdout.count("digest pass") == len(kinds) and "fail" not in check.stdout


def test_headers_that_no_longer_fit_the_stored_body_are_renamed() -> None:
    response = HtmlResponse("http://a.localhost/x.html", body=b"<p>decoded</p>", headers={
        "Content-Type": "text/html; charset=utf-8", "Transfer-Encoding": "chunked", "Content-Length": "42"})
    headers = response_headers(response)
    assert ("Content-Type", "text/html; charset=utf-8") in headers
    assert ("X-Crawler-Transfer-Encoding", "chunked") in headers and ("X-Crawler-Content-Length", "42") in headers
    assert [value for name, value in headers if name.lower() in ("content-length", "transfer-encoding")] == ["14"]


def _writer(out_dir: Path, **settings: Any) -> WarcWriter:
    crawler = get_crawler(WireSpider, settings_dict={"WIREDUP_WARC": True, "WIREDUP_OUTPUT_DIR": str(out_dir), **settings})
    return WarcWriter.from_crawler(crawler)


def _stored(writer: WarcWriter, url: str, body: bytes, **headers: str) -> None:
    response = HtmlResponse(url, body=body, headers={"Content-Type": "text/html; charset=utf-8", **headers},
                            request=Request(url), status=200)
    item = PageItem(url=url, outlet="a.localhost", fetched_at="2026-11-25T14:00:00+00:00", status=200, encoding="utf-8",
                    html=body.decode())
    writer.item_scraped(item, response)


def _records(path: Path) -> list[tuple[str, str, bytes]]:
    with path.open("rb") as fh:
        return [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI") or "", r.content_stream().read()) for r in ArchiveIterator(fh)]


def test_a_dechunked_body_reads_back_as_stored_and_the_writer_is_off_by_default(tmp_path: Path) -> None:
    with pytest.raises(NotConfigured):
        _writer(tmp_path, WIREDUP_WARC=False)
    writer = _writer(tmp_path)
    writer.open()
    _stored(writer, "http://a.localhost/x.html", b"<p>K\xc3\xb6ln</p>", **{"Transfer-Encoding": "chunked"})
    writer.close()
    records = _records(tmp_path / WARC_FILE)
    assert [(kind, body) for kind, _, body in records] == [("warcinfo", records[0][2]), ("response", b"<p>K\xc3\xb6ln</p>"), ("request", b"")]
    pages = list(warc_pages([tmp_path / WARC_FILE], WarcRead()))
    assert [row["html"] for _, row in pages] == ["<p>Köln</p>"]


def test_a_resumed_crawl_cuts_a_half_written_record_and_appends(tmp_path: Path) -> None:
    writer = _writer(tmp_path)
    writer.open()
    _stored(writer, "http://a.localhost/1.html", b"<p>one</p>")
    writer.close()
    path = tmp_path / WARC_FILE
    whole = path.read_bytes()
    path.write_bytes(whole + whole[-200:-20])  # a killed crawl's half-written member
    writer = _writer(tmp_path, JOBDIR=str(tmp_path / "job"))
    writer.open()
    _stored(writer, "http://a.localhost/2.html", b"<p>two</p>")
    writer.close()
    assert path.read_bytes().startswith(whole)
    assert [(kind, url) for kind, url, _ in _records(path)] == [
        ("warcinfo", ""), ("response", "http://a.localhost/1.html"), ("request", "http://a.localhost/1.html"),
        ("warcinfo", ""), ("response", "http://a.localhost/2.html"), ("request", "http://a.localhost/2.html")]
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(path)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout


def _article_page(title: str) -> bytes:
    paragraphs = "".join(f"<p>{title}: Absatz {n} mit genug Text für einen Artikel.</p>" for n in range(6))
    return (f'<!doctype html><html><head><meta property="og:type" content="article"><title>{title}</title></head>'
            f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>").encode()


#: Pages served gzipped, one of them chunked too: what Scrapy stores is neither.
COMPRESSED = {"/gz.html": _article_page("Gezippt"), "/chunked.html": _article_page("Gestückelt")}


class _Compressing(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if self.path not in COMPRESSED:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = gzip.compress(COMPRESSED[self.path])
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        if self.path == "/chunked.html":
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(chunked(body))
        else:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def test_gzipped_and_chunked_responses_are_stored_so_warc_tools_read_the_page(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Compressing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        result = crawl(tmp_path, "-a", f"start_urls={origin}/gz.html,{origin}/chunked.html", "-s", "WIREDUP_WARC=1",
                       "-s", "WIREDUP_DEDUP=0", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "TELNETCONSOLE_ENABLED=0")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert result.returncode == 0, result.stderr[-3000:]
    path = tmp_path / WARC_FILE
    with path.open("rb") as fh:
        responses = {r.rec_headers.get_header("WARC-Target-URI"): (r.http_headers, r.content_stream().read())
                     for r in ArchiveIterator(fh) if r.rec_type == "response"}
    assert {url.removeprefix(origin): body for url, (_, body) in responses.items()} == COMPRESSED
    headers, body = responses[origin + "/chunked.html"]  # Twisted takes Transfer-Encoding away with the chunks
    assert headers.get_header("Transfer-Encoding") is None and headers.get_header("Content-Length") == str(len(body))
    headers, body = responses[origin + "/gz.html"]
    assert headers.get_header("Content-Encoding") is None and headers.get_header("Content-Length") == str(len(body))
    assert headers.get_header("X-Crawler-Content-Length") == str(len(gzip.compress(COMPRESSED["/gz.html"])))
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(path)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout
    rows = [row for _, row in warc_pages([path], WarcRead())]
    assert rows == read_lines(tmp_path / "pages.jsonl") and len(rows) == 2


# --- WARC in: the crawl read back -------------------------------------------------------------

def test_run_on_the_warc_gives_the_stories_and_texts_of_the_pages_file(warc_crawl: CrawlRun, tmp_path: Path) -> None:
    assert main(["run", str(warc_crawl.out_dir / WARC_FILE), "-o", str(tmp_path / "warc"), "--quiet"]) == 0
    assert main(["run", str(warc_crawl.out_dir / "pages.jsonl"), "-o", str(tmp_path / "jsonl"), "--quiet"]) == 0
    assert story_signature(tmp_path / "warc") == story_signature(tmp_path / "jsonl") == story_signature(warc_crawl.out_dir)
    assert canonical_texts(tmp_path / "warc") == canonical_texts(tmp_path / "jsonl")
    assert (tmp_path / "warc" / "cleaned.jsonl").read_bytes() == (tmp_path / "jsonl" / "cleaned.jsonl").read_bytes()
    report = json.loads((tmp_path / "warc" / "report.json").read_text(encoding="utf-8"))
    pages = len(read_lines(warc_crawl.out_dir / "pages.jsonl"))
    assert report["skipped"] == [] and report["totals"]["pages"] == pages
    assert report["warc"]["counts"] == {"pages": pages, "skipped/request": pages, "skipped/warcinfo": 1}
    assert "warc" not in json.loads((tmp_path / "jsonl" / "report.json").read_text(encoding="utf-8"))


def test_the_warc_gives_the_pages_file_field_by_field(warc_crawl: CrawlRun) -> None:
    read = WarcRead()
    rows = [row for _, row in warc_pages([warc_crawl.out_dir / WARC_FILE], read)]
    assert rows == read_lines(warc_crawl.out_dir / "pages.jsonl")
    assert read.counts == {"pages": len(rows), "skipped/request": len(rows), "skipped/warcinfo": 1}
    assert read.problems == [] and read.events == []


def test_mislabelled_pages_of_a_hostile_crawl_are_repaired_as_the_crawler_repaired_them(tmp_path: Path) -> None:
    """The hostile outlet's broken pages and the network's wrong charsets, crawled over HTTP: the
    WARC's raw bodies decode to the pages the crawler stored, with the same encoding repairs."""
    if not (SEEDS_NETWORK / "network.json").is_file():
        pytest.skip("seeds/network not generated yet (wiredup generate --out seeds/network)")
    result = crawl(tmp_path, "-s", f"WIREDUP_NETWORK_DIR={SEEDS_NETWORK}", "-s", "WIREDUP_HOSTILE=1", "-s", "WIREDUP_WARC=1",
                   "-s", "WIREDUP_DEDUP=0", "-s", "TELNETCONSOLE_ENABLED=0")
    assert result.returncode == 0, result.stderr[-3000:]
    read = WarcRead()
    assert [row for _, row in warc_pages([tmp_path / WARC_FILE], read)] == read_lines(tmp_path / "pages.jsonl")
    crawl_repairs = {e["url"] for e in read_lines(tmp_path / "crawl.jsonl") if (e["event"], e["reason"]) == ("repaired", "encoding")}
    assert crawl_repairs and {e["url"] for e in read.events if e["reason"] == "encoding"} == crawl_repairs


def test_a_folder_of_warcs_plain_and_gzipped_reads_as_one_crawl(warc_crawl: CrawlRun, tmp_path: Path) -> None:
    """The crawl's WARC cut at a record boundary into a .warc.gz and a plain .warc in a subfolder."""
    path = warc_crawl.out_dir / WARC_FILE
    with path.open("rb") as fh:
        records = ArchiveIterator(fh)
        ends = []
        for record in records:
            record.content_stream().read()
            ends.append(records.get_record_offset() + records.get_record_length())
    data = path.read_bytes()
    middle = ends[len(ends) // 2]
    folder = tmp_path / "warcs"
    (folder / "later").mkdir(parents=True)
    (folder / "a.warc.gz").write_bytes(data[:middle])
    (folder / "later" / "b.warc").write_bytes(gzip.decompress(data[middle:]))
    assert main(["run", str(folder), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    assert story_signature(tmp_path / "out") == story_signature(warc_crawl.out_dir)
    assert main(["run", str(warc_crawl.out_dir), "-o", str(tmp_path / "crawl-folder"), "--quiet"]) == 0  # pages.jsonl first
    assert story_signature(tmp_path / "crawl-folder") == story_signature(warc_crawl.out_dir)


def test_extract_reads_the_warc_as_it_reads_the_pages_file(warc_crawl: CrawlRun, tmp_path: Path) -> None:
    assert extract_main([str(warc_crawl.out_dir / WARC_FILE), "-o", str(tmp_path / "warc.jsonl"), "--quiet", "--engine", "lxml"]) == 0
    assert extract_main([str(warc_crawl.out_dir / "pages.jsonl"), "-o", str(tmp_path / "jsonl.jsonl"), "--quiet", "--engine", "lxml"]) == 0
    rows = read_lines(tmp_path / "warc.jsonl")
    assert rows == read_lines(tmp_path / "jsonl.jsonl")
    assert len(rows) == len(read_lines(warc_crawl.out_dir / "pages.jsonl")) and all(row["text"] for row in rows)


# --- WARC in: hand-built files with every kind of bad record ----------------------------------

PARAGRAPHS = [
    "Der Stadtrat hat am Dienstag nach langer Debatte den Haushalt für das kommende Jahr beschlossen.",
    "Die Opposition kritisierte vor allem die Kürzungen bei den Bibliotheken und Schwimmbädern der Stadt.",
    "Der Kämmerer verteidigte den Plan und verwies auf die gestiegenen Zinsen für die Kredite der Stadt.",
]


def article(title: str, extra: str = "") -> str:
    body = "".join(f"<p>{p} {extra}</p>" for p in PARAGRAPHS)
    return f"<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"


def warc_record(kind: str, url: str, block: bytes, *extra: str, content_type: str = "application/http; msgtype=response") -> bytes:
    head = ["WARC/1.0", f"WARC-Type: {kind}", f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>", "WARC-Date: 2026-11-25T14:00:00Z",
            *([f"WARC-Target-URI: {url}"] if url else []), f"Content-Type: {content_type}", f"Content-Length: {len(block)}", *extra]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http(status: str, body: bytes, *headers: str) -> bytes:
    return ("HTTP/1.1 " + status + "\r\n" + "".join(h + "\r\n" for h in headers) + "\r\n").encode("latin-1") + body


def chunked(data: bytes) -> bytes:
    return b"".join(b"%x\r\n%s\r\n" % (len(data[i:i + 100]), data[i:i + 100]) for i in range(0, len(data), 100)) + b"0\r\n\r\n"


GOOD = article("Haushalt beschlossen").encode()
#: (record, what reading it gives): a page's URL, or the reason it is skipped; counted-only records give None.
RECORDS: list[tuple[bytes, str | None]] = [
    (warc_record("warcinfo", "", b"software: tests\r\n", content_type="application/warc-fields"), None),
    (warc_record("request", "http://a.example/1.html", b"GET /1.html HTTP/1.1\r\nHost: a.example\r\n\r\n",
                 content_type="application/http; msgtype=request"), None),
    (warc_record("response", "http://a.example/1.html", http("200 OK", GOOD, "Content-Type: text/html; charset=utf-8")), "http://a.example/1.html"),
    (warc_record("revisit", "http://b.example/1.html", http("200 OK", b"", "Content-Type: text/html"),
                 "WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest",
                 "WARC-Refers-To-Target-URI: http://a.example/1.html"), "revisit"),
    (warc_record("response", "http://a.example/data.json", http("200 OK", b'{"a": 1}', "Content-Type: application/json")), "not_html"),
    (warc_record("response", "http://a.example/gone.html", http("404 Not Found", GOOD, "Content-Type: text/html")), "http_404"),
    (warc_record("response", "http://c.example/latin.html",  # declared Latin-1, is UTF-8: repaired
                 http("200 OK", article("Köln im Regen").encode(), "Content-Type: text/html; charset=iso-8859-1")), "http://c.example/latin.html"),
    (warc_record("response", "http://c.example/zipped.html",  # chunked and gzipped on the wire, as wget stores it
                 http("200 OK", chunked(gzip.compress(article("Zweite Lesung").encode())), "Content-Type: text/html",
                      "Content-Encoding: gzip", "Transfer-Encoding: chunked")), "http://c.example/zipped.html"),
    (warc_record("response", "http://c.example/said-gzip.html",  # stored decoded, header kept: repaired
                 http("200 OK", article("Dritte Lesung").encode(), "Content-Type: text/html", "Content-Encoding: gzip")),
     "http://c.example/said-gzip.html"),
    (warc_record("response", "<http://c.example/bracketed.html>",  # the URI in angle brackets, as some writers put it
                 http("200 OK", article("Vierte Lesung").encode(), "Content-Type: text/html")), "http://c.example/bracketed.html"),
    (warc_record("metadata", "http://a.example/1.html", b"via: tests\r\n", content_type="application/warc-fields"), None),
    (warc_record("response", "http://d.example/pdf.html", http("200 OK", b"%PDF-1.4 binary", "Content-Type: text/html")), "binary"),
]
#: The last record, cut short: what a crawl killed mid-write leaves.
LAST = warc_record("response", "http://d.example/cut.html", http("200 OK", article("Abgebrochen").encode(), "Content-Type: text/html"))


def write_warcs(folder: Path) -> tuple[Path, Path]:
    """The records as a .warc.gz (one gzip member each, the last member cut in half) and as a
    plain .warc (the last record's content cut short)."""
    folder.mkdir(parents=True, exist_ok=True)
    gz, plain = folder / "bad.warc.gz", folder / "bad.warc"
    last = gzip.compress(LAST)
    gz.write_bytes(b"".join(gzip.compress(record) for record, _ in RECORDS) + last[: len(last) // 2])
    plain.write_bytes(b"".join(record for record, _ in RECORDS) + LAST[:-400])
    return gz, plain


@pytest.mark.parametrize("kind", ["gz", "plain"])
def test_every_bad_record_is_skipped_or_repaired_and_counted(tmp_path: Path, kind: str) -> None:
    gz, plain = write_warcs(tmp_path)
    read = WarcRead()
    rows = {row["url"]: row for _, row in warc_pages([gz if kind == "gz" else plain], read)}
    expected = [what for _, what in RECORDS if what is not None]
    assert list(rows) == [what for what in expected if what.startswith("http://")]
    assert "Köln im Regen" in rows["http://c.example/latin.html"]["html"]
    assert rows["http://c.example/latin.html"]["encoding"] == "utf-8"
    assert "Zweite Lesung" in rows["http://c.example/zipped.html"]["html"]
    assert "Dritte Lesung" in rows["http://c.example/said-gzip.html"]["html"]
    assert "Vierte Lesung" in rows["http://c.example/bracketed.html"]["html"]
    assert rows["http://a.example/1.html"] == {
        "url": "http://a.example/1.html", "outlet": "a.example", "fetched_at": "2026-11-25T14:00:00+00:00",
        "status": 200, "encoding": "utf-8", "html": GOOD.decode()}
    skipped = [what for what in expected if not what.startswith("http://")]
    last_reason = "truncated" if kind == "plain" else read.problems[-1].reason.split(":")[0]
    assert last_reason in ("truncated", "unreadable")
    assert [p.reason.split(":")[0] for p in read.problems] == [*skipped, last_reason]
    assert [p.line for p in read.problems] == [4, 5, 6, 12, 13]
    assert read.counts == {"pages": 5, "skipped/warcinfo": 1, "skipped/request": 1, "skipped/metadata": 1, "skipped/revisit": 1,
                           "skipped/not_html": 1, "skipped/http_404": 1, "skipped/binary": 1, f"skipped/{last_reason}": 1,
                           "repaired/encoding": 1, "repaired/coding": 1}
    assert {(e["event"], e["reason"], e["url"]) for e in read.events if e["event"] == "repaired"} == {
        ("repaired", "encoding", "http://c.example/latin.html"), ("repaired", "coding", "http://c.example/said-gzip.html")}


def test_run_lists_the_skipped_records_in_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gz, _ = write_warcs(tmp_path / "in")
    assert main(["run", str(gz), "-o", str(tmp_path / "out"), "--quiet"]) == 3  # finished, with skips
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["totals"]["pages"] == 5
    assert [(s["line"], s["reason"].split(":")[0]) for s in report["skipped"]][:4] == [
        (4, "revisit"), (5, "not_html"), (6, "http_404"), (12, "binary")]
    assert "bad.warc.gz record at byte" in report["skipped"][0]["reason"]
    warc = report["warc"]
    assert warc["records"] == 13 and warc["counts"]["repaired/encoding"] == warc["counts"]["repaired/coding"] == 1
    assert warc["counts"]["skipped/request"] == warc["counts"]["skipped/metadata"] == 1
    assert [(e["event"], e["reason"]) for e in warc["events"]][:3] == [("skipped", "revisit"), ("skipped", "not_html"), ("skipped", "http_404")]
    err = capsys.readouterr().err
    assert "revisit: http://b.example/1.html" in err and "Traceback" not in err
    titles = {row["url"]: row["title"] for row in read_lines(tmp_path / "out" / "cleaned.jsonl")}
    assert titles["http://c.example/latin.html"] == "Köln im Regen" and titles["http://c.example/zipped.html"] == "Zweite Lesung"


def test_a_folder_of_bad_warcs_and_extract_on_one(tmp_path: Path) -> None:
    gz, plain = write_warcs(tmp_path / "in")
    assert main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--quiet"]) == 3
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["totals"]["pages"] == 5  # the second file's pages repeat the first's URLs
    assert sum(s["reason"].startswith("duplicate url") for s in report["skipped"]) == 5
    assert extract_main([str(gz), "-o", str(tmp_path / "x.jsonl"), "--quiet", "--engine", "lxml"]) == 3
    rows = read_lines(tmp_path / "x.jsonl")
    assert [row.get("source") for row in rows if "text" in row] == [what for _, what in RECORDS if what and what.startswith("http://")]
    assert [row["error"].split(":")[0] for row in rows if "error" in row][:4] == ["revisit", "not_html", "http_404", "binary"]
    assert all(row["source"].startswith(f"{gz} record ") for row in rows if "error" in row)


def test_a_missing_warc_or_an_empty_folder_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(tmp_path / "missing.warc.gz"), "-o", str(tmp_path / "out"), "--quiet"]) == 2
    assert "input not found" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["run", str(tmp_path / "empty"), "-o", str(tmp_path / "out"), "--quiet"]) == 2
    assert "pages file not found" in capsys.readouterr().err  # a folder without WARC files is a crawl's folder
    with pytest.raises(InputError, match="no .warc or .warc.gz files"):
        load_corpus(tmp_path / "empty", [])


def test_warc_dates_read_as_the_crawler_writes_fetch_times() -> None:
    assert fetch_time("2026-11-25T14:00:00Z") == "2026-11-25T14:00:00+00:00"
    assert fetch_time("2026-11-25T15:00:00.250000+01:00") == "2026-11-25T14:00:00.250000+00:00"
    assert fetch_time("2026-11-25T14:00:00") == "2026-11-25T14:00:00+00:00"
    assert fetch_time("yesterday") == "yesterday"


@settings(max_examples=60, deadline=None)
@given(cut=st.floats(min_value=0.0, max_value=1.0), plain=st.booleans())
def test_a_warc_cut_anywhere_is_read_without_a_crash(tmp_path_factory: pytest.TempPathFactory, cut: float, plain: bool) -> None:
    """Every page read from a cut file is the page the whole file gives for its URL; the rest is counted."""
    folder = tmp_path_factory.mktemp("cut")
    gz, whole_plain = write_warcs(folder / "whole")
    source = whole_plain if plain else gz
    whole = {row["url"]: row for _, row in warc_pages([source], WarcRead())}
    data = source.read_bytes()
    path = folder / source.name
    path.write_bytes(data[: int(len(data) * cut)])
    read = WarcRead()
    rows = [row for _, row in warc_pages([path], read)]
    assert all(row == whole[row["url"]] for row in rows)
    assert read.counts["pages"] == len(rows) and read.records == sum(n for key, n in read.counts.items() if key.startswith("skipped/")) + len(rows)
