"""Append-only JSONL files that survive a killed crawl: one object a line, flushed at once.

A crawl with a JOBDIR resumes its journals: lines already there are kept (a partial last line,
left by a writer killed mid-line, is cut off), and `keys` holds what they recorded so the
resumed crawl writes nothing twice. A crawl without a JOBDIR starts each journal afresh.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from dedup.pages import json_objects

logger = logging.getLogger(__name__)

Key = Callable[[dict[str, Any]], str | None]


def cut_partial_line(path: Path, chunk: int = 65536) -> int:
    """Cut a last line that does not end in a newline (a writer was killed); returns bytes cut."""
    with path.open("r+b") as fh:
        size = pos = fh.seek(0, os.SEEK_END)
        keep = 0
        while pos > 0:
            step = min(chunk, pos)
            fh.seek(pos - step)
            data = fh.read(step)
            if pos == size and data.endswith(b"\n"):
                return 0
            newline = data.rfind(b"\n")
            if newline >= 0:
                keep = pos - step + newline + 1
                break
            pos -= step
        fh.truncate(keep)
        return size - keep


class Journal:
    """One JSONL file a crawl appends to (see the module docstring)."""

    def __init__(self, path: Path, key: Key, resume: bool) -> None:
        self.path = path
        self.key = key
        self.resume = resume
        self.keys: set[str] = set()
        self._file: IO[str] | None = None

    def open(self) -> None:
        """Open for appending (resume) or start afresh; load the keys already written."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.resume:
            self.path.unlink(missing_ok=True)
        elif self.path.is_file():
            cut = cut_partial_line(self.path)
            if cut:
                logger.warning("%s ended in a partial line (crawl killed?): cut %d bytes; that entry is redone", self.path, cut)
            self.keys = {k for obj in json_objects(self.path) if (k := self.key(obj)) is not None}
            logger.info("appending to %s (%d entries already there)", self.path, len(self.keys))
        self._file = self.path.open("a", encoding="utf-8", newline="\n")

    def __contains__(self, key: str) -> bool:
        return key in self.keys

    def append(self, obj: dict[str, Any]) -> bool:
        """Write one object as a line and flush it; False (nothing written) if its key is there."""
        key = self.key(obj)
        if key is not None and key in self.keys:
            return False
        if self._file is None:
            raise RuntimeError(f"journal {self.path} is not open; call open() first")
        self._file.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self._file.flush()
        if key is not None:
            self.keys.add(key)
        return True

    @property
    def is_open(self) -> bool:
        return self._file is not None

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
