"""The item the crawler hands to the pipelines: one fetched article page."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PageItem:
    """One article page, with the fields of a `pages.jsonl` line (docs/FORMATS.md)."""

    url: str
    outlet: str
    fetched_at: str
    status: int
    encoding: str
    html: str
