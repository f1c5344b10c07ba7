"""A list goes with the heading above it: a related-articles box is one unit.

`<h3>Mehr zum Thema</h3><ul><li>headline</li>...</ul>`: once a rule removes the heading and
one of the items (an item quoting another story's headline), the other items go too, with the
heading's rule, whatever their text (headlines of pages the corpus does not hold). Only list
items right after the heading whose list sits in the heading's own container count.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache


@lru_cache(maxsize=1 << 14)
def _shape(context: str) -> tuple[bool, str, str]:
    """(whether the block is a list item, its list's container, its own parent) of a
    `grandparent>parent>own` DOM context."""
    parts = context.split(">")
    item = parts[-1].split(".")[0] == "li"
    return item, parts[-3] if item and len(parts) >= 3 else "", parts[-2] if len(parts) >= 2 else ""


def is_list_item(context: str) -> bool:
    """Whether a block's DOM context is a list item."""
    return _shape(context)[0]


def with_lists(verdicts: list[int], contexts: Sequence[str]) -> list[int]:
    """One page's verdicts (rule position per block, -1 kept) with the list items under a removed
    heading removed by the heading's rule, when at least one of them is removed already."""
    out = list(verdicts)
    i = 0
    while i < len(out) - 1:
        head_item, _, head_parent = _shape(contexts[i])
        item, container, _ = _shape(contexts[i + 1])
        if out[i] < 0 or head_item or not item or container != head_parent:
            i += 1
            continue
        end = i + 1
        while end < len(out) and _shape(contexts[end])[:2] == (True, container):
            end += 1
        if any(out[k] >= 0 for k in range(i + 1, end)):
            out[i + 1 : end] = [v if v >= 0 else out[i] for v in out[i + 1 : end]]
        i = end
    return out
