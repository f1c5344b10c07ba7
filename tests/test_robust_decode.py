"""Decoding fetched pages: wrong declarations repaired, binary/empty/undecodable bodies refused, in the
library and in the spider callback; the journals and the scheduler that make a crawl resumable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.events import EVENTS_FILE
from crawler.items import PageItem
from crawler.journal import Journal, cut_partial_line
from crawler.scheduler import RUNNING_MARK, ResumableScheduler
from crawler.spiders.wire import LISTED, WireSpider, ends_mid_tag
from dedup.decode import Decoded, Refused, binary_kind, decode_page, text_problem

TEXT = "<p>Köln: „Straßenbahn“ fährt wieder – 5 € günstiger.</p>"


def page(charset: str = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f'<!doctype html><html><head>{meta}<meta property="og:type" content="article"></head><body>{TEXT}</body></html>'


@pytest.mark.parametrize(("body", "content_type", "encoding", "repair"), [
    (page().encode(), "text/html; charset=utf-8", "utf-8", ""),
    (page("windows-1252").encode("cp1252"), "text/html", "cp1252", ""),
    (page("").encode("cp1252"), "text/html", "cp1252", ""),                       # no declaration: sniffed
    (page("").encode(), None, "utf-8", ""),
    (page().encode("cp1252"), "text/html; charset=utf-8", "cp1252", "declared utf-8, is cp1252"),
    (page().encode("cp1252"), None, "cp1252", "declared utf-8, is cp1252"),      # only the meta lies
    (page("windows-1252").encode(), "text/html; charset=windows-1252", "utf-8", "declared cp1252, is utf-8"),
    (page("iso-8859-1").encode(), "text/html; charset=iso-8859-1", "utf-8", "declared cp1252, is utf-8"),
    (b"\xef\xbb\xbf" + page("windows-1252").encode(), "text/html; charset=windows-1252", "utf-8", ""),  # BOM wins
    (page().encode("utf-16"), None, "utf-16-le", ""),
])
def test_pages_decode_to_their_text_whatever_they_declare(body: bytes, content_type: str | None, encoding: str,
                                                          repair: str) -> None:
    result = decode_page(body, content_type)
    assert isinstance(result, Decoded)
    assert TEXT in result.text and (result.encoding, result.repair) == (encoding, repair)


def test_a_stray_byte_is_replaced_but_garbage_is_refused() -> None:
    stray = page().replace(TEXT, TEXT * 30).encode().replace(b"wieder", b"wie\x81der", 1)
    result = decode_page(stray, "text/html; charset=utf-8")  # one bad byte in 1800 characters
    assert isinstance(result, Decoded) and result.repair == "1 invalid utf-8 bytes replaced"
    garbage = b"<html><body><p>" + bytes(range(0x80, 0x100)) * 5 + b"</p></body></html>"
    refused = decode_page(garbage, "text/html; charset=utf-8")
    assert isinstance(refused, Refused) and refused.reason == "undecodable"
    assert "declared utf-8" in refused.detail and "no other encoding fits" in refused.detail


@pytest.mark.parametrize(("body", "reason", "detail"), [
    (b"", "empty", "0 bytes"),
    (b" \r\n\t ", "empty", "5 bytes"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "binary", "PDF document"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary", "PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary", "JPEG image"),
    (b"GIF89a\x01\x00", "binary", "GIF image"),
    (b"PK\x03\x04\x14\x00", "binary", "ZIP archive"),
    (b"<html>\x00\x01\x02\x03</html>", "binary", "NUL bytes"),
])
def test_empty_and_binary_bodies_are_refused(body: bytes, reason: str, detail: str) -> None:
    result = decode_page(body, "text/html; charset=utf-8")
    assert isinstance(result, Refused) and result.reason == reason and detail in result.detail


def test_binary_and_text_problems_of_stored_pages() -> None:
    assert binary_kind(b"<html>") == "" and binary_kind("<html>".encode("utf-16")) == ""
    assert text_problem("  \n") == "empty page"
    assert "binary" in text_problem("%PDF\x00\x00")
    assert text_problem(page()) == ""


@pytest.mark.parametrize(("body", "cut"), [
    (b"<html><body><p>Text</p></body></html>", False),
    (b"<html><body><p>Text</p></body></html>\n\n", False),
    (b"<html><body><p>Text</p><footer cla", True),
    (b"<html><body><p>Text</p><a href='/x", True),
    (b"<html><body><p>Text", False),  # cut between tags: nothing to tell it from a page without end tags
])
def test_a_page_cut_mid_tag_is_recognised(body: bytes, cut: bool) -> None:
    assert ends_mid_tag(body) is cut


# --- the spider callback ---------------------------------------------------------------------

URL = "http://www.rheinpost.localhost:8765/politik/koeln.html"


def spider_for(tmp_path: Path) -> WireSpider:
    crawler = get_crawler(WireSpider, settings_dict={"WIREDUP_OUTPUT_DIR": str(tmp_path)})
    spider = WireSpider.from_crawler(crawler, start_urls=URL)
    spider.events.open()
    return spider


def response(body: bytes, content_type: str) -> HtmlResponse:
    return HtmlResponse(url=URL, body=body, headers={"Content-Type": content_type}, request=Request(URL, meta={LISTED: True}))


def events(tmp_path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in (tmp_path / EVENTS_FILE).read_text(encoding="utf-8").splitlines()]


def test_spider_repairs_a_mislabelled_page_and_records_it(tmp_path: Path) -> None:
    spider = spider_for(tmp_path)
    [item] = list(spider.parse(response(page().encode("cp1252"), "text/html; charset=utf-8")))
    assert isinstance(item, PageItem) and TEXT in item.html and item.encoding == "cp1252"
    assert spider.crawler.stats.get_value("wiredup/repaired/encoding") == 1
    assert events(tmp_path) == [{"event": "repaired", "reason": "encoding", "url": URL, "detail": "declared utf-8, is cp1252"}]


@pytest.mark.parametrize(("body", "reason"), [
    (b"", "empty"), (b"%PDF-1.4\n\x00", "binary"), (b"\x89PNG\r\n\x1a\n\x00", "binary"),
    (b"<html><body><article><h1>x</h1>" + bytes(range(0x80, 0x100)) * 4 + b"</article></body></html>", "undecodable"),
])
def test_spider_skips_bodies_that_are_no_page(tmp_path: Path, body: bytes, reason: str) -> None:
    spider = spider_for(tmp_path)
    assert list(spider.parse(response(body, "text/html; charset=utf-8"))) == []
    assert spider.crawler.stats.get_value(f"wiredup/skipped/{reason}") == 1
    assert [e["reason"] for e in events(tmp_path)] == [reason]


def test_spider_requests_the_canonical_url_and_counts_it(tmp_path: Path) -> None:
    spider = spider_for(tmp_path)
    request = spider.request(URL + "?utm_source=x&id=7&fbclid=abc#kommentare")
    assert request.url == URL + "?id=7"
    assert spider.crawler.stats.get_value("wiredup/urls_canonicalised") == 1


def test_spider_reports_a_redirect_loop_once_the_scheduler_drops_it(tmp_path: Path) -> None:
    spider = spider_for(tmp_path)
    a, b = URL, URL.replace("koeln", "bonn")
    spider.on_dropped(Request(a, meta={"redirect_urls": [a, b]}))
    spider.on_dropped(Request(b, meta={"redirect_urls": [a]}))  # a redirect to a page fetched anyway
    spider.on_dropped(Request(b))  # an ordinary duplicate
    assert spider.crawler.stats.get_value("wiredup/skipped/redirect_loop") == 1
    assert spider.crawler.stats.get_value("wiredup/redirects_to_seen") == 1
    assert events(tmp_path)[0]["detail"] == f"{a} -> {b} -> {a}"


# --- journals and the resumable scheduler ----------------------------------------------------

def test_journal_resumes_without_duplicates_and_cuts_a_partial_line(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    first = Journal(path, lambda obj: obj.get("k"), resume=True)
    first.open()
    assert first.append({"k": "a"}) and not first.append({"k": "a"})
    first.close()
    with path.open("a", encoding="utf-8") as fh:
        fh.write('{"k": "b", "long": "kill')
    second = Journal(path, lambda obj: obj.get("k"), resume=True)
    second.open()
    assert "a" in second and "b" not in second
    assert second.append({"k": "b"})
    second.close()
    assert [json.loads(line)["k"] for line in path.read_text(encoding="utf-8").splitlines()] == ["a", "b"]
    fresh = Journal(path, lambda obj: obj.get("k"), resume=False)
    fresh.open()
    fresh.close()
    assert path.read_text(encoding="utf-8") == ""


@pytest.mark.parametrize(("data", "kept"), [
    (b"", b""), (b"a\n", b"a\n"), (b"a\nb", b"a\n"), (b"abc", b""), (b"x\n" + b"y" * 200_000, b"x\n"),
])
def test_cut_partial_line(tmp_path: Path, data: bytes, kept: bytes) -> None:
    path = tmp_path / "f"
    path.write_bytes(data)
    assert cut_partial_line(path, chunk=1000) == len(data) - len(kept)
    assert path.read_bytes() == kept


def test_scheduler_recovers_a_killed_job_from_the_pages_it_stored(tmp_path: Path) -> None:
    jobdir, out = tmp_path / "job", tmp_path / "out"
    (jobdir / "requests.queue" / "p0").mkdir(parents=True)
    (jobdir / "requests.queue" / "p0" / "q00000").write_bytes(b"\x00\x01")  # torn
    (jobdir / "requests.queue" / "active.json").write_text('{"p0": [0]}', encoding="utf-8")
    (jobdir / "requests.seen").write_text("0" * 40 + "\n", encoding="utf-8")
    (jobdir / RUNNING_MARK).write_text("pid 1\n", encoding="utf-8")
    out.mkdir()
    (out / "pages.jsonl").write_text(json.dumps({"url": URL, "html": "<p>x</p>"}) + "\nnot json\n", encoding="utf-8")
    crawler = get_crawler(WireSpider, settings_dict={"JOBDIR": str(jobdir), "WIREDUP_OUTPUT_DIR": str(out)})
    scheduler = ResumableScheduler.from_crawler(crawler)
    assert not (jobdir / "requests.queue" / "active.json").exists()
    assert scheduler.df.request_seen(Request(URL))  # stored: not fetched again
    assert not scheduler.df.request_seen(Request(URL + "?page=2"))
    assert crawler.stats.get_value("wiredup/resumed_after_kill") == 1
    scheduler.df.close("finished")


def test_scheduler_leaves_a_cleanly_stopped_job_to_scrapy(tmp_path: Path) -> None:
    jobdir = tmp_path / "job"
    jobdir.mkdir()
    (jobdir / "requests.seen").write_text("f" * 40 + "\n", encoding="utf-8")
    crawler = get_crawler(WireSpider, settings_dict={"JOBDIR": str(jobdir), "WIREDUP_OUTPUT_DIR": str(tmp_path)})
    scheduler = ResumableScheduler.from_crawler(crawler)
    assert (jobdir / "requests.seen").read_text(encoding="utf-8").startswith("f" * 40)
    scheduler.df.close("finished")
