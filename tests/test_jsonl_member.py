"""Taking the HTML out of a pages.jsonl line without decoding the line whole changes nothing:
the compiled splitter and `json.loads` give the same page, HTML bytes and problem, or the
splitter declines and `json.loads` decides."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dedup import loading
from dedup.pages import LineProblem

pytestmark = pytest.mark.skipif(loading.html_member is None, reason="compiled splitter not built")

html_text = st.text(st.characters(codec=None), max_size=60) | st.sampled_from(["", "   ", "\u3000\n", "<p>a\x00b</p>", "\ud800x", "\udc00", "\ud83d\ude00 ok"])


def _slow(number: int, raw: bytes) -> object:
    saved, loading.html_member = loading.html_member, None
    try:
        return _comparable(loading._page_and_html(number, raw))
    finally:
        loading.html_member = saved


def _comparable(found: object) -> object:
    if isinstance(found, LineProblem):
        return found
    page, html, problem = found
    data = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    return page.url, page.outlet, page.fetched_at, data, problem


@st.composite
def lines(draw: st.DrawFn) -> bytes:
    members = {"url": draw(st.sampled_from(["http://a.example/1", "", 5])), "html": draw(html_text)}
    if draw(st.booleans()):
        members["outlet"] = draw(st.sampled_from(["a.example", "", None]))
    if draw(st.booleans()):
        members["fetched_at"] = draw(st.sampled_from(["2026-01-01", 7, {"html": "x"}, ["html", "}"]]))
    if draw(st.booleans()):
        members["extra"] = draw(st.sampled_from([{"a": [1, {"b": "\"}"}]}, "\\\"", 1.5e3, None, True]))
    order = draw(st.permutations(list(members)))
    text = json.dumps({k: members[k] for k in order}, ensure_ascii=draw(st.booleans()))
    raw = text.encode("utf-8", "surrogatepass")
    edit = draw(st.sampled_from(["none", "none", "cut", "dup", "escaped key", "bad byte", "control", "spaces"]))
    if edit == "cut":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif edit == "dup":
        raw = raw[:-1] + b', "html": "again"}'
    elif edit == "escaped key":
        raw = raw.replace(b'"html"', b'"\\u0068tml"', 1)
    elif edit == "bad byte":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"])) + raw[at:]
    elif edit == "control":
        raw = raw.replace(b"<", b"\x01<", 1)
    elif edit == "spaces":
        raw = b" \t" + raw.replace(b": ", b" :\n ") + b" \r\n"
    return raw


@settings(max_examples=1500)
@given(lines())
@example(b'{"url": "http://a.example/1", "html": "\\ud800\\udc00\\u0000 \\/\\b\\f\\n\\r\\t"}')
@example(b'{"url": "http://a.example/1", "html": "\\u12"}')
@example(b'{"url": "http://a.example/1", "html": "x"} trailing')
@example(b'\xef\xbb\xbf{"url": "http://a.example/1", "html": "x"}')
def test_compiled_split_reads_every_line_as_json_loads_does(raw: bytes) -> None:
    assert _comparable(loading._page_and_html(3, raw)) == _slow(3, raw)


def test_the_split_takes_the_common_line() -> None:
    raw = json.dumps({"url": "http://a.example/1", "html": "<p>Grüße \"wire\" \u2028 😀</p>\n"}, ensure_ascii=False).encode()
    start, end, html, blank, first_nul = loading.html_member(raw)
    assert html == "<p>Grüße \"wire\" \u2028 😀</p>\n".encode() and not blank and first_nul == -1
    assert json.loads(raw[:start] + b'""' + raw[end:]) == {"url": "http://a.example/1", "html": ""}
