"""HTML to blocks: block boundaries, context, headline, broken input."""

from __future__ import annotations

import json
import re
from html import escape as html_escape
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from dedup.blocks import (
    BLOCK_TAGS, EVENTS, NATIVE_WALK, SKIP_TAGS, _signature, _walk, _walk_python, extract_blocks, numbered_page_texts, page_texts, page_texts_from_tree, parse_html,
)

PAGE = """<!doctype html><html><head><title>Tab title</title><style>p{}</style></head><body>
<nav class="main-nav"><ul><li><a href="/">Start</a></li><li><a href="/politik/">Politik</a></li></ul></nav>
<article class="story"><h1>Die <em>Schlagzeile</em></h1>
<p>Erster <a href="#">Absatz</a> mit<br>Umbruch.</p><script>var x = "no";</script>
<div class="ad-slot">Anzeige<p>Innen</p>danach</div><!-- comment -->
</article><footer>Impressum</footer></body></html>"""


def test_blocks_in_document_order_with_context() -> None:
    doc = extract_blocks(PAGE)
    assert doc.title == "Die Schlagzeile"
    assert [b.text for b in doc.blocks] == ["Start", "Politik", "Erster Absatz mit Umbruch.", "Anzeige", "Innen", "danach", "Impressum"]
    assert doc.blocks[0].context == "nav.main-nav>ul>li"
    assert doc.blocks[3].context == "body>article.story>div.ad-slot"


def test_bytes_and_str_agree_and_xml_declaration_is_accepted() -> None:
    assert extract_blocks(PAGE) == extract_blocks(PAGE.encode("utf-8"))
    assert extract_blocks('<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>').blocks[0].text == "x"


def test_empty_and_tag_soup_do_not_raise() -> None:
    assert extract_blocks("").blocks == ()
    assert extract_blocks("   ").blocks == ()
    soup = extract_blocks("<p>one<p>two<div><span>three</div></td></table>")
    assert [b.text for b in soup.blocks] == ["one", "two", "three"]


def test_deep_nesting_keeps_the_end_of_the_page() -> None:
    html = "<html><body>" + "<div>" * 400 + "<p>deep</p>" + "</div>" * 400 + "<p>after</p></body></html>"
    assert [b.text for b in extract_blocks(html).blocks] == ["deep", "after"]


def test_title_falls_back_to_og_title() -> None:
    doc = extract_blocks('<html><head><meta property="og:title" content="OG  Titel"></head><body><p>x</p></body></html>')
    assert doc.title == "OG Titel"


# A recursive reference walk over the same parsed tree: each block element owns the text up to
# its first nested block and again after each one; the iterative walk must agree on any tree.
_TAGS = ["div", "p", "span", "b", "li", "ul", "h1", "h2", "br", "script", "a", "section", "figcaption"]
_TEXT = st.text(alphabet="ab \n\t1ü\xa0\u2003\u3000\x1c\x85\u200b", max_size=6)


def _render(tree: object) -> str:
    if isinstance(tree, str):
        return html_escape(tree)
    tag, classes, children = tree  # type: ignore[misc]
    attribute = f' class="{classes}"' if classes else ""
    return f"<{tag}{attribute}>" + "".join(_render(c) for c in children) + ("" if tag == "br" else f"</{tag}>")


_TREES = st.recursive(
    _TEXT,
    lambda inner: st.tuples(st.sampled_from(_TAGS), st.sampled_from(["", "x", "y1 a", "b a c d", "x\u00a0y", "ü  b"]), st.lists(inner, max_size=4)),
    max_leaves=25,
)


def _reference(html: str) -> tuple[str, list[tuple[str, str]]]:
    root = parse_html(html)
    if root is None:
        return "", []
    body = root.find("body")
    start = body if body is not None else root

    def signature(el: etree._Element) -> str:
        kept = sorted(c for c in (el.get("class") or "").split() if not re.search(r"\d", c))
        return ".".join([el.tag, *kept[:3]])

    def context(el: etree._Element) -> str:
        chain = [el, *list(el.iterancestors())[:2]]
        return ">".join(signature(e) for e in reversed(chain))

    found: list[tuple[str, etree._Element]] = []

    def emit(buffer: list[str], owner: etree._Element) -> None:
        text = " ".join("".join(buffer).split())
        if text:
            found.append((text, owner))

    def visit(el: etree._Element, owner: etree._Element, buffer: list[str]) -> list[str]:
        block = el.tag in BLOCK_TAGS or el is start
        if block:
            emit(buffer, owner)
            buffer, owner = [], el
        elif el.tag == "br":
            buffer.append(" ")
        buffer.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str) and child.tag not in SKIP_TAGS:
                buffer = visit(child, owner, buffer)
            buffer.append(child.tail or "")
        if block:
            emit(buffer, el)
            buffer = []
        return buffer

    visit(start, start, [])
    headline = next((i for i, (_, el) in enumerate(found) if el.tag == "h1"), None)
    title = found.pop(headline)[0] if headline is not None else ""
    return title, [(text, context(el)) for text, el in found]


@given(st.lists(_TREES, min_size=1, max_size=4))
def test_walk_agrees_with_a_recursive_reference(trees: list[object]) -> None:
    html = "<html><body>" + "".join(_render(t) for t in trees) + "</body></html>"
    doc = extract_blocks(html)
    title, blocks = _reference(html)
    assert [(b.text, b.context) for b in doc.blocks] == blocks
    if title:
        assert doc.title == title


def _start(html: str) -> etree._Element | None:
    root = parse_html(html)
    if root is None:
        return None
    body = root.find("body")
    return body if body is not None else root


@pytest.mark.skipif(not NATIVE_WALK, reason="the compiled walk was not built (no C compiler at install time)")
@given(st.one_of(
    st.lists(_TREES, min_size=1, max_size=4).map(lambda trees: "<html><body>" + "".join(_render(t) for t in trees) + "</body></html>"),
    st.text(alphabet="<>/=\"' abpdivh1&;#x!-\n", max_size=80),
))
def test_compiled_walk_equals_the_python_walk(html: str) -> None:
    start = _start(html)
    if start is not None:
        assert _walk(start) == _walk_python(start)


# The walk on parse events (no tree) against the tree walk, on documents with what decides
# libxml2's events: implied and misplaced html/head/body, void and raw-text elements, the
# title and og:title anywhere, a strict HTML 4 doctype, content after the root, bytes that are
# not UTF-8, comments and cut-off markup.
_EVENT_TAGS = [
    "div", "p", "span", "b", "li", "ul", "table", "tr", "td", "time", "img", "br", "section", "h1", "title", "meta",
    "head", "body", "html", "script", "svg", "noscript", "select", "option", "picture", "frameset", "xmp", "pre", "textarea",
]
_EVENT_ATTRIBUTES = ["", ' class="x"', ' class="a b"', ' property="og:title" content=" T  t "', " class", ' class="x" class="y"']
_EVENT_TREES = st.recursive(
    st.text(alphabet="ab \n\t1ü\xa0&;<>", max_size=6),
    lambda inner: st.tuples(st.sampled_from(_EVENT_TAGS), st.sampled_from(_EVENT_ATTRIBUTES), st.lists(inner, max_size=4), st.booleans()),
    max_leaves=30,
)


def _markup(tree: object) -> str:
    if isinstance(tree, str):
        return tree
    tag, attributes, children, closed = tree  # type: ignore[misc]
    return f"<{tag}{attributes}>" + "".join(map(_markup, children)) + (f"</{tag}>" if closed else "")


@pytest.mark.skipif(not EVENTS, reason="libxml2's event parser was not found (or dedup._cwalk was not built)")
@given(
    st.sampled_from(["", "<!doctype html>", '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN">', "<html>", "<html><head><title>T</title></head><body>", " <!-- c --> "]),
    st.lists(_EVENT_TREES, max_size=5),
    st.sampled_from(["", "</body></html>", "</body></html><p>after</p>", "</html> x", "\xff", "<!--"]),
    st.booleans(),
)
def test_walk_on_parse_events_equals_the_tree_walk(prefix: str, trees: list[object], suffix: str, latin1: bool) -> None:
    data = (prefix + "".join(map(_markup, trees)) + suffix).encode("utf-8", "surrogateescape")
    if latin1:
        data = data.replace("ü".encode(), b"\xfc")
    assert page_texts(data) == page_texts_from_tree(data)


@pytest.mark.skipif(not EVENTS, reason="libxml2's event parser was not found (or dedup._cwalk was not built)")
@given(st.lists(st.tuples(
    st.sampled_from(["", "<html><head><title>T</title></head><body>", "<h1>Head</h1>"]),
    st.lists(_EVENT_TREES, max_size=4),
    st.sampled_from(["", "</body></html>", "</body></html><p>after</p>"]),
), min_size=1, max_size=4))
def test_numbered_walk_numbers_what_the_tree_walk_finds(pages: list[tuple[str, list[object], str]]) -> None:
    """Texts numbered on parse events by their bytes, in order of first sight, as a dict numbers
    the texts of the tree walk; a page left to the tree numbers nothing twice."""
    from dedup._cwalk import TextIds

    numbering, reference = TextIds(1000), {}
    for prefix, trees, suffix in pages:
        data = (prefix + "".join(map(_markup, trees)) + suffix).encode()
        got, expected = numbered_page_texts(data, numbering), page_texts_from_tree(data)
        assert (got.title, got.contexts) == (expected.title, expected.contexts)
        assert got.ids == [reference.setdefault(text, len(reference)) for text in expected.texts]
    assert numbering.take_new() == list(reference)


@pytest.mark.skipif(not EVENTS, reason="libxml2's event parser was not found (or dedup._cwalk was not built)")
def test_a_range_numbered_in_the_walk_equals_one_numbered_by_a_dict(tmp_path: Path) -> None:
    """The compiled numbering and the dict's (used without a C compiler) send the same range."""
    from dedup.loading import _Numbering, _Sent, parse_range

    pages = [f'<html><body><h1>Title {i}</h1><p>same</p><p>text {i % 3}</p><div class="x">same</div></body></html>' for i in range(7)]
    path = tmp_path / "pages.jsonl"
    path.write_text("".join(json.dumps({"url": f"http://a.test/{i}", "html": html}) + "\n" for i, html in enumerate(pages)))
    compiled = parse_range(str(path), 0, path.stat().st_size, _Sent())
    by_dict = parse_range(str(path), 0, path.stat().st_size, _Sent(texts=_Numbering()))
    assert compiled.new_texts == by_dict.new_texts == ["same", "text 0", "text 1", "text 2"]
    assert compiled.texts == by_dict.texts and compiled.items == by_dict.items and compiled.contexts == by_dict.contexts


@pytest.mark.skipif(not NATIVE_WALK, reason="dedup._cwalk was not built")
def test_text_numbers_go_on_after_the_table_forgets() -> None:
    from dedup._cwalk import TextIds

    numbering = TextIds(2)
    assert numbering.ids_of(["a", "b", "c", "a", "c"]) == [0, 1, 2, 3, 2]
    assert numbering.take_new() == ["a", "b", "c", "a"]
    assert numbering.take_new() == []


@pytest.mark.skipif(not EVENTS, reason="libxml2's event parser was not found (or dedup._cwalk was not built)")
def test_pages_the_event_walk_leaves_to_the_tree() -> None:
    from dedup._cwalk import page_walk

    def walked_on_events(html: str) -> bool:
        return page_walk(html.encode(), BLOCK_TAGS, SKIP_TAGS, _signature) is not None

    assert walked_on_events("<html><head><title>T</title></head><body><p>x</p></body></html>")
    assert walked_on_events("<html><head><title>T</title></head></html>")  # no body, nothing but a head
    for html in ["<html><body><p>a</p></body></html><p>b</p>", "<html><frameset><frame></frameset></html>"]:
        assert not walked_on_events(html)
        assert page_texts(html) == page_texts_from_tree(html)
    page = page_texts('<html><head><meta property="og:title" content=" A  b "><title>T</title></head><body><p>x</p></body></html>')
    assert (page.title, page.texts) == ("A b", ["x"])


@pytest.mark.skipif(not EVENTS, reason="libxml2's event parser was not found (or dedup._cwalk was not built)")
def test_an_error_inside_the_event_walk_is_raised_and_the_next_page_is_walked() -> None:
    from dedup._cwalk import page_walk

    def failing(tag: str, classes: str | None) -> str:
        raise RuntimeError(f"no signature for {tag}")

    with pytest.raises(RuntimeError, match="no signature for"):
        page_walk(b'<html><body><p class="never-seen-before">a</p></body></html>', BLOCK_TAGS, SKIP_TAGS, failing)
    assert page_texts(b"<html><body><p>a</p><p>b</p></body></html>").texts == ["a", "b"]


def test_pages_walked_from_several_threads_at_once_get_their_own_blocks() -> None:
    import sys
    from concurrent.futures import ThreadPoolExecutor

    # classes never seen before call the Python `_signature` inside a walk, where threads switch
    pages = [
        f'<html><head><title>T{i}</title></head><body><div class="unseen-{i}"><p>page {i}</p>'
        + "".join(f'<p class="unseen-{i}-{j}">block {i} {j}</p>' for j in range(i % 5)) + "</div></body></html>"
        for i in range(300)
    ]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            walked = list(pool.map(page_texts, pages))
    finally:
        sys.setswitchinterval(interval)
    assert walked == [page_texts_from_tree(page) for page in pages]  # after: the tree walk would fill the signature table


@pytest.mark.skipif(not (NATIVE_WALK and EVENTS), reason="the compiled walks were not built (no C compiler at install time)")
def test_walks_inside_a_signature_call_leave_the_outer_walk_whole() -> None:
    """Python code inside a walk (the `signature` call for a new tag and class) may walk other
    pages, as another thread can: the compiled tables then grow, and past their limit (200,000
    signatures, `_cwalk.MAX_SIGNATURES`) a walk starting would empty them while the outer walk
    still uses their entries."""
    from dedup._cwalk import page_walk, walk

    crowded = "<html><body>" + "".join(f'<i class="grow{n}">x</i>' for n in range(200_010)) + "</body></html>"

    def outer_page(marker: str) -> str:
        return f'<html><body><div class="ring"><div class="{marker}"><p class="x">a</p></div></div><p class="after">b</p></body></html>'

    def signature_walking_inside(marker: str) -> object:
        def signature(tag: str, classes: str | None) -> str:
            if classes == marker:
                for _ in range(2):  # the first fills the tables past their limit, the second starts with them full
                    assert page_texts(crowded).texts == ["x" * 200_010]
            return _signature(tag, classes)
        return signature

    expected = page_texts_from_tree(outer_page("marker-expected"))
    on_events = page_walk(outer_page("marker-events").encode(), BLOCK_TAGS, SKIP_TAGS, signature_walking_inside("marker-events"))
    on_tree = walk(parse_html(outer_page("marker-tree")).find("body"), BLOCK_TAGS, SKIP_TAGS, signature_walking_inside("marker-tree"))
    def unmarked(texts: list[str], contexts: list[str], marker: str) -> tuple[list[str], list[str]]:
        return texts, [c.replace(marker, "marker") for c in contexts]

    assert unmarked(*on_events[:2], "marker-events") == unmarked(*on_tree[:2], "marker-tree") == unmarked(expected.texts, expected.contexts, "marker-expected")
