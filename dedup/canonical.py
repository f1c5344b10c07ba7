"""One canonical text per story, and how each version differs from it."""

from __future__ import annotations

import difflib
import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .pages import url_without_port

try:
    from ._ckernels import opcodes as _native_opcodes
except ImportError:  # not compiled (no C compiler when installed)
    _native_opcodes = None


@dataclass(frozen=True, slots=True)
class Version:
    """One page of a story after cleaning."""

    url: str
    outlet: str
    fetched_at: str
    title: str
    #: The kept blocks in page order, as text ids.
    texts: tuple[int, ...]
    #: One comparable key per block (the fragment id of its normalised text).
    keys: tuple[int, ...]
    #: The characters of each block's key (its normalised text).
    lengths: tuple[int, ...]

    @property
    def chars(self) -> int:
        return sum(self.lengths)


@dataclass(frozen=True, slots=True)
class VersionDiff:
    """Blocks (text ids) a version has beyond the canonical text, and canonical blocks it lacks."""

    added: tuple[int, ...]
    missing: tuple[int, ...]


def choose_canonical(versions: Sequence[Version]) -> Version:
    """The fullest version that carries most of what the versions agree on.

    First, no abridged copy: a version whose blocks (keys, with repeats) are all in another
    version is never canonical while that fuller version exists, whatever it lacks or adds.
    Of the versions left, the one whose blocks other versions carry too: a block's
    characters count for a version when another version has the same block, and against it
    when no other version has it (a leftover teaser, a typo fixed elsewhere, a paragraph only
    one outlet ran), so a block nobody else has never wins by its length. Ties go to the
    longer text, then the smaller URL (without port): content decides, never crawl order or
    timing. A block counts with the most characters any version gives its key, so versions
    whose texts differ only in typography (the same keys) score alike.
    """
    if len(versions) == 1:
        return versions[0]
    carried = Counter(itertools.chain.from_iterable(set(v.keys) for v in versions))
    size = dict(sorted(itertools.chain.from_iterable(zip(v.keys, v.lengths) for v in versions)))  # the most characters
    weight = {k: n if carried[k] > 1 else -n for k, n in size.items()}

    def score(version: Version) -> tuple[int, int]:
        return sum(map(weight.__getitem__, version.keys)), sum(map(size.__getitem__, version.keys))

    fullest = _fullest(versions)
    scores = [score(v) for v in fullest]
    best = max(scores)
    tied = [v for v, s in zip(fullest, scores) if s == best]
    return tied[0] if len(tied) == 1 else min(tied, key=lambda v: url_without_port(v.url))


def _fullest(versions: Sequence[Version]) -> list[Version]:
    """The versions whose blocks (keys, with repeats) are not all in another version with more."""
    shape_of = [tuple(sorted(v.keys)) for v in versions]
    shapes = sorted(set(shape_of), key=len, reverse=True)
    if len(shapes) == 1:
        return list(versions)
    sets = [frozenset(shape) for shape in shapes]
    kept = set()
    for i, shape in enumerate(shapes):
        if not any(len(shapes[j]) > len(shape) and sets[i] <= sets[j] and _within(shape, shapes[j]) for j in range(i)):
            kept.add(shape)
    return [v for v, shape in zip(versions, shape_of) if shape in kept]


def _within(keys: tuple[int, ...], other: tuple[int, ...]) -> bool:
    """Whether every key of `keys` is in `other` at least as often (their sets are nested)."""
    if len(set(keys)) == len(keys):
        return True
    counts = Counter(other)
    return all(counts[k] >= n for k, n in Counter(keys).items())


def diff_version(version: Version, canonical: Version) -> VersionDiff:
    """Compare a version's blocks with the canonical blocks by their normalised texts."""
    if version.keys == canonical.keys:
        return VersionDiff((), ())
    operations, _ = opcodes(canonical.keys, version.keys)
    added: list[int] = []
    missing: list[int] = []
    for op, a0, a1, b0, b1 in operations:
        if op in ("replace", "delete"):
            missing += canonical.texts[a0:a1]
        if op in ("replace", "insert"):
            added += version.texts[b0:b1]
    return VersionDiff(tuple(added), tuple(missing))


def opcodes(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[list[tuple[str, int, int, int, int]], int]:
    """difflib's opcodes turning `a` into `b` (no junk), and the number of matched items
    (by the compiled port when it was built)."""
    if _native_opcodes is None:
        return opcodes_python(a, b)
    return _native_opcodes(a, b)


def opcodes_python(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[list[tuple[str, int, int, int, int]], int]:
    """`opcodes` by difflib itself."""
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return matcher.get_opcodes(), sum(size for _, _, size in matcher.get_matching_blocks())

