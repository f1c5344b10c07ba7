"""What network to generate (`NetworkSpec`) and the sizes that follow from it (`Sizes`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MAX_PAGES = 1_000_000
MAX_OUTLETS = 1_000
# Default network: enough stories for every kind of trap, small enough to commit.
DEFAULT_WIRE = 14
DEFAULT_LOCAL = 36
# Large networks: share of article pages that are wire copies, pages per outlet, pages per
# outlet and day (sets the time span, and so how many stories share a video or a sidebar).
WIRE_SHARE = 0.6
PAGES_PER_OUTLET = 2500
PAGES_PER_OUTLET_DAY = 25
MIN_COPIES, MAX_COPIES = 3, 7
LANGUAGES = ("de", "en")
LANGUAGE_NAMES = {"de": "German", "en": "English"}


@dataclass(frozen=True, kw_only=True)
class NetworkSpec:
    """A generated syndication network: same spec, same bytes.

    `pages` is the approximate number of article pages (0: the default small network);
    large networks get at least `pages // 2500` outlets. `templated` is the share of
    paragraphs that also carry a sentence shared by unrelated stories, numbers differing.
    `prose` is a folder of real pages (`prose.py`): each story then tells one of its articles.
    `inbody` adds the in-body boilerplate of realistic outlets (teaser lines, related-article
    boxes, captions, credit lines) and background paragraphs shared by stories of one topic
    (`inbody.py`); truth blocks then carry their `kind` and `shared` marks.
    `language` is the language of the outlets' chrome and boilerplate: "de" (German outlets and dpa
    copy) or "en" (US and UK outlets, AP and Reuters copy). The story grammar is German, so "en"
    needs `prose`, a folder of English pages, and takes no `templated` sentences (they are German).
    """

    seed: int = 1
    pages: int = 0
    outlets: int = 8
    templated: float = 0.0
    prose: Path | str | None = None
    inbody: bool = False
    language: str = "de"

    def __post_init__(self) -> None:
        for field in ("seed", "pages", "outlets"):
            value = getattr(self, field)
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"NetworkSpec.{field} must be an int, got {value!r}")
        if self.seed < 0:
            raise ValueError(f"NetworkSpec.seed must be >= 0, got {self.seed}")
        if self.pages != 0 and not 20 <= self.pages <= MAX_PAGES:
            raise ValueError(
                f"NetworkSpec.pages must be 0 (default network) or 20..{MAX_PAGES}, got {self.pages}"
            )
        if not isinstance(self.templated, (int, float)) or not 0.0 <= self.templated <= 1.0:
            raise ValueError(f"NetworkSpec.templated must be a share in [0, 1], got {self.templated!r}")
        if not isinstance(self.inbody, bool):
            raise TypeError(f"NetworkSpec.inbody must be a bool, got {self.inbody!r}")
        if self.prose is not None and (not isinstance(self.prose, (str, Path)) or not str(self.prose)):
            raise TypeError(f"NetworkSpec.prose must be a folder path, got {self.prose!r}")
        if self.language not in LANGUAGES:
            raise ValueError(f"NetworkSpec.language must be one of {', '.join(LANGUAGES)}, got {self.language!r}")
        if self.language != "de" and self.prose is None:
            raise ValueError(f"NetworkSpec.language {self.language!r} needs prose: --language {self.language} needs "
                             f"--prose DIR with {LANGUAGE_NAMES[self.language]} pages (the story grammar is German)")
        if self.language != "de" and self.templated:
            raise ValueError("NetworkSpec.templated needs language 'de': its template sentences are German")
        if not MIN_COPIES <= self.outlets <= MAX_OUTLETS:
            raise ValueError(
                f"NetworkSpec.outlets must be {MIN_COPIES}..{MAX_OUTLETS} (a wire story needs "
                f"{MIN_COPIES} outlets), got {self.outlets}"
            )


@dataclass(frozen=True)
class Sizes:
    """Counts derived from a spec."""

    outlets: int
    wire: int
    local: int
    days: int
    max_copies: int

    @property
    def stories(self) -> int:
        return self.wire + self.local


def sizes(spec: NetworkSpec) -> Sizes:
    """Outlet and story counts for `spec` (about 60% of pages are wire copies when scaled)."""
    if spec.pages == 0:
        outlets, wire, local = spec.outlets, DEFAULT_WIRE, DEFAULT_LOCAL
    else:
        outlets = max(spec.outlets, spec.pages // PAGES_PER_OUTLET)
        mean_copies = (MIN_COPIES + min(MAX_COPIES, outlets)) / 2
        wire = max(2, round(spec.pages * WIRE_SHARE / mean_copies))
        local = max(1, spec.pages - round(wire * mean_copies))
    max_copies = min(MAX_COPIES, outlets)
    pages = wire * (MIN_COPIES + max_copies) / 2 + local
    days = max(7, -(-int(pages) // (outlets * PAGES_PER_OUTLET_DAY)))
    return Sizes(outlets, wire, local, days, max_copies)
