"""trafilatura as an optional candidate extractor: its text lines, or None when it is absent.

trafilatura is not a runtime dependency of wiredup: `wiredup extract --engine auto` uses it
when it is installed (`pip install trafilatura`) and falls back to wiredup's own lxml
heuristics otherwise.
"""

from __future__ import annotations

import importlib.util
import logging
from typing import Any

from .normalize import fold_whitespace


def available() -> bool:
    """Whether trafilatura can be imported."""
    return importlib.util.find_spec("trafilatura") is not None


def _extract() -> Any:
    from trafilatura import extract  # optional dependency, imported on first use

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    return extract


def trafilatura_lines(html: str) -> list[str] | None:
    """The paragraphs trafilatura keeps (default options), white space folded; None when
    trafilatura fails on the page (the caller then falls back to its own heuristics)."""
    try:
        text = _extract()(html)
    except Exception:  # noqa: BLE001 - third-party failure on one page: policy is fall back
        return None
    return [line for line in (fold_whitespace(raw) for raw in (text or "").split("\n")) if line]
