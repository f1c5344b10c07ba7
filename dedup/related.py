"""Prose repeated only among related stories is content, not boilerplate.

Boilerplate spreads over unrelated stories; background paragraphs, a cited statement or a fact
box repeat among the follow-ups of one topic. Two stories are related when they share a rare
word: a word of four letters or more that the headlines of few stories of the corpus use (a
name, a place, a topic noun), in both headlines, or two such words of one's headline in the
other's text (the fragment in question left out). A long fragment found only in stories
that are related to each other (at least half of their pairs, and every story through
others) is not made a rule.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
import zlib
from collections import Counter
from itertools import combinations

import numpy as np

from .arrays import distinct, isin_sorted
from .normalize import normalize, words

#: Words shorter than this do not count as headline words (articles, prepositions).
MIN_TITLE_WORD = 4
#: Fragments with fewer words are never kept for being shared by related stories alone.
MIN_PROSE_WORDS = 15
#: Fragments in more stories than this are judged by their support alone.
RELATED_MAX_STORIES = 8
#: A headline word is rare when the headlines of at most this share of the stories use it
#: (or of `RARE_MIN_STORIES`, so a small corpus still has rare words, but never of more than
#: `RARE_MAX_SHARE` of them).
RARE_STORY_SHARE = 0.02
RARE_MIN_STORIES = 5
RARE_MAX_SHARE = 0.125
#: Stories whose headlines share no rare word are related when this many rare words of one's
#: headline are in the other's text (counted both ways).
TEXT_HITS = 2


def title_words(title: str) -> set[str]:
    """The words of a headline that can tell its topic."""
    return {w for w in words(normalize(title)) if len(w) >= MIN_TITLE_WORD}


#: Words in the texts of at least this share of the sampled pages are the language's own
#: (`nach`, `sagte`), never rare, however few headlines use them.
COMMON_SHARE = 0.25
#: Pages whose text words are sampled for that.
SAMPLED_PAGES = 400


def text_shares(urls: Sequence[str], text_words: Callable[[int], set[str]]) -> dict[str, float]:
    """The share of up to `SAMPLED_PAGES` pages, chosen by a hash of their URL (not by their
    order), whose text holds each word."""
    sample = sorted(range(len(urls)), key=lambda p: zlib.crc32(urls[p].encode("utf-8", "surrogatepass")))[:SAMPLED_PAGES]
    seen = Counter(word for page in sample for word in text_words(page))
    return {word: n / len(sample) for word, n in seen.items()}


class HeadlineWords:
    """Every page's headline words as integer ids (the language's common words left out), made
    once per corpus."""

    def __init__(self, titles: Sequence[str], in_texts: dict[str, float] | None = None) -> None:
        known: dict[str, set[str]] = {}
        by_page = [known[t] if t in known else known.setdefault(t, title_words(t)) for t in titles]  # versions share titles
        in_texts = in_texts or {}
        common = {w for w, share in in_texts.items() if share >= COMMON_SHARE}
        ids: dict[str, int] = {}
        pages: list[int] = []
        found: list[int] = []
        for page, words_ in enumerate(by_page):
            for word in words_ - common:
                pages.append(page)
                found.append(ids.setdefault(word, len(ids)))
        self.page = np.asarray(pages, dtype=np.int64)
        self.word = np.asarray(found, dtype=np.int64)
        self.n_words = len(ids)
        self.names = list(ids)

    def _rare(self, story_of_page: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(story, word) pairs of the headlines, and which words are rare."""
        n_stories = int(story_of_page.max()) + 1
        pairs = distinct(story_of_page[self.page] * self.n_words + self.word)
        stories, found = pairs // self.n_words, pairs % self.n_words
        story_count = np.bincount(found, minlength=self.n_words)
        limit = max(RARE_STORY_SHARE * n_stories, min(RARE_MIN_STORIES, n_stories * RARE_MAX_SHARE))
        return stories, found, story_count <= limit

    def rare_by_story(self, story_of_page: np.ndarray, wanted: np.ndarray) -> dict[int, frozenset[str]]:
        """The rare headline words (over the headlines of all its pages) of each `wanted` story."""
        if not len(self.word):
            return {}
        stories, found, rare = self._rare(story_of_page)
        keep = rare[found] & isin_sorted(stories, np.unique(wanted))
        by_story: dict[int, set[str]] = {}
        for story, word in zip(stories[keep].tolist(), found[keep].tolist()):
            by_story.setdefault(story, set()).add(self.names[word])
        return {story: frozenset(w) for story, w in by_story.items()}


def _connected(nodes: list[int], links: list[tuple[int, int]]) -> bool:
    """Whether the links join all the nodes."""
    reached, todo = {nodes[0]}, [nodes[0]]
    while todo:
        node = todo.pop()
        for a, b in links:
            other = b if a == node else a if b == node else None
            if other is not None and other not in reached:
                reached.add(other)
                todo.append(other)
    return len(reached) == len(nodes)


def related_only(
    group_of_occurrence: np.ndarray,
    page_of_occurrence: np.ndarray,
    story_of_page: np.ndarray,
    candidates: np.ndarray,
    headlines: Callable[[], HeadlineWords],
    page_words: Callable[[np.ndarray, frozenset[str]], dict[int, dict[str, int]]],
) -> np.ndarray:
    """Of the `candidates` (group ids), those whose stories are related to each other: at least
    half of their pairs, joining every story.

    `headlines()`: the corpus's `HeadlineWords` (made only when there are candidates);
    `page_words(pages, vocabulary)`: per page, each word of `vocabulary` in its text with the
    fragment group of the only block holding it, or -1 when several do (a group's own blocks do
    not count for it)."""
    if not len(candidates):
        return candidates
    wanted = np.zeros(int(group_of_occurrence.max()) + 1, dtype=bool)
    wanted[candidates] = True
    occurs = np.flatnonzero(wanted[group_of_occurrence])
    pages_of: dict[tuple[int, int], set[int]] = {}
    for group, page in zip(group_of_occurrence[occurs].tolist(), page_of_occurrence[occurs].tolist()):
        pages_of.setdefault((group, int(story_of_page[page])), set()).add(page)
    stories_of: dict[int, list[int]] = {}
    for group, story in sorted(pages_of):
        stories_of.setdefault(group, []).append(story)
    rare = headlines().rare_by_story(story_of_page, np.fromiter((s for _, s in pages_of), dtype=np.int64, count=len(pages_of)))
    wanted_words = frozenset().union(*(rare.get(s, frozenset()) for stories in stories_of.values() for s in stories))
    in_text = page_words(np.unique(page_of_occurrence[occurs]), wanted_words)
    empty: frozenset[str] = frozenset()
    kept = []
    nothing: dict[str, int] = {}
    for group, stories in stories_of.items():
        heads = {s: rare.get(s, empty) for s in stories}
        texts = {s: {w for p in pages_of[group, s] for w, only in in_text.get(p, nothing).items() if only != group}
                 for s in stories}
        linked = [(s, t) for s, t in combinations(stories, 2)
                  if heads[s] & heads[t] or len(heads[s] & texts[t]) + len(heads[t] & texts[s]) >= TEXT_HITS]
        if 2 * len(linked) >= len(stories) * (len(stories) - 1) // 2 and _connected(stories, linked):
            kept.append(group)
    return np.asarray(sorted(kept), dtype=np.int64)
