"""A list goes with its removed heading; nothing else changes."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.lists import ListShapes, is_list_item, with_lists

CONTEXTS = ["main>div.box>h3", "div.box>ul>li", "div.box>ol.items>li", "main>article>p", "main>div.box>p", "aside>ul>li.x"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.integers(-1, 3), st.sampled_from(CONTEXTS)), max_size=14))
def test_only_list_items_after_a_removed_heading_change_and_take_its_rule(page: list[tuple[int, str]]) -> None:
    verdicts, contexts = [v for v, _ in page], [c for _, c in page]
    after = with_lists(verdicts, contexts)
    assert len(after) == len(verdicts)
    for i, (old, new) in enumerate(zip(verdicts, after)):
        if old != new:
            assert old == -1 and is_list_item(contexts[i])
            head = i - 1
            while is_list_item(contexts[head]):
                head -= 1
            assert head >= 0 and new == verdicts[head] >= 0  # the heading's rule
            run = range(head + 1, next((k for k in range(head + 1, len(page)) if not is_list_item(contexts[k])), len(page)))
            assert any(verdicts[k] >= 0 for k in run)  # one item of the list was removed already
    assert with_lists(after, contexts) == after  # idempotent


def test_a_related_box_goes_whole_and_a_list_under_a_kept_heading_stays() -> None:
    contexts = ["main>div.box>h3", "div.box>ul>li", "div.box>ul>li", "div.box>ul>li", "main>article>p",
                "main>article>h3", "article>ul>li", "article>ul>li"]
    verdicts = [4, -1, 7, -1, -1, -1, 2, -1]
    assert with_lists(verdicts, contexts) == [4, 4, 7, 4, -1, -1, 2, -1]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.tuples(st.integers(-1, 3), st.integers(0, len(CONTEXTS) - 1)), max_size=9), max_size=6))
def test_a_corpus_at_once_equals_page_by_page(pages: list[list[tuple[int, int]]]) -> None:
    verdicts = np.array([v for page in pages for v, _ in page], dtype=np.int64)
    context = np.array([c for page in pages for _, c in page], dtype=np.int64)
    page_of = np.repeat(np.arange(len(pages)), [len(p) for p in pages])
    expected = [v for page in pages for v in with_lists([v for v, _ in page], [CONTEXTS[c] for _, c in page])]
    assert ListShapes(CONTEXTS).apply(verdicts, context, page_of).tolist() == expected
