"""Word tokens of many normalised texts at once, hashed with numpy: no Python work per token."""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np

# An odd multiplier (FNV-1a's 64-bit prime) and its inverse modulo 2**64: token hashes are
# polynomial hashes computed from prefix sums, which needs the inverse.
_P = np.uint64(0x100000001B3)
_P_INV = np.uint64(pow(0x100000001B3, -1, 2**64))
#: Characters hashed in one numpy pass (bounds its arrays to about 50 MB).
_BATCH_CHARS = 1_000_000


@functools.cache
def _word_chars() -> np.ndarray:
    """For every code point, whether it belongs to a word (`\\w`: letters, digits, underscore)."""
    return np.fromiter((chr(c).isalnum() or c == 0x5F for c in range(0x110000)), dtype=bool, count=0x110000)


def _fmix64(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def _hash_batch(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    joined = " ".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    is_word = _word_chars()[np.minimum(codes, 0x10FFFF)]
    edges = np.diff(np.concatenate(([0], is_word.view(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    values = codes.astype(np.uint64) + np.uint64(1)
    n = len(values)
    inverse_powers = np.concatenate(([np.uint64(1)], np.cumprod(np.full(max(n - 1, 0), _P_INV, dtype=np.uint64))))
    powers = np.concatenate(([np.uint64(1)], np.cumprod(np.full(max(n - 1, 0), _P, dtype=np.uint64))))
    prefix = np.concatenate(([np.uint64(0)], np.cumsum(values * inverse_powers, dtype=np.uint64)))
    hashes = _fmix64((prefix[ends] - prefix[starts]) * powers[np.maximum(ends - 1, 0)])
    text_starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]], dtype=np.int64)
    offsets = np.concatenate((np.searchsorted(starts, text_starts), [len(starts)])).astype(np.int64)
    return hashes, offsets


def token_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of the words of each text; text i owns `hashes[offsets[i]:offsets[i + 1]]`.

    A word's hash depends on its characters only, so the same word hashes alike in any text.
    """
    parts, offsets, base, start = [], [np.zeros(1, dtype=np.int64)], 0, 0
    while start < len(texts):
        stop, chars = start, 0
        while stop < len(texts) and (stop == start or chars + len(texts[stop]) <= _BATCH_CHARS):
            chars += len(texts[stop]) + 1
            stop += 1
        hashes, batch_offsets = _hash_batch(texts[start:stop])
        parts.append(hashes)
        offsets.append(batch_offsets[1:] + base)
        base += len(hashes)
        start = stop
    return (np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)), np.concatenate(offsets)
