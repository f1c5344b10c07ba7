"""Prose repeated only among related stories is content, not boilerplate.

Boilerplate spreads over unrelated stories; background paragraphs, a cited statement or a fact
box repeat among the follow-ups of one topic. Two stories are related when their headlines
share a rare word: a word of four letters or more that the headlines of few stories of the
corpus use (a name, a place, a topic noun). A long fragment found only in stories that are all
related to each other is not made a rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np

from .arrays import distinct
from .normalize import normalize, words

#: Words shorter than this do not count as headline words (articles, prepositions).
MIN_TITLE_WORD = 4
#: Fragments with fewer words are never kept for being shared by related stories alone.
MIN_PROSE_WORDS = 15
#: Fragments in more stories than this are judged by their support alone.
RELATED_MAX_STORIES = 8
#: A headline word is rare when the headlines of at most this share of the stories use it
#: (and at least `RARE_MIN_STORIES`, so a small corpus still has rare words).
RARE_STORY_SHARE = 0.02
RARE_MIN_STORIES = 5


def title_words(title: str) -> set[str]:
    """The words of a headline that can tell its topic."""
    return {w for w in words(normalize(title)) if len(w) >= MIN_TITLE_WORD}


class HeadlineWords:
    """Every page's headline words as integer ids, made once per corpus."""

    def __init__(self, titles: Sequence[str]) -> None:
        ids: dict[str, int] = {}
        pages: list[int] = []
        found: list[int] = []
        for page, title in enumerate(titles):
            for word in title_words(title):
                pages.append(page)
                found.append(ids.setdefault(word, len(ids)))
        self.page = np.asarray(pages, dtype=np.int64)
        self.word = np.asarray(found, dtype=np.int64)
        self.n_words = len(ids)

    def rare_by_story(self, story_of_page: np.ndarray) -> dict[int, frozenset[int]]:
        """Each story's rare headline words (over the headlines of all its pages)."""
        if not len(self.word):
            return {}
        n_stories = int(story_of_page.max()) + 1
        pairs = distinct(story_of_page[self.page] * self.n_words + self.word)
        stories, found = pairs // self.n_words, pairs % self.n_words
        story_count = np.bincount(found, minlength=self.n_words)
        limit = max(RARE_MIN_STORIES, RARE_STORY_SHARE * n_stories)
        rare = story_count[found] <= limit
        by_story: dict[int, set[int]] = {}
        for story, word in zip(stories[rare].tolist(), found[rare].tolist()):
            by_story.setdefault(story, set()).add(word)
        return {story: frozenset(w) for story, w in by_story.items()}


def related_only(
    group_of_occurrence: np.ndarray,
    page_of_occurrence: np.ndarray,
    story_of_page: np.ndarray,
    candidates: np.ndarray,
    headlines: HeadlineWords,
) -> np.ndarray:
    """Of the `candidates` (group ids), those whose stories are all related to each other."""
    if not len(candidates):
        return candidates
    wanted = np.zeros(int(group_of_occurrence.max()) + 1, dtype=bool)
    wanted[candidates] = True
    occurs = np.flatnonzero(wanted[group_of_occurrence])
    n_stories = int(story_of_page.max()) + 1
    pairs = distinct(group_of_occurrence[occurs] * n_stories + story_of_page[page_of_occurrence[occurs]])
    stories_of: dict[int, list[int]] = {}
    for group, story in zip((pairs // n_stories).tolist(), (pairs % n_stories).tolist()):
        stories_of.setdefault(group, []).append(story)
    rare = headlines.rare_by_story(story_of_page)
    empty: frozenset[int] = frozenset()
    kept = [group for group, stories in stories_of.items()
            if all(rare.get(s, empty) & rare.get(t, empty) for s, t in combinations(stories, 2))]
    return np.asarray(sorted(kept), dtype=np.int64)
