"""Near-duplicate clusters from MinHash signatures: LSH banding in numpy, verified, connected.

The bands and rows are datasketch's optimal choice for the threshold (`MinHashLSH` would pick
the same) and two rows are candidates when they share a band's bucket, as in a `MinHashLSH`
query. Whole corpora are banded at once: sorts of packed bucket codes (all bands of a small
network in one) instead of one index insert and one query per row.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable

import numpy as np
from datasketch.lsh import _optimal_param

from .arrays import distinct, odd_mixers

try:
    from ._ckernels import equal_share as _native_equal_share
except ImportError:  # not compiled (no C compiler when installed)
    _native_equal_share = None
from .sketch import Sketcher, ranges

#: Within a bucket every pair is a candidate up to this distance in bucket order; a larger
#: bucket (a shared boilerplate-only text) adds each member paired with its first row, so the
#: candidates stay linear in the rows.
BUCKET_PAIRS = 32
#: Candidate pairs verified per numpy batch (bounds the memory of the comparison).
VERIFY_BATCH = 65_536
#: Sets smaller than this many shingles are linked by Jaccard similarity only.
MIN_CONTAINMENT_SIZE = 20
#: Estimated containments this close below the threshold (or above it) are computed exactly.
CONTAINMENT_MARGIN = 0.25
_EMPTY = np.iinfo(np.uint32).max


#: datasketch's choice for the default story candidate and fragment thresholds, known ahead:
#: its numeric integration costs about 30 ms per threshold, 10% of a 1,000-page run.
DEFAULT_LSH_PARAMS = {(0.2, 128): (28, 2), (0.8, 64): (5, 11)}


@functools.cache
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band): datasketch's choice for equal false positive/negative weights."""
    return DEFAULT_LSH_PARAMS.get((threshold, num_perm)) or _optimal_param(threshold, num_perm, 0.5, 0.5)


#: Bucket entries (rows times bands) sorted at once: a small network's bands in one sort, a large
#: network's one band at a time (many small sorts cost more calls; one large sort misses the cache).
SORT_ENTRIES = 1 << 16


def candidate_pairs(signatures: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs (a < b) that share a bucket in at least one band; each pair once. In a bucket,
    rows are paired with the next `BUCKET_PAIRS - 1` rows, and rows past those with the first."""
    n, num_perm = signatures.shape
    bands, rows = lsh_params(threshold, num_perm)
    keys = band_keys(signatures, bands, rows)
    per_sort = max(1, SORT_ENTRIES // max(1, n))
    found = []
    for first in range(0, bands, per_sort):
        order, bucket, starts, sizes = _buckets(keys[first : first + per_sort])
        for distance in range(1, min(BUCKET_PAIRS, len(order))):
            same = np.flatnonzero(bucket[distance:] == bucket[:-distance])
            if not len(same):
                break
            found.append(_encode(order[same], order[same + distance], n))
        large = np.flatnonzero(sizes > BUCKET_PAIRS)
        if len(large):  # every row past the first BUCKET_PAIRS of its bucket, with the bucket's first
            late = ranges(starts[large] + BUCKET_PAIRS, sizes[large] - BUCKET_PAIRS)
            found.append(_encode(order[starts[bucket[late]]], order[late], n))
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    codes = distinct(np.concatenate(found))
    return codes // n, codes % n


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """The bucket key of every row in every band, (bands, rows of `signatures`): a band's
    signature rows times odd 64-bit mixers, summed (modulo 2**64, in one `einsum` pass)."""
    by_band = signatures[:, : bands * rows].reshape(len(signatures), bands, rows)
    return np.ascontiguousarray(np.einsum("nbr,r->bn", by_band, odd_mixers(rows)))


def _buckets(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The (band, row) entries of the bands ordered by bucket, rows ascending within a bucket:
    each position's row and bucket number; each bucket's first position and size.

    One sort, for the bands at once, of codes holding the band, a key's high bits and the row
    number (numpy's argsort is several times slower); keys equal in those bits share a bucket,
    which at worst adds candidate pairs, verified like any other.
    """
    bands, n = keys.shape
    row_bits = max(1, n.bit_length())
    band_bits = max(1, (bands - 1).bit_length())
    codes = (np.arange(bands, dtype=np.uint64)[:, None] << np.uint64(64 - band_bits)
             | keys >> np.uint64(row_bits + band_bits) << np.uint64(row_bits)
             | np.arange(n, dtype=np.uint64))
    codes = np.sort(codes, axis=None)
    order = (codes & np.uint64((1 << row_bits) - 1)).astype(np.int64)
    high = codes >> np.uint64(row_bits)
    starts = np.flatnonzero(np.r_[True, high[1:] != high[:-1]])
    sizes = np.diff(np.r_[starts, len(codes)])
    return order, np.repeat(np.arange(len(starts)), sizes), starts, sizes


def _encode(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    return np.minimum(a, b) * n + np.maximum(a, b)


def estimated_jaccard(signatures: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Share of equal signature rows for each pair (a[i], b[i]) (by the compiled loop when it was built)."""
    if _native_equal_share is None:
        return estimated_jaccard_numpy(signatures, a, b)
    return _native_equal_share(np.ascontiguousarray(signatures, dtype=np.uint32), np.ascontiguousarray(a, dtype=np.int64),
                               np.ascontiguousarray(b, dtype=np.int64))


def estimated_jaccard_numpy(signatures: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """`estimated_jaccard` in numpy, in bounded batches."""
    out = np.empty(len(a), dtype=np.float64)
    for start in range(0, len(a), VERIFY_BATCH):
        stop = start + VERIFY_BATCH
        out[start:stop] = (signatures[a[start:stop]] == signatures[b[start:stop]]).mean(axis=1)
    return out


def connected_components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Label of every node 0..n-1 given the edges (a[i], b[i]): the smallest node of its component.

    Min-label propagation with pointer jumping, all in numpy; the number of passes grows with
    the logarithm of a component's diameter, not with the number of nodes.
    """
    labels = np.arange(n, dtype=np.int64)
    if not len(a):
        return labels
    while True:
        low = np.minimum(labels[a], labels[b])
        before = labels.copy()
        np.minimum.at(labels, labels[a], low)
        np.minimum.at(labels, labels[b], low)
        np.minimum.at(labels, a, low)
        np.minimum.at(labels, b, low)
        while True:
            jumped = labels[labels]
            if np.array_equal(jumped, labels):
                break
            labels = jumped
        if np.array_equal(labels, before):
            return labels


def candidates(signatures: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """LSH candidate pairs among the non-empty rows (an empty text is nobody's near-duplicate)."""
    members = np.flatnonzero((signatures != _EMPTY).any(axis=1))
    a, b = candidate_pairs(signatures[members], threshold)
    return members[a], members[b]


def link(
    signatures: np.ndarray,
    pairs: tuple[np.ndarray, np.ndarray],
    threshold: float,
    sizes: np.ndarray | None = None,
    containment: float = 1.0,
    exact_containment: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
) -> np.ndarray:
    """Verify candidate pairs and label each row with the smallest row of its story.

    A pair is linked when its estimated Jaccard similarity reaches `threshold` or, given the
    shingle-set `sizes`, the share of the smaller set found in the larger one reaches
    `containment` (a copy with its ending cut). That share, estimated from the Jaccard estimate
    and the sizes, swings widely when the sizes differ; where it decides, within
    `CONTAINMENT_MARGIN` of `containment`, `exact_containment(a, b)` gives it exactly. Stories
    are `star_clusters` of the links: every member is linked to its story's centre, none joins
    only through third pages.
    """
    a, b = pairs
    jaccard = estimated_jaccard(signatures, a, b)
    linked = jaccard >= threshold
    strength = jaccard
    if sizes is not None:
        contained = _contained(jaccard, sizes[a], sizes[b])
        if exact_containment is not None:
            unsure = np.flatnonzero(~linked & (contained >= containment - CONTAINMENT_MARGIN))
            contained[unsure] = exact_containment(a[unsure], b[unsure])
        linked |= contained >= containment
        strength = np.maximum(jaccard, contained * (threshold / containment))
    rank = order_free_rank(signatures)
    return star_clusters(len(signatures), a[linked], b[linked], strength[linked], rank)


def story_similarity(signatures: np.ndarray, sizes: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per pair: the estimated share of the shorter text's shingles found in the other (at
    least the estimated Jaccard similarity), or the Jaccard similarity for texts shorter than
    `MIN_CONTAINMENT_SIZE` shingles."""
    jaccard = estimated_jaccard(signatures, a, b)
    return np.minimum(1.0, np.maximum(jaccard, _contained(jaccard, sizes[a], sizes[b])))


def order_free_rank(signatures: np.ndarray) -> np.ndarray:
    """A tie-break per row from its content (two signature values), not from its position."""
    if not signatures.shape[1]:
        return np.zeros(len(signatures), dtype=np.uint64)
    head = signatures[:, : min(2, signatures.shape[1])].astype(np.uint64)
    return head[:, 0] << np.uint64(32) | head[:, -1]


def star_clusters(n: int, a: np.ndarray, b: np.ndarray, strength: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """Label of every node 0..n-1 given the links (a[i], b[i]) of `strength[i]`: the smallest
    node of its cluster. In every cluster each node is linked to the cluster's centre (its most
    linked node) or to at least half of the other nodes, so no node joins through a third.

    A connected component whose most linked node (ties: smaller `rank`) is linked to all the
    others is one cluster. Any other component is split (`_split_component`). Labels do not
    depend on the order of the nodes.
    """
    component = connected_components(n, a, b)
    if not len(a):
        return component
    degree = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
    order = np.lexsort((rank, -degree, component))
    first = np.r_[True, component[order][1:] != component[order][:-1]]
    centre_of = np.empty(n, dtype=np.int64)
    centre_of[component[order[first]]] = order[first]
    centre = centre_of[component]
    reached = centre == np.arange(n)
    reached[a[centre[a] == b]] = True
    reached[b[centre[b] == a]] = True
    broken = np.zeros(n, dtype=bool)
    broken[component[~reached]] = True
    inside = broken[component[a]]
    if inside.any():
        links = _Links(a[inside], b[inside], strength[inside], rank)
        for nodes in _components_of(component, np.flatnonzero(broken[component])):
            for members in _split_component(nodes, links):
                centre[members] = members[0]
    return _smallest_member(centre)


class _Links:
    """The links of some nodes as adjacency sets, with their strengths and the nodes' ranks."""

    def __init__(self, a: np.ndarray, b: np.ndarray, strength: np.ndarray, rank: np.ndarray) -> None:
        self.rank = rank
        self.near: dict[int, dict[int, float]] = defaultdict(dict)
        for x, y, s in zip(a.tolist(), b.tolist(), strength.tolist()):
            self.near[x][y] = s
            self.near[y][x] = s

    def key(self, node: int, among: set[int]) -> tuple[int, int]:
        """Most linked first within `among`, then by rank."""
        return (-sum(1 for y in self.near[node] if y in among), int(self.rank[node]))


def _components_of(component: np.ndarray, nodes: np.ndarray) -> list[list[int]]:
    found: dict[int, list[int]] = defaultdict(list)
    for node, label in zip(nodes.tolist(), component[nodes].tolist()):
        found[label].append(node)
    return list(found.values())


def _split_component(nodes: list[int], links: _Links) -> list[list[int]]:
    """Clusters of one component: stars first (nodes in order of links become centres unless
    linked to an earlier centre; every other node joins the centre it is most strongly linked
    to), then clusters merged, most links between them first, while every node of the union is
    linked to its centre or to at least half of the other nodes."""
    every = set(nodes)
    centres: list[int] = []
    covered: set[int] = set()
    for v in sorted(nodes, key=lambda v: links.key(v, every)):
        if v not in covered:
            centres.append(v)
            covered.add(v)
            covered.update(links.near[v])
    is_centre = set(centres)
    cluster_of = {v: v if v in is_centre else max((s, -int(links.rank[y]), y) for y, s in links.near[v].items() if y in is_centre)[2]
                  for v in nodes}
    clusters: dict[int, set[int]] = defaultdict(set)
    for v, c in cluster_of.items():
        clusters[c].add(v)
    merged = True
    while merged:
        merged = False
        between: dict[tuple[int, int], int] = defaultdict(int)
        for x in nodes:
            for y in links.near[x]:
                cx, cy = cluster_of[x], cluster_of[y]
                if (int(links.rank[cx]), cx) < (int(links.rank[cy]), cy):
                    between[cx, cy] += 1
        for (cx, cy), _ in sorted(between.items(), key=lambda item: (-item[1], int(links.rank[item[0][0]]), int(links.rank[item[0][1]]))):
            if cx not in clusters or cy not in clusters:
                continue
            union = clusters[cx] | clusters[cy]
            if _coherent(union, links):
                clusters[cx] = union
                del clusters[cy]
                for v in union:
                    cluster_of[v] = cx
                merged = True
    return [sorted(members, key=lambda v: links.key(v, members)) for members in clusters.values()]


#: Nodes tried as the centre of a merged cluster (the most linked first).
CENTRES_TRIED = 8


def _coherent(members: set[int], links: _Links) -> bool:
    """Whether some node of `members` (one of the `CENTRES_TRIED` most linked) is a centre:
    every other node is linked to it or to at least half of the others."""
    half = (len(members) - 1) / 2
    linked_inside = {v: sum(1 for y in links.near[v] if y in members) for v in members}
    loose = [v for v, count in linked_inside.items() if count < half]
    for centre in sorted(members, key=lambda v: (-linked_inside[v], int(links.rank[v])))[:CENTRES_TRIED]:
        if all(v == centre or centre in links.near[v] for v in loose):
            return True
    return False


def _smallest_member(centre: np.ndarray) -> np.ndarray:
    """Relabel clusters given by their centre with the smallest node of each."""
    smallest = np.full(len(centre), len(centre), dtype=np.int64)
    np.minimum.at(smallest, centre, np.arange(len(centre)))
    return smallest[centre]


def cluster(
    signatures: np.ndarray,
    sketcher: Sketcher,
    threshold: float,
    sizes: np.ndarray | None = None,
    containment: float = 1.0,
    candidate_threshold: float | None = None,
) -> list[int]:
    """Label each row with the smallest row of its cluster: `candidates` at
    `candidate_threshold` (default `threshold`), then `link`. Clusters are connected
    components, so the labels do not depend on the order of the rows; empty rows stay alone."""
    if signatures.shape[1] != sketcher.num_perm:
        raise ValueError(f"signatures have {signatures.shape[1]} rows, the sketcher {sketcher.num_perm}")
    pairs = candidates(signatures, candidate_threshold or threshold)
    return link(signatures, pairs, threshold, sizes, containment).tolist()


def _contained(jaccard: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> np.ndarray:
    """Estimated |A & B| / min(|A|, |B|) from Jaccard similarity and the set sizes."""
    intersection = jaccard * (size_a + size_b) / (1.0 + jaccard)
    smaller = np.minimum(size_a, size_b)
    return np.where(smaller >= MIN_CONTAINMENT_SIZE, intersection / np.maximum(smaller, 1), 0.0)


def band_cluster(signatures: np.ndarray, threshold: float) -> np.ndarray:
    """Cluster many short sketches at once: candidates by banding, linked at `threshold`.

    Label: the smallest row of the connected component. Near-linear: sorts of bucket codes.
    """
    a, b = candidate_pairs(signatures, threshold)
    linked = estimated_jaccard(signatures, a, b) >= threshold
    return connected_components(len(signatures), a[linked], b[linked])
