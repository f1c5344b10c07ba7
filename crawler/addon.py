"""Scrapy add-on: one `ADDONS` entry gives another Scrapy project wiredup's pages file and dedup.

    ADDONS = {"crawler.addon.Wiredup": 0}

The project's items need `url` and `html` fields (`outlet` and `fetched_at` are used when
present). Settings given with `-s` or in the project keep priority over the add-on's defaults.
"""

from __future__ import annotations

from scrapy.settings import BaseSettings

from crawler.pipelines import DedupPipeline, PagesWriterPipeline

#: Settings the add-on sets, at add-on priority (below the project's and the command line's).
DEFAULTS = {"WIREDUP_OUTPUT_DIR": "output", "WIREDUP_DEDUP": True, "WIREDUP_RULES": None}


class Wiredup:
    """Adds the pages writer and the dedup pipeline (dedup closes after the writer)."""

    def update_settings(self, settings: BaseSettings) -> None:
        settings["ITEM_PIPELINES"][DedupPipeline] = 100
        settings["ITEM_PIPELINES"][PagesWriterPipeline] = 300
        for name, value in DEFAULTS.items():
            settings.set(name, value, priority="addon")
