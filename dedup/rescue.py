"""Pages the learned rules would empty get back the blocks that carry their own content.

An article page with no block left means the rules learned something wrong for it (sites merged
into one outlet, a story mistaken for template, versions of one story split). Of the blocks
that learned rules removed, it keeps those that repeat in fewer than `min_stories` distinct
stories (content, by the key insight), and of those that read as content (a sentence of prose,
or words of the page's title) the ones with the weakest evidence against them: the fewest
distinct stories. Each such page is listed with the rules that had removed its blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .normalize import words
from .related import title_words
from .shapes import has_sentence_end

#: A sentence of prose: this many words at least, ending in a full stop, question or exclamation mark.
MIN_SENTENCE_WORDS = 4


def _reads_as_content(key: str, title: set[str]) -> bool:
    """A normalised block text with a sentence of prose, or with a word of the title."""
    tokens = words(key)
    return (len(tokens) >= MIN_SENTENCE_WORDS and has_sentence_end(key)) or bool(title & set(tokens))


@dataclass(frozen=True)
class Rescued:
    """A page the rules would have emptied: its number, the rules (positions in the rule set)
    that removed its blocks, and how many blocks it keeps."""

    page: int
    rules: tuple[int, ...]
    kept: int


def rescue_emptied(
    verdicts: np.ndarray,
    offsets: np.ndarray,
    story_support: np.ndarray,
    min_stories: int,
    learned_rule: np.ndarray,
    keys: Sequence[str],
    titles: Sequence[str],
) -> tuple[np.ndarray, list[Rescued]]:
    """`verdicts` (rule position per block occurrence, -1 kept) with emptied pages rescued.

    `story_support`: distinct stories of each occurrence's fragment group; `learned_rule[r]`:
    whether rule r was learned (blocks removed by given rules stay removed); `keys[i]`: the
    normalised text of occurrence i (looked up for emptied pages only); `titles[page]`.
    """
    sizes = np.diff(offsets)
    page_of = np.repeat(np.arange(len(sizes)), sizes)
    kept_per_page = np.bincount(page_of[verdicts < 0], minlength=len(sizes))
    emptied = np.flatnonzero((sizes > 0) & (kept_per_page == 0))
    if not len(emptied):
        return verdicts, []
    verdicts = verdicts.copy()
    rescued = []
    for page in emptied.tolist():
        start, stop = int(offsets[page]), int(offsets[page + 1])
        page_verdicts = verdicts[start:stop]
        by_learned = learned_rule[page_verdicts]
        support = story_support[start:stop]
        title = title_words(titles[page])
        content = by_learned & np.fromiter((_reads_as_content(keys[i], title) for i in range(start, stop)), dtype=bool, count=stop - start)
        back = by_learned & (support < min_stories)
        if content.any():
            back |= content & (support == support[content].min())
        rules = tuple(sorted(set(page_verdicts.tolist())))
        page_verdicts[back] = -1
        rescued.append(Rescued(page, rules, int(back.sum())))
    return verdicts, rescued
