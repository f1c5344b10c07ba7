"""HTML to ordered text blocks with their DOM context, parsed once with lxml."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from lxml import etree

from .normalize import fold_whitespace

#: Elements that start a new text block; everything else is inline and joins its block.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav "
    "ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
#: Elements whose text is never shown as page text.
SKIP_TAGS = frozenset(
    "script style noscript template head title svg math iframe object embed canvas video audio "
    "button select option textarea input".split()
)

try:
    from ._cwalk import EVENTS, TextIds, page_walk as _event_walk, walk as _native_walk
except ImportError:  # not compiled (no C compiler when installed): the Python walk does the work
    EVENTS, TextIds, _event_walk, _native_walk = False, None, None, None
#: Whether the compiled block walk is in use.
NATIVE_WALK = _native_walk is not None

_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
_HAS_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Block:
    """One text block: its white-space-folded text and where it sits (`parent>own` tag.class)."""

    text: str
    context: str


@dataclass(frozen=True, slots=True)
class PageDoc:
    """A page reduced to its headline and its body text blocks in document order."""

    title: str
    blocks: tuple[Block, ...]


def parse_html(html: str | bytes) -> etree._Element | None:
    """Parse a page with lxml; None for a page with no parsable content."""
    data = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    if not data.strip():
        return None
    try:
        return etree.fromstring(data, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


_SIGNATURES: dict[tuple[str, str | None], str] = {}
#: Signatures memoised across pages are dropped beyond this many (distinct tag/class pairs).
_MAX_SIGNATURES = 200_000


def _signature(tag: str, classes: str | None) -> str:
    """`tag.class1.class2.class3`: up to three sorted classes, classes with digits left out."""
    key = (tag, classes)
    found = _SIGNATURES.get(key)
    if found is None:
        if len(_SIGNATURES) >= _MAX_SIGNATURES:
            _SIGNATURES.clear()
        kept = sorted(c for c in (classes or "").split() if not _HAS_DIGIT.search(c))
        found = _SIGNATURES[key] = ".".join([tag, *kept[:3]])
    return found


def _meta(root: etree._Element, prop: str) -> str:
    for el in root.iterfind(f".//meta[@property='{prop}']"):
        return fold_whitespace(el.get("content") or "")
    return ""


@dataclass(slots=True)
class PageTexts:
    """A page's blocks as parallel lists (cheap to build and to send between processes)."""

    title: str
    texts: list[str]
    contexts: list[str]


def _walk(root: etree._Element) -> tuple[list[str], list[str], int]:
    """Block texts, contexts and the first h1 block of the tree below `root` (see `_walk_python`),
    by the compiled walk when it was built, which gives the same result about twice as fast."""
    if _native_walk is None:
        return _walk_python(root)
    return _native_walk(root, BLOCK_TAGS, SKIP_TAGS, _signature)


def _walk_python(root: etree._Element) -> tuple[list[str], list[str], int]:
    """Split the tree into block texts and their contexts, iteratively (no recursion limit).

    `parts` collects the text of the innermost open block element; a block element's start and
    end both close the text before them. A block's context is its own signature and its two
    ancestors', read off the stack of open elements. Returns texts, contexts and the index of
    the first `h1` block (-1 if none).
    """
    texts: list[str] = []
    contexts: list[str] = []
    headline = -1
    parts: list[str] = []
    path = [_signature(a.tag, a.get("class")) for a in root.iterancestors()][:2][::-1]
    owners: list[tuple[str, bool]] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        shown = tag.__class__ is str and tag not in SKIP_TAGS
        if event == "start":
            if not shown:
                walker.skip_subtree()
                continue
            own = _signature(tag, el.get("class"))
            if tag in BLOCK_TAGS or el is root:
                owner = owners[-1] if owners else None
                owners.append((">".join([*path[-2:], own]), tag == "h1"))
            else:
                owner = None
                if tag == "br":
                    parts.append(" ")
            path.append(own)
            text = el.text
        else:
            owner, text = None, None
            if shown:
                path.pop()
                if tag in BLOCK_TAGS or el is root:
                    owner = owners.pop()
            if el is not root:
                text = el.tail
        if owner is not None and parts:  # a block boundary closes the text collected so far
            joined = "".join(parts)
            parts.clear()
            if not joined.isspace():
                if owner[1] and headline < 0:
                    headline = len(texts)
                texts.append(" ".join(joined.split()))
                contexts.append(owner[0])
        if text:
            parts.append(text)
    return texts, contexts, headline


def page_texts(html: str | bytes) -> PageTexts:
    """Headline and body block texts of one page; the headline `h1` is not a body block.

    Most pages are walked on libxml2's parse events without building a tree (`_cwalk.page_walk`);
    the others, and every page when that is not available, on the tree lxml builds."""
    if EVENTS:
        data = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
        found = _event_walk(data, BLOCK_TAGS, SKIP_TAGS, _signature) if data.strip() else ([], [], -1, None, None)
        if found is not None:
            texts, contexts, headline, og_title, first_title = found
            return _with_title(texts, contexts, headline, lambda: fold_whitespace(og_title or "") or fold_whitespace(first_title or ""))
    return page_texts_from_tree(html)


class TextNumbering(Protocol):
    """Block texts numbered in order of first sight (`dedup._cwalk.TextIds`, or a dict's version)."""

    def ids_of(self, texts: list[str]) -> list[int]: ...

    def take_new(self) -> list[str]: ...


@dataclass(slots=True)
class NumberedPage:
    """A page's title, and its blocks as text numbers and contexts."""

    title: str
    ids: list[int]
    contexts: list[str]


def numbered_page_texts(html: str | bytes, numbering: TextNumbering) -> NumberedPage:
    """`page_texts` with the block texts numbered by `numbering`; the compiled event walk numbers
    them by their bytes when `numbering` is its `TextIds`, making a `str` only of a new text."""
    if EVENTS and TextIds is not None and isinstance(numbering, TextIds):
        data = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
        found = _event_walk(data, BLOCK_TAGS, SKIP_TAGS, _signature, numbering) if data.strip() else ([], [], None, None, None)
        if found is not None:
            ids, contexts, headline, og_title, first_title = found
            return NumberedPage(headline or fold_whitespace(og_title or "") or fold_whitespace(first_title or ""), ids, contexts)
        page = page_texts_from_tree(html)
    else:
        page = page_texts(html)
    return NumberedPage(page.title, numbering.ids_of(page.texts), page.contexts)


def _with_title(texts: list[str], contexts: list[str], headline: int, fallback: Callable[[], str]) -> PageTexts:
    """The page's texts with the first h1 block taken out as its title (else `fallback()`)."""
    title = ""
    if headline >= 0:
        title = texts.pop(headline)
        del contexts[headline]
    return PageTexts(title or fallback(), texts, contexts)


def page_texts_from_tree(html: str | bytes) -> PageTexts:
    """`page_texts` by walking the tree lxml builds."""
    root = parse_html(html)
    if root is None:
        return PageTexts("", [], [])
    body = root.find("body")
    texts, contexts, headline = _walk(body if body is not None else root)
    return _with_title(texts, contexts, headline, lambda: _meta(root, "og:title") or fold_whitespace(root.findtext(".//title") or ""))


def extract_blocks(html: str | bytes) -> PageDoc:
    """Headline and body blocks of one page; the headline `h1` is not a body block."""
    page = page_texts(html)
    return PageDoc(title=page.title, blocks=tuple(map(Block, page.texts, page.contexts)))
