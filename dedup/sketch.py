"""Shingles and MinHash signatures, vectorised with numpy over many texts at once.

Signatures equal datasketch's `MinHash(num_perm, seed)` (scheme "affine32") fed the same
32-bit shingle hashes, so they go straight into `LeanMinHash` and `MinHashLSH`.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np
from datasketch import LeanMinHash, MinHash

from .normalize import words

_MASK32 = np.uint64(0xFFFFFFFF)
# Odd 64-bit multipliers (from splitmix64) that combine the hashes of an n-gram's members.
_MIXERS = np.array(
    [0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0xD6E8FEB86659FD93,
     0xA0761D6478BD642F, 0xE7037ED1A0B428DB, 0x8EBC6AF09C88C6E3, 0x589965CC75374CC3],
    dtype=np.uint64,
)
#: Rows of the shingle x permutation matrix computed at once (bounds memory: 64k x 128 x 4 B).
_CHUNK_ROWS = 65_536


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch applies it before its permutations."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def ngrams(units: np.ndarray, n: int) -> np.ndarray:
    """32-bit hashes of every run of `n` consecutive units (the whole sequence if shorter)."""
    units = units.astype(np.uint64)
    if len(units) == 0:
        return np.empty(0, dtype=np.uint32)
    n = min(n, len(units))
    count = len(units) - n + 1
    acc = np.zeros(count, dtype=np.uint64)
    for offset in range(n):
        acc += units[offset : offset + count] * _MIXERS[offset % len(_MIXERS)]
    return ((acc >> np.uint64(32)) ^ (acc & _MASK32)).astype(np.uint32)


class Sketcher:
    """Makes shingle hashes and MinHash signatures with one datasketch permutation set."""

    def __init__(self, num_perm: int = 128, seed: int = 1) -> None:
        self.num_perm = num_perm
        self.seed = seed
        a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
        self._a = np.asarray(a, dtype=np.uint32)
        self._b = np.asarray(b, dtype=np.uint32)
        self._token_hashes: dict[str, int] = {}

    def token_hashes(self, normalized: str) -> np.ndarray:
        """A 32-bit hash of every word of a normalised text, each distinct word hashed once."""
        cache = self._token_hashes
        ids = []
        for token in words(normalized):
            value = cache.get(token)
            if value is None:
                value = cache[token] = zlib.crc32(token.encode("utf-8"))
            ids.append(value)
        return np.array(ids, dtype=np.uint32)

    def word_shingles(self, normalized: str, n: int) -> np.ndarray:
        """Hashes of the word n-grams of a normalised text (documents)."""
        return ngrams(self.token_hashes(normalized), n)

    @staticmethod
    def char_shingles(normalized: str, n: int) -> np.ndarray:
        """Hashes of the character n-grams of a normalised text (fragments)."""
        codepoints = np.frombuffer(normalized.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        return ngrams(codepoints, n)

    def signatures(self, shingle_sets: Sequence[np.ndarray]) -> np.ndarray:
        """One signature row per shingle set; an empty set gets the all-max "empty" row."""
        out = np.full((len(shingle_sets), self.num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
        start = 0
        while start < len(shingle_sets):
            if len(shingle_sets[start]) > _CHUNK_ROWS:
                out[start] = self._signature_of_large(shingle_sets[start])
                start += 1
                continue
            stop, rows = start, 0
            while stop < len(shingle_sets) and rows + len(shingle_sets[stop]) <= _CHUNK_ROWS:
                rows += len(shingle_sets[stop])
                stop += 1
            self._fill(shingle_sets[start:stop], out[start:stop])
            start = stop
        return out

    def _signature_of_large(self, shingles: np.ndarray) -> np.ndarray:
        row = np.full(self.num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
        for start in range(0, len(shingles), _CHUNK_ROWS):
            hv = _fmix32(shingles[start : start + _CHUNK_ROWS].astype(np.uint32))
            permuted = np.multiply.outer(self._a, hv)
            permuted += self._b[:, None]
            np.minimum(row, permuted.min(axis=1), out=row)
        return row

    def _fill(self, sets: Sequence[np.ndarray], out: np.ndarray) -> None:
        lengths = np.fromiter((len(s) for s in sets), dtype=np.int64, count=len(sets))
        nonempty = np.flatnonzero(lengths)
        if len(nonempty) == 0:
            return
        hv = _fmix32(np.concatenate([sets[i] for i in nonempty]).astype(np.uint32))
        permuted = np.multiply.outer(self._a, hv)  # permutations x shingles: rows stay contiguous
        permuted += self._b[:, None]
        offsets = np.concatenate(([0], np.cumsum(lengths[nonempty])[:-1]))
        out[nonempty] = np.minimum.reduceat(permuted, offsets, axis=1).T

    def lean(self, signature: np.ndarray) -> LeanMinHash:
        """A datasketch LeanMinHash for one signature row."""
        return LeanMinHash(seed=self.seed, hashvalues=signature, scheme="affine32")


def similarity(signatures: np.ndarray, row: int, others: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of one signature row with several others."""
    return (signatures[others] == signatures[row]).mean(axis=1)
