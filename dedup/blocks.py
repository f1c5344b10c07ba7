"""HTML to ordered text blocks with their DOM context, parsed once with lxml."""

from __future__ import annotations

from dataclasses import dataclass

import re

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


class _Contexts:
    """DOM contexts (own and two ancestors' `tag.class` signatures), memoised per page."""

    def __init__(self) -> None:
        self._signatures: dict[tuple[str, str], str] = {}

    def signature(self, el: etree._Element) -> str:
        key = (el.tag, el.get("class") or "")
        found = self._signatures.get(key)
        if found is None:
            classes = sorted(c for c in key[1].split() if not _HAS_DIGIT.search(c))
            found = self._signatures[key] = ".".join([key[0], *classes[:3]])
        return found

    def of(self, el: etree._Element) -> str:
        parts = [self.signature(el)]
        for ancestor in el.iterancestors():
            parts.append(self.signature(ancestor))
            if len(parts) == 3:
                break
        return ">".join(reversed(parts))


def _meta(root: etree._Element, prop: str) -> str:
    for el in root.iterfind(f".//meta[@property='{prop}']"):
        return fold_whitespace(el.get("content") or "")
    return ""


def _walk(root: etree._Element) -> list[tuple[str, etree._Element]]:
    """Split the tree into (text, block element) pairs, iteratively (no recursion limit).

    `parts` collects the text of the innermost open block element; a block element's start and
    end both close the text before them. Leaves are handled without a stack frame.
    """
    blocks: list[tuple[str, etree._Element]] = []
    parts: list[str] = [root.text or ""]
    owners = [root]
    stack = [iter(root)]
    elements = [root]

    def flush(owner: etree._Element) -> None:
        if parts:
            text = " ".join("".join(parts).split())
            parts.clear()
            if text:
                blocks.append((text, owner))

    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            el = elements.pop()
            if el.tag in BLOCK_TAGS or el is root:
                flush(owners.pop())
            if stack and el.tail:
                parts.append(el.tail)
            continue
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS:
            if child.tail:
                parts.append(child.tail)
            continue
        block = tag in BLOCK_TAGS
        if block:
            flush(owners[-1])
        elif tag == "br":
            parts.append(" ")
        if len(child):
            if block:
                owners.append(child)
            if child.text:
                parts.append(child.text)
            elements.append(child)
            stack.append(iter(child))
            continue
        if child.text:
            parts.append(child.text)
        if block:
            flush(child)
        if child.tail:
            parts.append(child.tail)
    return blocks


def extract_blocks(html: str | bytes) -> PageDoc:
    """Headline and body blocks of one page; the headline `h1` is not a body block."""
    root = parse_html(html)
    if root is None:
        return PageDoc(title="", blocks=())
    body = root.find("body")
    pairs = _walk(body if body is not None else root)
    headline_index = next((i for i, (_, el) in enumerate(pairs) if el.tag == "h1"), None)
    title = pairs[headline_index][0] if headline_index is not None else ""
    if not title:
        title = _meta(root, "og:title") or fold_whitespace(root.findtext(".//title") or "")
    contexts = _Contexts()
    blocks = tuple(Block(text, contexts.of(el)) for i, (text, el) in enumerate(pairs) if i != headline_index)
    return PageDoc(title=title, blocks=blocks)
