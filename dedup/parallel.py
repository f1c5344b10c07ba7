"""Work moved to a forked child process while this one goes on, when forking is safe.

A forked child sees this process's memory as it was (nothing is pickled on the way in); only
its result comes back through a pipe. Forking is safe only while this process has a single
thread (no lock can be copied in a held state), so inside a threaded host such as a Scrapy
crawl the work simply runs in this process.
"""

from __future__ import annotations

import gc
import os
import threading
import traceback
from collections.abc import Callable
from multiprocessing import active_children, get_context
from typing import Generic, TypeVar

T = TypeVar("T")


def fork_is_safe() -> bool:
    """Whether a child can be forked: a POSIX system and a single thread in this process."""
    return os.name == "posix" and threading.active_count() == 1


class Background(Generic[T]):
    """`fn()` run in a forked child (or right here when forking is unsafe or not wanted)."""

    def __init__(self, fn: Callable[[], T], fork: bool = True) -> None:
        self._child = None
        if not (fork and fork_is_safe()):
            self._value = fn()
            return
        context = get_context("fork")
        self._receive, send = context.Pipe(duplex=False)

        def run() -> None:
            gc.disable()  # a collection would write to every object's header: copies of the parent's pages
            try:
                send.send((True, fn()))
            except BaseException:  # noqa: BLE001 - reported to the parent, which raises
                send.send((False, traceback.format_exc()))

        self._child = context.Process(target=run, daemon=True)
        self._child.start()
        send.close()

    def result(self) -> T:
        """The value of `fn()`; re-raises (as RuntimeError) what failed in the child.

        A child that has answered is not waited for: it exits on its own (tearing down a large
        forked process takes milliseconds) and `reap_children` or the next start collects it."""
        if self._child is None:
            return self._value
        try:
            ok, value = self._receive.recv()
        except EOFError:
            self._child.join()
            ok, value = False, f"the child process died (exit code {self._child.exitcode})"
        self._receive.close()
        if not ok:
            raise RuntimeError(f"background work failed:\n{value}")
        return value


def reap_children() -> None:
    """Collect the children that have exited, without waiting for the others."""
    active_children()
