"""The corpus loop: cluster pages into stories, learn fragments, clean, re-cluster."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .blocks import PageDoc
from .clean import Cleaned, Removal, RuleSet
from .corpus import Corpus, PageMeta
from .fragments import (
    FragmentIndex,
    build_index,
    context_rules,
    context_slots,
    count_support,
    outlet_support,
    slot_rules,
    closing_hashes,
    end_hashes,
    CaptionTexts,
    Frames,
    caption_texts,
    framed_ends,
    shared_prose_candidates,
    slotted_rules,
    teaser_rules,
    template_occurrences,
    text_rules,
    words_hash,
)
from .normalize import words
from .options import DedupOptions
from .arrays import distinct_per_page
from .lists import ListShapes
from .parallel import Background
from .related import MIN_PROSE_WORDS, RELATED_MAX_STORIES, HeadlineWords, related_only, text_shares
from .rescue import Rescued, rescue_emptied
from .rules import CLOSING_SLOT_WORDS, Rule
from .shapes import closing_words, ends_sentence, lead_words
from .sketch import Sketcher, ngram_sets, ranges
from .stories import MIN_CONTAINMENT_SIZE, candidates, link
from .timing import Stopwatch
from .tokens import token_hashes


@dataclass(frozen=True)
class Learned:
    """What a corpus taught: story label per page, the rules, and for every block occurrence
    the index in `rules.rules` of the rule that removed it (-1: kept); the MinHash signature and
    shingle count of every page's kept text that the stories were clustered on."""

    story_of_page: np.ndarray
    signatures: np.ndarray
    sizes: np.ndarray
    rules: RuleSet
    verdicts: np.ndarray
    learned: list[Rule]
    rounds: int
    #: Pages the rules would have emptied, and what they keep (`dedup.rescue`).
    rescued: list[Rescued]


#: From this many pages a round's slot rules (prefix, suffix, lead, tail) are worth a forked child (paired runs: at 100k pages
#: learning took 0.6 s less, at 10k pages 0.07 s more: forking a large process costs its copy).
SLOT_RULES_CHILD_MIN_PAGES = 50_000


class _Learner:
    """The corpus as integer arrays, so each round cleans and sketches without re-parsing text."""

    def __init__(self, corpus: Corpus, options: DedupOptions, watch: Stopwatch, fork: bool = True) -> None:
        self.options = options
        self.watch = watch
        #: Whether a round's slot rules are found in a forked child beside its text rules.
        self.fork_slot_rules = fork and len(corpus) >= SLOT_RULES_CHILD_MIN_PAGES
        self.sketcher = Sketcher(options.num_perm, options.seed)
        self.outlet_names = sorted({p.outlet for p in corpus.pages})
        position = {name: i for i, name in enumerate(self.outlet_names)}
        self.outlet_of_page = np.asarray([position[p.outlet] for p in corpus.pages], dtype=np.int64)
        with watch("fragments"):
            self.index: FragmentIndex = build_index(corpus, options, fork)
        index = self.index
        with watch("cleaning"):
            self._slots, self._slot_of = context_slots(index, self.outlet_of_page)
            n_contexts = len(index.contexts)
            #: (outlet, context) of every slot, as context rules are indexed.
            self._slot_keys = [(self.outlet_names[slot // n_contexts], index.contexts[slot % n_contexts]) for slot in self._slots.tolist()]
            self._token_counts = np.diff(index.token_offsets)
        self._sketched: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._outlet_support: np.ndarray | None = None
        #: The last rule set's text verdicts (reused when a set differs from it by context rules only).
        self._by_text: tuple[RuleSet, np.ndarray, np.ndarray] | None = None
        #: The words of the short fragments prefix and suffix rules were tried on, kept for the next round.
        self._words: dict[int, list[str]] = {}
        self._titles = [p.title for p in corpus.pages]
        self._urls = [p.url for p in corpus.pages]
        self._texts, self._text_of_occurrence = corpus.texts, corpus.arrays().text
        self._headline_words: HeadlineWords | None = None
        self._framed: Frames | None = None
        self._captions: CaptionTexts | None = None
        #: The list shape of every DOM context (made on first use).
        self._lists: ListShapes | None = None
        self._prose: np.ndarray | None = None
        #: Each length's end hashes of the fragments.
        self._ends: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def _page_words(self, pages: np.ndarray, vocabulary: frozenset[str]) -> dict[int, dict[str, int]]:
        """Per page, each word of `vocabulary` in its text (found by their hashes) with the
        fragment group of the only block holding it, or -1 when blocks of several groups do."""
        index = self.index
        names = sorted(vocabulary)
        if not names or not len(pages):
            return {}
        hashes, _ = token_hashes(names)
        order = np.argsort(hashes)
        sizes = np.diff(index.offsets)[pages]
        occurrences = ranges(index.offsets[pages], sizes)
        fragments = index.fragment[occurrences]
        counts = self._token_counts[fragments]
        tokens = index.tokens[ranges(index.token_offsets[fragments], counts)]
        page_of_token = np.repeat(np.repeat(pages, sizes), counts)
        group_of_token = np.repeat(index.group[fragments], counts)
        at = np.minimum(np.searchsorted(hashes[order], tokens), len(names) - 1)
        hit = hashes[order][at] == tokens
        if not hit.any():
            return {}
        page_word = page_of_token[hit] * len(names) + order[at[hit]]
        group = group_of_token[hit]
        by = np.lexsort((group, page_word))
        page_word, group = page_word[by], group[by]
        first = np.flatnonzero(np.r_[True, page_word[1:] != page_word[:-1]])
        several = np.r_[first[1:], len(page_word)] - first > 1
        several &= group[np.maximum(np.r_[first[1:], len(page_word)] - 1, 0)] != group[first]  # not all one group
        found: dict[int, dict[str, int]] = {}
        for code, only, many in zip(page_word[first].tolist(), group[first].tolist(), several.tolist()):
            found.setdefault(code // len(names), {})[names[code % len(names)]] = -1 if many else only
        return found

    def _ends_sentence(self, fragment: int) -> bool:
        """Whether a fragment ends like a sentence."""
        return bool(self.prose[fragment])

    @property
    def prose(self) -> np.ndarray:
        """Per fragment: whether it ends like a sentence (found on first use)."""
        if self._prose is None:
            keys = self.index.keys
            self._prose = np.fromiter(map(ends_sentence, keys), dtype=bool, count=len(keys))
        return self._prose

    def _all_words(self, page: int) -> set[str]:
        """Every word of a page's text."""
        index = self.index
        fragments = index.fragment[int(index.offsets[page]) : int(index.offsets[page + 1])]
        return set().union(*(words(index.keys[f]) for f in fragments.tolist()))

    def end_hashes(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`fragments.end_hashes` of every fragment for `n` words, made once."""
        if n not in self._ends:
            self._ends[n] = end_hashes(self.index.tokens, self.index.token_offsets, n)
        return self._ends[n]

    @property
    def framed(self) -> Frames:
        """`framed_ends` of every fragment, found on first use."""
        if self._framed is None:
            index = self.index
            first = np.full(len(index.keys), -1, dtype=np.int64)
            first[index.fragment[::-1]] = np.arange(len(index.fragment))[::-1]  # each fragment's first occurrence
            texts, text_of = self._texts, self._text_of_occurrence
            self._framed = framed_ends(index.keys, lambda f: texts[int(text_of[first[f]])], self._token_counts, self.prose)
        return self._framed

    @property
    def captions(self) -> CaptionTexts:
        """`caption_texts` of the corpus, found on first use."""
        if self._captions is None:
            self._captions = caption_texts(self.index, self.framed.prose_before)
        return self._captions

    @property
    def headline_words(self) -> HeadlineWords:
        """The pages' headline words, made on first use."""
        if self._headline_words is None:
            self._headline_words = HeadlineWords(self._titles, text_shares(self._urls, self._all_words))
        return self._headline_words

    def apply(self, rules: RuleSet) -> np.ndarray:
        """Index of the removing rule in `rules.rules` for every occurrence, -1 where kept.

        The same decision as `RuleSet.match` per block, taken once per distinct text and once
        per (outlet, context) instead of once per block.
        """
        with self.watch("cleaning"):
            index, outlets = self.index, self.outlet_names
            outlet_position = {name: i for i, name in enumerate(outlets)}
            # per rule: -1 applies everywhere, else the outlet it applies on (-2: none of these)
            rule_scope = np.array([-1 if r.scope == "*" else outlet_position.get(r.scope, -2) for r in rules.rules] or [0], dtype=np.int64)
            last = self._by_text
            if last is not None and rules.decides_texts_as(last[0]):
                by_text, keep = last[1], last[2]
            else:
                by_text, keep = self._text_verdicts(rules)
                self._by_text = (rules, by_text, keep)
            by_slot = np.fromiter(rules.context_positions(self._slot_keys), dtype=np.int64, count=len(self._slot_keys))
            # per fragment: kept (-1), removed everywhere by a text rule (its position), or open (-2)
            scope = rule_scope[np.maximum(by_text, 0)]
            texts_everywhere = (by_text >= 0) & (scope == -1)
            decided = np.where(texts_everywhere, by_text, -2)
            decided[keep] = -1
            verdicts = decided[index.fragment]
            scoped = np.flatnonzero(((by_text >= 0) & ~texts_everywhere & ~keep)[index.fragment])
            if len(scoped):  # a text rule for one outlet: it decides that outlet's occurrences
                fragments = index.fragment[scoped]
                here = scoped[scope[fragments] == self.outlet_of_page[index.page[scoped]]]
                verdicts[here] = by_text[index.fragment[here]]
            undecided = np.flatnonzero(verdicts == -2)  # no text rule: the context rule, if any
            verdicts[undecided] = by_slot[self._slot_of[undecided]]
            return self._with_lists(verdicts)

    def _with_lists(self, verdicts: np.ndarray) -> np.ndarray:
        """`dedup.lists.with_lists` on every page at once."""
        if self._lists is None:
            self._lists = ListShapes(self.index.contexts)
        return self._lists.apply(verdicts, self.index.context, self.index.page)

    def _text_verdicts(self, rules: RuleSet) -> tuple[np.ndarray, np.ndarray]:
        """Per fragment: the position of the text, prefix or suffix rule that removes it (-1:
        none), and whether a keep rule protects it."""
        index = self.index
        by_text = np.full(len(index.keys), -1, dtype=np.int64)
        keep = np.zeros(len(index.keys), dtype=bool)
        fragment_of = index.fragment_of
        keep[[fragment_of[k] for k in rules.kept_texts if k in fragment_of]] = True
        exact = rules.exact_texts
        fragments = np.fromiter(map(fragment_of.get, exact, itertools.repeat(-1)), dtype=np.int64, count=len(exact))
        found = fragments >= 0
        by_text[fragments[found]] = np.fromiter(exact.values(), dtype=np.int64, count=len(exact))[found]
        short = self._token_counts <= (rules.longest_affix_match if rules.has_affixes else 0)
        if rules.has_affixes:
            for fragment in np.flatnonzero((by_text < 0) & short).tolist():
                tokens = self._words.get(fragment)
                if tokens is None:
                    tokens = self._words[fragment] = words(index.keys[fragment])
                by_text[fragment] = rules.affix_position(tokens, index.keys[fragment])
        if rules.has_slotted:  # longer fragments: lead and tail rules by hashes of their first and last words
            open_ = (by_text < 0) & ~short
            by_text[open_] = self._slotted_positions(rules)[open_]
        return by_text, keep

    def _slotted_positions(self, rules: RuleSet) -> np.ndarray:
        """Per fragment: the first lead, tail, closing or caption rule of `rules` matching it; -1 if none."""
        index = self.index
        found = np.full(len(index.keys), np.iinfo(np.int64).max, dtype=np.int64)
        by_length: dict[int, list[tuple[str, int, int]]] = {}
        for (kind, constant), position in rules.slotted_rules.items():
            by_length.setdefault(len(constant), []).append((kind, words_hash(constant), position))
        for n, wanted in by_length.items():
            heads, tails, longer = self.end_hashes(n)
            for kind, hashes in (("lead", heads), ("tail", tails)):
                table = {h: p for k, h, p in wanted if k == kind}
                if not table:
                    continue
                keys = np.fromiter(table, dtype=np.uint64, count=len(table))
                positions = np.fromiter(table.values(), dtype=np.int64, count=len(table))
                order = np.argsort(keys)
                at = np.minimum(np.searchsorted(keys[order], hashes), len(keys) - 1)
                hit = longer & (keys[order][at] == hashes)
                hit &= ~self.prose  # prose is no teaser, caption or byline
                found[hit] = np.minimum(found[hit], positions[order][at[hit]])
            table = {h: p for k, h, p in wanted if k == "closing"}
            for slot in range(1, CLOSING_SLOT_WORDS + 1) if table else ():
                hashes, room = closing_hashes(index.tokens, index.token_offsets, n, slot)
                hit = room & np.isin(hashes, np.fromiter(table, dtype=np.uint64, count=len(table)))
                hit[hit] = [closing_words(index.keys[f]) == n + slot for f in np.flatnonzero(hit).tolist()]  # what closes the text
                found[hit] = np.minimum(found[hit], [table[h] for h in hashes[hit].tolist()])
            table = {h: p for k, h, p in wanted if k == "caption"}
            if table:  # prose included, where a separator sets the words off
                hit = longer & np.isin(heads, np.fromiter(table, dtype=np.uint64, count=len(table)))
                hit[hit] = [lead_words(index.keys[f]) == n for f in np.flatnonzero(hit).tolist()]
                found[hit] = np.minimum(found[hit], [table[h] for h in heads[hit].tolist()])
        return np.where(found == np.iinfo(np.int64).max, -1, found)

    def story_labels(self, removed: np.ndarray) -> np.ndarray:
        """Stories from the pages' text without the removed blocks."""
        with self.watch("sketches"):
            signatures, sizes = self._page_sketches(removed)
        options = self.options
        with self.watch("lsh"):
            pairs = candidates(signatures, options.story_candidates)
        with self.watch("stories"):
            return link(signatures, pairs, options.story_threshold, sizes, options.story_containment,
                        lambda a, b: self._containment(a, b, removed))

    @property
    def sketched(self) -> tuple[np.ndarray, np.ndarray]:
        """The signatures and shingle counts of the last `story_labels`."""
        assert self._sketched is not None, "story_labels has not run"
        return self._sketched[1], self._sketched[2]

    def _page_sketches(self, removed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Signature and shingle count of every page's kept text; a later round re-sketches only
        the pages whose removed blocks changed."""
        index = self.index
        n_pages = len(index.offsets) - 1
        if self._sketched is None:
            redo = np.ones(n_pages, dtype=bool)
            signatures = np.empty((n_pages, self.sketcher.num_perm), dtype=np.uint32)
            sizes = np.zeros(n_pages, dtype=np.int64)
        else:
            before, signatures, sizes = self._sketched
            redo = np.zeros(n_pages, dtype=bool)
            redo[index.page[before != removed]] = True
            signatures, sizes = signatures.copy(), sizes.copy()
        pages = np.flatnonzero(redo)
        shingles, offsets = self._kept_shingles(redo, removed)
        signatures[pages] = self.sketcher.signatures_flat(shingles, offsets)
        sizes[pages] = np.diff(offsets)
        self._sketched = (removed.copy(), signatures, sizes)
        return signatures, sizes

    def _kept_shingles(self, selected: np.ndarray, removed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Word n-gram hashes of the kept text of each `selected` page, in page order, and their offsets."""
        index = self.index
        kept = ~removed & selected[index.page]
        fragments = index.fragment[kept]
        counts = self._token_counts[fragments]
        units = index.tokens[ranges(index.token_offsets[fragments], counts)]
        per_page = np.bincount(index.page[kept], weights=counts, minlength=len(selected)).astype(np.int64)[selected]
        return ngram_sets(units, np.concatenate(([0], np.cumsum(per_page))), self.options.doc_ngram)

    def _containment(self, a: np.ndarray, b: np.ndarray, removed: np.ndarray) -> np.ndarray:
        """Exact share of the smaller page's distinct shingles found in the other's, per pair."""
        selected = np.zeros(len(self.index.offsets) - 1, dtype=bool)
        selected[a] = selected[b] = True
        shingles, offsets = self._kept_shingles(selected, removed)
        position = np.cumsum(selected) - 1
        sets: dict[int, np.ndarray] = {}

        def distinct_shingles(page: int) -> np.ndarray:
            found = sets.get(page)
            if found is None:
                at = position[page]
                found = sets[page] = np.unique(shingles[offsets[at] : offsets[at + 1]])
            return found

        shares = np.zeros(len(a), dtype=np.float64)
        for i, (x, y) in enumerate(zip(a.tolist(), b.tolist())):
            sx, sy = distinct_shingles(x), distinct_shingles(y)
            smaller = min(len(sx), len(sy))
            if smaller >= MIN_CONTAINMENT_SIZE:
                shares[i] = len(np.intersect1d(sx, sy, assume_unique=True)) / smaller
        return shares

    def rescue(self, verdicts: np.ndarray, labels: np.ndarray, rules: RuleSet, n_given: int,
               titles: list[str]) -> tuple[np.ndarray, list[Rescued]]:
        """`verdicts` with the pages they would empty rescued (`dedup.rescue`)."""
        index = self.index
        groups = index.group[index.fragment]
        stories = distinct_per_page(groups, index.offsets, labels, len(index.keys))[groups]
        learned_rule = np.r_[np.arange(len(rules.rules)) >= n_given, False]  # [-1]: kept blocks
        keys = _OccurrenceKeys(index)
        return rescue_emptied(verdicts, index.offsets, stories, self.options.min_stories, learned_rule, keys, titles)

    def rules_for(self, labels: np.ndarray, given: Sequence[Rule]) -> tuple[list[Rule], RuleSet]:
        """Text, teaser and template rules from story support, then context rules on top; the
        rules learned and the set of the given rules and those."""
        index, options = self.index, self.options
        with self.watch("fragments"):
            if self._outlet_support is None:
                self._outlet_support = outlet_support(index, self.outlet_of_page)
            framed, ends, captions = self.framed, self.end_hashes, self.captions  # found before forking: the child reads them
            prose = self.prose
            slots = Background(lambda: slot_rules(index, labels, options) + slotted_rules(index, labels, options, framed, ends, prose, captions),
                               fork=self.fork_slot_rules)
            support = count_support(index, labels, self._outlet_support)
            candidates = shared_prose_candidates(index, support, options, RELATED_MAX_STORIES, MIN_PROSE_WORDS, self._ends_sentence)
            content = related_only(index.group[index.fragment], index.page, labels, candidates, lambda: self.headline_words,
                                   self._page_words)
            by_text = text_rules(index, support, options, content)
            by_text += teaser_rules(index, labels) + slots.result()
        with self.watch("cleaning"):
            by_text_set = RuleSet([*given, *by_text])
        text_removed = self.apply(by_text_set) >= 0
        with self.watch("fragments"):
            by_context = context_rules(index, text_removed, labels, self.outlet_names, (self._slots, self._slot_of), options)
        with self.watch("cleaning"):
            return by_text + by_context, by_text_set.extended(by_context)


class _OccurrenceKeys:
    """The normalised text of block occurrence i, looked up on demand."""

    def __init__(self, index: FragmentIndex) -> None:
        self.index = index

    def __getitem__(self, occurrence: int) -> str:
        return self.index.keys[int(self.index.fragment[occurrence])]

    def __len__(self) -> int:
        return len(self.index.fragment)


def learn_corpus(
    corpus: Corpus,
    options: DedupOptions,
    given: Sequence[Rule] = (),
    learn_rules: bool = True,
    watch: Stopwatch | None = None,
    fork: bool = True,
) -> Learned:
    """Run the two LSH stages against each other until the stories stop changing.

    Stories depend only on which blocks are removed, so when a round removes exactly the blocks
    the current stories were clustered without, they cannot change and the loop stops early.
    `fork=False` keeps all work in this process (see `dedup.parallel`).
    """
    watch = watch or Stopwatch()
    learner = _Learner(corpus, options, watch, fork)
    rules = RuleSet(given)
    verdicts = learner.apply(rules)
    removed = verdicts >= 0
    if learn_rules:
        removed |= template_occurrences(learner.index, learner.outlet_of_page, options)
    learned: list[Rule] = []
    previous = None
    rounds = 0
    for rounds in range(1, options.rounds + 1):
        labels = learner.story_labels(removed)
        if not learn_rules or (previous is not None and np.array_equal(labels, previous)):
            break
        previous = labels
        learned, rules = learner.rules_for(labels, given)
        verdicts = learner.apply(rules)
        clustered_without, removed = removed, verdicts >= 0
        if np.array_equal(removed, clustered_without):
            break
    signatures, sizes = learner.sketched
    rescued: list[Rescued] = []
    if learn_rules:
        verdicts, rescued = learner.rescue(verdicts, labels, rules, len(given), [p.title for p in corpus.pages])
    return Learned(labels, signatures, sizes, rules, verdicts, learned, rounds, rescued)


@dataclass(frozen=True)
class LearnedPages:
    """`learn` for pages in memory: story label per page, learned rules, each page cleaned."""

    story_of_page: np.ndarray
    rules: list[Rule]
    cleaned: list[Cleaned]


def learn(docs: Sequence[PageDoc], outlets: Sequence[str], options: DedupOptions,
          given: Sequence[Rule] = (), learn_rules: bool = True) -> LearnedPages:
    """Learn from parsed pages held in memory (small corpora, tests, `wiredup extract`)."""
    corpus = Corpus()
    for i, (doc, outlet) in enumerate(zip(docs, outlets)):
        corpus.add(PageMeta(url=str(i), outlet=outlet, fetched_at="", title=doc.title), doc)
    result = learn_corpus(corpus, options, given, learn_rules)
    offsets = corpus.arrays().offsets.tolist()
    cleaned = []
    for i, doc in enumerate(docs):
        page = result.verdicts[offsets[i] : offsets[i + 1]].tolist()
        cleaned.append(Cleaned(
            tuple(b for b, v in zip(doc.blocks, page) if v < 0),
            tuple(Removal(b, result.rules.rules[v]) for b, v in zip(doc.blocks, page) if v >= 0),
        ))
    return LearnedPages(result.story_of_page, result.learned, cleaned)
