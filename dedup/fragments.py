"""Boilerplate fragments learned from the corpus.

A block's fragment is its normalised text; near-identical fragments (block-level LSH on
character shingles) form one group. A group seen in many distinct *stories* is boilerplate,
one seen only within a single story's versions is content (DESIGN.md, "The key insight").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .blocks import PageDoc
from .normalize import normalize, words
from .options import DedupOptions
from .rules import SLOT_WORDS, Rule
from .sketch import Sketcher
from .stories import cluster

#: Constant words of a learned prefix/suffix template, at most.
_TEMPLATE_WORDS = 3
#: A template generalises proven boilerplate: one of its slot values must itself occur in
#: `min_stories` stories, and its slot values must recur, on average in this many distinct
#: stories each. Bylines
#: (a reporter pool), credit lines and breadcrumbs reuse their slot values; short article
#: sentences that merely start alike ("Die ...") do not.
_SLOT_REUSE = 1.5
#: Headlines shorter than this many words are too generic to mark a block as a teaser.
_MIN_HEADLINE_WORDS = 4


@dataclass(frozen=True)
class FragmentIndex:
    """Every block occurrence of the corpus as integer ids, in page order."""

    keys: list[str]          # fragment id -> normalised text
    group: np.ndarray        # fragment id -> near-duplicate group id
    contexts: list[str]      # context id -> DOM context
    page: np.ndarray         # occurrence -> page
    fragment: np.ndarray     # occurrence -> fragment id
    context: np.ndarray      # occurrence -> context id
    offsets: np.ndarray      # page i owns occurrences offsets[i]:offsets[i + 1]


def _ids(values: Sequence[str], table: dict[str, int], names: list[str]) -> list[int]:
    out = []
    for value in values:
        index = table.get(value)
        if index is None:
            index = table[value] = len(names)
            names.append(value)
        out.append(index)
    return out


def build_index(docs: Sequence[PageDoc], sketcher: Sketcher, options: DedupOptions) -> FragmentIndex:
    """Number the fragments and contexts, and group near-identical fragments."""
    key_ids: dict[str, int] = {}
    keys: list[str] = []
    context_ids: dict[str, int] = {}
    contexts: list[str] = []
    fragment: list[int] = []
    context: list[int] = []
    lengths = []
    raw_ids: dict[str, int] = {}
    for doc in docs:
        for block in doc.blocks:
            found = raw_ids.get(block.text)
            if found is None:
                found = raw_ids[block.text] = _ids([normalize(block.text)], key_ids, keys)[0]
            fragment.append(found)
        context += _ids([b.context for b in doc.blocks], context_ids, contexts)
        lengths.append(len(doc.blocks))
    offsets = np.concatenate(([0], np.cumsum(lengths, dtype=np.int64)))
    shingles = [sketcher.char_shingles(key, options.fragment_ngram) for key in keys]
    signatures = sketcher.signatures(shingles)
    long_enough = np.flatnonzero(np.fromiter((len(k) >= 2 * options.fragment_ngram for k in keys), bool, len(keys)))
    group = np.asarray(cluster(signatures, sketcher, options.fragment_threshold, long_enough), dtype=np.int64)
    return FragmentIndex(
        keys=keys,
        group=group,
        contexts=contexts,
        page=np.repeat(np.arange(len(docs), dtype=np.int64), lengths),
        fragment=np.asarray(fragment, dtype=np.int64),
        context=np.asarray(context, dtype=np.int64),
        offsets=offsets,
    )


def _distinct_per(owner: np.ndarray, value: np.ndarray, size: int) -> np.ndarray:
    """For each owner id < size, how many distinct values occur with it."""
    if len(owner) == 0:
        return np.zeros(size, dtype=np.int64)
    pairs = np.unique(owner * (int(value.max()) + 1) + value)
    return np.bincount(pairs // (int(value.max()) + 1), minlength=size)


def template_occurrences(index: FragmentIndex, outlet_of_page: np.ndarray, options: DedupOptions) -> np.ndarray:
    """Occurrences of groups repeated on many pages of one outlet: template, before stories exist."""
    groups = index.group[index.fragment]
    outlets = outlet_of_page[index.page]
    n_outlets = int(outlet_of_page.max()) + 1 if len(outlet_of_page) else 1
    pages_per_group_outlet = _distinct_per(groups * n_outlets + outlets, index.page, len(index.keys) * n_outlets)
    return pages_per_group_outlet[groups * n_outlets + outlets] >= options.min_outlet_pages


@dataclass(frozen=True)
class Support:
    """Distinct stories and outlets in which each fragment group occurs."""

    stories: np.ndarray
    outlets: np.ndarray


def count_support(index: FragmentIndex, story_of_page: np.ndarray, outlet_of_page: np.ndarray) -> Support:
    """Count each group's support over distinct stories and distinct outlets."""
    groups = index.group[index.fragment]
    size = len(index.keys)
    return Support(
        stories=_distinct_per(groups, story_of_page[index.page], size),
        outlets=_distinct_per(groups, outlet_of_page[index.page], size),
    )


def text_rules(index: FragmentIndex, support: Support, options: DedupOptions) -> list[Rule]:
    """A text rule for every fragment whose group reaches `min_stories` distinct stories."""
    groups = index.group[np.unique(index.fragment)]
    used = np.unique(index.fragment)
    hot = used[support.stories[groups] >= options.min_stories]
    return [
        Rule("text", "*", index.keys[f], int(support.stories[index.group[f]]), int(support.outlets[index.group[f]]))
        for f in hot
    ]


def context_rules(
    index: FragmentIndex,
    removed: np.ndarray,
    story_of_page: np.ndarray,
    outlets: Sequence[str],
    outlet_of_page: np.ndarray,
    options: DedupOptions,
) -> list[Rule]:
    """Rules for DOM contexts of one outlet whose blocks are nearly all boilerplate already."""
    slot = outlet_of_page[index.page] * len(index.contexts) + index.context
    size = len(outlets) * len(index.contexts)
    total = np.bincount(slot, minlength=size)
    flagged = np.bincount(slot[removed], minlength=size)
    stories = _distinct_per(slot, story_of_page[index.page], size)
    chosen = np.flatnonzero(
        (total >= options.min_stories)
        & (flagged >= options.context_share * total)
        & (flagged < total)
        & (stories >= options.min_stories)
    )
    n = len(index.contexts)
    return [Rule("context", outlets[s // n], index.contexts[s % n], int(stories[s]), 1) for s in chosen]


def teaser_rules(index: FragmentIndex, titles: Sequence[str], story_of_page: np.ndarray) -> list[Rule]:
    """Text rules for blocks that quote the headline of a story other than their own."""
    by_first_words: dict[tuple[str, ...], list[tuple[str, int]]] = defaultdict(list)
    for page, title in enumerate(titles):
        tokens = words(normalize(title))
        if len(tokens) >= _MIN_HEADLINE_WORDS:
            by_first_words[tuple(tokens[:3])].append((" ".join(tokens), int(story_of_page[page])))
    rules = []
    for fragment, own_stories in _stories_of_fragments(index, story_of_page).items():
        tokens = words(index.keys[fragment])
        text = " ".join(tokens)
        for start in range(max(0, len(tokens) - _MIN_HEADLINE_WORDS + 1)):
            quoted = [s for headline, s in by_first_words.get(tuple(tokens[start : start + 3]), ()) if s not in own_stories and headline in text]
            if quoted:
                rules.append(Rule("text", "*", index.keys[fragment], len(own_stories), 0))
                break
    return rules


def _stories_of_fragments(index: FragmentIndex, story_of_page: np.ndarray) -> dict[int, set[int]]:
    stories: dict[int, set[int]] = defaultdict(set)
    for fragment, story in zip(index.fragment.tolist(), story_of_page[index.page].tolist()):
        stories[fragment].add(story)
    return stories


def slot_rules(index: FragmentIndex, story_of_page: np.ndarray, options: DedupOptions) -> list[Rule]:
    """Prefix/suffix templates with a short slot (`Text: <name>`, `<paper>/AP`) seen across stories."""
    templates: dict[tuple[str, tuple[str, ...]], dict[tuple[str, ...], set[int]]] = defaultdict(lambda: defaultdict(set))
    for fragment, stories in _stories_of_fragments(index, story_of_page).items():
        tokens = tuple(words(index.keys[fragment]))
        for n in range(1, min(_TEMPLATE_WORDS, len(tokens) - 1) + 1):
            if len(tokens) - n <= SLOT_WORDS:
                templates[("prefix", tokens[:n])][tokens[n:]] |= stories
                templates[("suffix", tokens[-n:])][tokens[:-n]] |= stories
    rules = []
    for (kind, constant), slots in templates.items():
        covered = set().union(*slots.values())
        reuse = sum(len(s) for s in slots.values()) / len(slots)
        proven = max(len(s) for s in slots.values()) >= options.min_stories
        if proven and len(slots) >= 2 and len(covered) >= options.min_stories and reuse >= _SLOT_REUSE:
            rules.append(Rule(kind, "*", " ".join(constant), len(covered), 0))  # type: ignore[arg-type]
    return rules
