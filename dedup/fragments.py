"""Boilerplate fragments learned from the corpus.

A block's fragment is its normalised text; near-identical short fragments (block-level LSH on
character shingles) form one group. A group seen in many distinct *stories* is boilerplate,
one seen only within a single story's versions is content (DESIGN.md, "The key insight").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .corpus import Corpus
from .normalize import normalize, words
from .options import DedupOptions
from .rules import SLOT_WORDS, Rule
from .sketch import Sketcher
from .stories import band_cluster

#: Constant words of a learned prefix/suffix template, at most.
_TEMPLATE_WORDS = 3
#: A template generalises proven boilerplate: one of its slot values must itself occur in
#: `min_stories` stories, and its slot values must recur, on average in this many distinct
#: stories each. Bylines (a reporter pool), credit lines and breadcrumbs reuse their slot
#: values; short article sentences that merely start alike ("Die ...") do not.
_SLOT_REUSE = 1.5
#: Fragments sketched in one numpy pass (bounds the pass to about 100 MB).
_SKETCH_BATCH = 20_000
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
    short: dict[int, tuple[str, ...]]   # fragment id -> words, for fragments a template can match
    quotes: dict[int, list[int]]        # fragment id -> pages whose headline it quotes


def _headline_quotes(keys: Sequence[str], titles: Sequence[str]) -> dict[int, list[int]]:
    """Fragments that contain the headline of some page (as a run of whole words), with those pages.

    Headlines are indexed by their words; each fragment position looks up only the headline
    lengths that start with its next three words, so the cost grows with the text, not with
    the number of headlines.
    """
    pages_of: dict[tuple[str, ...], list[int]] = defaultdict(list)
    lengths: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for page, title in enumerate(titles):
        tokens = tuple(words(normalize(title)))
        if len(tokens) >= _MIN_HEADLINE_WORDS:
            pages_of[tokens].append(page)
            lengths[tokens[:3]].add(len(tokens))
    quotes: dict[int, list[int]] = {}
    for fragment, key in enumerate(keys):
        tokens = tuple(words(key))
        found = [
            page
            for start in range(max(0, len(tokens) - _MIN_HEADLINE_WORDS + 1))
            for n in lengths.get(tokens[start : start + 3], ())
            for page in pages_of.get(tokens[start : start + n], ())
        ]
        if found:
            quotes[fragment] = found
    return quotes


def near_duplicate_groups(keys: Sequence[str], options: DedupOptions) -> np.ndarray:
    """Group id of every fragment; near-identical short fragments share one.

    Members are sketched in the order of their texts, not of first sight, so the groups do not
    depend on the order of the pages.
    """
    sketcher = Sketcher(options.fragment_num_perm, options.seed)
    members = np.array(
        sorted((i for i, k in enumerate(keys) if 2 * options.fragment_ngram <= len(k) <= options.fragment_max_chars), key=keys.__getitem__),
        dtype=np.int64,
    )
    signatures = np.empty((len(members), sketcher.num_perm), dtype=np.uint32)
    for start in range(0, len(members), _SKETCH_BATCH):
        batch = [keys[i] for i in members[start : start + _SKETCH_BATCH].tolist()]
        signatures[start : start + len(batch)] = sketcher.signatures_flat(*sketcher.char_shingle_sets(batch, options.fragment_ngram))
    group = np.arange(len(keys), dtype=np.int64)
    group[members] = members[band_cluster(signatures, options.fragment_threshold)]
    return group


def build_index(corpus: Corpus, options: DedupOptions) -> FragmentIndex:
    """Group near-identical fragments, find headline quotes and template candidates."""
    arrays = corpus.arrays()
    keys = corpus.keys
    short = {}
    for fragment, key in enumerate(keys):
        if key.count(" ") < _TEMPLATE_WORDS + SLOT_WORDS:
            tokens = tuple(words(key))
            if 2 <= len(tokens) <= _TEMPLATE_WORDS + SLOT_WORDS:
                short[fragment] = tokens
    return FragmentIndex(
        keys=keys,
        group=near_duplicate_groups(keys, options),
        contexts=corpus.contexts,
        page=arrays.page,
        fragment=arrays.fragment,
        context=arrays.context,
        offsets=arrays.offsets,
        short=short,
        quotes=_headline_quotes(keys, [p.title for p in corpus.pages]),
    )


def _distinct_per(owner: np.ndarray, value: np.ndarray, size: int) -> np.ndarray:
    """For each owner id < size, how many distinct values occur with it."""
    if len(owner) == 0:
        return np.zeros(size, dtype=np.int64)
    base = int(value.max()) + 1
    pairs = np.unique(owner * base + value)
    return np.bincount(pairs // base, minlength=size)


def template_occurrences(index: FragmentIndex, outlet_of_page: np.ndarray, options: DedupOptions) -> np.ndarray:
    """Occurrences of groups repeated on many pages of one outlet: template, before stories exist."""
    groups = index.group[index.fragment]
    outlets = outlet_of_page[index.page]
    n_outlets = int(outlet_of_page.max()) + 1 if len(outlet_of_page) else 1
    slot = groups * n_outlets + outlets
    slots, inverse = np.unique(slot, return_inverse=True)
    pages = _distinct_per(inverse, index.page, len(slots))
    return pages[inverse] >= options.min_outlet_pages


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
    used = np.unique(index.fragment)
    hot = used[support.stories[index.group[used]] >= options.min_stories]
    return [
        Rule("text", "*", index.keys[f], int(support.stories[index.group[f]]), int(support.outlets[index.group[f]]))
        for f in hot.tolist()
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
    slots, inverse = np.unique(slot, return_inverse=True)
    total = np.bincount(inverse, minlength=len(slots))
    flagged = np.bincount(inverse[removed], minlength=len(slots))
    stories = _distinct_per(inverse, story_of_page[index.page], len(slots))
    chosen = np.flatnonzero(
        (total >= options.min_stories)
        & (flagged >= options.context_share * total)
        & (flagged < total)
        & (stories >= options.min_stories)
    )
    n = len(index.contexts)
    return [Rule("context", outlets[int(slots[s]) // n], index.contexts[int(slots[s]) % n], int(stories[s]), 1) for s in chosen.tolist()]


def _stories_of(index: FragmentIndex, story_of_page: np.ndarray, fragments: Sequence[int]) -> dict[int, set[int]]:
    """The distinct stories of the given fragments (one pass over the occurrences)."""
    wanted = np.zeros(len(index.keys), dtype=bool)
    wanted[list(fragments)] = True
    mask = wanted[index.fragment]
    stories: dict[int, set[int]] = defaultdict(set)
    for fragment, story in zip(index.fragment[mask].tolist(), story_of_page[index.page[mask]].tolist()):
        stories[fragment].add(story)
    return stories


def teaser_rules(index: FragmentIndex, story_of_page: np.ndarray) -> list[Rule]:
    """Text rules for blocks that quote the headline of a story other than their own."""
    rules = []
    for fragment, own in _stories_of(index, story_of_page, list(index.quotes)).items():
        if any(int(story_of_page[page]) not in own for page in index.quotes[fragment]):
            rules.append(Rule("text", "*", index.keys[fragment], len(own), 0))
    return rules


def slot_rules(index: FragmentIndex, story_of_page: np.ndarray, options: DedupOptions) -> list[Rule]:
    """Prefix/suffix templates with a short slot (`Text: <name>`, `<paper>/AP`) seen across stories."""
    templates: dict[tuple[str, tuple[str, ...]], dict[tuple[str, ...], set[int]]] = defaultdict(lambda: defaultdict(set))
    for fragment, stories in _stories_of(index, story_of_page, list(index.short)).items():
        tokens = index.short[fragment]
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
