"""A corpus of pages stored compactly: every distinct text once, pages as integer arrays.

At 100k pages the blocks as Python objects would not fit the memory budget; here a page costs
two machine integers per block plus its metadata.
"""

from __future__ import annotations

import itertools
from array import array
from dataclasses import dataclass
from operator import is_
from typing import TypeVar

import numpy as np

from .blocks import PageDoc
from .normalize import normalize
from .pages import json_string


K = TypeVar("K")


def numbered(ids: dict[K, int], items: list[K], start: int) -> tuple[list[int], list[K]]:
    """The numbers of `items` in `ids`, and the items it lacked: those are numbered from `start`
    in order of first sight and added to `ids` (no Python work per item but one test)."""
    found = list(map(ids.get, items))
    missing = found.count(None)
    if not missing:
        return found, []
    new = list(dict.fromkeys(itertools.compress(items, map(is_, found, itertools.repeat(None)))))
    ids.update(zip(new, itertools.count(start)))
    if len(new) < missing:  # a new item repeated: look those up again (their hashes are known now)
        get = ids.__getitem__
        return [get(item) if number is None else number for item, number in zip(items, found)], new
    numbers = itertools.count(start)
    return [next(numbers) if number is None else number for number in found], new


class _Table:
    """Strings numbered in order of first sight."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.ids: dict[str, int] = {}

    def ids_of(self, items: list[str]) -> list[int]:
        """The ids of `items`; new ones are numbered in order of first sight."""
        found, new = numbered(self.ids, items, len(self.items))
        self.items.extend(new)
        return found


@dataclass(frozen=True)
class PageMeta:
    """What a page keeps besides its blocks."""

    url: str
    outlet: str
    fetched_at: str
    title: str


class Corpus:
    """Pages added one at a time; `arrays()` gives the integer view the learners work on."""

    def __init__(self) -> None:
        self._texts = _Table()
        self._keys = _Table()
        self._contexts = _Table()
        self._text_key = array("q")
        self._text_json = bytearray()
        self._text_json_ends = array("q", [0])
        self._occ_text = array("q")
        self._occ_context = array("q")
        self._offsets = array("q", [0])
        self.pages: list[PageMeta] = []
        self._arrays: CorpusArrays | None = None

    def add(self, meta: PageMeta, doc: PageDoc) -> None:
        """Append one page's blocks."""
        texts = [b.text for b in doc.blocks]
        distinct = list(dict.fromkeys(texts))
        id_of = dict(zip(distinct, self.text_ids(distinct, list(map(normalize, distinct)), list(map(json_string, distinct)))))
        contexts = self.context_ids([b.context for b in doc.blocks])
        self.add_pages([meta], [len(texts)], np.array([id_of[t] for t in texts], dtype=np.int64), np.array(contexts, dtype=np.int64))

    def text_ids(self, texts: list[str], keys: list[str], encoded: list[bytes]) -> list[int]:
        """The ids of distinct block texts; a new text is stored with the id of its normalised
        form (`keys[i]` for `texts[i]`) and its JSON (`encoded[i]`, see `pages.json_string`)."""
        start = len(self._texts.items)
        ids = self._texts.ids_of(texts)
        if len(self._texts.items) > start:
            new = list(map(start.__le__, ids))
            self._text_key.extend(self._keys.ids_of(list(itertools.compress(keys, new))))
            pieces = list(itertools.compress(encoded, new))
            self._text_json_ends.extend((np.cumsum(list(map(len, pieces))) + len(self._text_json)).tolist())
            self._text_json += b"".join(pieces)
        return ids

    def context_ids(self, contexts: list[str]) -> list[int]:
        """The ids of block contexts."""
        return self._contexts.ids_of(contexts)

    def add_pages(self, metas: list[PageMeta], counts: list[int], texts: np.ndarray, contexts: np.ndarray) -> None:
        """Append pages whose blocks, `counts[i]` for page i, are given as text and context ids in page order."""
        self._arrays = None
        self._occ_text.frombytes(texts.astype(np.int64).tobytes())
        self._occ_context.frombytes(contexts.astype(np.int64).tobytes())
        self._offsets.extend((np.cumsum(counts, dtype=np.int64) + self._offsets[-1]).tolist())
        self.pages.extend(metas)

    def __len__(self) -> int:
        return len(self.pages)

    @property
    def texts(self) -> list[str]:
        return self._texts.items

    @property
    def keys(self) -> list[str]:
        """Fragment id -> normalised text."""
        return self._keys.items

    @property
    def fragment_ids(self) -> dict[str, int]:
        """Normalised text -> fragment id."""
        return self._keys.ids

    @property
    def text_keys(self) -> array:
        """Text id -> fragment id (the id of its normalised text)."""
        return self._text_key

    def text_json(self) -> tuple[bytearray, np.ndarray]:
        """Every text as a JSON string in UTF-8, one after the other, and where each ends: the
        writers of the outputs slice these bytes instead of encoding (and touching) the texts."""
        return self._text_json, np.frombuffer(self._text_json_ends, dtype=np.int64)

    @property
    def contexts(self) -> list[str]:
        return self._contexts.items

    def arrays(self) -> CorpusArrays:
        """Numpy views of the occurrences (no copy of the underlying buffers), built once."""
        if self._arrays is not None:
            return self._arrays
        offsets = np.frombuffer(self._offsets, dtype=np.int64)
        text = np.frombuffer(self._occ_text, dtype=np.int64)
        self._arrays = CorpusArrays(
            page=np.repeat(np.arange(len(self.pages), dtype=np.int64), np.diff(offsets)),
            text=text,
            fragment=np.frombuffer(self._text_key, dtype=np.int64)[text] if len(text) else text,
            context=np.frombuffer(self._occ_context, dtype=np.int64),
            offsets=offsets,
        )
        return self._arrays


@dataclass(frozen=True)
class CorpusArrays:
    """Every block occurrence in page order: its page, raw text, fragment and context ids."""

    page: np.ndarray
    text: np.ndarray
    fragment: np.ndarray
    context: np.ndarray
    offsets: np.ndarray
