"""Near-duplicate clusters from MinHash signatures: datasketch LSH candidates, verified, unioned."""

from __future__ import annotations

import numpy as np
from datasketch import MinHashLSH
from datasketch.lsh import _optimal_param

from .sketch import Sketcher, similarity


class _UnionFind:
    """Disjoint sets over 0..n-1; the representative of a set is its smallest member."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


def cluster(
    signatures: np.ndarray,
    sketcher: Sketcher,
    threshold: float,
    sizes: np.ndarray | None = None,
    containment: float = 1.0,
    candidate_threshold: float | None = None,
) -> list[int]:
    """Label each row with the smallest row of its cluster.

    Rows are linked when LSH (at `candidate_threshold`, default `threshold`) makes them
    candidates and their estimated Jaccard similarity reaches `threshold`, or, given the
    shingle-set `sizes`, the estimated share of the smaller set found in the larger one reaches
    `containment` (a copy with its ending cut). Clusters are the connected components, so the
    labels do not depend on the order of the rows. Empty rows stay singletons.
    """
    n = len(signatures)
    members = np.flatnonzero((signatures != np.iinfo(np.uint32).max).any(axis=1))
    sets = _UnionFind(n)
    if len(members) < 2:
        return [sets.find(i) for i in range(n)]
    lsh = MinHashLSH(threshold=candidate_threshold or threshold, num_perm=sketcher.num_perm)
    leans = {int(i): sketcher.lean(signatures[i]) for i in members}
    with lsh.insertion_session() as session:
        for key, lean in leans.items():
            session.insert(key, lean, check_duplication=False)
    for key, lean in leans.items():
        candidates = np.fromiter((c for c in lsh.query(lean) if c > key), dtype=np.int64)
        if len(candidates):
            jaccard = similarity(signatures, key, candidates)
            linked = jaccard >= threshold
            if sizes is not None:
                linked |= _contained(jaccard, sizes[key], sizes[candidates]) >= containment
            for other in candidates[linked]:
                sets.union(key, int(other))
    return [sets.find(i) for i in range(n)]


#: Sets smaller than this many shingles are linked by Jaccard similarity only.
MIN_CONTAINMENT_SIZE = 20


def _contained(jaccard: np.ndarray, size: int, sizes: np.ndarray) -> np.ndarray:
    """Estimated |A & B| / min(|A|, |B|) from Jaccard similarity and the set sizes."""
    intersection = jaccard * (size + sizes) / (1.0 + jaccard)
    smaller = np.minimum(size, sizes)
    return np.where(smaller >= MIN_CONTAINMENT_SIZE, intersection / np.maximum(smaller, 1), 0.0)


#: Odd 64-bit multipliers that fold a band of signature rows into one bucket key.
_BAND_MIXERS = np.array([(0x9E3779B97F4A7C15 * (2 * i + 1)) & 0xFFFFFFFFFFFFFFFF for i in range(64)], dtype=np.uint64)


def band_cluster(signatures: np.ndarray, threshold: float) -> np.ndarray:
    """Cluster many short sketches at once: LSH banding with numpy instead of an index.

    Bands and rows are datasketch's optimal choice for `threshold`; rows sharing a band's
    bucket are verified against the bucket's first row by estimated Jaccard similarity, and
    clusters are the connected components (label: smallest row). Near-linear: one sort per band.
    """
    n, num_perm = signatures.shape
    sets = _UnionFind(n)
    if n < 2:
        return np.arange(n, dtype=np.int64)
    bands, rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
    for band in range(bands):
        columns = signatures[:, band * rows : (band + 1) * rows].astype(np.uint64)
        keys = (columns * _BAND_MIXERS[:rows]).sum(axis=1)
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        heads = np.repeat(order[starts], np.diff(np.r_[starts, n]))
        pairs = np.flatnonzero(heads != order)
        for chunk in range(0, len(pairs), 100_000):
            part = pairs[chunk : chunk + 100_000]
            close = (signatures[order[part]] == signatures[heads[part]]).mean(axis=1) >= threshold
            for a, b in zip(order[part][close].tolist(), heads[part][close].tolist()):
                sets.union(a, b)
    return np.fromiter((sets.find(i) for i in range(n)), dtype=np.int64, count=n)
