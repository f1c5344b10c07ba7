"""A corpus of pages stored compactly: every distinct text once, pages as integer arrays.

At 100k pages the blocks as Python objects would not fit the memory budget; here a page costs
two machine integers per block plus its metadata.
"""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from json.encoder import encode_basestring
from operator import is_
from typing import TypeVar

import numpy as np

from .blocks import PageDoc
from .normalize import normalize


K, V = TypeVar("K"), TypeVar("V")


def looked_up(table: dict[K, V], keys: list[K], make: Callable[[int], V]) -> list[V]:
    """`table[key]` for every key, looked up in one pass; for a key not in `table`,
    `make(position of the key in keys)` gives its value and stores it in `table`."""
    found = list(map(table.get, keys))
    for i in itertools.compress(range(len(found)), map(is_, found, itertools.repeat(None))):
        value = table.get(keys[i])  # a key repeated in `keys` is made only once
        found[i] = make(i) if value is None else value
    return found


class _Table:
    """Strings numbered in order of first sight."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.ids: dict[str, int] = {}

    def id(self, item: str) -> int:
        found = self.ids.get(item)
        if found is None:
            found = self.ids[item] = len(self.items)
            self.items.append(item)
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
        texts = self.text_ids([b.text for b in doc.blocks], [normalize(b.text) for b in doc.blocks])
        contexts = [self.context_id(b.context) for b in doc.blocks]
        self.add_pages([meta], [len(texts)], np.array(texts, dtype=np.int64), np.array(contexts, dtype=np.int64))

    def text_ids(self, texts: list[str], keys: list[str]) -> list[int]:
        """The ids of block texts; a new text is stored with the id of its normalised form in `keys`."""
        def number_new(i: int) -> int:
            self._text_key.append(self._keys.id(keys[i]))
            self._text_json += encode_basestring(texts[i]).encode("utf-8", "backslashreplace")
            self._text_json_ends.append(len(self._text_json))
            return self._texts.id(texts[i])

        return looked_up(self._texts.ids, texts, number_new)

    def context_id(self, context: str) -> int:
        """The id of a block context."""
        return self._contexts.id(context)

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
