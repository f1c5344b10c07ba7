"""Headline quotes: a fragment quotes a page's headline where the headline's words occur in it as a run."""

from __future__ import annotations

from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dedup.fragments import _headline_quotes
from dedup.normalize import normalize, words
from dedup.tokens import token_hashes

VOCABULARY = ["die", "regierung", "plant", "neue", "regeln", "für", "strom", "2024", "ü"]
phrases = st.lists(st.sampled_from(VOCABULARY), min_size=0, max_size=12).map(" ".join)


def _reference(keys: list[str], titles: list[str]) -> Counter:
    """Every (fragment, page) with one entry per position where the whole headline (4+ words) occurs."""
    found: Counter = Counter()
    for page, title in enumerate(titles):
        head = words(normalize(title))
        if len(head) < 4:
            continue
        for fragment, key in enumerate(keys):
            key_words = words(key)
            found[fragment, page] += sum(key_words[i : i + len(head)] == head for i in range(len(key_words) - len(head) + 1))
    return +found


@settings(max_examples=300, deadline=None)
@given(st.lists(phrases, min_size=1, max_size=8), st.lists(phrases, max_size=6))
@example(["die regierung plant neue"], ["die regierung plant neue", "die regierung plant neue regeln"])
def test_quotes_are_exactly_the_runs_of_headline_words(keys: list[str], titles: list[str]) -> None:
    keys = [normalize(k) for k in keys]
    tokens, offsets = token_hashes(keys)
    quote_fragment, quote_page = _headline_quotes(keys, tokens, offsets, titles)
    assert Counter(zip(quote_fragment.tolist(), quote_page.tolist())) == _reference(keys, titles)
    assert quote_fragment.tolist() == sorted(quote_fragment.tolist())
