"""`scrapy crawl wire -s WIREDUP_STATE=...`: the dedup pipeline adds the crawl's pages to the state."""

from __future__ import annotations

import json
from pathlib import Path

from scrapy.utils.test import get_crawler

from crawler.pipelines import DedupPipeline
from dedup.incremental import CHANGES, write_state_stories
from dedup.synth import NetworkSpec, write_pages_jsonl


def test_dedup_pipeline_adds_the_crawl_to_the_state(tmp_path: Path) -> None:
    pages = write_pages_jsonl(NetworkSpec(seed=2, pages=300), tmp_path / "pages.jsonl")
    state = tmp_path / "state"
    crawler = get_crawler(settings_dict={"WIREDUP_OUTPUT_DIR": str(tmp_path), "WIREDUP_STATE": str(state)})
    for _ in range(2):  # the second crawl's pages are all known: nothing is added twice
        pipeline = DedupPipeline.from_crawler(crawler)
        pipeline.close_spider()
    changes = json.loads((tmp_path / CHANGES).read_text())
    assert changes["pages_skipped"] == pages and changes["pages_added"] == 0
    totals = write_state_stories(str(state), tmp_path / "all")
    assert totals["pages"] == pages and totals["runs"] == 2
    assert any("new pages" in line for line in pipeline.summary)
