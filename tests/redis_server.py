"""A real redis-server for tests: a free 127.0.0.1 port, a temp folder, killable and restartable.

    with RedisServer(tmp_path) as server:
        client = redis.Redis.from_url(server.url)
        server.kill()      # SIGKILL, as a crash
        server.restart()   # same port, same folder
"""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType

import redis

from dedup.redis_server import server_command

START_TIMEOUT = 20.0  # seconds until a started server must answer PING


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """One redis-server process on 127.0.0.1; no persistence unless `persist=True`."""

    def __init__(self, data_dir: Path, *, persist: bool = False, port: int | None = None) -> None:
        self.data_dir = data_dir
        self.persist = persist
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> str:
        """Start the server (on the same port as before, if it ran already); return its URL."""
        if self.process is not None and self.process.poll() is None:
            raise RuntimeError(f"redis-server already runs on port {self.port}")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = (self.data_dir / "redis.log").open("ab")
        command = server_command(self.port, self.data_dir, persist=self.persist)
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=self.data_dir)
        log.close()
        self._wait_ready()
        return self.url

    def _wait_ready(self) -> None:
        assert self.process is not None
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=1)
        deadline = time.monotonic() + START_TIMEOUT
        try:
            while True:
                if self.process.poll() is not None:
                    tail = (self.data_dir / "redis.log").read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"redis-server exited with {self.process.returncode}:\n{tail}")
                try:
                    if client.ping():
                        return
                except redis.exceptions.RedisError:
                    pass
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"redis-server on port {self.port} did not answer PING")
                time.sleep(0.05)
        finally:
            client.close()

    def kill(self) -> None:
        """SIGKILL the server, as a crash would, and wait until it is gone."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)

    def restart(self) -> str:
        """Kill the server if it runs, then start it again on the same port and folder."""
        self.kill()
        return self.start()

    def stop(self) -> None:
        """Terminate the server (SIGTERM, then SIGKILL if it lingers)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)

    def __enter__(self) -> RedisServer:  # noqa: PYI034 - no subclasses
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()
