"""Where a persistent state lives: named hashes of byte values, in a SQLite file or in Redis.

Both backends offer the same few operations, so the state's logic (`dedup.state`) is shared
and a run gives the same result on either. A run reads what it needs, then writes all its
changes in one transaction (`commit`): a SQLite transaction, or one MULTI/EXEC on Redis. A run
killed before that leaves the state of the last completed run. A lock keeps a second run off a
state while one runs: it is refused with the holder's pid.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TextIO

from .errors import WiredupError

#: The format marker: a state of another format (or another program) is refused.
FORMAT = "wiredup-state 1"
#: The files of a folder state.
FORMAT_FILE, DATABASE, LOCK_FILE = "FORMAT", "state.sqlite", "lock"
#: Hashes a state holds (see `dedup.state`).
NAMES = ("meta", "pages", "cleaned", "docs", "sigs", "stories", "lines", "rules", "evidence")
#: Keys per Redis command when reading or writing many.
CHUNK = 1000
#: Redis keys start with this (the frontier of shared crawls lives beside them).
REDIS_PREFIX = "wiredup:state:"
#: A Redis lock expires after this many seconds unless renewed (a run renews it as it commits).
REDIS_LOCK_SECONDS = 6 * 3600


class StateError(WiredupError):
    """Raised when a state cannot be used: foreign, corrupt, locked by another run, or unreachable."""


@dataclass
class Changes:
    """What a run writes: values to set and keys to delete, per hash."""

    put: dict[str, dict[str, bytes]] = field(default_factory=lambda: {name: {} for name in NAMES})
    drop: dict[str, set[str]] = field(default_factory=lambda: {name: set() for name in NAMES})


class Store(Protocol):
    """The operations `dedup.state` needs from a backend."""

    where: str

    def get(self, name: str, keys: list[str]) -> dict[str, bytes]: ...

    def items(self, name: str) -> Iterator[tuple[str, bytes]]: ...

    def count(self, name: str) -> int: ...

    def commit(self, changes: Changes) -> None: ...

    def size_bytes(self) -> int: ...

    def close(self) -> None: ...


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class FolderStore:
    """A state folder: FORMAT (the marker), state.sqlite (one table per hash) and a lock file.

    SQLite over plain files: a run's writes are one transaction, so a run killed mid-write
    (SIGKILL) leaves the last completed state, and pages are looked up by URL without reading
    the rest.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.where = str(folder)
        if folder.exists() and not folder.is_dir():
            raise StateError(f"state {folder} is a file, not a state folder: give --state a folder (it is created if missing)")
        marker = folder / FORMAT_FILE
        if folder.is_dir() and any(folder.iterdir()) and not marker.is_file():
            raise StateError(f"{folder} is not a wiredup state (no {FORMAT_FILE} file): give --state a new or empty folder")
        folder.mkdir(parents=True, exist_ok=True)
        self._lock = self._locked(folder / LOCK_FILE)
        if not marker.is_file():
            tmp = folder / (FORMAT_FILE + ".tmp")
            tmp.write_text(FORMAT + "\n", encoding="utf-8")
            os.replace(tmp, marker)
        found = marker.read_text(encoding="utf-8", errors="replace").strip()
        if found != FORMAT:
            self._lock.close()
            raise StateError(f"{folder} holds a state of another format ({found[:40]!r}, this wiredup reads {FORMAT!r})")
        try:
            self.db = sqlite3.connect(folder / DATABASE, isolation_level=None)
            self.db.execute("PRAGMA synchronous=FULL")
            for name in NAMES:
                self.db.execute(f"CREATE TABLE IF NOT EXISTS {name} (k TEXT PRIMARY KEY, v BLOB NOT NULL)")  # rowid tables: values of kilobytes
        except sqlite3.DatabaseError as err:
            self._lock.close()
            raise StateError(f"state {folder} is corrupt ({folder / DATABASE}: {err}); restore it from a backup") from err

    @staticmethod
    def _locked(path: Path) -> TextIO:
        """The lock file, held (flock) for as long as it is open; the kernel frees it if the run dies."""
        fh = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held until close()
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "unknown"
            fh.close()
            raise StateError(f"state {path.parent} is in use by another run (pid {holder}); run again when it has finished") from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        return fh

    def _guard(self, err: sqlite3.DatabaseError) -> StateError:
        return StateError(f"state {self.folder} is corrupt ({err}); restore it from a backup")

    def get(self, name: str, keys: list[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        try:
            for part in _chunks(list(dict.fromkeys(keys)), 500):
                marks = ",".join("?" * len(part))
                found.update(self.db.execute(f"SELECT k, v FROM {name} WHERE k IN ({marks})", part).fetchall())
        except sqlite3.DatabaseError as err:
            raise self._guard(err) from err
        return found

    def items(self, name: str) -> Iterator[tuple[str, bytes]]:
        try:
            yield from self.db.execute(f"SELECT k, v FROM {name} ORDER BY k")
        except sqlite3.DatabaseError as err:
            raise self._guard(err) from err

    def count(self, name: str) -> int:
        return int(self.db.execute(f"SELECT count(*) FROM {name}").fetchone()[0])

    def commit(self, changes: Changes) -> None:
        try:
            self.db.execute("BEGIN IMMEDIATE")
            for name in NAMES:
                for part in _chunks(sorted(changes.drop[name])):
                    self.db.executemany(f"DELETE FROM {name} WHERE k = ?", [(k,) for k in part])
                self.db.executemany(f"INSERT OR REPLACE INTO {name} (k, v) VALUES (?, ?)", changes.put[name].items())
            self.db.execute("COMMIT")
        except sqlite3.DatabaseError as err:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise self._guard(err) from err

    def size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.folder.iterdir() if f.is_file())

    def close(self) -> None:
        self.db.close()
        self._lock.close()


class RedisStore:
    """A state in a Redis database: one hash per name under `REDIS_PREFIX`, a lock key, the
    format marker in the meta hash. A run's writes are one MULTI/EXEC transaction."""

    def __init__(self, url: str) -> None:
        import redis

        self.where = url
        self._errors = redis.exceptions.RedisError
        self.client = redis.Redis.from_url(url, socket_connect_timeout=5, health_check_interval=0)
        self._lock_key = REDIS_PREFIX + "lock"
        self._token = f"{socket.gethostname()} {os.getpid()} {time.time():.0f}"
        with self._unreachable():
            marker = self.client.hget(REDIS_PREFIX + "meta", "format")
            if marker is not None and marker.decode("utf-8", "replace") != json.dumps(FORMAT):
                raise StateError(f"{url} holds a state of another format ({marker[:40]!r}, this wiredup reads {FORMAT!r})")
            self._take_lock()
            if marker is None:
                self.client.hset(REDIS_PREFIX + "meta", "format", json.dumps(FORMAT))

    @contextmanager
    def _unreachable(self) -> Iterator[None]:
        """Redis errors as one clear StateError."""
        try:
            yield
        except self._errors as error:
            raise StateError(f"Redis at {self.where} failed ({error}); the state is as after the last completed run") from error

    def _take_lock(self) -> None:
        """Take the lock key; a holder on this machine whose process is gone is replaced."""
        for _ in range(2):
            if self.client.set(self._lock_key, self._token, nx=True, ex=REDIS_LOCK_SECONDS):
                return
            holder = (self.client.get(self._lock_key) or b"").decode("utf-8", "replace")
            parts = holder.split()
            if len(parts) == 3 and parts[0] == socket.gethostname() and parts[1].isdigit() and not _alive(int(parts[1])):
                self.client.delete(self._lock_key)  # its run died without releasing it
                continue
            raise StateError(f"state {self.where} is in use by another run ({holder or 'unknown'}); run again when it has finished"
                             f" (or delete the key {self._lock_key} if that run is gone)")
        raise StateError(f"could not take the lock of state {self.where}")

    def get(self, name: str, keys: list[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        with self._unreachable():
            for part in _chunks(list(dict.fromkeys(keys))):
                found.update((k, v) for k, v in zip(part, self.client.hmget(REDIS_PREFIX + name, part)) if v is not None)
        return found

    def items(self, name: str) -> Iterator[tuple[str, bytes]]:
        with self._unreachable():
            rows = [(k.decode("utf-8"), v) for k, v in self.client.hscan_iter(REDIS_PREFIX + name, count=CHUNK)]
        yield from sorted(rows)

    def count(self, name: str) -> int:
        with self._unreachable():
            return int(self.client.hlen(REDIS_PREFIX + name))

    def commit(self, changes: Changes) -> None:
        with self._unreachable():
            pipe = self.client.pipeline(transaction=True)
            pipe.expire(self._lock_key, REDIS_LOCK_SECONDS)
            for name in NAMES:
                key = REDIS_PREFIX + name
                for part in _chunks(sorted(changes.drop[name])):
                    pipe.hdel(key, *part)
                put = list(changes.put[name].items())
                for part in _chunks(put):
                    pipe.hset(key, mapping=dict(part))
            pipe.execute()

    def size_bytes(self) -> int:
        with self._unreachable():
            return sum(int(self.client.memory_usage(REDIS_PREFIX + name) or 0) for name in NAMES)

    def close(self) -> None:
        try:
            if self.client.get(self._lock_key) == self._token.encode():
                self.client.delete(self._lock_key)
        except self._errors:
            pass  # Redis went away: the lock expires, or the next run on this machine replaces it
        self.client.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def open_store(spec: str) -> Store:
    """The store of `--state`: `redis://host:port/db` (or rediss://) or a folder."""
    if spec.startswith(("redis://", "rediss://", "unix://")):
        return RedisStore(spec)
    return FolderStore(Path(spec))

