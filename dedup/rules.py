"""Rules: the learned fragment table as a file a person can read, edit and pass back in.

One rule a line, tab-separated: `kind  scope  stories  outlets  pattern`.

- `text`: remove a block whose normalised text (NFKC, casefold, digits as 0) is `pattern`;
- `context`: remove every block of outlet `scope` sitting in DOM context `pattern`;
- `prefix` / `suffix`: remove a block made of the words of `pattern` followed (prefix) or
  preceded (suffix) by one to three other words: a template with a slot, such as a byline
  `Text: <name>` or a credit line `<paper>/AP`;
- `lead` / `tail`: the same with a slot of any length, in a text that does not end like a
  sentence: a teaser's lead-in before a whole headline (`<lead-in>: <headline>`), a
  caption's source after a sentence (`<sentence> (<source>)`), a byline's agency
  (`By <name>, Associated Press`);
- `closing`: a block closed (in brackets, or after its last sentence end) by the words of
  `pattern` and one to four more: a credit closing a caption, `<sentence> (AP Photo/<name>)`,
  `<sentence>. Photo: <name>/AP`;
- `caption`: a block starting with the words of `pattern` set off by a separator, prose
  included: a video caption an outlet adds, `Watch: <headline>. <sentence>.`;
- `keep`: never remove a block whose normalised text is `pattern` (overrides the others).

`scope` is an outlet or `*`; `stories`/`outlets` are the support the rule was learned from
(0 for hand-written rules). Lines starting with `#` are comments. The file is data: it is
parsed, never executed.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Literal

from .errors import RulesError
from .normalize import fold_whitespace
from .pages import atomic_writer

RuleKind = Literal["text", "prefix", "suffix", "lead", "tail", "closing", "caption", "context", "keep"]
KINDS: tuple[RuleKind, ...] = ("text", "prefix", "suffix", "lead", "tail", "closing", "caption", "context", "keep")
#: Words a `prefix` or `suffix` rule's slot may hold.
SLOT_WORDS = 3
#: Words a `closing` rule's slot may hold: a name with an initial or an O', and `File`.
CLOSING_SLOT_WORDS = 4
HEADER = "# wiredup rules v1: kind<TAB>scope<TAB>stories<TAB>outlets<TAB>pattern (see dedup/rules.py)"


@dataclass(frozen=True, slots=True)
class Rule:
    """One line of a rules file."""

    kind: RuleKind
    scope: str
    pattern: str
    stories: int = 0
    outlets: int = 0

    def describe(self) -> str:
        """Why a block was removed, for reports and `--explain`."""
        support = f" (seen in {self.stories} stories, {self.outlets} outlets)" if self.stories else ""
        where = "everywhere" if self.scope == "*" else f"on {self.scope}"
        what = {
            "text": f"text {self.pattern!r}",
            "prefix": f"{self.pattern!r} + up to {SLOT_WORDS} words",
            "suffix": f"up to {SLOT_WORDS} words + {self.pattern!r}",
            "lead": f"{self.pattern!r} + any words",
            "tail": f"any words + {self.pattern!r}",
            "closing": f"any words + {self.pattern!r} + up to {CLOSING_SLOT_WORDS} words",
            "caption": f"{self.pattern!r} + separator + any words",
        }.get(self.kind, f"{self.kind} {self.pattern}")
        return f"{self.kind} rule: {what} {where}{support}"

    def line(self) -> str:
        return f"{self.kind}\t{self.scope}\t{self.stories}\t{self.outlets}\t{self.pattern}"


def parse_rule(line: str, number: int = 0) -> Rule:
    """Parse one non-comment line; raises RulesError naming the line and the fix."""
    fields = line.rstrip("\n").split("\t")
    if len(fields) != 5:
        raise RulesError(f"rules line {number}: expected 5 tab-separated fields (kind, scope, stories, outlets, pattern), got {len(fields)}")
    kind, scope, stories, outlets, pattern = fields
    if kind not in KINDS:
        raise RulesError(f"rules line {number}: unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    if not stories.isdigit() or not outlets.isdigit():
        raise RulesError(f"rules line {number}: stories and outlets must be whole numbers (0 for hand-written rules)")
    pattern = fold_whitespace(pattern)
    if not pattern or not scope.strip():
        raise RulesError(f"rules line {number}: empty scope or pattern")
    return Rule(kind, scope.strip(), pattern, int(stories), int(outlets))  # type: ignore[arg-type]


def read_rules(path: Path) -> list[Rule]:
    """All rules of a file, in file order."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise RulesError(f"cannot read rules file {path}: {err}") from err
    rules, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            try:
                rules.append(parse_rule(line, number))
            except RulesError as err:
                errors.append(str(err))
    if errors:
        raise RulesError(f"{path}: {len(errors)} bad lines; " + "; ".join(errors[:5]) + (" ..." if len(errors) > 5 else ""))
    return rules


def ordered_rules(rules: list[Rule]) -> list[Rule]:
    """Distinct rules in the order of a rules file: by kind, most supported first, then by scope
    and pattern (stable sorts from the least to the most significant key, each key read in C;
    a key of one string compares faster than a tuple)."""
    ordered = sorted(set(rules), key=attrgetter("pattern"))
    ordered.sort(key=attrgetter("scope"))
    ordered.sort(key=attrgetter("stories", "outlets"), reverse=True)
    ordered.sort(key=lambda rule: _KIND_RANK[rule.kind])
    return ordered


_KIND_RANK = {kind: i for i, kind in enumerate(KINDS)}


def write_ordered_rules(path: Path, ordered: list[Rule]) -> None:
    """Write `ordered_rules` atomically after the header comment (line 1): rule i is on line i + 2."""
    with atomic_writer(path) as fh:
        fh.write("\n".join([HEADER, *map(Rule.line, ordered)]) + "\n")


def write_rules(path: Path, rules: list[Rule]) -> dict[Rule, int]:
    """Write rules atomically, most supported first, after the header comment (line 1).

    Returns the line number of every rule in the file.
    """
    ordered = ordered_rules(rules)
    write_ordered_rules(path, ordered)
    return {rule: line for line, rule in enumerate(ordered, start=2)}
