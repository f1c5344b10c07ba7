"""The single-page extractor: keep the article blocks of one page by DOM heuristics (lxml only).

1. Score: a block is *prose* when it has enough words outside links.
2. Container: the deepest element that holds most of the page's prose outside furniture
   (navigation, comments, sharing, related links...), preferring one marked as the article.
3. Keep: inside the container, blocks that are not furniture and not link lists; short
   blocks only between prose blocks (captions, sub-headings), not around them.
Every dropped block gets a reason, for `--explain`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .extract_dom import DomBlock, is_furniture

#: Link-text share above which a block is a link (list) rather than text.
MAX_LINK_DENSITY = 0.5
#: Share of the page's prose the chosen container must hold.
CONTAINER_SHARE = 0.75
#: Weight of prose in furniture-marked boxes when choosing the container (comments are prose too).
FURNITURE_WEIGHT = 0.25
#: A furniture-marked element holding this share of the container's prose is a wrapper, not furniture.
FURNITURE_SHARE = 0.5
#: Short blocks at most this many blocks away from prose still count as inside the text.
SHORT_REACH = 2
_WORD = re.compile(r"\w+")
_HEADINGS = frozenset("h2 h3 h4 h5 h6".split())


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether one block is kept, and if not, why."""

    keep: bool
    reason: str = ""


def _prose_words(block: DomBlock) -> int:
    if block.link_density > 0.3:
        return 0
    return len(_WORD.findall(block.text)) - round(len(_WORD.findall(block.text)) * block.link_density)


def _container(blocks: list[DomBlock], prose: list[int]) -> tuple[etree._Element | None, dict[etree._Element, float]]:
    """The deepest element holding CONTAINER_SHARE of the prose, and the prose each element holds."""
    held: dict[etree._Element, float] = {}
    depth: dict[etree._Element, int] = {}
    total = 0
    for block, count in zip(blocks, prose):
        if not count:
            continue
        words = count if not block.furniture else count * FURNITURE_WEIGHT
        total += words
        chain = [block.element, *block.element.iterancestors()]
        for level, el in enumerate(reversed(chain)):
            held[el] = held.get(el, 0) + words
            depth[el] = level
    if not total:
        return None, held
    enough = [el for el, n in held.items() if n >= CONTAINER_SHARE * total]
    return max(enough, key=lambda el: depth[el]), held


def _inside(el: etree._Element, container: etree._Element) -> bool:
    return el is container or any(a is container for a in el.iterancestors())


def _furniture_below(el: etree._Element, container: etree._Element, held: dict[etree._Element, float]) -> bool:
    """Furniture marks between a block and its container; marks above the container, or on an
    element holding most of the container's prose (a mislabelled wrapper), don't count."""
    limit = FURNITURE_SHARE * held.get(container, 0)
    for node in (el, *el.iterancestors()):
        if node is container:
            return False
        if is_furniture(node) and held.get(node, 0) < limit:
            return True
    return False


def judge_blocks(blocks: list[DomBlock]) -> list[Verdict]:
    """One verdict per block: kept as article text, or dropped with a reason."""
    prose = [_prose_words(b) for b in blocks]
    container, held = _container(blocks, prose)
    if container is None:
        return [Verdict(False, "no prose on the page")] * len(blocks)
    verdicts: list[Verdict] = []
    for block in blocks:
        if not _inside(block.element, container):
            verdicts.append(Verdict(False, "outside the article container"))
        elif _furniture_below(block.element, container, held):
            verdicts.append(Verdict(False, "in a navigation, comment, sharing or related-links box"))
        elif block.link_density > MAX_LINK_DENSITY:
            verdicts.append(Verdict(False, f"link text ({block.link_density:.0%} of the block)"))
        else:
            verdicts.append(Verdict(True))
    return _trim_short(blocks, prose, verdicts)


def _trim_short(blocks: list[DomBlock], prose: list[int], verdicts: list[Verdict]) -> list[Verdict]:
    """Drop kept short blocks that are not near kept prose (bylines, share bars, teaser heads)."""
    kept_prose = [i for i, v in enumerate(verdicts) if v.keep and prose[i]]
    if not kept_prose:
        return [Verdict(False, "no prose in the article container") if v.keep else v for v in verdicts]
    first, last = kept_prose[0], kept_prose[-1]
    out = list(verdicts)
    for i, verdict in enumerate(verdicts):
        if not verdict.keep or prose[i]:
            continue
        ahead = blocks[i].tag in _HEADINGS and first - SHORT_REACH <= i
        if not (first <= i <= last or ahead):
            out[i] = Verdict(False, "short block outside the text")
    return out
