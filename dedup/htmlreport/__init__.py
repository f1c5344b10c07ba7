"""The HTML report: report.html (overview, charts, syndication matrix) and a folder of story and
rule pages beside it. Self-contained pages: no network, no other file; every page-derived string escaped."""

from __future__ import annotations

from .gather import RunState
from .overview import render_overview
from .site import write_site

__all__ = ["RunState", "render_overview", "write_site"]
