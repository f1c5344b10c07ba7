"""Who carries which story when: O(1) functions of the story index, no per-page state.

Stories sit on one timeline, indexed by `g`. Wire stories (`w000`, ...) are spread evenly among
outlet-only local stories (`l000`, ...); `w000` comes first and is the real seed report. A wire
story's outlets are an affine permutation of the outlet indices cut after 3..7 entries, so
"does outlet o carry story g" needs no table.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import gcd

from .rand import mix
from .spec import MIN_COPIES, Sizes

START = 1662357600  # 2022-09-05T06:00:00Z, the week of the seed report
_CARRY, _LOCAL, _TIME, _PAIR, _LPAIR = (mix(s) for s in ("carry", "local", "time", "pair", "lpair"))


@dataclass(frozen=True)
class Slot:
    """A story on the timeline."""

    g: int
    sid: str
    wire: bool
    index: int  # index among wire or among local stories
    published: int  # epoch seconds of the first copy
    topic_key: tuple[int, ...]  # equal keys: same-topic stories


class Plan:
    """Timeline, carriers and topic pairing of a network's stories."""

    def __init__(self, seed: int, sizes: Sizes) -> None:
        self.seed = seed
        self.sizes = sizes
        self.n = sizes.stories
        self.step = sizes.days * 86400 // self.n
        n = sizes.outlets
        self._units = [(a, pow(a, -1, n)) for a in range(1, n) if gcd(a, n) == 1] or [(1, 1)]

    def slot(self, g: int) -> Slot:
        wire, i = self._kind(g)
        h = mix(self.seed, _TIME, g)
        published = START + g * self.step + (h % max(1, self.step * 4 // 5) if g else 0)
        sid = f"w{i:03d}" if wire else f"l{i:03d}"
        return Slot(g, sid, wire, i, published, self._topic_key(g, wire, i))

    def _kind(self, g: int) -> tuple[bool, int]:
        w, n = self.sizes.wire, self.n
        i = g * w // n
        if g == 0 or i != (g - 1) * w // n:
            return True, i
        return False, g - i - 1

    def _wire_params(self, i: int) -> tuple[int, int, int, int]:
        h = mix(self.seed, _CARRY, i)
        k = MIN_COPIES + h % (self.sizes.max_copies - MIN_COPIES + 1)
        if i == 0:
            k = self.sizes.max_copies  # the seed report is widely carried
        a, a_inv = self._units[(h >> 16) % len(self._units)]
        return k, a, a_inv, (h >> 32) % self.sizes.outlets

    def local_outlet(self, j: int) -> int:
        first = j & ~1
        o = mix(self.seed, _LOCAL, first) % self.sizes.outlets
        if j != first and not (self._local_paired(j) and mix(self.seed, _LOCAL, j) % 2):
            o = mix(self.seed, _LOCAL, j) % self.sizes.outlets
        return o

    def _local_paired(self, j: int) -> bool:
        return mix(self.seed, _LPAIR, j >> 1) % 10 < 3

    def carriers(self, g: int) -> list[int]:
        """Outlets carrying story `g`, in publication order (index = copy number)."""
        wire, i = self._kind(g)
        if not wire:
            return [self.local_outlet(i)]
        k, a, _, b = self._wire_params(i)
        n = self.sizes.outlets
        return [(a * t + b) % n for t in range(k)]

    def copy_number(self, g: int, outlet: int) -> int | None:
        """Copy number of story `g` in `outlet`, or None if the outlet does not carry it."""
        wire, i = self._kind(g)
        if not wire:
            return 0 if self.local_outlet(i) == outlet else None
        k, _, a_inv, b = self._wire_params(i)
        t = a_inv * (outlet - b) % self.sizes.outlets
        return t if t < k else None

    def _topic_key(self, g: int, wire: bool, i: int) -> tuple[int, ...]:
        """Keys (kind, number, place outlet): pairs of stories share one on purpose."""
        if wire:
            if i < 2:
                return (0, 0, -1)  # w000 (the seed report) and w001 share the seed topic
            if mix(self.seed, _PAIR, i >> 1) % 3 == 0:
                return (1, i >> 1, -1)
            return (2, i, -1)
        if self._local_paired(i):
            return (3, i >> 1, self.local_outlet(i & ~1))
        if mix(self.seed, _LPAIR, i) % 10 < 2:  # a local follow-up of the wire story of the day
            w = g * self.sizes.wire // self.n
            return self._topic_key(g, True, w)
        return (4, i, self.local_outlet(i))
