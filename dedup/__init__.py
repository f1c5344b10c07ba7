"""wiredup's library: syndicated news pages in, stories with clean canonical texts out.

Names are imported on first use, so `import dedup.synth.serve` (the crawler's network server)
does not pay for numpy and datasketch.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Block": ".blocks", "PageDoc": ".blocks", "extract_blocks": ".blocks",
    "Cleaned": ".clean", "RuleSet": ".clean", "clean_blocks": ".clean",
    "WiredupError": ".errors",
    "ExtractOptions": ".extract", "Extraction": ".extract", "PageInput": ".extract", "extract_corpus": ".extract",
    "DedupOptions": ".options",
    "RunSummary": ".pipeline", "run_dedup": ".pipeline",
    "Rule": ".rules", "read_rules": ".rules", "write_rules": ".rules",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'dedup' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
