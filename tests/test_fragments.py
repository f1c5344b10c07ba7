"""Headline quotes: a fragment quotes a page's headline where the headline's words occur in it as a run."""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dedup.fragments import _headline_quotes, near_duplicate_groups, slot_templates
from dedup.normalize import normalize, words
from dedup.options import DedupOptions
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
    quote_fragment, quote_page, _, _ = _headline_quotes(keys, tokens, offsets, titles)
    assert Counter(zip(quote_fragment.tolist(), quote_page.tolist())) == _reference(keys, titles)
    assert quote_fragment.tolist() == sorted(quote_fragment.tolist())


def _splits_reference(keys: list[str]) -> set[tuple[int, str, tuple[str, ...], tuple[str, ...]]]:
    """(fragment, kind, constant words, slot words) of every split of a short fragment, word by word."""
    found = set()
    for fragment, key in enumerate(keys):
        tokens = tuple(words(key))
        if key.count(" ") >= 6 or not 2 <= len(tokens) <= 6:
            continue
        for n in range(1, min(3, len(tokens) - 1) + 1):
            if len(tokens) - n <= 3:
                found |= {(fragment, "prefix", tokens[:n], tokens[n:]), (fragment, "suffix", tokens[-n:], tokens[:-n])}
    return found


short_phrases = st.lists(st.sampled_from(["text", "foto", "dpa", "ap", "von", "anna", "ü", "0", "-", "|"]), max_size=8).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(short_phrases, max_size=12))
def test_slot_templates_are_every_split_of_a_short_fragment(keys: list[str]) -> None:
    keys = [normalize(k) for k in keys]
    table = slot_templates(keys, *token_hashes(keys))
    entries = []
    for fragment, value in zip(table.fragment.tolist(), table.value.tolist()):
        template = int(table.value_template[value])
        kind, constant = table.name(template, keys)
        tokens = tuple(words(keys[fragment]))
        n = len(constant.split())
        entries.append((fragment, kind, tuple(constant.split()), tokens[n:] if kind == "prefix" else tokens[:-n], template, value))
    assert {e[:4] for e in entries} == _splits_reference(keys)
    assert len(entries) == len({e[:4] for e in entries})
    # one template per (kind, constant words), one slot value per (template, slot words)
    assert len({e[1:3] for e in entries}) == len({e[4] for e in entries}) == len(table.template_kind)
    assert len({e[1:4] for e in entries}) == len({e[5] for e in entries}) == len(table.value_template)
    assert all(table.first_entry[f] <= i < table.first_entry[f + 1] for i, f in enumerate(table.fragment.tolist()))


def _partition(keys: list[str], group: list[int]) -> set[frozenset[str]]:
    members: dict[int, set[str]] = {}
    for key, g in zip(keys, group):
        members.setdefault(g, set()).add(key)
    return {frozenset(m) for m in members.values()}


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_near_duplicate_groups_do_not_depend_on_the_order_of_the_fragments(seed: int) -> None:
    """Variants of a few boilerplate lines (more than a bucket pairs up) and distinct lines, in two orders."""
    rng = random.Random(seed)
    bases = ["weiterlesen nach der anzeige", "mehr zum thema lesen sie hier", "dieser artikel erschien zuerst bei"]
    keys = list(dict.fromkeys([f"{rng.choice(bases)} {rng.randrange(60)}" for _ in range(300)]))  # ~49 variants a line
    keys += [f"satz nummer {i} ueber etwas ganz anderes" for i in range(20)]
    shuffled = list(keys)
    rng.shuffle(shuffled)
    options = DedupOptions()
    found = _partition(keys, near_duplicate_groups(keys, options).tolist())
    assert found == _partition(shuffled, near_duplicate_groups(shuffled, options).tolist())
    assert max(map(len, found)) > 32  # a bucket larger than BUCKET_PAIRS: its rows pair by their order
