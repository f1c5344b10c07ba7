"""Teaser lines and captions with long slots are removed from the corpus evidence; the article text stays."""

from __future__ import annotations

import random
from collections.abc import Callable

import numpy as np

from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.blocks import Block, PageDoc
from dedup.fragments import framed_ends
from dedup.shapes import ends_sentence
from dedup.learn import learn
from dedup.normalize import normalize, words
from dedup.options import DedupOptions
from dedup.synth import text as T
from dedup.synth import words as W

OUTLETS = ["a.example", "b.example", "c.example", "d.example", "e.example"]
lead_words = st.lists(st.sampled_from(["lies", "weiter", "dazu", "empfohlen", "hier", "auch", "mehr", "thema", "tipp"]),
                      min_size=1, max_size=3, unique=True)


def _stories(r: random.Random, n: int) -> list[tuple[str, list[str]]]:
    """n unrelated stories: a headline and five article paragraphs each."""
    found = []
    for k in range(n):
        topic = T.make_topic(r, "panorama", W.CITIES[k % len(W.CITIES)])
        found.append((T.headline(r, topic), [T.paragraph(r, topic) for _ in range(5)]))
    return found


def _assert_only_removed(pages: list[tuple[str, str, list[tuple[str, str]]]], boilerplate: set[str]) -> None:
    """After learning, no page keeps a block of `boilerplate` and every page keeps all its other blocks."""
    for (_, _, blocks), kept in zip(pages, _learn(pages)):
        texts = {text for text, _ in blocks}
        assert not kept & boilerplate
        assert texts - boilerplate <= kept  # every article paragraph stays


def _pages_with(r: random.Random, stories: list[tuple[str, list[str]]], extra: Callable[[int, int], str | None],
                opening: str = "") -> tuple[list[tuple[str, str, list[tuple[str, str]]]], set[str]]:
    """Each story on two outlets: its paragraphs (the first after `opening`) as article blocks,
    and `extra(story, version)`, where it gives a text, inserted after the first paragraph; the
    pages and the texts inserted."""
    pages, inserted = [], set()
    for k, (title, paragraphs) in enumerate(stories):
        for n, outlet in enumerate(r.sample(OUTLETS, 2)):
            blocks = [(opening + p if i == 0 else p, "article>p") for i, p in enumerate(paragraphs)]
            text = extra(k, n)
            if text is not None:
                blocks.insert(1 + r.randrange(len(blocks)), (text, "article>p"))
                inserted.add(text)
            pages.append((outlet, title, blocks))
    return pages, inserted


def _learn(pages: list[tuple[str, str, list[tuple[str, str]]]]) -> list[set[str]]:
    """The kept texts of each (outlet, title, [(text, context)]) page after learning."""
    docs = [PageDoc(title, tuple(Block(text, context) for text, context in blocks)) for _, title, blocks in pages]
    result = learn(docs, [outlet for outlet, _, _ in pages], DedupOptions())
    return [{b.text for b in cleaned.kept} for cleaned in result.cleaned]


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 10**6), lead_words, st.sampled_from([":", " |", " »"]), st.integers(3, 6))
def test_teaser_lines_with_a_lead_in_are_removed_and_the_articles_kept(seed: int, lead: list[str], mark: str, teased: int) -> None:
    r = random.Random(seed)
    lead_in = " ".join(lead).capitalize() + mark
    stories = _stories(r, 10)
    made_up = [T.headline(r, T.make_topic(r, "kultur", W.CITIES[-1])) for _ in range(3)]
    pages, teasers = [], set()
    for k, (title, paragraphs) in enumerate(stories):
        for outlet in r.sample(OUTLETS, 2):
            blocks = [(p, "article>p") for p in paragraphs]
            if k < teased:  # a teaser line of another story's headline, anywhere in the text
                other = stories[(k + 1 + r.randrange(len(stories) - 1)) % len(stories)][0]
                line = f"{lead_in} {other}"
                blocks.insert(r.randrange(len(blocks) + 1), (line, "article>p"))
                teasers.add(line)
            if k == teased:  # and one whose headline is no page of the corpus
                line = f"{lead_in} {r.choice(made_up)}"
                blocks.insert(r.randrange(len(blocks) + 1), (line, "article>p"))
                teasers.add(line)
            pages.append((outlet, title, blocks))
    _assert_only_removed(pages, teasers)


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(["Video |", "Im Video:", "Foto:"]), st.sampled_from(["(Quelle: dpa)", "| Quelle: AFP", "© Reuters"]),
       st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöü ", min_size=3, max_size=40).filter(lambda s: s.strip()), min_size=1, max_size=3))
def test_a_caption_with_a_learned_prefix_and_suffix_is_removed_whatever_its_slot(
        seed: int, prefix: str, suffix: str, slots: list[str]) -> None:
    r = random.Random(seed)

    def caption(k: int, _: int) -> str:
        if k < 5:  # captions of headlines seen in five stories teach the frame
            return f"{prefix} {T.headline(r, T.make_topic(r, 'kultur', W.CITIES[k]))} {suffix}"
        return f"{prefix} {slots[k % len(slots)].strip()} {suffix}"  # then any slot at all

    _assert_only_removed(*_pages_with(r, _stories(r, 10), caption))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), lead_words, st.sampled_from([":", " |", " -"]))
def test_a_caption_an_outlet_adds_before_prose_is_removed_and_a_dateline_kept(seed: int, lead: list[str], mark: str) -> None:
    """`<lead-in>: <headline>. <sentence>.` on one outlet's pages goes (no other version of its
    story carries it); `BERLIN - <paragraph>`, carried by every version, stays."""
    r = random.Random(seed)
    lead_in = " ".join(lead).capitalize() + mark

    def caption(k: int, version: int) -> str | None:
        if k >= 6 or version:
            return None
        topic = T.make_topic(r, "kultur", W.CITIES[-1 - k])  # the outlet's own: a headline and a sentence of another topic
        return f"{lead_in} {T.headline(r, topic)}. {T.sentence(r, topic)}"

    _assert_only_removed(*_pages_with(r, _stories(r, 10), caption, opening="BERLIN - "))


names = st.tuples(st.sampled_from(["emily", "rachel", "mei", "ted", "ana"]),
                  st.sampled_from(["brooks", "sanders", "cook", "warren", "ruiz"])).map(" ".join)  # first and last name


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(["AP Photo/", "Reuters/", "Photo: dpa/"]), st.lists(names, min_size=6, max_size=6), st.booleans())
def test_a_credit_closing_a_caption_is_removed_whatever_the_name(seed: int, credit: str, photographers: list[str], brackets: bool) -> None:
    r = random.Random(seed)

    def caption(k: int, _: int) -> str | None:
        if k >= 6:
            return None
        credited = f"{credit}{photographers[k].title()}"  # another photographer each time, in brackets or after the sentence
        return f"{T.sentence(r, T.make_topic(r, 'panorama', W.CITIES[k]))} {f'({credited})' if brackets else credited}"

    _assert_only_removed(*_pages_with(r, _stories(r, 10), caption))


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(["Associated Press", "AP", "Reuters"]), st.lists(names, min_size=6, max_size=6))
def test_a_byline_with_an_agency_is_removed_and_prose_naming_it_kept(seed: int, agency: str, reporters: list[str]) -> None:
    r = random.Random(seed)
    stories = _stories(r, 10)
    pages, bylines, prose = [], set(), set()
    for k, (title, paragraphs) in enumerate(stories):
        for outlet in r.sample(OUTLETS, 2):
            blocks = [(p, "article>p") for p in paragraphs]
            if k < 6:  # the byline of a wire story, another reporter each time
                byline = f"By {reporters[k].title()}, {agency}"
                blocks.insert(0, (byline, "article>p"))
                bylines.add(byline)
            if k == 7:  # article text that names the agency last
                sentence = f"{paragraphs[0][:-1]}, berichtete {agency}."
                blocks.append((sentence, "article>p"))
                prose.add(sentence)
            pages.append((outlet, title, blocks))
    _assert_only_removed(pages, bylines)


def test_framed_ends_tell_frames_from_dates_and_prose() -> None:
    texts = ["Video | Rat beschließt Haushalt", "Die Polizei sucht Zeugen. (Quelle: dpa)", "By Emily Brooks, Associated Press",
             "Officials meet over contingency planning April 28, 2022", "Berlin (dpa) - Der Rat hat beschlossen.",
             "Der Minister sagte: „Wir schaffen das.“", "Sunset over the bay (AP Photo/Ted Warren)",
             "Crews clear debris on Friday. Photo: Ted Warren/AP", "Watch: Rat beschließt Haushalt. Der Rat tagte lange."]
    keys = [normalize(t) for t in texts]
    frames = framed_ends(keys, texts.__getitem__, np.array([len(words(k)) for k in keys]), np.array([ends_sentence(k) for k in keys]))
    assert frames.before.tolist() == [1, 0, 0, 0, 0, 0, 0, 0, 0]
    assert frames.after.tolist()[1:6] == [2, 2, 0, 0, 0]  # (the bar of the first also frames its end)
    assert frames.closing.tolist() == [0, 2, 0, 0, 0, 0, 4, 4, 0]  # (a date after a comma closes nothing)
    assert frames.prose_before.tolist() == [0, 0, 0, 0, 0, 3, 0, 0, 1]  # (a dateline in brackets is no lead-in)


NOUNS = ["Rathausplan", "Hafenprojekt", "Brückenetat", "Schulbau", "Radweg", "Klinikfonds", "Stadtfest", "Busnetz",
         "Bäderkonzept", "Theaterumbau", "Parkhaus", "Wohngebiet", "Deichbau", "Kitaneubau", "Marktplatz", "Sportpark"]


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(["verworfen", "genehmigt", "gestoppt"]))
def test_subheads_shaped_like_the_headlines_teasers_quote_stay(seed: int, verb: str) -> None:
    """Teasers quote whole headlines of other stories (`Rathausplan in Hagen verworfen`); an
    article's own subhead of that shape (`Stadtfest verworfen`) is no template's."""
    r = random.Random(seed)
    nouns = r.sample(NOUNS, len(NOUNS))
    stories = [(f"{nouns[k]} in {W.CITIES[k]} {verb}", paragraphs) for k, (_, paragraphs) in enumerate(_stories(r, 8))]

    def teaser(k: int, _: int) -> str:
        return stories[(k + 1 + r.randrange(len(stories) - 1)) % len(stories)][0]  # another story's headline

    pages, teasers = _pages_with(r, stories, teaser)
    for k, (_, _, blocks) in enumerate(pages):  # each story's own subhead, in every version
        blocks.insert(2, (f"{nouns[8 + k // 2]} {verb}", "article>h2"))
    _assert_only_removed(pages, teasers)
