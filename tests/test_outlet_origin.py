"""An outlet is an origin: host name without `www.`, plus the port when it is not the scheme's default."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEEDS_NETWORK, crawl, read_lines

from dedup import run_dedup
from dedup.pages import outlet_of
from dedup.synth.serve import NetworkServer


@pytest.mark.parametrize(("url", "outlet"), [
    ("http://www.Rheinpost.example/a.html", "rheinpost.example"),
    ("http://rheinpost.example:80/a.html", "rheinpost.example"),
    ("https://rheinpost.example:443/a.html", "rheinpost.example"),
    ("http://rheinpost.example:443/a.html", "rheinpost.example:443"),
    ("https://www.rheinpost.example:8443/a.html", "rheinpost.example:8443"),
    ("http://127.0.0.1:8001/a.html", "127.0.0.1:8001"),
    ("http://localhost:8001/a.html", "localhost:8001"),
    ("http://[::1]:8001/a.html", "[::1]:8001"),
    ("http://rheinpost.localhost:8765/a.html", "rheinpost.localhost"),  # the embedded network
    ("http://rheinpost.example:99999/a.html", "rheinpost.example"),  # no valid port
    ("a.html", ""),
])
def test_outlet_of(url: str, outlet: str) -> None:
    assert outlet_of(url) == outlet


# --- two outlets on one host, told apart by their ports ----------------------------------------

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "TELNETCONSOLE_ENABLED=0"]


def serve_alone(site: Path, root: Path) -> NetworkServer:
    """Serve one outlet folder as the only site of its own server on 127.0.0.1 (the server names
    a site by the first label of the Host header, `127`; `__ORIGIN__` becomes http://127.0.0.1:<port>)."""
    shutil.copytree(site, root / "sites" / "127")
    return NetworkServer(root, host="127.0.0.1", port=0).start()


@pytest.fixture(scope="module")
def two_ports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """Two outlets of the embedded network crawled on 127.0.0.1, each on its own port: the output
    folder, and each origin with the host name it gets in the comparison run."""
    if not (SEEDS_NETWORK / "network.json").is_file():
        pytest.skip("seeds/network not generated")
    slugs = [o["slug"] for o in json.loads((SEEDS_NETWORK / "network.json").read_text(encoding="utf-8"))["outlets"]][:2]
    root = tmp_path_factory.mktemp("two-ports")
    servers = [serve_alone(SEEDS_NETWORK / "sites" / slug, root / slug) for slug in slugs]
    try:
        origins = sorted(f"http://127.0.0.1:{s.port}" for s in servers)  # as their outlets sort
        out_dir = root / "out"
        result = crawl(out_dir, *FAST, "-a", "start_urls=" + ",".join(o + "/" for o in origins),
                       "-a", "sitemap=" + ",".join(o + "/sitemap.xml" for o in origins))
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    finally:
        for server in servers:
            server.stop()
    yield out_dir, {origin: f"http://outlet-{n}.example" for n, origin in enumerate(origins)}


def test_two_ports_on_one_host_are_two_outlets(two_ports: tuple[Path, dict[str, str]]) -> None:
    out_dir, names = two_ports
    outlets = {origin.removeprefix("http://") for origin in names}
    assert {line["outlet"] for line in read_lines(out_dir / "pages.jsonl")} == outlets
    report = json.loads((out_dir / "report.json").read_text(encoding="utf-8"))
    assert {o["outlet"] for o in report["outlets"]} == outlets


def test_two_ports_are_cleaned_as_two_hosts(two_ports: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """The same pages under two host names (their outlets left to `outlet_of`) come out the same."""
    out_dir, names = two_ports
    lines = []
    for line in read_lines(out_dir / "pages.jsonl"):
        origin = next(o for o in names if line["url"].startswith(o + "/"))
        lines.append({"url": line["url"].replace(origin, names[origin]), "fetched_at": line["fetched_at"],
                      "html": line["html"].replace(origin, names[origin])})
    (tmp_path / "pages.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    run_dedup(tmp_path / "pages.jsonl", tmp_path / "out", workers=1)

    def cleaned(folder: Path) -> tuple[list[tuple[object, ...]], set[frozenset[int]]]:
        rows = read_lines(folder / "cleaned.jsonl")
        stories: dict[str, set[int]] = {}
        for number, row in enumerate(rows):
            stories.setdefault(row["story"], set()).add(number)
        return [(row["title"], row["kept"], row["removed"]) for row in rows], set(map(frozenset, stories.values()))

    assert cleaned(out_dir) == cleaned(tmp_path / "out")
    hosts = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["outlets"]
    ports = json.loads((out_dir / "report.json").read_text(encoding="utf-8"))["outlets"]
    renamed = {origin.removeprefix("http://"): name.removeprefix("http://") for origin, name in names.items()}
    assert [{**o, "outlet": renamed[o["outlet"]]} for o in ports] == hosts
