"""A list goes with the heading above it: a related-articles box is one unit.

`<h3>heading</h3><ul><li>headline</li>...</ul>`: once a rule removes the heading and
one of the items (an item quoting another story's headline), the other items go too, with the
heading's rule, whatever their text (headlines of pages the corpus does not hold). Only list
items right after the heading whose list sits in the heading's own container count.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np


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


class ListShapes:
    """`with_lists` for a whole corpus at once: the shape of every DOM context as integer ids."""

    def __init__(self, contexts: Sequence[str]) -> None:
        ids: dict[str, int] = {"": 0}
        shapes = [_shape(c) for c in contexts]
        self.item = np.fromiter((item for item, _, _ in shapes), dtype=bool, count=len(shapes))
        self.container = np.fromiter((ids.setdefault(c, len(ids)) for _, c, _ in shapes), dtype=np.int64, count=len(shapes))
        self.parent = np.fromiter((ids.setdefault(p, len(ids)) for _, _, p in shapes), dtype=np.int64, count=len(shapes))
        self._layout: tuple | None = None

    def apply(self, verdicts: np.ndarray, context: np.ndarray, page: np.ndarray) -> np.ndarray:
        """`with_lists` on every page: `verdicts`, `context` (context ids) and `page` per block
        occurrence, pages one after another. What depends on the pages alone is kept for the
        next call with the same arrays."""
        if len(verdicts) < 2:
            return verdicts
        if self._layout is None or self._layout[0] is not context or self._layout[1] is not page:
            self._layout = (context, page, *self._lay_out(context, page))
        _, _, items, run_of_item, n_runs, heads = self._layout
        removed = verdicts >= 0
        item_removed = removed[items]
        removed_in = np.bincount(run_of_item[item_removed], minlength=n_runs)
        kept_in = np.bincount(run_of_item[~item_removed], minlength=n_runs)
        heads = heads[removed[heads]]
        runs = np.searchsorted(items, heads + 1)  # the run of the item right after each heading
        runs = run_of_item[runs]
        useful = (removed_in[runs] > 0) & (kept_in[runs] > 0)
        if not useful.any():
            return verdicts
        rule_of_run = np.full(n_runs, -1, dtype=np.int64)
        rule_of_run[runs[useful]] = verdicts[heads[useful]]
        take = ~item_removed & (rule_of_run[run_of_item] >= 0)
        out = verdicts.copy()
        out[items[take]] = rule_of_run[run_of_item[take]]
        return out

    def _lay_out(self, context: np.ndarray, page: np.ndarray) -> tuple[np.ndarray, np.ndarray, int, np.ndarray]:
        """The list items' positions and the run (one list) of each, the number of runs, and the
        positions of blocks right above a run in their own container (headings, if removed)."""
        item, container, parent = self.item[context], self.container[context], self.parent[context]
        same_page = page[1:] == page[:-1]
        continues = np.r_[False, item[1:] & item[:-1] & (container[1:] == container[:-1]) & same_page]
        items = np.flatnonzero(item)
        run_of_item = (np.cumsum(item & ~continues) - 1)[items]
        n_runs = int(run_of_item[-1]) + 1 if len(items) else 0
        heads = np.flatnonzero(~item[:-1] & item[1:] & same_page & (container[1:] == parent[:-1]))
        return items, run_of_item, n_runs, heads
