"""One canonical text per story, and how each version differs from it."""

from __future__ import annotations

import difflib
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
    #: The characters of each block.
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
    """The version that carries most of what the versions agree on.

    A block's characters count for a version when another version has the same block too, and
    against it when no other version has it (a leftover teaser, a typo fixed elsewhere, a
    paragraph only one outlet ran); ties go to the longer text, then the smaller URL (without
    port): content decides, never crawl order or timing.
    """
    if len(versions) == 1:
        return versions[0]
    carried = Counter(key for v in versions for key in set(v.keys))

    def agreement(version: Version) -> int:
        return sum(n if carried[k] > 1 else -n for n, k in zip(version.lengths, version.keys))

    scores = [(agreement(v), v.chars) for v in versions]
    best = max(scores)
    tied = [v for v, score in zip(versions, scores) if score == best]
    return tied[0] if len(tied) == 1 else min(tied, key=lambda v: url_without_port(v.url))


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

