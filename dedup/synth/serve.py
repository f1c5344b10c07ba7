"""A tiny HTTP server for a generated network folder (`sites/<slug>/...`).

The outlet is the first label of the request's Host header (`rheinpost.localhost:8765` serves
`sites/rheinpost/`); `__ORIGIN__` in text files becomes `http://<Host header>`. The crawler
resolves every `*.localhost` name to 127.0.0.1 itself.

    with NetworkServer(Path("seeds/network")) as server:
        print(server.origin("rheinpost"))
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
}
FEED_NAMES = ("feed.xml", "rss.xml")


def content_type(path: Path) -> str:
    if path.name in FEED_NAMES:
        return "application/rss+xml"
    return CONTENT_TYPES.get(path.suffix, "application/octet-stream")


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def _respond(self, body: bool) -> None:
        host = self.headers.get("Host", "")
        target = self.server.resolve(host, self.path)
        if target is None:
            self._send(404, "text/plain; charset=utf-8", b"404 not found\n", body)
            return
        data = target.read_bytes()
        kind = content_type(target)
        if kind.startswith(("text/", "application/xml", "application/rss")):
            data = data.replace(b"__ORIGIN__", f"http://{host}".encode())
        self._send(200, kind, data, body)

    def _send(self, status: int, kind: str, data: bytes, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: no line per request."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], sites: Path) -> None:
        super().__init__(address, _Handler)
        self.sites = sites

    def resolve(self, host: str, raw_path: str) -> Path | None:
        """File for a request, or None (unknown host, missing file, path outside the site)."""
        slug = host.split(":")[0].split(".")[0].lower()
        if not slug or slug.startswith("."):
            return None
        site = (self.sites / slug).resolve()
        if site.parent != self.sites or not site.is_dir():
            return None
        path = unquote(urlsplit(raw_path).path)
        target = (site / path.lstrip("/")).resolve()
        if not target.is_relative_to(site):
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None


class NetworkServer:
    """Serve a network folder on `host:port` (port 0: any free port) in a background thread."""

    def __init__(self, network_dir: Path, host: str = "127.0.0.1", port: int = 0) -> None:
        self.sites = (Path(network_dir) / "sites").resolve()
        if not self.sites.is_dir():
            raise FileNotFoundError(f"{network_dir} has no sites/ folder; write one with `wiredup generate --out`")
        self.host = host
        self._port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("NetworkServer is not started; call start() or use it as a context manager")
        return self._server.server_address[1]

    def origin(self, slug: str) -> str:
        return f"http://{slug}.localhost:{self.port}"

    def start(self) -> NetworkServer:
        if self._server is None:
            self._server = _Server((self.host, self._port), self.sites)
            self._thread = threading.Thread(target=self._server.serve_forever, name="network-server", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            if self._thread is not None:
                self._thread.join()
            self._server = self._thread = None

    def __enter__(self) -> NetworkServer:  # noqa: PYI034 - subclasses are not planned
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
