"""The embedded offline syndication network: deterministic outlets, wire stories and ground truth.

    from pathlib import Path
    from dedup.synth import NetworkSpec, write_network
    write_network(NetworkSpec(seed=1), Path("seeds/network"))

File layouts are described in docs/FORMATS.md; `dedup.synth.serve.NetworkServer` serves a written network.
"""

from .cli import generate_main
from .network import SiteFile, iter_site_files, write_network, write_pages_jsonl
from .spec import NetworkSpec

__all__ = [
    "NetworkSpec", "SiteFile", "generate_main", "iter_site_files", "write_network",
    "write_pages_jsonl",
]
