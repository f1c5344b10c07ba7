"""Shingles and MinHash signatures, vectorised with numpy over many texts at once.

Signatures equal datasketch's `MinHash(num_perm, seed)` (scheme "affine32") fed the same
32-bit shingle hashes, so they go straight into `LeanMinHash` and `MinHashLSH`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from datasketch import LeanMinHash, MinHash

from .tokens import token_hashes

try:
    from ._ckernels import minhash as _native_minhash
    from ._ckernels import ngram_hashes as _native_ngrams
except ImportError:  # not compiled (no C compiler when installed): numpy does the work
    _native_minhash = _native_ngrams = None
#: Whether the compiled shingle and MinHash loops are in use.
NATIVE_KERNELS = _native_minhash is not None

_MASK32 = np.uint64(0xFFFFFFFF)
# Odd 64-bit multipliers (from splitmix64) that combine the hashes of an n-gram's members.
_MIXERS = np.array(
    [0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0xD6E8FEB86659FD93,
     0xA0761D6478BD642F, 0xE7037ED1A0B428DB, 0x8EBC6AF09C88C6E3, 0x589965CC75374CC3],
    dtype=np.uint64,
)
#: Shingles sketched in one pass (bounds memory: 64k shingles x 8 permutations x 4 B).
_CHUNK_ROWS = 65_536
#: Permutations applied per pass over a chunk.
_PERMS_PER_PASS = 8


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch applies it before its permutations."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The concatenation of `range(start, start + count)` for each pair, vectorised."""
    counts = np.asarray(counts, dtype=np.int64)
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    before = np.cumsum(counts) - counts
    return np.repeat(np.asarray(starts, dtype=np.int64) - before, counts) + np.arange(total, dtype=np.int64)


def _fold(acc: np.ndarray) -> np.ndarray:
    return ((acc >> np.uint64(32)) ^ (acc & _MASK32)).astype(np.uint32)


def ngram_sets(units: np.ndarray, offsets: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """32-bit hashes of every run of `n` consecutive units inside each set (the whole set if
    shorter); set i owns `units[offsets[i]:offsets[i + 1]]`. Returns hashes and their offsets.
    The compiled loop does it when it was built, else numpy."""
    if _native_ngrams is not None:
        return _native_ngrams(np.ascontiguousarray(units, dtype=np.uint64), np.ascontiguousarray(offsets, dtype=np.int64), n)
    return ngram_sets_numpy(units, offsets, n)


def ngram_sets_numpy(units: np.ndarray, offsets: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """`ngram_sets` with numpy: all windows at once, then the sets shorter than `n`."""
    units = units.astype(np.uint64)
    starts, lengths = offsets[:-1], np.diff(offsets)
    windows = np.maximum(lengths - n + 1, 0)
    short = (lengths > 0) & (lengths < n)
    counts = np.where(short, 1, windows)
    out_offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    out = np.empty(int(out_offsets[-1]), dtype=np.uint32)
    if len(units) >= n:
        span = len(units) - n + 1
        acc = np.zeros(span, dtype=np.uint64)
        for offset in range(n):
            acc += units[offset : offset + span] * _MIXERS[offset % len(_MIXERS)]
        full = windows > 0
        out[ranges(out_offsets[:-1][full], windows[full])] = _fold(acc)[ranges(starts[full], windows[full])]
    if short.any():
        first, size = starts[short], lengths[short]
        acc = np.zeros(len(first), dtype=np.uint64)
        for offset in range(n - 1):
            take = size > offset
            acc[take] += units[first[take] + offset] * _MIXERS[offset % len(_MIXERS)]
        out[out_offsets[:-1][short]] = _fold(acc)
    return out, out_offsets


class Sketcher:
    """Makes shingle hashes and MinHash signatures with one datasketch permutation set."""

    def __init__(self, num_perm: int = 128, seed: int = 1) -> None:
        self.num_perm = num_perm
        self.seed = seed
        a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
        self._a = np.asarray(a, dtype=np.uint32)
        self._b = np.asarray(b, dtype=np.uint32)

    @staticmethod
    def word_shingle_sets(texts: Sequence[str], n: int) -> tuple[np.ndarray, np.ndarray]:
        """Hashes of the word n-grams of many normalised texts: flat hashes and offsets."""
        hashes, offsets = token_hashes(texts)
        return ngram_sets(hashes, offsets, n)

    def word_shingles(self, normalized: str, n: int) -> np.ndarray:
        """Hashes of the word n-grams of one normalised text (documents)."""
        return self.word_shingle_sets([normalized], n)[0]

    @staticmethod
    def char_shingle_sets(texts: Sequence[str], n: int, lengths: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Hashes of the character n-grams of many normalised texts (fragments): flat and offsets.
        `lengths`: the texts' lengths, when the caller has them already."""
        codepoints = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype="<u4")
        if lengths is None:
            lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        return ngram_sets(codepoints, np.concatenate(([0], np.cumsum(lengths, dtype=np.int64))), n)

    def char_shingles(self, normalized: str, n: int) -> np.ndarray:
        """Hashes of the character n-grams of one normalised text."""
        return self.char_shingle_sets([normalized], n)[0]

    def signatures(self, shingle_sets: Sequence[np.ndarray]) -> np.ndarray:
        """One signature row per shingle set; an empty set gets the all-max "empty" row."""
        lengths = [len(s) for s in shingle_sets]
        flat = np.concatenate(shingle_sets) if shingle_sets else np.zeros(0, dtype=np.uint32)
        return self.signatures_flat(flat, np.concatenate(([0], np.cumsum(lengths, dtype=np.int64))))

    def signatures_flat(self, shingles: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        """`signatures` for sets given as flat hashes with offsets (set i: offsets[i]:offsets[i+1]),
        by the compiled loop when it was built."""
        if _native_minhash is None:
            return self.signatures_numpy(shingles, offsets)
        out = np.full((len(offsets) - 1, self.num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
        _native_minhash(np.ascontiguousarray(shingles, dtype=np.uint32), np.ascontiguousarray(offsets, dtype=np.int64), self._a, self._b, out)
        return out

    def signatures_numpy(self, shingles: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        """`signatures_flat` with numpy, chunk by chunk, a few permutations per pass."""
        n_sets = len(offsets) - 1
        out = np.full((n_sets, self.num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
        start = 0
        while start < n_sets:
            stop = int(np.searchsorted(offsets, offsets[start] + _CHUNK_ROWS, side="right")) - 1
            if stop <= start:  # one set larger than a chunk
                out[start] = self._signature_of_large(shingles[offsets[start] : offsets[start + 1]])
                start += 1
                continue
            self._fill(shingles[offsets[start] : offsets[stop]], offsets[start : stop + 1] - offsets[start], out[start:stop])
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

    def _fill(self, shingles: np.ndarray, offsets: np.ndarray, out: np.ndarray) -> None:
        lengths = np.diff(offsets)
        nonempty = np.flatnonzero(lengths)
        if len(nonempty) == 0:
            return
        hv = _fmix32(shingles.astype(np.uint32))
        starts = offsets[:-1][nonempty]
        minima = np.empty((self.num_perm, len(nonempty)), dtype=np.uint32)
        # A few permutations at a time: the permuted block stays in cache for the reduction.
        block = np.empty((_PERMS_PER_PASS, len(hv)), dtype=np.uint32)
        for first in range(0, self.num_perm, _PERMS_PER_PASS):
            rows = slice(first, min(first + _PERMS_PER_PASS, self.num_perm))
            permuted = block[: rows.stop - rows.start]
            np.multiply.outer(self._a[rows], hv, out=permuted)
            permuted += self._b[rows, None]
            minima[rows] = np.minimum.reduceat(permuted, starts, axis=1)
        out[nonempty] = minima.T

    def lean(self, signature: np.ndarray) -> LeanMinHash:
        """A datasketch LeanMinHash for one signature row."""
        return LeanMinHash(seed=self.seed, hashvalues=signature, scheme="affine32")
