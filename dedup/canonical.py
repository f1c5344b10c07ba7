"""One canonical text per story, and how each version differs from it."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .pages import url_without_port


@dataclass(frozen=True, slots=True)
class Version:
    """One page of a story after cleaning."""

    url: str
    outlet: str
    fetched_at: str
    title: str
    #: The kept block texts in page order.
    texts: tuple[str, ...]
    #: One comparable key per block (the fragment id of its normalised text).
    keys: tuple[int, ...]

    @property
    def chars(self) -> int:
        return sum(map(len, self.texts))


@dataclass(frozen=True, slots=True)
class VersionDiff:
    """Blocks a version has beyond the canonical text, and canonical blocks it lacks."""

    similarity: float
    added: tuple[str, ...]
    missing: tuple[str, ...]


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
        return sum(len(t) if carried[k] > 1 else -len(t) for t, k in zip(version.texts, version.keys))

    scores = [(agreement(v), v.chars) for v in versions]
    best = max(scores)
    tied = [v for v, score in zip(versions, scores) if score == best]
    return tied[0] if len(tied) == 1 else min(tied, key=lambda v: url_without_port(v.url))


def diff_version(version: Version, canonical: Version) -> VersionDiff:
    """Compare a version's blocks with the canonical blocks by their normalised texts."""
    if version.keys == canonical.keys:
        return VersionDiff(1.0, (), ())
    matcher = difflib.SequenceMatcher(a=canonical.keys, b=version.keys, autojunk=False)
    added: list[str] = []
    missing: list[str] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op in ("replace", "delete"):
            missing += canonical.texts[a0:a1]
        if op in ("replace", "insert"):
            added += version.texts[b0:b1]
    return VersionDiff(round(matcher.ratio(), 4), tuple(added), tuple(missing))


def canonical_text(version: Version) -> str:
    """Paragraphs of a version separated by a blank line."""
    return "\n\n".join(version.texts)
