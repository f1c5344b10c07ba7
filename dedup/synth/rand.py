"""Deterministic randomness: every generated value is a pure function of the seed and a key.

`mix` hashes a key of ints and strings to 64 bits (splitmix64 steps, strings via blake2b), so
the same key gives the same value in every process; `rng` seeds a `random.Random` from a key.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")
_MASK = (1 << 64) - 1


def mix(*key: int | str) -> int:
    """Hash a key of ints and strings to a stable 64-bit integer (one splitmix64 step per part)."""
    h = 0
    for part in key:
        if isinstance(part, str):
            part = int.from_bytes(hashlib.blake2b(part.encode(), digest_size=8).digest(), "big")
        z = ((h ^ (part & _MASK)) + 0x9E3779B97F4A7C15) & _MASK
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        h = z ^ (z >> 31)
    return h


def rng(*key: int | str) -> random.Random:
    """A `random.Random` seeded from `key`."""
    return random.Random(mix(*key))


def pick(r: random.Random, seq: Sequence[T]) -> T:
    """`r.choice(seq)`, about three times faster (the generator calls it millions of times)."""
    return seq[int(r.random() * len(seq))]
