"""Text blocks with the DOM features a single-page extractor needs (link text, container hints).

A separate walk from `blocks.extract_blocks` (which stays as it is): each block keeps its
element, its share of link text, and whether it sits in a container whose tag, class or id
says navigation, comments, sharing, related links and the like.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from .blocks import BLOCK_TAGS, SKIP_TAGS
from .normalize import fold_whitespace

#: Tags whose subtree is page furniture, never article text.
FURNITURE_TAGS = frozenset("nav footer aside menu dialog".split())
#: Class or id words of boilerplate containers (matched on word parts: `post-comments`, `shareBar`).
_NEGATIVE = re.compile(
    r"comment|share|sharing|social|related|sidebar|widget|cookie|consent|newsletter|breadcrumb|"
    r"footer|navbar|navigation|menu|banner|advert|sponsor|promo|recommend|subscribe|paywall|"
    r"pagination|pager|toolbar|popup|modal|skip|teaser|outbrain|taboola|disqus|rating|"
    r"author-?info|author-?box|tagcloud|tag-?list|meta-?data|print|signup|login",
    re.IGNORECASE,
)
#: Class or id words of article containers.
_POSITIVE = re.compile(r"article|content|entry|post|story|text|body|main|blog|news|beitrag|artikel|inhalt", re.IGNORECASE)
#: Inline-style or attribute marks of content the reader never sees.
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DomBlock:
    """One text block of a page with the features the extractor scores."""

    text: str
    tag: str
    link_chars: int
    element: etree._Element
    furniture: bool
    positive: bool

    @property
    def link_density(self) -> float:
        """Share of the block's characters inside links."""
        return min(1.0, self.link_chars / len(self.text)) if self.text else 0.0


#: Page-level wrappers whose classes describe the page (`comments-open`), not themselves.
_WRAPPERS = frozenset("html body article main".split())
#: Class words that state a page option rather than a role (`has-sidebar`, `no-comments`).
_OPTION = re.compile(r"^(has|no|with|without|show|hide|is)[-_]", re.IGNORECASE)


def is_furniture(el: etree._Element) -> bool:
    """Whether an element looks like navigation, comments, sharing, related links or a footer."""
    return _furniture_key(el.tag, el.get("class"), el.get("id"), el.get("role"))


@lru_cache(maxsize=65536)
def _furniture_key(tag: str, cls: str | None, ident: str | None, role: str | None) -> bool:
    if tag in _WRAPPERS:
        return False
    if tag in FURNITURE_TAGS or role in ("navigation", "contentinfo", "complementary"):
        return True
    return any(_NEGATIVE.search(w) for w in f"{cls or ''} {ident or ''}".split() if not _OPTION.match(w))


def is_hidden(el: etree._Element) -> bool:
    """Whether an element is hidden from the reader by attribute or inline style."""
    return el.get("hidden") is not None or el.get("aria-hidden") == "true" or bool(_HIDDEN_STYLE.search(el.get("style") or ""))


def is_positive(el: etree._Element) -> bool:
    """Whether an element is marked up as the article (`article`, `main`, articleBody, content classes)."""
    if el.tag in ("article", "main") or el.get("itemprop") == "articleBody":
        return True
    return _positive_key(el.get("class"), el.get("id"))


@lru_cache(maxsize=65536)
def _positive_key(cls: str | None, ident: str | None) -> bool:
    return any(_POSITIVE.search(w) for w in f"{cls or ''} {ident or ''}".split() if not _OPTION.match(w))


@dataclass(slots=True)
class _Frame:
    """An open element during the walk."""

    element: etree._Element
    children: Iterator[etree._Element]
    owns: bool
    furniture: bool
    positive: bool
    in_link: bool


class _Collector:
    """Accumulates inline text and link characters until the owning block element closes."""

    def __init__(self) -> None:
        self.blocks: list[DomBlock] = []
        self.parts: list[str] = []
        self.link_chars = 0

    def add(self, text: str | None, in_link: bool) -> None:
        if text:
            self.parts.append(text)
            if in_link:
                self.link_chars += len(fold_whitespace(text))

    def flush(self, frame: _Frame) -> None:
        text = fold_whitespace("".join(self.parts))
        if text:
            self.blocks.append(DomBlock(text, frame.element.tag, self.link_chars, frame.element, frame.furniture, frame.positive))
        self.parts = []
        self.link_chars = 0


def dom_blocks(body: etree._Element) -> list[DomBlock]:
    """The text blocks under `body` in document order, hidden and script-like elements skipped."""
    out = _Collector()
    frames = [_Frame(body, iter(body), True, is_furniture(body), is_positive(body), False)]
    owners = [frames[0]]
    out.add(body.text, False)
    while frames:
        frame = frames[-1]
        child = next(frame.children, None)
        if child is None:
            frames.pop()
            if frame.owns:
                out.flush(owners.pop())
            if frames:
                out.add(frame.element.tail, frames[-1].in_link)
            continue
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS or is_hidden(child):
            out.add(child.tail, frame.in_link)
            continue
        in_link = frame.in_link or tag == "a"
        new = _Frame(child, iter(child), tag in BLOCK_TAGS, frame.furniture or is_furniture(child), frame.positive or is_positive(child), in_link)
        if new.owns:
            out.flush(owners[-1])
            owners.append(new)
        elif tag == "br":
            out.add(" ", frame.in_link)
        out.add(child.text, in_link)
        frames.append(new)
    return out.blocks


@lru_cache(maxsize=65536)
def _signature(tag: str, cls: str | None) -> str:
    classes = sorted(c for c in (cls or "").split() if not any(ch.isdigit() for ch in c))
    return ".".join([tag, *classes[:3]])


def context_of(el: etree._Element) -> str:
    """The DOM context of a block element: its own and two ancestors' `tag.class` signatures."""
    chain = [el]
    for ancestor in el.iterancestors():
        chain.append(ancestor)
        if len(chain) == 3:
            break
    return ">".join(_signature(node.tag, node.get("class")) for node in reversed(chain))


def page_title(root: etree._Element) -> str:
    """The headline: the first `h1`, else `og:title`, else `<title>`."""
    for path in (".//h1", ".//meta[@property='og:title']", ".//title"):
        for el in root.iterfind(path):
            text = fold_whitespace((el.get("content") or "") if el.tag == "meta" else "".join(el.itertext()))
            if text:
                return text
    return ""
