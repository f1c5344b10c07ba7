"""wiredup's library: syndicated news pages in, stories with clean canonical texts out."""

from .blocks import Block, PageDoc, extract_blocks
from .clean import Cleaned, RuleSet, clean_blocks
from .errors import WiredupError
from .options import DedupOptions
from .pipeline import RunSummary, run_dedup
from .rules import Rule, read_rules, write_rules

__all__ = [
    "Block", "Cleaned", "DedupOptions", "PageDoc", "Rule", "RuleSet", "RunSummary", "WiredupError",
    "clean_blocks", "extract_blocks", "read_rules", "run_dedup", "write_rules",
]
