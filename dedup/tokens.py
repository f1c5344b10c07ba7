"""Word tokens of many normalised texts at once, hashed with numpy: no Python work per token."""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np

# An odd multiplier (FNV-1a's 64-bit prime) and its inverse modulo 2**64: token hashes are
# polynomial hashes computed from prefix sums, which needs the inverse.
_P = np.uint64(0x100000001B3)
_P_INV = np.uint64(pow(0x100000001B3, -1, 2**64))
try:
    from ._ckernels import word_hashes as _native_word_hashes
except ImportError:  # not compiled (no C compiler when installed): numpy does the work
    _native_word_hashes = None

#: Characters hashed in one numpy pass (bounds its arrays to about 50 MB).
_BATCH_CHARS = 1_000_000


#: For every code point, whether it belongs to a word (`\w`: letters, digits, underscore), filled
#: in for the code points met so far (`_KNOWN`): classifying all 1.1M up front costs 0.1 s.
_IS_WORD = np.zeros(0x110000, dtype=bool)
_KNOWN = np.zeros(0x110000, dtype=bool)


def _word_flags(codes: np.ndarray) -> np.ndarray:
    """Whether each code point belongs to a word."""
    new = codes[~_KNOWN[codes]]
    if len(new):
        for code in np.unique(new).tolist():
            _IS_WORD[code] = chr(code).isalnum() or code == 0x5F
        _KNOWN[new] = True
    return _IS_WORD[codes]


def _power_table(base: np.uint64, n: int) -> np.ndarray:
    return np.concatenate((np.ones(1, dtype=np.uint64), np.cumprod(np.full(max(n - 1, 0), base, dtype=np.uint64))))


@functools.cache
def _batch_powers() -> tuple[np.ndarray, np.ndarray]:
    """P**i and P**-i for every position of a batch, computed once (32 MB)."""
    return _power_table(_P, 2 * _BATCH_CHARS), _power_table(_P_INV, 2 * _BATCH_CHARS)


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Power tables of at least `n` entries (a single text longer than a batch gets its own)."""
    if n <= 2 * _BATCH_CHARS:
        return _batch_powers()
    return _power_table(_P, n), _power_table(_P_INV, n)


def _fmix64(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def _hash_batch(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    joined = " ".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    is_word = _word_flags(codes)
    zero = np.zeros(1, dtype=np.int8)
    edges = np.diff(np.concatenate((zero, is_word.view(np.int8), zero)))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    values = codes.astype(np.uint64) + np.uint64(1)
    powers, inverse_powers = _powers(len(values))
    prefix = np.concatenate((np.zeros(1, dtype=np.uint64), np.cumsum(values * inverse_powers[: len(values)], dtype=np.uint64)))
    hashes = _fmix64((prefix[ends] - prefix[starts]) * powers[np.maximum(ends - 1, 0)])
    text_starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]], dtype=np.int64)
    offsets = np.concatenate((np.searchsorted(starts, text_starts), [len(starts)])).astype(np.int64)
    return hashes, offsets


def token_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of the words of each text; text i owns `hashes[offsets[i]:offsets[i + 1]]`.

    A word's hash depends on its characters only, so the same word hashes alike in any text.
    The compiled loop does it when it was built, else numpy.
    """
    if _native_word_hashes is not None:
        return _native_word_hashes(list(texts))
    return token_hashes_numpy(texts)


def token_hashes_numpy(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """`token_hashes` with numpy, a batch of texts at a time."""
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
