"""The redis-server that tests and users start: found without a system install, killable, persistent on request."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import redis
from redis_server import RedisServer

from dedup.redis_server import find_redis_server, server_command


def test_binary_is_found_and_executable() -> None:
    binary = find_redis_server()
    assert binary.name == "redis-server" and os.access(binary, os.X_OK)


def test_killed_server_loses_data_unless_persistent(tmp_path: Path) -> None:
    for persist, kept in ((False, None), (True, b"1")):
        with RedisServer(tmp_path / f"redis-{persist}", persist=persist) as server:
            client = redis.Redis.from_url(server.url)
            client.set("key", 1)
            port = server.port
            server.kill()
            with pytest.raises(redis.exceptions.ConnectionError):
                client.ping()
            server.restart()
            assert server.port == port
            assert client.get("key") == kept
            client.close()


def test_command_without_persistence_writes_nothing(tmp_path: Path) -> None:
    command = server_command(6379, tmp_path)
    assert command[command.index("--save") + 1] == "" and command[command.index("--appendonly") + 1] == "no"
