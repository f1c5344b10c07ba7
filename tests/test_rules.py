"""Rules files: round trip, clear errors, parsed as data only."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedup.errors import RulesError
from dedup.rules import Rule, read_rules, write_rules


def test_round_trip(tmp_path: Path) -> None:
    rules = [Rule("text", "*", "weiterlesen nach der anzeige", 12, 5), Rule("context", "a.localhost", "div>aside.teaser>p", 4, 1), Rule("keep", "*", "anzeige")]
    write_rules(tmp_path / "rules.tsv", rules)
    assert sorted(read_rules(tmp_path / "rules.tsv"), key=repr) == sorted(rules, key=repr)


@pytest.mark.parametrize(
    ("line", "message"),
    [("text\t*\t1\tpattern", "5 tab-separated"), ("exec\t*\t1\t1\tx", "unknown kind"), ("text\t*\tmany\t1\tx", "whole numbers"), ("text\t*\t1\t1\t ", "empty")],
)
def test_bad_lines_name_the_line_and_the_fix(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "rules.tsv"
    path.write_text("# comment\n" + line + "\n", encoding="utf-8")
    with pytest.raises(RulesError, match=f"line 2: .*{message}"):
        read_rules(path)


def test_rules_are_data_not_code(tmp_path: Path) -> None:
    path = tmp_path / "rules.tsv"
    path.write_text("text\t*\t0\t0\t__import__('os').system('touch pwned')\n", encoding="utf-8")
    assert read_rules(path)[0].pattern == "__import__('os').system('touch pwned')"
    assert not (tmp_path / "pwned").exists()
