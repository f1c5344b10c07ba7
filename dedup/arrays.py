"""Small numpy helpers shared by the learners."""

from __future__ import annotations

import functools

import numpy as np

try:
    from ._ckernels import distinct_per_page as _native_distinct_per_page
except ImportError:  # not compiled (no C compiler when installed)
    _native_distinct_per_page = None


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values of an integer array.

    A sort and a comparison of neighbours: numpy 2.4's `np.unique` hashes instead, which is
    tens of times slower on the millions of packed pair codes the learners count.
    """
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def distinct_per(owner: np.ndarray, value: np.ndarray, size: int) -> np.ndarray:
    """For each owner id < size, how many distinct values occur with it (values non-negative)."""
    if len(owner) == 0:
        return np.zeros(size, dtype=np.int64)
    base = int(value.max()) + 1
    pairs = distinct(owner * base + value)
    return np.bincount(pairs // base, minlength=size)


def distinct_per_page(owner: np.ndarray, offsets: np.ndarray, page_value: np.ndarray, size: int) -> np.ndarray:
    """`distinct_per` for occurrences stored page after page (page p's owners are
    `owner[offsets[p]:offsets[p + 1]]`) whose value is their page's (`page_value[p]`, non-negative).

    The compiled loop, when it was built, visits the pages in order of value and marks each
    owner with the last value it counted there: one pass, no sort of the occurrences."""
    if _native_distinct_per_page is None or len(owner) == 0:
        return distinct_per(owner, np.repeat(page_value, np.diff(offsets)), size)
    order = np.argsort(page_value, kind="stable")
    return _native_distinct_per_page(np.ascontiguousarray(owner, dtype=np.int64), np.ascontiguousarray(offsets, dtype=np.int64),
                                     np.ascontiguousarray(page_value, dtype=np.int64), order.astype(np.int64), size)


def isin_sorted(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """For each value, whether it is in `sorted_set` (sorted and distinct): a binary search,
    without the hashing `np.isin` does. Many values against a small set are first looked up in
    a table of the set's low bits, so most never reach the binary search."""
    if len(sorted_set) == 0:
        return np.zeros(len(values), dtype=bool)
    if len(values) <= _PREFILTER_RATIO * len(sorted_set):
        return _binary_search(values, sorted_set)
    mask = (1 << min(26, len(sorted_set).bit_length() + 3)) - 1
    table = np.zeros(mask + 1, dtype=bool)
    table[sorted_set & mask] = True
    maybe = np.flatnonzero(table[values & mask])
    found = np.zeros(len(values), dtype=bool)
    found[maybe] = _binary_search(values[maybe], sorted_set)
    return found


#: `isin_sorted` filters by low bits first when there are this many times more values than members.
_PREFILTER_RATIO = 8


def _binary_search(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    found = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[found] == values


def distinct_inverse(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`np.unique(values, return_inverse=True)` for non-negative integers: counted in a dense
    table when the values span at most four times their number (no sort); else one sort of
    codes that hold each value above its position, when they fit 63 bits (numpy's argsort,
    which `np.unique` uses, is several times slower)."""
    n = len(values)
    if n == 0:
        return np.unique(values, return_inverse=True)
    top = int(values.max())
    if top < 4 * n:
        present = np.bincount(values) > 0
        ids = np.cumsum(present) - 1
        return np.flatnonzero(present), ids[values]
    shift = n.bit_length()
    if top.bit_length() + shift > 63:
        return np.unique(values, return_inverse=True)
    codes = np.sort((values.astype(np.int64) << shift) | np.arange(n, dtype=np.int64))
    ordered = codes >> shift
    new = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    inverse = np.empty(n, dtype=np.int64)
    inverse[codes & ((1 << shift) - 1)] = np.cumsum(new) - 1
    return ordered[new], inverse


@functools.cache
def odd_mixers(count: int) -> np.ndarray:
    """`count` odd 64-bit multipliers, splitmix64 of the positions 1..count: a run of values
    times these, summed, is one hash of the run in order."""
    z = np.arange(1, count + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return (z ^ (z >> np.uint64(31))) | np.uint64(1)
