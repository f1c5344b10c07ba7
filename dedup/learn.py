"""The corpus loop: cluster pages into stories, learn fragments, clean, re-cluster."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .blocks import PageDoc
from .clean import Cleaned, RuleSet, clean_blocks
from .fragments import build_index, context_rules, count_support, slot_rules, teaser_rules, template_occurrences, text_rules
from .normalize import normalize
from .options import DedupOptions
from .rules import Rule
from .sketch import Sketcher
from .stories import cluster


@dataclass(frozen=True)
class Learned:
    """What a corpus taught: story label per page, learned rules, each page cleaned."""

    story_of_page: np.ndarray
    rules: list[Rule]
    cleaned: list[Cleaned]
    rounds: int


def _story_labels(docs: Sequence[PageDoc], removed: np.ndarray, offsets: np.ndarray, sketcher: Sketcher, options: DedupOptions) -> np.ndarray:
    shingles = []
    for i, doc in enumerate(docs):
        mask = removed[offsets[i] : offsets[i + 1]]
        text = " ".join(b.text for b, gone in zip(doc.blocks, mask) if not gone)
        shingles.append(sketcher.word_shingles(normalize(text), options.doc_ngram))
    return np.asarray(cluster(sketcher.signatures(shingles), sketcher, options.story_threshold), dtype=np.int64)


def _clean_all(docs: Sequence[PageDoc], outlets: Sequence[str], rules: RuleSet) -> list[Cleaned]:
    return [clean_blocks(doc.blocks, outlet, rules) for doc, outlet in zip(docs, outlets)]


def _removed_mask(cleaned: Sequence[Cleaned], docs: Sequence[PageDoc]) -> np.ndarray:
    parts = []
    for doc, result in zip(docs, cleaned):
        gone = {id(r.block) for r in result.removed}
        parts.append(np.fromiter((id(b) in gone for b in doc.blocks), dtype=bool, count=len(doc.blocks)))
    return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)


def learn(
    docs: Sequence[PageDoc],
    outlets: Sequence[str],
    options: DedupOptions,
    given: Sequence[Rule] = (),
    learn_rules: bool = True,
) -> Learned:
    """Run the two LSH stages against each other until the stories stop changing."""
    sketcher = Sketcher(options.num_perm, options.seed)
    outlet_names = sorted(set(outlets))
    outlet_of_page = np.asarray([outlet_names.index(o) for o in outlets], dtype=np.int64)
    index = build_index(docs, sketcher, options)
    rules = RuleSet(given)
    cleaned = _clean_all(docs, outlets, rules)
    removed = _removed_mask(cleaned, docs)
    if learn_rules:
        removed = removed | template_occurrences(index, outlet_of_page, options)
    learned: list[Rule] = []
    labels = np.full(len(docs), -1, dtype=np.int64)
    rounds = 0
    for rounds in range(1, options.rounds + 1):
        new_labels = _story_labels(docs, removed, index.offsets, sketcher, options)
        if np.array_equal(new_labels, labels) or not learn_rules:
            labels = new_labels
            break
        labels = new_labels
        by_text = text_rules(index, count_support(index, labels, outlet_of_page), options)
        by_text += teaser_rules(index, [d.title for d in docs], labels) + slot_rules(index, labels, options)
        text_removed = _removed_mask(_clean_all(docs, outlets, RuleSet([*given, *by_text])), docs)
        learned = by_text + context_rules(index, text_removed, labels, outlet_names, outlet_of_page, options)
        cleaned = _clean_all(docs, outlets, RuleSet([*given, *learned]))
        removed = _removed_mask(cleaned, docs)
    return Learned(labels, learned, cleaned, rounds)
