"""The JSON lines of cleaned.jsonl and stories.jsonl, put together from bytes.

Every text is JSON-encoded once while the pages are read (`Corpus.text_json`); a line is joined
from slices of those bytes, so writing touches no text object. That matters twice: encoding
dicts of strings cost more than the rest of the writing, and the writers run in forked children,
where touching an object of the parent (its reference count) copies the memory page it is on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .canonical import Version, choose_canonical, diff_version
from .corpus import Corpus, looked_up
from .learn import Learned
from .pages import json_string


@dataclass(frozen=True)
class Kept:
    """The kept blocks of every page (page i: `text[offsets[i]:offsets[i + 1]]`), as text and
    fragment ids, and the length of every text; numpy arrays that a forked child reads in place."""

    text: np.ndarray
    fragment: np.ndarray
    offsets: np.ndarray
    text_lengths: np.ndarray

    @classmethod
    def of(cls, corpus: Corpus, learned: Learned, text_lengths: np.ndarray) -> Kept:
        arrays = corpus.arrays()
        kept = learned.verdicts < 0
        offsets = np.r_[0, np.cumsum(kept)][arrays.offsets]
        return cls(arrays.text[kept], arrays.fragment[kept], offsets, text_lengths)


def cleaned_lines(corpus: Corpus, learned: Learned, story_of: list[str], why: list[bytes], pages: range) -> Iterator[bytes]:
    """cleaned.jsonl lines of the given pages; a removed block names its rule by its line in rules.tsv
    (`why[i]`: the line of `learned.rules.rules[i]`; `story_of[page]`: the page's story id).

    The lines are the JSON of `{"url", "outlet", "story", "title", "kept": [text...], "removed":
    [{"text", "rule"}...]}`; the JSON of a kept text, or of a removed text with its rule, is
    sliced once and looked up by a code (text id and rule) after that.
    """
    encoded, ends = corpus.text_json()
    arrays = corpus.arrays()
    codes = arrays.text * (len(why) + 1) + learned.verdicts + 1  # verdict -1 (kept) is code 0
    pieces: dict[int, bytes] = {}

    def joined(block_codes: list[int]) -> bytes:
        def make(i: int) -> bytes:
            text, verdict = divmod(block_codes[i], len(why) + 1)
            piece = bytes(encoded[ends[text] : ends[text + 1]])
            pieces[block_codes[i]] = b'{"text": ' + piece + b', "rule": ' + why[verdict - 1] + b"}" if verdict else piece
            return pieces[block_codes[i]]

        return b", ".join(looked_up(pieces, block_codes, make))

    for i in pages:
        meta = corpus.pages[i]
        start, stop = arrays.offsets[i], arrays.offsets[i + 1]
        page_codes, kept = codes[start:stop], learned.verdicts[start:stop] < 0
        yield b"".join((
            b'{"url": ', json_string(meta.url), b', "outlet": ', json_string(meta.outlet), b', "story": ', json_string(story_of[i]),
            b', "title": ', json_string(meta.title), b', "kept": [', joined(page_codes[kept].tolist()),
            b'], "removed": [', joined(page_codes[~kept].tolist()), b"]}",
        ))


def story_lines(corpus: Corpus, kept: Kept, stories: dict[str, list[int]], order: list[str]) -> Iterator[bytes]:
    """stories.jsonl lines of the stories in `order`: the JSON of `{"id", "title", "text",
    "outlets", "versions": [{"url", "outlet", "fetched_at", "title", "canonical", "similarity",
    "added", "missing"}...]}`, the versions in order of fetching."""
    encoded, ends = corpus.text_json()
    ends = ends.tolist()

    def piece(text: int) -> bytes:
        return encoded[ends[text] : ends[text + 1]]

    def texts(ids: tuple[int, ...]) -> bytes:
        return b", ".join(map(piece, ids))

    metas = corpus.pages
    for sid in order:
        pages = sorted(stories[sid], key=lambda i: (metas[i].fetched_at, metas[i].url))
        versions = [_version(corpus, kept, page) for page in pages]
        canonical = choose_canonical(versions)
        rows = []
        for version in versions:
            diff = diff_version(version, canonical)
            rows.append(b"".join((
                b'{"url": ', json_string(version.url), b', "outlet": ', json_string(version.outlet),
                b', "fetched_at": ', json_string(version.fetched_at), b', "title": ', json_string(version.title),
                b', "canonical": ', b"true" if version is canonical else b"false", b', "similarity": ', repr(diff.similarity).encode(),
                b', "added": [', texts(diff.added), b'], "missing": [', texts(diff.missing), b"]}",
            )))
        text = b"\\n\\n".join(piece(t)[1:-1] for t in canonical.texts)  # the JSON of the texts joined by blank lines
        yield b"".join((
            b'{"id": ', json_string(sid), b', "title": ', json_string(canonical.title), b', "text": "', text,
            b'", "outlets": [', b", ".join(map(json_string, sorted({v.outlet for v in versions}))),
            b'], "versions": [', b", ".join(rows), b"]}",
        ))


def _version(corpus: Corpus, kept: Kept, page: int) -> Version:
    """A page after cleaning."""
    meta = corpus.pages[page]
    start, stop = kept.offsets[page], kept.offsets[page + 1]
    texts = kept.text[start:stop]
    return Version(meta.url, meta.outlet, meta.fetched_at, meta.title, tuple(texts.tolist()),
                   tuple(kept.fragment[start:stop].tolist()), tuple(kept.text_lengths[texts].tolist()))
