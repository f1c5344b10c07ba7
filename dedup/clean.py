"""The cleaner: removes whole blocks that a rule matches, nothing else.

Its output is a subsequence of its input; it is deterministic and idempotent.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .blocks import Block
from .normalize import normalize, words
from .rules import SLOT_WORDS, Rule


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
    """Rules indexed for lookup: text rules by normalised text, context rules by (outlet, context)."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = list(rules)
        self._keep = {normalize(r.pattern) for r in self.rules if r.kind == "keep"}
        self._text: dict[str, Rule] = {}
        self._context: dict[tuple[str, str], Rule] = {}
        self._affix: dict[tuple[str, tuple[str, ...]], Rule] = {}
        for rule in self.rules:
            if rule.kind == "text":
                self._text.setdefault(_pattern_key(rule.pattern), rule)
            elif rule.kind == "context":
                self._context.setdefault((rule.scope, rule.pattern), rule)
            elif rule.kind in ("prefix", "suffix"):
                self._affix.setdefault((rule.kind, tuple(words(normalize(rule.pattern)))), rule)
        self._affix_lengths = sorted({len(constant) for _, constant in self._affix})

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
    def exact_texts(self) -> dict[str, Rule]:
        """Normalised text -> the text rule that removes it (the first rule for that text)."""
        return dict(self._text)

    def affix_rule(self, tokens: Sequence[str]) -> Rule | None:
        """The prefix or suffix rule matching these words, if any."""
        return self._affix_match(tokens) if self._affix else None

    def text_rule(self, key: str, tokens: Sequence[str] | None = None) -> Rule | None:
        """The text, prefix or suffix rule matching a normalised text, whatever its scope."""
        rule = self._text.get(key)
        if rule is None and self._affix:
            rule = self._affix_match(words(key) if tokens is None else tokens)
        return rule

    def context_rule(self, outlet: str, context: str) -> Rule | None:
        """The context rule for blocks of this outlet in this DOM context."""
        return self._context.get((outlet, context))

    @property
    def has_affixes(self) -> bool:
        """Whether any prefix or suffix rule is in the set."""
        return bool(self._affix)

    @property
    def longest_affix_match(self) -> int:
        """Most words a block matched by a prefix or suffix rule can have."""
        return max(self._affix_lengths, default=0) + SLOT_WORDS

    def _affix_match(self, tokens: Sequence[str]) -> Rule | None:
        """A prefix or suffix rule whose constant words leave a slot of 1..SLOT_WORDS words."""
        for n in self._affix_lengths:
            if 1 <= len(tokens) - n <= SLOT_WORDS:
                rule = self._affix.get(("prefix", tuple(tokens[:n]))) or self._affix.get(("suffix", tuple(tokens[-n:])))
                if rule is not None:
                    return rule
        return None


def clean_blocks(blocks: Sequence[Block], outlet: str, rules: RuleSet) -> Cleaned:
    """Split a page's blocks into kept and removed, in order."""
    kept: list[Block] = []
    removed: list[Removal] = []
    for block in blocks:
        rule = rules.match(block, outlet)
        if rule is None:
            kept.append(block)
        else:
            removed.append(Removal(block, rule))
    return Cleaned(tuple(kept), tuple(removed))
