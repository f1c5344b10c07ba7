"""The cleaner: removes whole blocks that a rule matches, nothing else.

Its output is a subsequence of its input; it is deterministic and idempotent.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .blocks import Block
from .lists import with_lists
from .normalize import normalize, words
from .rules import CLOSING_SLOT_WORDS, SLOT_WORDS, Rule
from .shapes import STOPS, closing_words, ends_sentence, lead_words


@dataclass(frozen=True, slots=True)
class Removal:
    """A removed block and the rule that removed it."""

    block: Block
    rule: Rule


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The blocks a page keeps, and the ones it lost with their reasons."""

    kept: tuple[Block, ...]
    removed: tuple[Removal, ...]


@functools.lru_cache(maxsize=1 << 18)
def _pattern_key(pattern: str) -> str:
    """A rule pattern's normalised text; memoised, as each round rebuilds its rule sets."""
    return normalize(pattern)


class RuleSet:
    """Rules indexed for lookup: text rules by normalised text, context rules by (outlet, context).

    The indexes hold positions in `rules` (the first rule wins when several match the same way);
    the learner takes decisions for whole corpora from those positions.
    """

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: list[Rule] = []
        self._keep: set[str] = set()
        self._text: dict[str, int] = {}
        self._context: dict[tuple[str, str], int] = {}
        self._affix: dict[tuple[str, tuple[str, ...]], int] = {}
        self._slotted: dict[tuple[str, tuple[str, ...]], int] = {}
        self._add(list(rules))

    def extended(self, more: Iterable[Rule]) -> RuleSet:
        """This set with `more` rules after its own, without indexing its own again (the
        indexes `more` adds nothing to are shared: `_add` never changes an index in place)."""
        grown = RuleSet(())
        grown.rules = list(self.rules)
        grown._keep, grown._text, grown._context, grown._affix = self._keep, self._text, self._context, self._affix
        grown._slotted = self._slotted
        grown._add(list(more))
        return grown

    def decides_texts_as(self, other: RuleSet) -> bool:
        """Whether this set removes and keeps every text as `other` does, by the same rule
        positions (it extends `other` with context rules only)."""
        return (self._text is other._text and self._affix is other._affix and self._slotted is other._slotted
                and self._keep is other._keep)

    def _add(self, rules: list[Rule]) -> None:
        """Index `rules` after the set's own; of several rules matching the same way the first wins."""
        by_kind: dict[str, list[int]] = {}
        for i, rule in enumerate(rules, start=len(self.rules)):
            by_kind.setdefault(rule.kind, []).append(i)
        self.rules += rules
        if "keep" in by_kind:
            self._keep = self._keep | {normalize(self.rules[i].pattern) for i in by_kind["keep"]}
        if "text" in by_kind:
            text = by_kind["text"][::-1]  # built backwards: the first rule for a key is stored last and stays
            self._text = {**dict(zip(map(_pattern_key, (self.rules[i].pattern for i in text)), text)), **self._text}
        if "context" in by_kind:
            context = by_kind["context"][::-1]
            self._context = {**{(self.rules[i].scope, self.rules[i].pattern): i for i in context}, **self._context}
        affixes = sorted(by_kind.get("prefix", []) + by_kind.get("suffix", []), reverse=True)
        if affixes:
            added = {(self.rules[i].kind, tuple(words(normalize(self.rules[i].pattern)))): i for i in affixes}
            self._affix = {**added, **self._affix}
        self._affix_lengths = sorted({len(constant) for _, constant in self._affix})
        slotted = sorted(sum((by_kind.get(kind, []) for kind in ("lead", "tail", "closing", "caption")), []), reverse=True)
        if slotted:
            added = {(self.rules[i].kind, tuple(words(normalize(self.rules[i].pattern)))): i for i in slotted}
            self._slotted = {**added, **self._slotted}
        self._slotted_lengths = sorted({len(constant) for _, constant in self._slotted})
        self._kinds = frozenset(kind for kind, _ in self._slotted)

    def match(self, block: Block, outlet: str) -> Rule | None:
        """The rule that removes this block on this outlet, or None to keep it."""
        return self.match_normalized(normalize(block.text), block.context, outlet)

    def match_normalized(self, key: str, context: str, outlet: str) -> Rule | None:
        """`match` for a block whose text is already normalised."""
        if key in self._keep:
            return None
        rule = self.text_rule(key)
        if rule is not None and rule.scope in ("*", outlet):
            return rule
        return self.context_rule(outlet, context)

    @property
    def kept_texts(self) -> frozenset[str]:
        """Normalised texts that keep rules protect."""
        return frozenset(self._keep)

    @property
    def exact_texts(self) -> dict[str, int]:
        """Normalised text -> the position of the text rule that removes it."""
        return self._text

    def affix_position(self, tokens: Sequence[str], key: str = "") -> int:
        """The position of the prefix, suffix, lead or tail rule matching these words (of the
        normalised text `key`); -1 if none (of several, the prefix or suffix rule with the fewest
        constant words)."""
        for n in self._affix_lengths:
            if 1 <= len(tokens) - n <= SLOT_WORDS:
                found = self._affix.get(("prefix", tuple(tokens[:n])))
                if found is None:
                    found = self._affix.get(("suffix", tuple(tokens[-n:])))
                if found is not None:
                    return found
        return self.slotted_position(tokens, key)

    def slotted_position(self, tokens: Sequence[str], key: str = "") -> int:
        """The position of the lead, tail, closing or caption rule matching these words (the
        first in the set); -1 if none. A text `key` that ends like a sentence is prose: only a
        caption rule takes it (a lead rule's slot is a headline; a tail or closing rule's text
        ends in its frame)."""
        if not self._slotted:
            return -1
        slotted = self._slotted
        tails = [p for n in self._slotted_lengths if len(tokens) > n
                 for p in (slotted.get(("tail", tuple(tokens[-n:]))),) if p is not None]
        if "closing" in self._kinds and (key.endswith(")") or (key[-1:] not in STOPS and "." in key)):  # words that may close the text, then whether they do
            closing = [(p, n + slot) for n in self._slotted_lengths for slot in range(1, CLOSING_SLOT_WORDS + 1) if len(tokens) > n + slot
                       for p in (slotted.get(("closing", tuple(tokens[-n - slot : -slot]))),) if p is not None]
            if closing:
                frame = closing_words(key)
                tails += [p for p, words_ in closing if words_ == frame]
        leads = [p for n in self._slotted_lengths if len(tokens) > n
                 for p in (slotted.get(("lead", tuple(tokens[:n]))),) if p is not None]
        if (leads or tails) and ends_sentence(key):  # prose: no teaser, caption credit or byline
            leads = tails = []
        if "caption" in self._kinds:  # first words that may be a caption's lead-in, then whether a separator follows
            captions = [(p, n) for n in self._slotted_lengths if len(tokens) > n
                        for p in (slotted.get(("caption", tuple(tokens[:n]))),) if p is not None]
            if captions:
                lead = lead_words(key)
                leads += [p for p, n in captions if n == lead]
        return min(tails + leads, default=-1)

    @property
    def slotted_rules(self) -> dict[tuple[str, tuple[str, ...]], int]:
        """(kind, constant words) -> position of every lead and tail rule."""
        return self._slotted

    def text_rule(self, key: str, tokens: Sequence[str] | None = None) -> Rule | None:
        """The text, prefix or suffix rule matching a normalised text, whatever its scope."""
        found = self._text.get(key)
        if found is None and (self._affix or self._slotted):
            found = self.affix_position(words(key) if tokens is None else tokens, key)
        return None if found is None or found < 0 else self.rules[found]

    def context_position(self, outlet: str, context: str) -> int:
        """The position of the context rule for blocks of this outlet in this DOM context; -1 if none."""
        return self._context.get((outlet, context), -1)

    def context_positions(self, keys: Iterable[tuple[str, str]]) -> Iterator[int]:
        """`context_position` of every (outlet, context) key."""
        return map(self._context.get, keys, itertools.repeat(-1))

    def context_rule(self, outlet: str, context: str) -> Rule | None:
        """The context rule for blocks of this outlet in this DOM context."""
        found = self.context_position(outlet, context)
        return None if found < 0 else self.rules[found]

    @property
    def has_affixes(self) -> bool:
        """Whether any prefix or suffix rule is in the set."""
        return bool(self._affix)

    @property
    def has_slotted(self) -> bool:
        """Whether any lead or tail rule is in the set."""
        return bool(self._slotted)

    @property
    def longest_affix_match(self) -> int:
        """Most words a block matched by a prefix or suffix rule can have."""
        return max(self._affix_lengths, default=0) + SLOT_WORDS


def clean_blocks(blocks: Sequence[Block], outlet: str, rules: RuleSet) -> Cleaned:
    """Split a page's blocks into kept and removed, in order (a list under a removed heading
    goes with it: `dedup.lists`)."""
    matched = [rules.match(block, outlet) for block in blocks]
    position = {id(rule): i for i, rule in enumerate(rules.rules)}
    verdicts = with_lists([-1 if rule is None else position[id(rule)] for rule in matched], [b.context for b in blocks])
    kept = tuple(b for b, v in zip(blocks, verdicts) if v < 0)
    return Cleaned(kept, tuple(Removal(b, rules.rules[v]) for b, v in zip(blocks, verdicts) if v >= 0))
