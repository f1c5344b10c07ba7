"""The numpy helpers behind the learners agree with plain references on any input."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from dedup.arrays import distinct, distinct_inverse, distinct_per, distinct_per_page, isin_sorted
from dedup.corpus import numbered
from dedup.stories import connected_components

integers = st.lists(st.integers(min_value=0, max_value=10**6), max_size=200)


@given(integers)
def test_distinct_is_the_sorted_set(values: list[int]) -> None:
    assert distinct(np.asarray(values, dtype=np.int64)).tolist() == sorted(set(values))


@given(st.lists(st.integers(min_value=0, max_value=2**63 - 1), max_size=200), st.sampled_from([3, 50, 10**6, 2**40, 2**63 - 1]))
def test_distinct_inverse_rebuilds_the_values(values: list[int], modulus: int) -> None:
    """Dense ranges (counted), sparse ones (one sort of packed codes) and values too large to pack."""
    array = np.asarray([v % modulus for v in values], dtype=np.int64)
    uniques, inverse = distinct_inverse(array)
    assert uniques.tolist() == sorted(set(array.tolist()))
    assert uniques[inverse].tolist() == array.tolist()


@given(st.lists(st.lists(st.integers(0, 7), max_size=6), max_size=12), st.lists(st.integers(0, 4), min_size=12, max_size=12))
def test_distinct_values_per_owner_are_counted(pages: list[list[int]], page_values: list[int]) -> None:
    """Owners of occurrences stored page after page, each page with one value (a story, an
    outlet): the distinct values each owner meets, as a set per owner counts them; the one-pass
    count (compiled when built) and the sorting count agree with it."""
    owners = [o for page in pages for o in page]
    values = [page_values[p] for p, page in enumerate(pages) for _ in page]
    expected = [len({v for o, v in zip(owners, values) if o == owner}) for owner in range(8)]
    offsets = np.cumsum([0, *map(len, pages)])
    assert distinct_per(np.asarray(owners, dtype=np.int64), np.asarray(values, dtype=np.int64), 8).tolist() == expected
    assert distinct_per_page(np.asarray(owners, dtype=np.int64), offsets, np.asarray(page_values[: len(pages)], dtype=np.int64), 8).tolist() == expected


@given(integers, integers, st.sampled_from([np.int64, np.uint64]))
def test_isin_sorted_is_membership(values: list[int], members: list[int], dtype: type) -> None:
    found = isin_sorted(np.asarray(values, dtype=dtype), distinct(np.asarray(members, dtype=dtype)))
    assert found.tolist() == [v in set(members) for v in values]


@given(st.lists(st.integers(min_value=0, max_value=2**64 - 1), min_size=1, max_size=6), st.integers(0, 2**64 - 1), st.integers(1, 300))
def test_isin_sorted_filters_many_values_by_low_bits_correctly(members: list[int], seed: int, size: int) -> None:
    rng = np.random.default_rng(seed)
    values = np.concatenate((rng.integers(0, 2**64, size=size * 8, dtype=np.uint64), np.asarray(members, dtype=np.uint64)))
    found = isin_sorted(values, distinct(np.asarray(members, dtype=np.uint64)))
    assert found.tolist() == [int(v) in set(members) for v in values]


@given(st.integers(min_value=1, max_value=40).flatmap(
    lambda n: st.tuples(st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=60))))
def test_components_label_each_node_with_the_smallest_node_it_reaches(graph: tuple[int, list[tuple[int, int]]]) -> None:
    n, edges = graph
    labels = connected_components(n, np.asarray([a for a, _ in edges], dtype=np.int64), np.asarray([b for _, b in edges], dtype=np.int64))
    reach = {i: {i} for i in range(n)}
    changed = True
    while changed:  # transitive closure over undirected edges
        changed = False
        for a, b in edges:
            merged = reach[a] | reach[b]
            for node in merged:
                if reach[node] != merged:
                    reach[node] = merged
                    changed = True
    assert labels.tolist() == [min(reach[i]) for i in range(n)]


@given(st.lists(st.sampled_from("abcdefgh"), max_size=8), st.lists(st.sampled_from("abcdefghij"), max_size=30))
def test_numbered_gives_numbers_in_order_of_first_sight(known: list[str], items: list[str]) -> None:
    """Strings already numbered keep their numbers; new ones, repeated or not, are numbered from
    `start` in order of first sight and reported once."""
    ids = {item: i for i, item in enumerate(dict.fromkeys(known))}
    expected_ids = dict(ids)
    for item in items:
        expected_ids.setdefault(item, len(expected_ids))
    found, new = numbered(ids, items, len(ids))
    assert found == [expected_ids[item] for item in items]
    assert new == [item for item in dict.fromkeys(items) if item not in known]
    assert ids == expected_ids
