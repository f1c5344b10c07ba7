"""The corpus loop: cluster pages into stories, learn fragments, clean, re-cluster."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .blocks import PageDoc
from .clean import Cleaned, Removal, RuleSet
from .fragments import FragmentIndex, build_index, context_rules, count_support, slot_rules, teaser_rules, template_occurrences, text_rules
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


class _Corpus:
    """The pages as integer arrays, so each round cleans and sketches without re-parsing text."""

    def __init__(self, docs: Sequence[PageDoc], outlets: Sequence[str], options: DedupOptions) -> None:
        self.docs = docs
        self.options = options
        self.sketcher = Sketcher(options.num_perm, options.seed)
        self.outlet_names = sorted(set(outlets))
        self.outlet_of_page = np.asarray([self.outlet_names.index(o) for o in outlets], dtype=np.int64)
        self.index: FragmentIndex = build_index(docs, self.sketcher, options)
        triples = (self.index.fragment * len(self.index.contexts) + self.index.context) * len(self.outlet_names) + self.outlet_of_page[self.index.page]
        self._triples, self._triple_of = np.unique(triples, return_inverse=True)

    def apply(self, rules: RuleSet) -> np.ndarray:
        """Index of the removing rule in `rules.rules` for every occurrence, -1 where kept."""
        n_ctx, n_out = len(self.index.contexts), len(self.outlet_names)
        position = {id(rule): i for i, rule in enumerate(rules.rules)}
        verdicts = np.full(len(self._triples), -1, dtype=np.int64)
        for t, triple in enumerate(self._triples.tolist()):
            rest, outlet = divmod(triple, n_out)
            fragment, context = divmod(rest, n_ctx)
            rule = rules.match_normalized(self.index.keys[fragment], self.index.contexts[context], self.outlet_names[outlet])
            if rule is not None:
                verdicts[t] = position[id(rule)]
        return verdicts[self._triple_of]

    def story_labels(self, removed: np.ndarray) -> np.ndarray:
        """Stories from the pages' text without the removed blocks."""
        shingles = []
        for i, doc in enumerate(self.docs):
            start, stop = self.index.offsets[i], self.index.offsets[i + 1]
            kept = [self.index.keys[f] for f, gone in zip(self.index.fragment[start:stop].tolist(), removed[start:stop].tolist()) if not gone]
            shingles.append(np.unique(self.sketcher.word_shingles(" ".join(kept), self.options.doc_ngram)))
        sizes = np.fromiter((len(s) for s in shingles), dtype=np.int64, count=len(shingles))
        labels = cluster(
            self.sketcher.signatures(shingles), self.sketcher, self.options.story_threshold, sizes=sizes,
            containment=self.options.story_containment, candidate_threshold=self.options.story_candidates,
        )
        return np.asarray(labels, dtype=np.int64)

    def cleaned(self, rules: RuleSet, verdicts: np.ndarray) -> list[Cleaned]:
        """Per page, the kept blocks and the removals with their rules."""
        out = []
        for i, doc in enumerate(self.docs):
            page_verdicts = verdicts[self.index.offsets[i] : self.index.offsets[i + 1]].tolist()
            kept = tuple(b for b, v in zip(doc.blocks, page_verdicts) if v < 0)
            removed = tuple(Removal(b, rules.rules[v]) for b, v in zip(doc.blocks, page_verdicts) if v >= 0)
            out.append(Cleaned(kept, removed))
        return out


def learn(
    docs: Sequence[PageDoc],
    outlets: Sequence[str],
    options: DedupOptions,
    given: Sequence[Rule] = (),
    learn_rules: bool = True,
) -> Learned:
    """Run the two LSH stages against each other until the stories stop changing."""
    corpus = _Corpus(docs, outlets, options)
    index, outlet_of_page = corpus.index, corpus.outlet_of_page
    rules = RuleSet(given)
    verdicts = corpus.apply(rules)
    removed = verdicts >= 0
    if learn_rules:
        removed |= template_occurrences(index, outlet_of_page, options)
    labels = np.full(len(docs), -1, dtype=np.int64)
    rounds = 0
    for rounds in range(1, options.rounds + 1):
        new_labels = corpus.story_labels(removed)
        stable = np.array_equal(new_labels, labels)
        labels = new_labels
        if stable or not learn_rules:
            break
        by_text = text_rules(index, count_support(index, labels, outlet_of_page), options)
        by_text += teaser_rules(index, [d.title for d in docs], labels) + slot_rules(index, labels, options)
        text_removed = corpus.apply(RuleSet([*given, *by_text])) >= 0
        learned = by_text + context_rules(index, text_removed, labels, corpus.outlet_names, outlet_of_page, options)
        rules = RuleSet([*given, *learned])
        verdicts = corpus.apply(rules)
        removed = verdicts >= 0
    return Learned(labels, rules.rules[len(given):], corpus.cleaned(rules, verdicts), rounds)
