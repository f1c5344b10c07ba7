"""The JSON lines of cleaned.jsonl and stories.jsonl, put together from bytes.

Every text is JSON-encoded once while the pages are read (`Corpus.text_json`); a line is joined
from slices of those bytes, so writing touches no text object. That matters twice: encoding
dicts of strings cost more than the rest of the writing, and the writers run in forked children,
where touching an object of the parent (its reference count) copies the memory page it is on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from .canonical import Version, VersionDiff, choose_canonical, diff_version
from .arrays import distinct_inverse
from .corpus import Corpus
from .learn import Learned
from .pages import json_string

try:
    from ._ckernels import joined_json as _native_joined_json
except ImportError:  # not compiled (no C compiler when installed)
    _native_joined_json = None


def joined_json(encoded: bytes | bytearray, ends: np.ndarray, texts: Iterable[int], separator: bytes, unquoted: bool = False) -> bytes:
    """The JSON strings of `texts` (`encoded[ends[t]:ends[t + 1]]`) joined by `separator`;
    `unquoted`: each without its quotes (by the compiled loop when it was built)."""
    if _native_joined_json is None:
        return joined_json_python(encoded, ends, texts, separator, unquoted)
    return _native_joined_json(encoded, ends, texts, separator, unquoted)


def joined_json_python(encoded: bytes | bytearray, ends: np.ndarray, texts: Iterable[int], separator: bytes, unquoted: bool = False) -> bytes:
    """`joined_json` in Python."""
    trim = int(unquoted)
    return separator.join(bytes(encoded[ends[t] + trim : ends[t + 1] - trim]) for t in texts)


@dataclass(frozen=True)
class Outcome:
    """Every page's blocks after cleaning, as numpy arrays a forked child reads in place: the
    kept blocks (page i: `kept_text[kept_offsets[i]:kept_offsets[i + 1]]`, text and fragment
    ids), the removed ones (`removed_code`: text id * (rules + 1) + rule + 1), text lengths and
    the lengths of the kept blocks' keys (what the canonical choice weighs: restyled quotes or
    dashes change no weight)."""

    kept_text: np.ndarray
    kept_fragment: np.ndarray
    kept_offsets: np.ndarray
    removed_code: np.ndarray
    removed_offsets: np.ndarray
    text_lengths: np.ndarray
    kept_key_lengths: np.ndarray

    @classmethod
    def of(cls, corpus: Corpus, learned: Learned, text_lengths: np.ndarray) -> Outcome:
        arrays, verdicts = corpus.arrays(), learned.verdicts
        kept = verdicts < 0
        kept_offsets = np.r_[0, np.cumsum(kept)][arrays.offsets]
        removed_code = arrays.text[~kept] * (len(learned.rules.rules) + 1) + verdicts[~kept] + 1
        key_lengths = np.fromiter(map(len, corpus.keys), dtype=np.int64, count=len(corpus.keys))
        return cls(arrays.text[kept], arrays.fragment[kept], kept_offsets, removed_code, arrays.offsets - kept_offsets, text_lengths,
                   key_lengths[arrays.fragment[kept]])


def cleaned_lines(corpus: Corpus, outcome: Outcome, story_of: list[str], why: list[bytes]) -> Iterator[bytes]:
    """cleaned.jsonl lines of every page; a removed block names its rule by its line in rules.tsv
    (`why[i]`: the line of `learned.rules.rules[i]`; `story_of[page]`: the page's story id).

    The lines are the JSON of `{"url", "outlet", "story", "title", "kept": [text...], "removed":
    [{"text", "rule"}...]}`; the JSON of a removed text with its rule is made once per text and
    rule (boilerplate repeats) into a table like the texts' own, so a page's removed blocks are
    joined like its kept ones.
    """
    encoded, ends = corpus.text_json()
    removed_encoded, removed_ends, removed = _removed_json(encoded, ends, outcome.removed_code, why)
    kept_offsets, removed_offsets = outcome.kept_offsets.tolist(), outcome.removed_offsets.tolist()
    for i, meta in enumerate(corpus.pages):
        kept = outcome.kept_text[kept_offsets[i] : kept_offsets[i + 1]].tolist()
        gone = removed[removed_offsets[i] : removed_offsets[i + 1]].tolist()
        yield b"".join((
            b'{"url": ', json_string(meta.url), b', "outlet": ', json_string(meta.outlet), b', "story": ', json_string(story_of[i]),
            b', "title": ', json_string(meta.title), b', "kept": [', joined_json(encoded, ends, kept, b", "),
            b'], "removed": [', joined_json(removed_encoded, removed_ends, gone, b", "), b"]}",
        ))


def _removed_json(encoded: bytearray, ends: np.ndarray, codes: np.ndarray, why: list[bytes]) -> tuple[bytes, np.ndarray, np.ndarray]:
    """`{"text": ..., "rule": ...}` for every distinct removed code (text id * (rules + 1) +
    rule + 1), one after the other, where each ends, and the entry of every removed block."""
    distinct_codes, entry = distinct_inverse(codes)
    texts, rules = np.divmod(distinct_codes, len(why) + 1)
    pieces = [b'{"text": ' + joined_json(encoded, ends, (text,), b"") + b', "rule": ' + why[rule - 1] + b"}"
              for text, rule in zip(texts.tolist(), rules.tolist())]
    return b"".join(pieces), np.concatenate(([0], np.cumsum(list(map(len, pieces)), dtype=np.int64))), entry


def story_lines(corpus: Corpus, outcome: Outcome, stories: dict[str, list[int]], order: list[str], rank: list[int],
                similarity: list[float]) -> Iterator[bytes]:
    """stories.jsonl lines of the stories in `order`: the JSON of `{"id", "title", "text",
    "outlets", "versions": [{"url", "outlet", "fetched_at", "title", "canonical", "similarity",
    "added", "missing"}...]}`, the versions in order of fetching (`rank[page]`: the page's place
    among all pages by fetch time, then URL; `similarity[page]`: its similarity to the canonical text)."""
    encoded, ends = corpus.text_json()
    offsets = outcome.kept_offsets.tolist()
    for sid in order:
        pages, versions, canonical, diffs = story_versions(corpus, outcome, offsets, stories[sid], rank)
        rows = []
        for page, version, diff in zip(pages, versions, diffs):
            rows.append(b"".join((
                b'{"url": ', json_string(version.url), b', "outlet": ', json_string(version.outlet),
                b', "fetched_at": ', json_string(version.fetched_at), b', "title": ', json_string(version.title),
                b', "canonical": ', b"true" if version is canonical else b"false", b', "similarity": ', repr(similarity[page]).encode(),
                b', "added": [', joined_json(encoded, ends, diff.added, b", "),
                b'], "missing": [', joined_json(encoded, ends, diff.missing, b", "), b"]}",
            )))
        yield b"".join((
            b'{"id": ', json_string(sid), b', "title": ', json_string(canonical.title),
            b', "text": "', joined_json(encoded, ends, canonical.texts, b"\\n\\n", unquoted=True),  # the texts joined by blank lines
            b'", "outlets": [', b", ".join(map(json_string, sorted({v.outlet for v in versions}))),
            b'], "versions": [', b", ".join(rows), b"]}",
        ))


def story_versions(corpus: Corpus, outcome: Outcome, offsets: list[int], members: list[int],
                   rank: list[int]) -> tuple[list[int], list[Version], Version, list[VersionDiff]]:
    """A story's pages and versions in order of fetching, its canonical version, and how each
    version differs from it (`offsets`: `outcome.kept_offsets` as a list)."""
    pages = sorted(members, key=rank.__getitem__)
    versions = [_version(corpus, outcome, offsets, page) for page in pages]
    canonical = choose_canonical(versions)
    return pages, versions, canonical, [diff_version(version, canonical) for version in versions]


def canonical_page(corpus: Corpus, outcome: Outcome, offsets: list[int], members: list[int]) -> int:
    """The page of the version `story_versions` makes canonical for these members."""
    versions = [_version(corpus, outcome, offsets, page) for page in members]
    return members[versions.index(choose_canonical(versions))]


def fetch_ranks(corpus: Corpus) -> list[int]:
    """Every page's place among all pages by fetch time, then URL."""
    order = sorted(range(len(corpus)), key=lambda i: (corpus.pages[i].fetched_at, corpus.pages[i].url))
    rank = [0] * len(order)
    for place, page in enumerate(order):
        rank[page] = place
    return rank


def _version(corpus: Corpus, outcome: Outcome, offsets: list[int], page: int) -> Version:
    """A page after cleaning."""
    meta = corpus.pages[page]
    texts = outcome.kept_text[offsets[page] : offsets[page + 1]]
    return Version(meta.url, meta.outlet, meta.fetched_at, meta.title, tuple(texts.tolist()),
                   tuple(outcome.kept_fragment[offsets[page] : offsets[page + 1]].tolist()),
                   tuple(outcome.kept_key_lengths[offsets[page] : offsets[page + 1]].tolist()))
