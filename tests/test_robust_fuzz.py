"""Fuzzing: arbitrary bytes, HTML and text never make the readers, decoder, extractor or cleaner raise."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.urls import TRACKING_PARAMS, TrackingParams, canonical_url
from dedup import loading
from dedup.blocks import Block, PageDoc, extract_blocks
from dedup.clean import RuleSet, clean_blocks
from dedup.decode import Decoded, Refused, decode_page
from dedup.errors import RulesError
from dedup.loading import ParsedPage, byte_ranges, load_corpus, parsed_ranges
from dedup.pages import LineProblem, url_without_port
from dedup.rules import Rule, parse_rule

HTML_BITS = st.sampled_from([
    "<html>", "<head>", "<meta charset='utf-8'>", "<meta charset=windows-1252>", "<meta charset=bogus>",
    "<body>", "<article>", "<h1>", "</h1>", "<p>", "</p>", "<div class='a b'>", "</div>", "<br>", "<li>",
    "<script>", "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<?xml version='1.0'?>", "<!doctype html>",
    "<svg>", "<math>", "<table><tr><td>", "&amp;", "&bogus;", "&#0;", "&#xD800;", "\x00", "\ufeff", "\ud800",
    "Köln", "Ã¶", "„Zitat“", "€", "\u200b", " ", "\n", "<", ">", "</", "=", '"', "'", "<a href='x'>", "text",
])
HTML_TEXT = st.one_of(st.text(max_size=300), st.lists(HTML_BITS, max_size=60).map("".join))
HTML_BYTES = st.one_of(
    st.binary(max_size=400),
    HTML_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    HTML_TEXT.map(lambda t: t.encode("cp1252", "replace")),
    HTML_TEXT.map(lambda t: t.encode("utf-16", "surrogatepass")),
)
CONTENT_TYPES = st.one_of(
    st.none(),
    st.sampled_from(["text/html", "text/html; charset=utf-8", "text/html; charset=windows-1252",
                     "text/html; charset=iso-8859-1", "text/html; charset=shift_jis", "text/html; charset=bogus",
                     "text/html; charset=utf-16", "text/html; charset="]),
    st.text(max_size=40),
)


@settings(max_examples=300, deadline=None)
@given(html=st.one_of(HTML_TEXT, HTML_BYTES))
def test_block_extractor_never_raises(html: str | bytes) -> None:
    doc = extract_blocks(html)
    assert isinstance(doc, PageDoc) and isinstance(doc.title, str)
    assert all(isinstance(b, Block) and b.text and b.text == " ".join(b.text.split()) for b in doc.blocks)


@settings(max_examples=300, deadline=None)
@given(body=HTML_BYTES, content_type=CONTENT_TYPES)
def test_decoder_never_raises_and_refuses_with_a_reason(body: bytes, content_type: str | None) -> None:
    result = decode_page(body, content_type)
    if isinstance(result, Refused):
        assert result.reason in {"empty", "binary", "undecodable"} and result.detail
    else:
        assert isinstance(result, Decoded) and isinstance(result.text, str) and result.encoding
        extract_blocks(result.text)


@settings(max_examples=200, deadline=None)
@given(text=HTML_TEXT)
def test_declared_utf8_text_decodes_to_itself(text: str) -> None:
    body = text.encode("utf-8", "surrogatepass")
    result = decode_page(body, "text/html; charset=utf-8")
    try:
        expected = body.decode("utf-8")
    except UnicodeDecodeError:  # lone surrogates: not UTF-8 after all
        return
    if isinstance(result, Decoded) and not body.startswith(b"\xef\xbb\xbf"):
        assert result.text == expected and not result.repair


texts = st.text(max_size=60)
blocks = st.builds(Block, text=texts, context=texts)
rules = st.builds(Rule, kind=st.sampled_from(["text", "prefix", "suffix", "context", "keep"]), scope=st.one_of(st.just("*"), texts),
                  pattern=texts, stories=st.integers(0, 10**9), outlets=st.integers(0, 10**6))


@settings(max_examples=300, deadline=None)
@given(page=st.lists(blocks, max_size=20), rule_list=st.lists(rules, max_size=10), outlet=texts)
def test_cleaner_never_raises_on_any_text(page: list[Block], rule_list: list[Rule], outlet: str) -> None:
    cleaned = clean_blocks(page, outlet, RuleSet(rule_list))
    assert len(cleaned.kept) + len(cleaned.removed) == len(page)


@settings(max_examples=300, deadline=None)
@given(line=st.one_of(st.text(max_size=80), st.lists(st.one_of(texts, st.sampled_from(["text", "keep", "*", "3"])),
                                                     max_size=7).map("\t".join)))
def test_rule_lines_parse_or_fail_with_a_rules_error(line: str) -> None:
    try:
        rule = parse_rule(line, 1)
    except RulesError as err:
        assert "line 1" in str(err)
    else:
        assert isinstance(rule, Rule)


JSON_LINES = st.one_of(
    st.binary(max_size=200),
    st.builds(lambda url, html: json.dumps({"url": url, "html": html}, ensure_ascii=False).encode("utf-8", "surrogatepass"),
              st.one_of(texts, st.none(), st.integers()), st.one_of(HTML_TEXT, st.none(), st.lists(st.integers()))),
    st.sampled_from([b"[]", b"null", b"{}", b'{"url": "u"}', b'{"url": "", "html": ""}', b"\xff\xfe", b'{"url": "u", "html": "<p>']),
)


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(JSON_LINES, max_size=12), newline_at_end=st.booleans())
def test_jsonl_reader_never_raises_and_names_every_bad_line(lines: list[bytes], newline_at_end: bool) -> None:
    data = b"\n".join(lines) + (b"\n" if newline_at_end else b"")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pages.jsonl"
        path.write_bytes(data)
        ranges = list(parsed_ranges(path, workers=1))
    read = [item for parsed in ranges for item in parsed.items]
    pages = [item for item in read if isinstance(item, ParsedPage)]
    numbers = [item.line for item in read]
    assert len(pages) + sum(isinstance(item, LineProblem) for item in read) == len(read)
    assert len(numbers) == len(set(numbers))
    assert all(1 <= n <= data.count(b"\n") + 1 for n in numbers)
    assert all(page.url for page in pages)
    assert sum(page.blocks for page in pages) == sum(len(parsed.texts) for parsed in ranges)


@settings(max_examples=100, deadline=None)
@given(lines=st.lists(JSON_LINES, max_size=12), range_bytes=st.integers(1, 400))
def test_a_file_cut_into_byte_ranges_loads_as_one_range(lines: list[bytes], range_bytes: int) -> None:
    data = b"\n".join(lines)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pages.jsonl"
        path.write_bytes(data)
        ranges = list(byte_ranges(path, range_bytes))
        whole_problems: list[LineProblem] = []
        whole = load_corpus(path, whole_problems, workers=1)
        cut_problems: list[LineProblem] = []
        loading.RANGE_BYTES, saved = range_bytes, loading.RANGE_BYTES
        try:
            cut = load_corpus(path, cut_problems, workers=1)
        finally:
            loading.RANGE_BYTES = saved
    assert [start for start, _ in ranges] == [0, *(end for _, end in ranges[:-1])][: len(ranges)]
    assert ranges[-1][1] == len(data) if data else ranges == []
    assert all(end == len(data) or data[end - 1 : end] == b"\n" for _, end in ranges)
    assert cut_problems == whole_problems and cut.pages == whole.pages
    assert [cut.texts[t] for t in cut.arrays().text] == [whole.texts[t] for t in whole.arrays().text]
    assert [cut.contexts[c] for c in cut.arrays().context] == [whole.contexts[c] for c in whole.arrays().context]


@settings(max_examples=500, deadline=None)
@given(st.one_of(
    st.text(alphabet="htps:/?#@[]1a.Hx8\t", max_size=30),
    st.builds("{}://{}{}{}".format, st.sampled_from(["http", "https", "HTTP", "git+ssh"]), st.text(alphabet="aB.-@:[]", max_size=8),
              st.sampled_from(["", ":80", ":0", ":8080", ":x", ":"]), st.text(alphabet="/ab?#%:", max_size=10)),
))
def test_url_without_port_agrees_with_parsing_the_whole_url(url: str) -> None:
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        expected = parts._replace(netloc=parts.hostname or "").geturl() if parts.port else url
    except ValueError:
        expected = url  # an invalid host or port: left as it is, never an error
    assert url_without_port(url) == expected


TRACKING = TrackingParams(TRACKING_PARAMS)
QUERY_NAMES = st.sampled_from(["utm_source", "UTM_Medium", "fbclid", "gclid", "id", "page", "q", "wt_mc", "_ga", "utm"])


@settings(max_examples=300, deadline=None)
@given(path=st.text(alphabet="abc/.%-_ä", max_size=20),
       query=st.lists(st.tuples(QUERY_NAMES, st.text(alphabet="xyz12=&", max_size=5)), max_size=5),
       fragment=st.text(alphabet="abc#?", max_size=5))
def test_canonical_urls_drop_tracking_and_fragments_only(path: str, query: list[tuple[str, str]], fragment: str) -> None:
    from urllib.parse import parse_qsl, urlencode, urlsplit

    url = f"http://a.localhost/{path}" + (f"?{urlencode(query)}" if query else "") + (f"#{fragment}" if fragment else "")
    canonical = canonical_url(url, TRACKING)
    parts = urlsplit(canonical)
    assert not parts.fragment and canonical_url(canonical, TRACKING) == canonical
    kept = [(n, v) for n, v in parse_qsl(urlsplit(url).query, keep_blank_values=True) if n not in TRACKING]
    assert parse_qsl(parts.query, keep_blank_values=True) == kept
    assert parts.path == urlsplit(url).path
