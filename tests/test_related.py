"""Prose repeated only among related stories is kept; the same prose over unrelated stories is not."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.blocks import Block, PageDoc
from dedup.learn import learn
from dedup.options import DedupOptions
from dedup.synth import text as T
from dedup.synth import words as W


def _story_pages(r: random.Random, title: str, topic: T.Topic, outlets: list[str], extra: list[str]) -> list[tuple[PageDoc, str]]:
    """One story carried by `outlets`: its own paragraphs plus `extra` ones, one page per outlet."""
    paragraphs = [T.paragraph(r, topic) for _ in range(5)] + extra
    pages = []
    for outlet in outlets:
        blocks = [Block(f"{outlet} Startseite", "nav>a"), *(Block(p, "div>p") for p in paragraphs)]
        pages.append((PageDoc(title, tuple(blocks)), outlet))
    return pages


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10**6), st.integers(3, 4))
def test_background_shared_by_follow_ups_is_kept_and_by_unrelated_stories_removed(seed: int, follow_ups: int) -> None:
    r = random.Random(seed)
    outlets = ["a.example", "b.example", "c.example", "d.example"]
    name = f"Zentralrat{seed % 997}"  # the topic's rare word, in every follow-up's headline
    topic = T.make_topic(r, "politik", W.CAPITALS[0])
    background = " ".join(T.sentence(r, topic) for _ in range(3))
    shared_boilerplate = " ".join(T.sentence(r, topic) for _ in range(3))
    pages: list[tuple[PageDoc, str]] = []
    for k in range(follow_ups):
        pages += _story_pages(r, f"{name}: {T.headline(r, topic)}", topic, r.sample(outlets, 2), [background])
    for k in range(40):
        other = T.make_topic(r, "panorama", W.CITIES[k % len(W.CITIES)])
        extra = [shared_boilerplate] if k < 6 else []
        pages += _story_pages(r, T.headline(r, other), other, r.sample(outlets, 1 + k % 2), extra)
    result = learn([doc for doc, _ in pages], [outlet for _, outlet in pages], DedupOptions())
    for (doc, _), cleaned in zip(pages, result.cleaned):
        kept = {b.text for b in cleaned.kept}
        texts = {b.text for b in doc.blocks}
        if background in texts:
            assert background in kept
        assert shared_boilerplate not in kept
