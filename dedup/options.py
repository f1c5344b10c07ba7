"""All tuning knobs of a dedup run, in one frozen dataclass validated on creation."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .errors import OptionsError


@dataclass(frozen=True, kw_only=True)
class DedupOptions:
    """Settings of a run; every default is the one the embedded network was tuned on."""

    #: MinHash permutations; 128 keeps the Jaccard estimate within about +-0.09 (2 sigma).
    num_perm: int = 128
    #: Seed of the datasketch permutations; part of the signature format.
    seed: int = 1
    #: Word n-gram size of document shingles.
    doc_ngram: int = 3
    #: Estimated Jaccard similarity at which two pages are versions of one story; copies with
    #: an added paragraph and a cut ending score 0.5-0.9 on the embedded network, distinct
    #: stories on one topic below 0.1.
    story_threshold: float = 0.4
    #: ... or when this share of the smaller page's shingles is in the larger one (a copy with
    #: its ending cut keeps a third of the full text's shingles but nearly all of its own).
    story_containment: float = 0.7
    #: LSH threshold that proposes the candidate pairs verified by the two figures above.
    story_candidates: float = 0.2
    #: Character n-gram size of fragment shingles.
    fragment_ngram: int = 5
    #: Estimated Jaccard similarity at which two blocks are variants of one fragment.
    fragment_threshold: float = 0.8
    #: Permutations of fragment sketches: 64 estimate a 0.8 similarity within about +-0.1.
    fragment_num_perm: int = 64
    #: Fragments longer than this are grouped by exact normalised text only; near-variants of
    #: boilerplate (cookie notices, "Mit Material von X") are shorter on every network we made.
    fragment_max_chars: int = 400
    #: A fragment seen in at least this many distinct stories is boilerplate (the key insight:
    #: content repeats only within one story's versions).
    min_stories: int = 3
    #: Before stories are known, a block on this many pages of one outlet is template.
    min_outlet_pages: int = 3
    #: Share of an outlet's blocks in one DOM context that must be boilerplate by text for the
    #: whole context to become a rule.
    context_share: float = 0.8
    #: Cluster, learn, clean, re-cluster: this many rounds at most (stops early when stable).
    rounds: int = 3

    def __post_init__(self) -> None:
        checks = [
            (self.num_perm >= 16 and self.fragment_num_perm >= 16, "num_perm and fragment_num_perm must be at least 16"),
            (0.0 < self.story_threshold < 1.0, "story_threshold must be between 0 and 1"),
            (0.0 < self.story_containment <= 1.0, "story_containment must be in (0, 1]"),
            (0.0 < self.story_candidates <= self.story_threshold, "story_candidates must be in (0, story_threshold]"),
            (0.0 < self.fragment_threshold < 1.0, "fragment_threshold must be between 0 and 1"),
            (0.0 < self.context_share <= 1.0, "context_share must be in (0, 1]"),
            (self.doc_ngram >= 1 and self.fragment_ngram >= 1, "n-gram sizes must be at least 1"),
            (self.min_stories >= 2, "min_stories must be at least 2: content repeats within one story"),
            (self.min_outlet_pages >= 2, "min_outlet_pages must be at least 2"),
            (self.rounds >= 1, "rounds must be at least 1"),
        ]
        for ok, message in checks:
            if not ok:
                raise OptionsError(message)

    def as_dict(self) -> dict[str, object]:
        """The settings as plain data, for reports."""
        return asdict(self)
