"""What a persistent state holds, record by record, over a `dedup.state_store` backend.

Hashes (name: key -> value):

- `meta`: `format`, `run` (runs completed), `seq` (pages added), `newest` (latest fetch time),
  `options` (the settings the state was built with), each a JSON value.
- `pages`: URL -> `[content hash, story id, seq, fetched_at]` of every page ever added.
- `cleaned`: URL -> the page's cleaned.jsonl line (zlib).
- `stories`: story id -> `{"first_run", "urls", "last_seq", "last_fetched", "outlets", "versions"}`.
- `lines`: story id -> the story's stories.jsonl line (zlib).
- `rules`: rule line (as in rules.tsv) -> `[last_seq, last_fetched, first_run]`: when it last
  removed a block or was learned.
- `evidence`: hash of a short fragment's key -> `[story ids (at most min_stories), last_seq]`:
  the stories of the window whose kept text holds it, so a fragment that reaches
  `min_stories` stories over several runs becomes a rule, and those stories are cleaned again.
- `docs`, `sigs`: pages of the stories in the window only: URL -> the page's title and text
  blocks (zlib JSON), and URL -> story id and MinHash signature of its clean text. A later run
  re-reads the pages of the stories its pages link to; stories that leave the window keep
  their lines and lose these.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import numpy as np

from .blocks import Block, PageDoc
from .corpus import PageMeta
from .options import DedupOptions
from .state_store import FORMAT, Changes, StateError, Store

#: Separates a window page's story id from its signature bytes in `sigs`.
_SIG_SEPARATOR = b"\0"


def packed(value: object) -> bytes:
    """A JSON value as zlib-compressed bytes."""
    return zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def unpacked(blob: bytes, where: str) -> object:
    """`packed` undone; a damaged value is a corrupt state."""
    try:
        return json.loads(zlib.decompress(blob))
    except (zlib.error, ValueError) as err:
        raise StateError(f"state {where} is corrupt (a damaged record: {err}); restore it from a backup") from err


def inflated(blob: bytes, where: str) -> bytes:
    """zlib-compressed bytes expanded; a damaged value is a corrupt state."""
    try:
        return zlib.decompress(blob)
    except zlib.error as err:
        raise StateError(f"state {where} is corrupt (a damaged record: {err}); restore it from a backup") from err


def _json(blob: bytes, where: str) -> object:
    try:
        return json.loads(blob)
    except ValueError as err:
        raise StateError(f"state {where} is corrupt (a damaged record: {err}); restore it from a backup") from err


def fetched_time(text: str) -> datetime | None:
    """A fetch time as a datetime (naive times taken as UTC), None when it is not ISO 8601."""
    try:
        found = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return found if found.tzinfo else found.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Window:
    """How far back stories stay candidates: `days` of fetch time and/or the last `pages` pages."""

    days: float | None = None
    pages: int | None = None

    @classmethod
    def parse(cls, text: str) -> Window:
        """`14d` (days), `36h` (hours) or `50000` (pages)."""
        value = text.strip().lower()
        try:
            if value.endswith("d"):
                days = float(value[:-1])
            elif value.endswith("h"):
                days = float(value[:-1]) / 24
            else:
                pages = int(value)
                if pages < 1:
                    raise ValueError
                return cls(pages=pages)
        except ValueError:
            raise StateError(f"--window takes days (14d), hours (36h) or a number of pages (50000), got {text!r}") from None
        if days <= 0:
            raise StateError(f"--window must be positive, got {text!r}")
        return cls(days=days)

    def keeps(self, last_seq: int, last_fetched: str, seq: int, newest: str) -> bool:
        """Whether something last seen at page `last_seq`, fetched at `last_fetched`, is still in
        the window when `seq` pages were added and the newest was fetched at `newest`."""
        if self.pages is not None and last_seq <= seq - self.pages:
            return False
        if self.days is not None:
            last, now = fetched_time(last_fetched), fetched_time(newest)
            if last is not None and now is not None and last < now - timedelta(days=self.days):
                return False
        return True


@dataclass(frozen=True)
class PageRecord:
    """A page the state has seen."""

    content: str
    story: str
    seq: int
    fetched_at: str


@dataclass(frozen=True)
class WindowPages:
    """The pages of the stories in the window: URL, story id and signature of each."""

    urls: list[str]
    stories: list[str]
    signatures: np.ndarray


class State:
    """Reads and encodes the records of a state; the caller collects writes in `changes`."""

    def __init__(self, store: Store, options: DedupOptions) -> None:
        self.store = store
        self.where = store.where
        self.options = options
        self.changes = Changes()
        meta = {k: _json(v, self.where) for k, v in store.items("meta")}
        if meta.get("format", FORMAT) != FORMAT:
            raise StateError(f"{self.where} holds a state of another format ({meta['format']!r}, this wiredup reads {FORMAT!r})")
        wanted = json.loads(json.dumps(options.as_dict()))
        if "options" in meta and meta["options"] != wanted:
            raise StateError(f"state {self.where} was built with other settings ({meta['options']}); use a new state for these")
        self.run = int(meta.get("run", 0))
        self.seq = int(meta.get("seq", 0))
        self.newest = str(meta.get("newest", ""))
        self._options = wanted

    def set_meta(self, run: int, seq: int, newest: str) -> None:
        put = self.changes.put["meta"]
        for key, value in (("format", FORMAT), ("run", run), ("seq", seq), ("newest", newest), ("options", self._options)):
            put[key] = json.dumps(value).encode()

    def pages(self, urls: list[str]) -> dict[str, PageRecord]:
        found = {}
        for url, blob in self.store.get("pages", urls).items():
            row = _json(blob, self.where)
            found[url] = PageRecord(*row)
        return found

    def put_page(self, url: str, record: PageRecord, cleaned_line: bytes) -> None:
        self.changes.put["pages"][url] = json.dumps([record.content, record.story, record.seq, record.fetched_at]).encode()
        self.changes.put["cleaned"][url] = zlib.compress(cleaned_line, 1)

    def window(self) -> WindowPages:
        urls, stories, rows = [], [], []
        width = self.options.num_perm * 4
        for url, blob in self.store.items("sigs"):
            story, _, sig = blob.partition(_SIG_SEPARATOR)
            if len(sig) != width:
                raise StateError(f"state {self.where} is corrupt (a signature of {len(sig)} bytes); restore it from a backup")
            urls.append(url)
            stories.append(story.decode())
            rows.append(sig)
        signatures = np.frombuffer(b"".join(rows), dtype=np.uint32).reshape(len(rows), self.options.num_perm)
        return WindowPages(urls, stories, signatures)

    def put_window_page(self, url: str, story: str, signature: np.ndarray, doc: bytes | None) -> None:
        """Keep a page in the window (`doc` None: its stored text stays)."""
        self.changes.put["sigs"][url] = story.encode() + _SIG_SEPARATOR + np.ascontiguousarray(signature, dtype=np.uint32).tobytes()
        self.changes.drop["sigs"].discard(url)
        if doc is not None:
            self.changes.put["docs"][url] = doc
            self.changes.drop["docs"].discard(url)

    def drop_window_page(self, url: str) -> None:
        """Take a page out of the window, whatever this run put for it before."""
        for table in ("sigs", "docs"):
            self.changes.put[table].pop(url, None)
            self.changes.drop[table].add(url)

    def docs(self, urls: list[str]) -> dict[str, tuple[PageMeta, PageDoc]]:
        found = {}
        for url, blob in self.store.get("docs", urls).items():
            row = unpacked(blob, self.where)
            doc = PageDoc(row["title"], tuple(Block(text, context) for text, context in row["blocks"]))
            found[url] = (PageMeta(url, row["outlet"], row["fetched_at"], row["title"]), doc)
        return found

    def stories(self, ids: list[str]) -> dict[str, dict]:
        return {sid: _json(blob, self.where) for sid, blob in self.store.get("stories", ids).items()}

    def story_lines(self, ids: list[str]) -> dict[str, bytes]:
        return {sid: inflated(blob, self.where) for sid, blob in self.store.get("lines", ids).items()}

    def put_story(self, sid: str, record: dict, line: bytes) -> None:
        self.changes.put["stories"][sid] = json.dumps(record, ensure_ascii=False).encode()
        self.changes.put["lines"][sid] = zlib.compress(line, 1)

    def drop_story(self, sid: str) -> None:
        self.changes.drop["stories"].add(sid)
        self.changes.drop["lines"].add(sid)

    def rules(self) -> dict[str, list]:
        """Rule line -> [last_seq, last_fetched, first_run]."""
        return {line: _json(blob, self.where) for line, blob in self.store.items("rules")}

    def set_rules(self, rules: dict[str, list], before: dict[str, list]) -> None:
        self.changes.drop["rules"].update(set(before) - set(rules))
        self.changes.put["rules"].update({line: json.dumps(row).encode() for line, row in rules.items() if before.get(line) != row})

    def evidence(self, hashes: list[str]) -> dict[str, list]:
        return {h: _json(blob, self.where) for h, blob in self.store.get("evidence", hashes).items()}

    def all_evidence(self) -> Iterator[tuple[str, list]]:
        for h, blob in self.store.items("evidence"):
            yield h, _json(blob, self.where)

    def put_evidence(self, key_hash: str, stories: list[str], seq: int) -> None:
        self.changes.put["evidence"][key_hash] = json.dumps([stories, seq]).encode()

    def drop_evidence(self, key_hash: str) -> None:
        self.changes.drop["evidence"].add(key_hash)

    def commit(self) -> None:
        self.store.commit(self.changes)
        self.changes = Changes()
