"""Signatures equal datasketch's MinHash fed the same shingle hashes; similar texts collide."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash
from hypothesis import given
from hypothesis import strategies as st

from dedup.options import DedupOptions
from dedup.sketch import NATIVE_KERNELS, Sketcher, ngram_sets, ngram_sets_numpy
from dedup.stories import cluster


def test_signatures_equal_datasketch_minhash() -> None:
    sketcher = Sketcher(num_perm=64, seed=3)
    sets = [sketcher.word_shingles("ein zwei drei vier fünf sechs sieben", 3), sketcher.char_shingles("weiterlesen nach der anzeige", 5)]
    for shingles, row in zip(sets, sketcher.signatures(sets)):
        reference = MinHash(num_perm=64, seed=3, hashfunc=lambda v: v)
        reference.update_batch([int(v) for v in shingles])
        assert np.array_equal(reference.hashvalues, row)


@pytest.mark.skipif(not NATIVE_KERNELS, reason="the compiled kernels were not built (no C compiler at install time)")
@given(st.lists(st.lists(st.integers(0, 2**32 - 1), max_size=40), max_size=12), st.sampled_from([16, 64, 100]), st.integers(0, 5))
def test_compiled_signatures_equal_the_numpy_signatures(sets: list[list[int]], num_perm: int, seed: int) -> None:
    sketcher = Sketcher(num_perm=num_perm, seed=seed)
    shingles = np.array([v for s in sets for v in s], dtype=np.uint32)
    offsets = np.concatenate(([0], np.cumsum([len(s) for s in sets], dtype=np.int64)))
    assert np.array_equal(sketcher.signatures_flat(shingles, offsets), sketcher.signatures_numpy(shingles, offsets))


@pytest.mark.skipif(not NATIVE_KERNELS, reason="the compiled kernels were not built (no C compiler at install time)")
@given(st.lists(st.lists(st.integers(0, 2**64 - 1), max_size=12), max_size=10), st.integers(1, 6))
def test_compiled_ngrams_equal_the_numpy_ngrams(sets: list[list[int]], n: int) -> None:
    units = np.array([v for s in sets for v in s], dtype=np.uint64)
    offsets = np.concatenate(([0], np.cumsum([len(s) for s in sets], dtype=np.int64)))
    compiled, numpy_path = ngram_sets(units, offsets, n), ngram_sets_numpy(units, offsets, n)
    assert np.array_equal(compiled[0], numpy_path[0]) and np.array_equal(compiled[1], numpy_path[1])


def test_empty_text_gets_empty_signature_and_stays_alone() -> None:
    sketcher = Sketcher()
    sigs = sketcher.signatures([sketcher.word_shingles("", 3), sketcher.word_shingles("", 3)])
    assert (sigs == np.iinfo(np.uint32).max).all()
    assert cluster(sigs, sketcher, 0.5) == [0, 1]


def test_cluster_links_near_duplicates_only() -> None:
    sketcher = Sketcher()
    base = "die regierung in berlin hat am montag neue regeln für den handel mit strom beschlossen und will damit die preise senken"
    texts = [base, base + " das teilte ein sprecher mit", "ein ganz anderer text über fußball in münchen und den sieg der mannschaft am wochenende"]
    sigs = sketcher.signatures([sketcher.word_shingles(t, 3) for t in texts])
    labels = cluster(sigs, sketcher, 0.5)
    assert labels[0] == labels[1] != labels[2]
    reversed_labels = cluster(sigs[::-1].copy(), sketcher, 0.5)[::-1]
    assert reversed_labels[0] == reversed_labels[1] != reversed_labels[2]


def test_banding_proposes_every_pair_datasketch_minhashlsh_proposes() -> None:
    from datasketch import MinHashLSH

    from dedup.stories import candidate_pairs

    sketcher = Sketcher()
    rng = np.random.default_rng(5)
    vocabulary = [f"w{i}" for i in range(400)]
    bases = [list(rng.choice(vocabulary, 60)) for _ in range(12)]
    texts = []
    for base in bases:  # each base text and a few edited copies of it
        for _ in range(4):
            copy = list(base)
            for position in rng.choice(len(copy), 6, replace=False):
                copy[position] = str(rng.choice(vocabulary))
            texts.append(" ".join(copy))
    signatures = sketcher.signatures([sketcher.word_shingles(t, 3) for t in texts])
    lsh = MinHashLSH(threshold=0.2, num_perm=sketcher.num_perm)
    for i, row in enumerate(signatures):
        lsh.insert(i, sketcher.lean(row))
    expected = {(i, j) for i, row in enumerate(signatures) for j in lsh.query(sketcher.lean(row)) if i < j}
    a, b = candidate_pairs(signatures, 0.2)
    assert expected and expected <= set(zip(a.tolist(), b.tolist()))


def _bucket_pairs_reference(signatures: np.ndarray, bands: int, rows: int) -> set[tuple[int, int]]:
    """The documented candidates, pair by pair: in every band, rows with equal band values are
    paired up to BUCKET_PAIRS - 1 apart in row order, and every later row with the first."""
    from dedup.stories import BUCKET_PAIRS

    pairs = set()
    for band in range(bands):
        buckets: dict[bytes, list[int]] = {}
        for i, row in enumerate(signatures[:, band * rows : (band + 1) * rows]):
            buckets.setdefault(row.tobytes(), []).append(i)
        for members in buckets.values():
            pairs |= {(members[i], members[j]) for i in range(len(members)) for j in range(i + 1, min(i + BUCKET_PAIRS, len(members)))}
            pairs |= {(members[0], m) for m in members[BUCKET_PAIRS:]}
    return pairs


@given(st.integers(1, 120), st.integers(1, 4), st.sampled_from([8, 16, 64]), st.sampled_from([0.2, 0.5, 0.8]),
       st.integers(0, 2**32 - 1), st.sampled_from([1, 200, 1 << 16]))
def test_candidate_pairs_are_the_bucket_pairs(n: int, values: int, num_perm: int, threshold: float, seed: int, sort_entries: int) -> None:
    """Few distinct values, so buckets are large and many (some past BUCKET_PAIRS rows); with
    mixers that are multiples of one another, distinct small bands shared a bucket key. The
    bands are bucketed one per sort, a few per sort, or all in one sort."""
    from dedup import stories
    from dedup.stories import candidate_pairs, lsh_params

    signatures = np.random.default_rng(seed).integers(0, values, (n, num_perm)).astype(np.uint32)
    default, stories.SORT_ENTRIES = stories.SORT_ENTRIES, sort_entries
    try:
        a, b = candidate_pairs(signatures, threshold)
    finally:
        stories.SORT_ENTRIES = default
    found = list(zip(a.tolist(), b.tolist()))
    assert len(found) == len(set(found))
    assert set(found) == _bucket_pairs_reference(signatures, *lsh_params(threshold, num_perm))


def test_default_lsh_params_are_datasketchs_choice() -> None:
    from datasketch.lsh import _optimal_param

    from dedup.stories import DEFAULT_LSH_PARAMS, lsh_params

    options = DedupOptions()
    assert set(DEFAULT_LSH_PARAMS) == {(options.story_candidates, options.num_perm), (options.fragment_threshold, options.fragment_num_perm)}
    for (threshold, num_perm), params in DEFAULT_LSH_PARAMS.items():
        assert params == _optimal_param(threshold, num_perm, 0.5, 0.5)
    assert lsh_params(0.5, 32) == _optimal_param(0.5, 32, 0.5, 0.5)


@pytest.mark.skipif(not NATIVE_KERNELS, reason="compiled kernels not built")
@given(st.integers(1, 40), st.integers(1, 70), st.data())
def test_compiled_pair_similarity_equals_numpys(rows: int, width: int, data: st.DataObject) -> None:
    from dedup.stories import estimated_jaccard, estimated_jaccard_numpy

    values = data.draw(st.lists(st.integers(0, 3), min_size=rows * width, max_size=rows * width))
    signatures = np.array(values, dtype=np.uint32).reshape(rows, width)
    pairs = data.draw(st.lists(st.tuples(st.integers(0, rows - 1), st.integers(0, rows - 1)), max_size=30))
    a = np.array([p[0] for p in pairs], dtype=np.int64)
    b = np.array([p[1] for p in pairs], dtype=np.int64)
    assert np.array_equal(estimated_jaccard(signatures, a, b), estimated_jaccard_numpy(signatures, a, b))
