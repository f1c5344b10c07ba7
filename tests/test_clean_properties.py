"""Hypothesis properties of the cleaner, for each kind of rule (text, prefix, suffix, context, keep)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.blocks import Block, PageDoc
from dedup.clean import RuleSet, clean_blocks
from dedup.corpus import Corpus, PageMeta
from dedup.learn import learn_corpus
from dedup.options import DedupOptions
from dedup.normalize import fold_whitespace, normalize
from dedup.rules import Rule

OUTLETS = ["rheinpost.localhost", "kurier.localhost"]
CONTEXTS = ["body>article>p", "article>div.ad>p", "div>aside.teaser>p", "nav>ul>li"]

texts = st.text(alphabet=st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=40).map(fold_whitespace).filter(bool)
blocks = st.builds(Block, text=texts, context=st.sampled_from(CONTEXTS))
rules = st.builds(
    Rule,
    kind=st.sampled_from(["text", "prefix", "suffix", "context", "keep"]),
    scope=st.sampled_from(["*", *OUTLETS]),
    pattern=st.one_of(texts, st.sampled_from(CONTEXTS)),
    stories=st.integers(0, 50),
    outlets=st.integers(0, 10),
)
pages = st.lists(blocks, max_size=30)
rule_lists = st.lists(rules, max_size=12)
outlets = st.sampled_from(OUTLETS)


def is_subsequence(small: tuple[Block, ...], big: list[Block]) -> bool:
    remaining = iter(big)
    return all(any(b is candidate for candidate in remaining) for b in small)


@given(pages, rule_lists, outlets)
def test_output_is_subsequence_of_input(page: list[Block], rule_list: list[Rule], outlet: str) -> None:
    result = clean_blocks(page, outlet, RuleSet(rule_list))
    assert is_subsequence(result.kept, page)
    assert len(result.kept) + len(result.removed) == len(page)


@given(pages, rule_lists, outlets)
def test_idempotent(page: list[Block], rule_list: list[Rule], outlet: str) -> None:
    rule_set = RuleSet(rule_list)
    once = clean_blocks(page, outlet, rule_set)
    twice = clean_blocks(once.kept, outlet, rule_set)
    assert twice.kept == once.kept
    assert twice.removed == ()


@given(pages, rule_lists, outlets)
def test_deterministic(page: list[Block], rule_list: list[Rule], outlet: str) -> None:
    assert clean_blocks(page, outlet, RuleSet(rule_list)) == clean_blocks(list(page), outlet, RuleSet(list(rule_list)))


@settings(max_examples=200)
@given(
    article=st.lists(st.builds(Block, text=texts, context=st.just("body>article>p")), min_size=1, max_size=15),
    boilerplate=st.lists(texts, min_size=1, max_size=6),
    positions=st.lists(st.integers(0, 1000), min_size=1, max_size=20),
    outlet=outlets,
)
def test_article_survives_inserted_boilerplate(article: list[Block], boilerplate: list[str], positions: list[int], outlet: str) -> None:
    """Known boilerplate (text rules and an ad-slot context rule) inserted anywhere is removed, the article kept."""
    article_keys = {normalize(b.text) for b in article}
    boilerplate = [t for t in boilerplate if normalize(t) not in article_keys]
    rule_set = RuleSet(
        [Rule("text", "*", normalize(t), 5, 3) for t in boilerplate]
        + [Rule("context", outlet, "article>div.ad>p", 4, 1)]
    )
    page = list(article)
    inserts = [Block(t, "body>article>p") for t in boilerplate] + [Block("Anzeige 1", "article>div.ad>p")]
    for n, position in enumerate(positions):
        page.insert(position % (len(page) + 1), inserts[n % len(inserts)])
    result = clean_blocks(page, outlet, rule_set)
    assert list(result.kept) == article


@given(page=pages, rule_list=rule_lists, outlet=outlets)
def test_keep_rule_overrides_every_removal(page: list[Block], rule_list: list[Rule], outlet: str) -> None:
    keeps = [Rule("keep", "*", normalize(b.text)) for b in page]
    result = clean_blocks(page, outlet, RuleSet([*rule_list, *keeps]))
    assert list(result.kept) == page


@given(page=pages, outlet=outlets, other=outlets)
def test_context_rule_is_scoped_to_its_outlet(page: list[Block], outlet: str, other: str) -> None:
    rule_set = RuleSet([Rule("context", outlet, c, 3, 1) for c in CONTEXTS])
    result = clean_blocks(page, other, rule_set)
    assert (result.kept == ()) if other == outlet else (list(result.kept) == page)


@given(page=pages, outlet=outlets)
def test_text_rule_matches_normalised_text(page: list[Block], outlet: str) -> None:
    """A text rule removes every block with its normalised text: digits and spaces do not matter."""
    rule_set = RuleSet([Rule("text", "*", "  " + re.sub(r"\d", "7", b.text) + " ", 3, 3) for b in page])
    assert clean_blocks(page, outlet, rule_set).kept == ()


word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöü", min_size=1, max_size=8)


@given(constant=st.lists(word, min_size=1, max_size=3), slot=st.lists(word, min_size=1, max_size=6), kind=st.sampled_from(["prefix", "suffix"]), outlet=outlets)
def test_affix_rule_removes_only_short_slots(constant: list[str], slot: list[str], kind: str, outlet: str) -> None:
    """`Text: <name>` goes, `Text: <a whole sentence>` stays: the slot holds one to three words."""
    tokens = constant + slot if kind == "prefix" else slot + constant
    block = Block(" ".join(tokens).capitalize() + ".", "body>article>p")
    result = clean_blocks([block], outlet, RuleSet([Rule(kind, "*", " ".join(constant), 4, 0)]))
    assert (result.kept == ()) == (len(slot) <= 3)


@settings(max_examples=60, deadline=None)
@given(pages=st.lists(st.tuples(pages, outlets), min_size=1, max_size=6), rule_list=rule_lists)
def test_corpus_cleaning_decides_like_the_cleaner(pages: list[tuple[list[Block], str]], rule_list: list[Rule]) -> None:
    """The learner's vectorised cleaning (once per distinct text and context) equals `clean_blocks`."""
    corpus = Corpus()
    for i, (page, outlet) in enumerate(pages):
        corpus.add(PageMeta(str(i), outlet, "", ""), PageDoc("", tuple(page)))
    learned = learn_corpus(corpus, DedupOptions(), rule_list, learn_rules=False)
    offsets = corpus.arrays().offsets.tolist()
    rule_set = RuleSet(rule_list)
    for i, (page, outlet) in enumerate(pages):
        expected = [rule_set.match(b, outlet) for b in page]
        got = [None if v < 0 else learned.rules.rules[v] for v in learned.verdicts[offsets[i] : offsets[i + 1]].tolist()]
        assert got == expected


@given(pages, rule_lists, rule_lists, outlets, st.data())
def test_a_set_extended_with_rules_cleans_as_the_set_of_all_of_them(page: list[Block], first: list[Rule], more: list[Rule], outlet: str,
                                                                   data: st.DataObject) -> None:
    # rules of the first set again with another scope: the first of them must keep winning
    again = [Rule(r.kind, data.draw(st.sampled_from(["*", *OUTLETS])), r.pattern) for r in data.draw(st.lists(st.sampled_from(first)))] if first else []
    page = page + [Block(r.pattern, data.draw(st.sampled_from(CONTEXTS))) for r in first]
    extended, whole = RuleSet(first).extended([*more, *again]), RuleSet([*first, *more, *again])
    assert extended.rules == whole.rules
    assert clean_blocks(page, outlet, extended) == clean_blocks(page, outlet, whole)


@given(rule_lists, st.sampled_from(CONTEXTS), texts)
def test_only_context_rules_added_leave_the_text_decisions_shared(first: list[Rule], context: str, text: str) -> None:
    base = RuleSet(first)
    assert base.extended([Rule("context", OUTLETS[0], context)]).decides_texts_as(base)
    assert not base.extended([Rule("text", "*", text)]).decides_texts_as(base)
    assert not RuleSet(first).decides_texts_as(base)
