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


def cluster(signatures: np.ndarray, sketcher: Sketcher, threshold: float, members: np.ndarray | None = None) -> list[int]:
    """Label each row with the smallest row of its cluster.

    Rows are linked when LSH makes them candidates and their estimated Jaccard similarity
    reaches `threshold`; clusters are the connected components, so the labels do not depend
    on the order of the rows. Only `members` (default: all non-empty rows) take part; the
    others stay singletons.
    """
    n = len(signatures)
    if members is None:
        members = np.flatnonzero((signatures != np.iinfo(np.uint32).max).any(axis=1))
    sets = _UnionFind(n)
    if len(members) < 2:
        return [sets.find(i) for i in range(n)]
    lsh = MinHashLSH(threshold=threshold, num_perm=sketcher.num_perm)
    leans = {int(i): sketcher.lean(signatures[i]) for i in members}
    with lsh.insertion_session() as session:
        for key, lean in leans.items():
            session.insert(key, lean, check_duplication=False)
    for key, lean in leans.items():
        candidates = np.fromiter((c for c in lsh.query(lean) if c > key), dtype=np.int64)
        if len(candidates):
            for other in candidates[similarity(signatures, key, candidates) >= threshold]:
                sets.union(key, int(other))
    return [sets.find(i) for i in range(n)]
