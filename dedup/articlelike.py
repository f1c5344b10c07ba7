"""Whether a page reads as an article: enough prose sentences in one container.

Structure and counts only, no word lists: a paragraph is the text a block element shows itself
(nested blocks and hidden elements left out, `<br>` a space); a sentence is a run of at least
`MIN_WORDS` words ending in sentence punctuation. Nothing inside a link is prose, nor inside a
dialog (cookie and consent notices). A paragraph's sentences count for the element holding it,
or, past wrappers that hold nothing else, for the first ancestor that holds more. The page's
figures are those of the container with the most prose characters.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lxml import etree

from .blocks import BLOCK_TAGS, SKIP_TAGS

#: Words a sentence needs: shorter runs ("Mehr.", "Dr.", "1. FC") are not prose.
MIN_WORDS = 4
#: Sentences and prose characters the best container needs. Measured on the 726 real pages of
#: the trafilatura evaluation sets: 671 reach both, 20 of the 21 without `og:type`, `<article>`
#: and `<h1>` among them; of the others, 27 have a main text this short even by trafilatura's
#: extraction, the rest hold theirs in tables, slides, forum posts or sibling sections. No
#: section or home page of the embedded network gets past 2 sentences and 105 characters (4
#: and 511 if dialogs counted); its article pages have 6 and 458 at least.
MIN_SENTENCES = 5
MIN_CHARS = 400

#: Elements whose text is never prose; `<noscript>` is read (some pages hold their text there).
_HIDDEN = (SKIP_TAGS | {"dialog"}) - {"noscript"}
_DIALOG_ROLES = frozenset({"dialog", "alertdialog"})
_SENTENCE = re.compile(r"[^.!?…。！？]+[.!?…。！？]+[\"'»«“”„‘’)\]]*(?=\s|$)")
_WORD = re.compile(r"\w*[^\W\d_]\w*")


@dataclass(frozen=True, slots=True)
class Prose:
    """The prose of a page's best container: its sentences and their characters."""

    sentences: int
    chars: int

    @property
    def article_like(self) -> bool:
        return self.sentences >= MIN_SENTENCES and self.chars >= MIN_CHARS

    def __str__(self) -> str:
        return (
            f"{self.sentences:,} prose sentences, {self.chars:,} characters in the largest container;"
            f" an article needs {MIN_SENTENCES} and {MIN_CHARS:,}"
        )


def sentences(text: str) -> list[str]:
    """The sentences of a text: runs of `MIN_WORDS` words or more that end in sentence punctuation."""
    return [s for m in _SENTENCE.finditer(text) if len(_WORD.findall(s := m[0].strip())) >= MIN_WORDS]


def _hidden(el: etree._Element) -> bool:
    tag = el.tag
    return not isinstance(tag, str) or tag in _HIDDEN or el.get("role") in _DIALOG_ROLES


def _own_text(el: etree._Element) -> str:
    """The text a block element shows itself: without nested blocks, links and hidden elements."""
    parts = [el.text or ""]
    walker = etree.iterwalk(el, events=("start", "end", "comment", "pi"))
    next(walker)
    for event, node in walker:
        if node is el:
            break
        if event != "start":  # an element's end, or a comment or processing instruction
            parts.append(node.tail or "")
        elif _hidden(node) or node.tag in BLOCK_TAGS or node.tag == "a":
            walker.skip_subtree()
        else:
            parts.append(" " if node.tag == "br" else node.text or "")
    return "".join(parts)


def _container(el: etree._Element) -> etree._Element | None:
    """The element a block's prose counts for: its parent, past wrappers that hold nothing else."""
    parent = el.getparent()
    while parent is not None and parent.getparent() is not None and sum(not _hidden(c) for c in parent) == 1:
        parent = parent.getparent()
    return parent


def prose_of(root: etree._Element) -> Prose:
    """The sentences and prose characters of the container richest in prose below `root`."""
    counts: Counter[etree._Element] = Counter()
    chars: Counter[etree._Element] = Counter()
    walker = etree.iterwalk(root, events=("start",))
    for _, el in walker:
        if _hidden(el) or el.tag == "a":
            walker.skip_subtree()
            continue
        if el.tag not in BLOCK_TAGS:
            continue
        found = sentences(" ".join(_own_text(el).split()))
        container = _container(el) if found else None
        if container is not None:
            counts[container] += len(found)
            chars[container] += sum(map(len, found))
    if not chars:
        return Prose(0, 0)
    best, most = chars.most_common(1)[0]
    return Prose(counts[best], most)
