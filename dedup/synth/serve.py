"""A tiny HTTP server for a generated network folder (`sites/<slug>/...`).

The outlet is the first label of the request's Host header (`rheinpost.localhost:8765` serves
`sites/rheinpost/`); `__ORIGIN__` in text files becomes `http://<Host header>`. The crawler
resolves every `*.localhost` name to 127.0.0.1 itself. With `hostile=True` the server adds the
broken, mis-encoded and slow responses of `dedup.synth.hostile`.

    with NetworkServer(Path("seeds/network")) as server:
        print(server.origin("rheinpost"))

From a shell, for crawlers in other processes (each outlet's START_PATHS go to the seeds file):

    python -m dedup.synth.serve seeds/network --port 8765 --seeds seeds.txt
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .hostile import Route, hostile_routes

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
}
FEED_NAMES = ("feed.xml", "rss.xml")
#: Where a crawl of the network starts on each outlet.
START_PATHS = ("/robots.txt", "/sitemap.xml", "/feed.xml", "/")


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
        route = self.server.route(host, self.path)
        if route is None:
            target = self.server.resolve(host, self.path)
            if target is None:
                route = Route(b"404 not found\n", status=404, content_type="text/plain; charset=utf-8")
            else:
                route = Route(target.read_bytes(), content_type=content_type(target))
        if route.delay:
            time.sleep(route.delay)
        data = route.body
        if route.content_type.startswith(("text/", "application/xml", "application/rss")):
            port = host.rpartition(":")[2] if ":" in host else ""
            data = data.replace(b"__ORIGIN__", f"http://{host}".encode()).replace(b"__PORT__", f":{port}".encode() if port else b"")
        try:
            self._send(route, data, body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout, size limit)
            self.close_connection = True

    def _send(self, route: Route, data: bytes, body: bool) -> None:
        self.send_response(route.status)
        self.send_header("Content-Type", route.content_type)
        self.send_header("Content-Length", str(len(data)))
        if route.location:
            self.send_header("Location", route.location)
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: no line per request."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], sites: Path, routes: dict[tuple[str, str], Route]) -> None:
        super().__init__(address, _Handler)
        self.sites = sites
        self.routes = routes

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet when a client drops the connection (a crawler's timeout); report anything else."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]

    def route(self, host: str, raw_path: str) -> Route | None:
        """The hostile response for a request, if there is one."""
        if not self.routes:
            return None
        slug = host.split(":")[0].split(".")[0].lower()
        return self.routes.get((slug, urlsplit(raw_path).path or "/"))

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
    """Serve a network folder on `host:port` (port 0: any free port) in a background thread.

    `hostile=True` adds the responses of `dedup.synth.hostile` (outlet `HOSTILE_SLUG`).
    """

    def __init__(self, network_dir: Path, host: str = "127.0.0.1", port: int = 0, *, hostile: bool = False) -> None:
        self.sites = (Path(network_dir) / "sites").resolve()
        if not self.sites.is_dir():
            raise FileNotFoundError(f"{network_dir} has no sites/ folder; write one with `wiredup generate --out`")
        self.routes = hostile_routes(Path(network_dir)) if hostile else {}
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
            self._server = _Server((self.host, self._port), self.sites, self.routes)
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


def main(argv: list[str] | None = None) -> None:
    """Serve a network folder until interrupted; optionally write the URLs a crawl starts from."""
    parser = argparse.ArgumentParser(prog="python -m dedup.synth.serve", description="Serve a network folder over HTTP.")
    parser.add_argument("network", type=Path, help="network folder (network.json, sites/)")
    parser.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (default 8765)")
    parser.add_argument("--seeds", type=Path, help="write the start URLs of every outlet to this file (-a seeds=FILE)")
    args = parser.parse_args(argv)
    try:
        slugs = [outlet["slug"] for outlet in json.loads((args.network / "network.json").read_text(encoding="utf-8"))["outlets"]]
        server = NetworkServer(args.network, port=args.port).start()
    except (OSError, ValueError, KeyError) as err:
        sys.exit(f"error: cannot serve {args.network} on port {args.port}: {err}")
    if args.seeds:
        args.seeds.write_text("".join(server.origin(slug) + path + "\n" for slug in slugs for path in START_PATHS), encoding="utf-8")
    print(f"serving {args.network} on http://<outlet>.localhost:{server.port} (Ctrl-C stops)", file=sys.stderr)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
