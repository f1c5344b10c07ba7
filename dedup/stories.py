"""Near-duplicate clusters from MinHash signatures: datasketch LSH candidates, verified, unioned."""

from __future__ import annotations

import numpy as np
from datasketch import MinHashLSH

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
    members: np.ndarray | None = None,
    sizes: np.ndarray | None = None,
    containment: float = 1.0,
    candidate_threshold: float | None = None,
) -> list[int]:
    """Label each row with the smallest row of its cluster.

    Rows are linked when LSH (at `candidate_threshold`, default `threshold`) makes them
    candidates and their estimated Jaccard similarity reaches `threshold`, or, given the
    shingle-set `sizes`, the estimated share of the smaller set found in the larger one reaches
    `containment` (a copy with its ending cut). Clusters are the connected components, so the
    labels do not depend on the order of the rows. Only `members` (default: all non-empty rows)
    take part; the others stay singletons.
    """
    n = len(signatures)
    if members is None:
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
