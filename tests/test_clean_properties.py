"""Hypothesis properties of the cleaner, for each kind of rule (text, prefix, suffix, lead, tail, closing, caption, context, keep)."""

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
from dedup.rules import CLOSING_SLOT_WORDS, Rule

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


vocabulary = st.sampled_from(["video", "watch", "photo", "ap", "more", "rat", "tagt", "lange", "emily", "brooks"])
frame_words = st.lists(vocabulary, min_size=1, max_size=3).map(" ".join)
framed_texts = st.builds(
    lambda lead, mark, body, stop, close: f"{lead}{mark} {body}{stop}{close}".strip(),
    st.one_of(st.just(""), frame_words), st.sampled_from(["", ":", " |", " -", " –", " »"]), st.lists(vocabulary, min_size=1, max_size=9).map(" ".join),
    st.sampled_from(["", ".", ". Der Rat tagte lange."]), st.one_of(st.just(""), frame_words.map(" ({})".format), frame_words.map(". {}".format)))
slotted_rules = st.builds(Rule, kind=st.sampled_from(["lead", "tail", "closing", "caption"]), scope=st.just("*"), pattern=frame_words)


@settings(max_examples=80, deadline=None)
@given(pages=st.lists(st.lists(framed_texts, min_size=1, max_size=8), min_size=1, max_size=5), rule_list=st.lists(slotted_rules, min_size=1, max_size=8))
def test_slotted_rules_decide_alike_in_the_corpus_and_the_cleaner(pages: list[list[str]], rule_list: list[Rule]) -> None:
    """Lead, tail, closing and caption rules on texts framed every way (separators, brackets,
    credits after a sentence): the learner's cleaning by word hashes equals `clean_blocks`."""
    corpus = Corpus()
    for i, page in enumerate(pages):
        corpus.add(PageMeta(str(i), OUTLETS[0], "", ""), PageDoc("", tuple(Block(text, CONTEXTS[0]) for text in page)))
    learned = learn_corpus(corpus, DedupOptions(), rule_list, learn_rules=False)
    offsets = corpus.arrays().offsets.tolist()
    rule_set = RuleSet(rule_list)
    for i, page in enumerate(pages):
        expected = [rule_set.match(Block(text, CONTEXTS[0]), OUTLETS[0]) for text in page]
        got = [None if v < 0 else learned.rules.rules[v] for v in learned.verdicts[offsets[i] : offsets[i + 1]].tolist()]
        assert got == expected


@given(lead=frame_words, body=st.lists(vocabulary, min_size=2, max_size=9).map(" ".join), mark=st.sampled_from([":", " |", " -", " –"]),
       prose=st.booleans())
def test_a_caption_rule_takes_its_words_only_before_a_separator(lead: str, body: str, mark: str, prose: bool) -> None:
    """`Watch: <headline>. <sentence>.` goes, prose or not; `Watch <the same words>` stays."""
    rule_set = RuleSet([Rule("caption", "*", lead)])
    end = ". Der Rat tagte lange." if prose else ""
    assert rule_set.match(Block(f"{lead.capitalize()}{mark} {body}{end}", CONTEXTS[0]), OUTLETS[0]) is not None
    assert rule_set.match(Block(f"{lead.capitalize()} {body}{end}", CONTEXTS[0]), OUTLETS[0]) is None


@given(constant=frame_words, slot=st.lists(vocabulary, min_size=1, max_size=6), brackets=st.booleans())
def test_a_closing_rule_takes_a_credit_of_a_few_words_after_it(constant: str, slot: list[str], brackets: bool) -> None:
    """`<sentence>. Photo: <name>/AP` and `<sentence> (Photo: <name>/AP)` go when the slot holds
    one to `CLOSING_SLOT_WORDS` words; a sentence that ends like one, or a longer slot, stays."""
    rule_set = RuleSet([Rule("closing", "*", constant)])
    credit = f"{constant}: {'/'.join(slot)}"
    text = f"Der Rat tagte lange{f' ({credit})' if brackets else f'. {credit}'}"
    assert (rule_set.match(Block(text, CONTEXTS[0]), OUTLETS[0]) is not None) == (len(slot) <= CLOSING_SLOT_WORDS)
    assert rule_set.match(Block(f"{text}.", CONTEXTS[0]), OUTLETS[0]) is None
