"""What the report shows beyond report.json, gathered from a run's state in memory.

Figures by outlet and rule kind, and the views of the story and rule pages. Story views are
made one at a time as the pages are written, so no more than one story's text is held at once;
rule views hold a few example blocks each.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..canonical import opcodes
from ..corpus import Corpus
from ..learn import Learned
from ..lines import Outcome, story_versions
from ..rules import Rule

#: Example blocks shown on a rule page, and blocks of context on either side of each.
RULE_EXAMPLES, CONTEXT_BLOCKS = 6, 2
#: Keep lines offered on a rule page (one per distinct text it removed, most removed first).
KEEP_LINES = 50

BlockState = Literal["same", "added", "missing", "removed"]


@dataclass(frozen=True)
class RunState:
    """A finished run's state, as `run_dedup` holds it when it writes the report."""

    corpus: Corpus
    learned: Learned
    outcome: Outcome
    #: Story id -> its pages.
    stories: dict[str, list[int]]
    #: Story ids, most widely carried first.
    order: list[str]
    #: Every page's place by fetch time, then URL.
    rank: list[int]
    #: Every page's similarity to its story's canonical version.
    similarity: list[float]
    #: The rules in the order of rules.tsv: `ordered[i]` is on line i + 2.
    ordered: list[Rule]
    #: Per rule of `learned.rules.rules`: its line in rules.tsv, as cleaned.jsonl writes it.
    why: list[bytes]


@dataclass(frozen=True, slots=True)
class Shown:
    """A block as a story page shows it: kept as in the canonical text (`same`), kept beyond it
    (`added`), a canonical block this version lacks (`missing`), or removed by the rule on line
    `rule` of rules.tsv."""

    text: str
    state: BlockState
    rule: int = 0


@dataclass(frozen=True)
class VersionView:
    url: str
    outlet: str
    fetched_at: str
    title: str
    similarity: float
    canonical: bool
    blocks: list[Shown]


@dataclass(frozen=True)
class StoryView:
    id: str
    title: str
    text: list[str]
    outlets: list[str]
    versions: list[VersionView]


@dataclass(frozen=True)
class RuleFigures:
    """A rule (by its line in rules.tsv) and what it removed over the whole run."""

    line: int
    rule: Rule
    blocks: int
    chars: int
    texts: int


@dataclass(frozen=True)
class Example:
    """A text a rule removed: how often, and one page it was removed from with the blocks around it."""

    text: str
    times: int
    url: str
    outlet: str
    story: str
    before: list[Shown]
    after: list[Shown]


@dataclass(frozen=True)
class RuleView:
    figures: RuleFigures
    examples: list[Example]
    #: Lines to add to a rules file to keep what the rule removed (most removed texts first).
    keep_lines: list[str]


@dataclass(frozen=True)
class Figures:
    """The run-wide figures the overview charts beside report.json's."""

    #: Outlet -> (stories it carried, of those carried by several outlets).
    stories_by_outlet: dict[str, tuple[int, int]]
    #: Rule kind -> (rules that removed something, blocks removed, characters removed).
    kinds: dict[str, tuple[int, int, int]]
    #: The rules that removed most characters, most first.
    rules: list[RuleFigures]
    #: How many rules removed anything.
    removing: int


class Gatherer:
    """The report's data of one run, computed from its arrays once; examples and distinct texts
    only for the `top` rules that removed most characters."""

    def __init__(self, state: RunState, top: int) -> None:
        self.state = state
        corpus, learned = state.corpus, state.learned
        arrays = corpus.arrays()
        #: Per rule position in `learned.rules.rules`: its line in rules.tsv.
        self.line_at = np.fromiter(map(int, state.why), dtype=np.int64, count=len(state.why)) if state.why else np.zeros(1, np.int64)
        removed = np.flatnonzero(learned.verdicts >= 0)
        removed_line = self.line_at[learned.verdicts[removed]]
        size = len(state.ordered) + 2
        self.blocks = np.bincount(removed_line, minlength=size)
        self.chars = np.bincount(removed_line, weights=state.outcome.text_lengths[arrays.text[removed]], minlength=size).astype(np.int64)
        lines = np.flatnonzero(self.blocks)
        self.by_chars = lines[np.lexsort((lines, -self.chars[lines]))]
        chosen = np.zeros(size, dtype=bool)
        chosen[self.by_chars[:top]] = True
        picked = chosen[removed_line]
        #: Occurrences of blocks the top rules removed; each distinct (rule line, text) pair, how
        #: often it was removed and one of its occurrences (a position in `occurrences`).
        self.occurrences = removed[picked]
        self.width = len(corpus.texts) + 1
        code = removed_line[picked] * self.width + arrays.text[self.occurrences]
        order = np.argsort(code)
        ordered_code = code[order]
        starts = np.flatnonzero(np.r_[True, ordered_code[1:] != ordered_code[:-1]]) if len(code) else np.zeros(0, dtype=np.int64)
        self.pairs, self.first = ordered_code[starts], order[starts]
        self.counts = np.diff(np.r_[starts, len(code)])
        texts = np.bincount(self.pairs // self.width, minlength=size)
        self.rules = [RuleFigures(line, self.rule_at(line), int(self.blocks[line]), int(self.chars[line]), int(texts[line]))
                      for line in self.by_chars[:top].tolist()]

    def rule_at(self, line: int) -> Rule:
        """The rule on this line of rules.tsv."""
        return self.state.ordered[line - 2]

    def figures(self) -> Figures:
        """Stories by outlet and removals by rule kind, over the whole run."""
        pages, stories = self.state.corpus.pages, self.state.stories
        names = sorted({meta.outlet for meta in pages})
        position = {name: i for i, name in enumerate(names)}
        members = [p for group in stories.values() for p in group]
        story = np.repeat(np.arange(len(stories), dtype=np.int64), [len(group) for group in stories.values()])
        outlet = np.fromiter((position[pages[p].outlet] for p in members), dtype=np.int64, count=len(members))
        story_of_pair, outlet_of_pair = np.divmod(np.unique(story * len(names) + outlet), len(names))
        several = np.bincount(story_of_pair, minlength=len(stories))[story_of_pair] > 1
        carried = np.bincount(outlet_of_pair, minlength=len(names)).tolist()
        shared = np.bincount(outlet_of_pair[several], minlength=len(names)).tolist()
        kind_names = sorted({rule.kind for rule in self.state.ordered})
        kind_code = np.array([kind_names.index(rule.kind) for rule in self.state.ordered] or [0], dtype=np.int64)
        kind = kind_code[self.by_chars - 2]
        counts = [np.bincount(kind, weights=w, minlength=len(kind_names)).astype(np.int64).tolist()
                  for w in (None, self.blocks[self.by_chars], self.chars[self.by_chars])]
        kinds = {k: (counts[0][i], counts[1][i], counts[2][i]) for i, k in enumerate(kind_names) if counts[0][i]}
        return Figures({name: (carried[i], shared[i]) for i, name in enumerate(names)},
                       dict(sorted(kinds.items(), key=lambda kv: -kv[1][2])), self.rules, len(self.by_chars))

    def page_blocks(self, page: int) -> tuple[list[int], list[int]]:
        """A page's blocks in order: text ids, and the line of the rule that removed each (0: kept)."""
        arrays, verdicts = self.state.corpus.arrays(), self.state.learned.verdicts
        start, end = int(arrays.offsets[page]), int(arrays.offsets[page + 1])
        found = verdicts[start:end]
        return arrays.text[start:end].tolist(), np.where(found >= 0, self.line_at[np.maximum(found, 0)], 0).tolist()

    def stories(self, ids: list[str]) -> Iterator[StoryView]:
        """The view of each story, one at a time: every version's blocks in page order against the canonical text."""
        state = self.state
        corpus, texts = state.corpus, state.corpus.texts
        offsets = state.outcome.kept_offsets.tolist()
        for sid in ids:
            pages, versions, canonical, _ = story_versions(corpus, state.outcome, offsets, state.stories[sid], state.rank)
            views = []
            for page, version in zip(pages, versions):
                views.append(VersionView(version.url, version.outlet, version.fetched_at, version.title, state.similarity[page],
                                         version is canonical, self._diffed(page, version.keys, canonical.keys, canonical.texts)))
            yield StoryView(sid, canonical.title, [texts[t] for t in canonical.texts], sorted({v.outlet for v in versions}), views)

    def _diffed(self, page: int, keys: tuple[int, ...], canonical_keys: tuple[int, ...], canonical_texts: tuple[int, ...]) -> list[Shown]:
        """A version's blocks in page order, removed ones in place, with the canonical blocks it
        lacks where the diff puts them."""
        texts = self.state.corpus.texts
        added = [False] * len(keys)
        missing: dict[int, list[int]] = {}
        if keys != canonical_keys:
            for op, a0, a1, b0, b1 in opcodes(canonical_keys, keys)[0]:
                if op in ("replace", "insert"):
                    added[b0:b1] = [True] * (b1 - b0)
                if op in ("replace", "delete"):
                    missing.setdefault(b0, []).extend(canonical_texts[a0:a1])
        shown: list[Shown] = []
        kept = 0
        text_ids, lines = self.page_blocks(page)
        for text, line in zip(text_ids, lines):
            if line:
                shown.append(Shown(texts[text], "removed", line))
                continue
            shown.extend(Shown(texts[t], "missing") for t in missing.pop(kept, ()))
            shown.append(Shown(texts[text], "added" if added[kept] else "same"))
            kept += 1
        for rest in missing.values():
            shown.extend(Shown(texts[t], "missing") for t in rest)
        return shown

    def rule_views(self, lines: list[int]) -> Iterator[RuleView]:
        """The view of each rule (by line): its most removed texts, each in the context of one page."""
        state = self.state
        corpus, arrays, width = state.corpus, state.corpus.arrays(), self.width
        pair_line = self.pairs // width
        story_of = {p: sid for sid, members in state.stories.items() for p in members}
        figures = {row.line: row for row in self.rules}
        for line in lines:
            lo, hi = np.searchsorted(pair_line, [line, line + 1]).tolist()
            counts = self.counts[lo:hi]
            if len(counts) > KEEP_LINES:  # the most removed texts, found without sorting them all
                most = np.argpartition(-counts, KEEP_LINES)[:KEEP_LINES]
                picked = lo + most[np.lexsort((most, -counts[most]))]
            else:
                picked = lo + np.lexsort((np.arange(len(counts)), -counts))
            examples = []
            for i in picked[:RULE_EXAMPLES].tolist():
                occurrence = int(self.occurrences[self.first[i]])
                page = int(arrays.page[occurrence])
                text_ids, rule_lines = self.page_blocks(page)
                at = occurrence - int(arrays.offsets[page])
                around = [Shown(corpus.texts[t], "removed" if r else "same", r) for t, r in zip(text_ids, rule_lines)]
                meta = corpus.pages[page]
                examples.append(Example(corpus.texts[int(self.pairs[i] % width)], int(self.counts[i]), meta.url, meta.outlet,
                                        story_of.get(page, ""), around[max(0, at - CONTEXT_BLOCKS) : at], around[at + 1 : at + 1 + CONTEXT_BLOCKS]))
            rule = self.rule_at(line)
            if rule.kind == "text":
                keep = [Rule("keep", "*", rule.pattern).line()]
            else:
                keep = [Rule("keep", "*", corpus.texts[int(self.pairs[i] % width)]).line() for i in picked[:KEEP_LINES].tolist()]
            yield RuleView(figures[line], examples, keep)
