"""Boilerplate fragments learned from the corpus.

A block's fragment is its normalised text; near-identical short fragments (block-level LSH on
character shingles) form one group. A group seen in many distinct *stories* is boilerplate,
one seen only within a single story's versions is content (DESIGN.md, "The key insight").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .arrays import distinct, distinct_inverse, distinct_per, distinct_per_page, isin_sorted, odd_mixers
from .corpus import Corpus
from .normalize import normalize, words
from .options import DedupOptions
from .parallel import Background
from .rules import CLOSING_SLOT_WORDS, SLOT_WORDS, Rule, RuleKind
from .shapes import FRAME_WORDS, closing_frame, ends_sentence, framed_lead, lead_words
from .sketch import Sketcher, ranges
from .stories import band_cluster, band_keys
from .tokens import token_hashes

#: Constant words of a learned prefix/suffix template, at most.
_TEMPLATE_WORDS = 3
#: A template generalises proven boilerplate: one of its slot values must itself occur in
#: `min_stories` stories, and its slot values must recur, on average in this many distinct
#: stories each. Bylines (a reporter pool), credit lines and breadcrumbs reuse their slot
#: values; short article sentences that merely start alike ("Die ...") do not.
_SLOT_REUSE = 1.5
#: Fragments sketched in one numpy pass (bounds the pass to about 100 MB).
_SKETCH_BATCH = 20_000
#: Headlines shorter than this many words are too generic to mark a block as a teaser.
_MIN_HEADLINE_WORDS = 4


@dataclass(frozen=True)
class SlotTemplates:
    """Every way a short fragment splits into constant words and a slot of 1..SLOT_WORDS words.

    A template is (kind, constant words); a slot value is a template with the remaining words.
    One entry per (fragment, template) split; fixed for a corpus, so each round only counts.
    """

    template_kind: np.ndarray      # template id -> 0 prefix, 1 suffix
    template_words: np.ndarray     # template id -> number of constant words
    template_fragment: np.ndarray  # template id -> a fragment that splits by it (to spell it out)
    value_template: np.ndarray     # slot value id -> its template id
    fragment: np.ndarray           # entry -> fragment id (entries sorted by fragment)
    value: np.ndarray              # entry -> slot value id
    first_entry: np.ndarray        # fragment id -> its first entry; fragment f: first_entry[f]:first_entry[f + 1]

    def name(self, template: int, keys: Sequence[str]) -> tuple[RuleKind, str]:
        """A template's rule kind and constant words, as a rule pattern."""
        tokens = words(keys[int(self.template_fragment[template])])
        n = int(self.template_words[template])
        if self.template_kind[template]:
            return "suffix", " ".join(tokens[-n:])
        return "prefix", " ".join(tokens[:n])


#: Salts that tell a prefix template's hash from a suffix template's with the same words.
_KIND_SALTS = np.array([0x243F6A8885A308D3, 0x13198A2E03707344], dtype=np.uint64)


def slot_templates(keys: Sequence[str], tokens: np.ndarray, token_offsets: np.ndarray) -> SlotTemplates:
    """The prefix and suffix splits of every short fragment (2 to `_TEMPLATE_WORDS + SLOT_WORDS`
    words, fewer spaces than that), numbered; `tokens`, `token_offsets`: the word hashes of
    `keys` (`token_hashes`). Templates and slot values are told apart by hashes of their words."""
    longest = _TEMPLATE_WORDS + SLOT_WORDS
    counts = np.diff(token_offsets)
    spaces = np.fromiter(map(str.count, keys, itertools.repeat(" ")), dtype=np.int64, count=len(keys))
    short = np.flatnonzero((counts >= 2) & (counts <= longest) & (spaces < longest))
    # constant words n: 1.._TEMPLATE_WORDS, fewer than the fragment's words, leaving at most SLOT_WORDS
    low = np.maximum(1, counts[short] - SLOT_WORDS)
    splits = np.minimum(_TEMPLATE_WORDS, counts[short] - 1) - low + 1
    fragment = np.repeat(short, splits)
    n = np.repeat(low, splits) + ranges(np.zeros(len(short), dtype=np.int64), splits)
    # each (fragment, n) as a prefix, then as a suffix split
    fragment, n = np.repeat(fragment, 2), np.repeat(n, 2)
    kind = np.tile(np.arange(2), len(n) // 2)
    first, count = token_offsets[fragment], counts[fragment]
    constant_start = np.where(kind == 0, first, first + count - n)
    rest_start = np.where(kind == 0, first + n, first)
    template_hash = _run_hashes(tokens, constant_start, n) ^ _KIND_SALTS[kind]
    value_hash = template_hash * np.uint64(0x9FB21C651E98DF25) + _run_hashes(tokens, rest_start, count - n)
    first_of_template, template = np.unique(template_hash, return_index=True, return_inverse=True)[1:]
    first_of_value, value = np.unique(value_hash, return_index=True, return_inverse=True)[1:]
    return SlotTemplates(
        template_kind=kind[first_of_template],
        template_words=n[first_of_template],
        template_fragment=fragment[first_of_template],
        value_template=template[first_of_value],
        fragment=fragment,
        value=value,
        first_entry=np.searchsorted(fragment, np.arange(len(keys) + 1)),
    )


@dataclass(frozen=True)
class FragmentIndex:
    """Every block occurrence of the corpus as integer ids, in page order."""

    keys: list[str]          # fragment id -> normalised text
    fragment_of: dict[str, int]  # normalised text -> fragment id
    group: np.ndarray        # fragment id -> near-duplicate group id
    contexts: list[str]      # context id -> DOM context
    page: np.ndarray         # occurrence -> page
    fragment: np.ndarray     # occurrence -> fragment id
    used: np.ndarray         # the fragment ids that occur, ascending
    context: np.ndarray      # occurrence -> context id
    offsets: np.ndarray      # page i owns occurrences offsets[i]:offsets[i + 1]
    tokens: np.ndarray       # word hashes of every fragment, fragment i: tokens[token_offsets[i]:token_offsets[i + 1]]
    token_offsets: np.ndarray
    templates: SlotTemplates
    quote_fragment: np.ndarray          # quote -> fragment id that contains a page's headline
    quote_page: np.ndarray              # quote -> that page
    quote_start: np.ndarray             # quote -> its first word in the fragment
    quote_words: np.ndarray             # quote -> its words


def _head_hashes(tokens: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """One hash per run of `_MIN_HEADLINE_WORDS` tokens starting at each of `starts`."""
    mixers = odd_mixers(_MIN_HEADLINE_WORDS)
    found = tokens[starts] * mixers[0]
    for i in range(1, _MIN_HEADLINE_WORDS):
        found += tokens[starts + i] * mixers[i]
    return found


def _run_hashes(tokens: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """One hash per run of `lengths[i]` tokens from `starts[i]`: its words in order and its length."""
    found = lengths.astype(np.uint64) * np.uint64(0xD6E8FEB86659FD93)
    longest = int(lengths.max()) if len(lengths) else 0
    mixers = odd_mixers(max(longest, 1))
    live = np.arange(len(starts))
    for i in range(longest):
        live = live[lengths[live] > i]
        found[live] += tokens[starts[live] + i] * mixers[i]
    return found


def _headline_quotes(keys: Sequence[str], tokens: np.ndarray, offsets: np.ndarray,
                     titles: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(fragment, page, first word, words) of every place where a fragment contains a page's
    headline as a run of whole words, ordered by fragment; `tokens` and `offsets` are the
    fragments' word hashes (`token_hashes(keys)`).

    All in numpy, on word hashes: every four-word window of every fragment is looked up among
    the headlines' first four words; where one matches, the run as long as each headline with
    those first words is hashed whole and looked up among the headlines. The cost grows with the
    text, not with the number of headlines.
    """
    empty = np.zeros(0, dtype=np.int64)
    head_tokens, head_offsets = token_hashes([normalize(title) for title in titles])
    head_lengths = np.diff(head_offsets)
    pages = np.flatnonzero(head_lengths >= _MIN_HEADLINE_WORDS)
    if not len(pages):
        return empty, empty, empty, empty
    head_starts, head_lengths = head_offsets[pages], head_lengths[pages]
    firsts = _head_hashes(head_tokens, head_starts)
    # the lengths to try after each first four words: distinct (first words, length), sorted
    order = np.lexsort((head_lengths, firsts))
    firsts_sorted, lengths_sorted = firsts[order], head_lengths[order]
    new = np.r_[True, (firsts_sorted[1:] != firsts_sorted[:-1]) | (lengths_sorted[1:] != lengths_sorted[:-1])]
    try_firsts, try_lengths = firsts_sorted[new], lengths_sorted[new]
    # every window of a fragment with room for four words, whose first four words match
    counts = np.diff(offsets)
    owner = np.repeat(np.arange(len(keys)), counts)
    starts = np.flatnonzero(np.repeat(counts >= _MIN_HEADLINE_WORDS, counts))
    starts = starts[(starts + _MIN_HEADLINE_WORDS <= offsets[owner[starts] + 1])]
    windows = _head_hashes(tokens, starts)
    hit = isin_sorted(windows, distinct(try_firsts))
    starts, windows = starts[hit], windows[hit]
    # each hit with each length that follows its first words, where the fragment is long enough
    low, high = np.searchsorted(try_firsts, windows, "left"), np.searchsorted(try_firsts, windows, "right")
    starts, lengths = np.repeat(starts, high - low), try_lengths[ranges(low, high - low)]
    fits = starts + lengths <= offsets[owner[starts] + 1]
    starts, lengths = starts[fits], lengths[fits]
    # whole runs looked up among whole headlines (pages in order within equal headlines)
    heads = _run_hashes(head_tokens, head_starts, head_lengths)
    by_head = np.argsort(heads, kind="stable")
    heads = heads[by_head]
    runs = _run_hashes(tokens, starts, lengths)
    low, high = np.searchsorted(heads, runs, "left"), np.searchsorted(heads, runs, "right")
    found = np.repeat(np.arange(len(starts)), high - low)
    fragment = owner[starts[found]]
    return fragment, pages[by_head[ranges(low, high - low)]], starts[found] - offsets[fragment], lengths[found]


def near_duplicate_groups(keys: Sequence[str], options: DedupOptions) -> np.ndarray:
    """Group id of every fragment; near-identical short fragments share one.

    The members are clustered in the order of a hash of their signatures, not of first sight,
    so the groups do not depend on the order of the pages (rows with equal signatures, whose
    order is left, are linked to each other and to the same rows).
    """
    sketcher = Sketcher(options.fragment_num_perm, options.seed)
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    members = np.flatnonzero((lengths >= 2 * options.fragment_ngram) & (lengths <= options.fragment_max_chars))
    signatures = np.empty((len(members), sketcher.num_perm), dtype=np.uint32)
    for start in range(0, len(members), _SKETCH_BATCH):
        batch = members[start : start + _SKETCH_BATCH]
        texts = list(map(keys.__getitem__, batch.tolist()))
        shingles = sketcher.char_shingle_sets(texts, options.fragment_ngram, lengths[batch])
        signatures[start : start + len(batch)] = sketcher.signatures_flat(*shingles)
    order = np.argsort(band_keys(signatures, 1, sketcher.num_perm)[0], kind="stable")
    members, signatures = members[order], signatures[order]
    group = np.arange(len(keys), dtype=np.int64)
    group[members] = members[band_cluster(signatures, options.fragment_threshold)]
    return group


def build_index(corpus: Corpus, options: DedupOptions, fork: bool = True) -> FragmentIndex:
    """Group near-identical fragments, find headline quotes and template candidates.

    The near-duplicate groups are computed in a forked child (when `fork` and forking is safe)
    while this process finds the quotes and templates.
    """
    arrays = corpus.arrays()
    keys = corpus.keys
    groups = Background(lambda: near_duplicate_groups(keys, options), fork=fork)
    hashes, token_offsets = token_hashes(keys)
    quote_fragment, quote_page, quote_start, quote_words = _headline_quotes(keys, hashes, token_offsets, [p.title for p in corpus.pages])
    templates = slot_templates(keys, hashes, token_offsets)
    return FragmentIndex(
        keys=keys,
        fragment_of=corpus.fragment_ids,
        group=groups.result(),
        contexts=corpus.contexts,
        page=arrays.page,
        fragment=arrays.fragment,
        used=np.flatnonzero(np.bincount(arrays.fragment, minlength=len(keys))),
        context=arrays.context,
        offsets=arrays.offsets,
        tokens=hashes,
        token_offsets=token_offsets,
        templates=templates,
        quote_fragment=quote_fragment,
        quote_page=quote_page,
        quote_start=quote_start,
        quote_words=quote_words,
    )


def context_slots(index: FragmentIndex, outlet_of_page: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (outlet, context) codes, outlet * len(contexts) + context, and each occurrence's slot."""
    return distinct_inverse(outlet_of_page[index.page] * len(index.contexts) + index.context)


def template_occurrences(index: FragmentIndex, outlet_of_page: np.ndarray, options: DedupOptions) -> np.ndarray:
    """Occurrences of groups repeated on many pages of one outlet: template, before stories exist."""
    groups = index.group[index.fragment]
    outlets = outlet_of_page[index.page]
    n_outlets = int(outlet_of_page.max()) + 1 if len(outlet_of_page) else 1
    slot = groups * n_outlets + outlets
    slots, inverse = distinct_inverse(slot)
    pages = distinct_per_page(inverse, index.offsets, np.arange(len(index.offsets) - 1), len(slots))
    return pages[inverse] >= options.min_outlet_pages


@dataclass(frozen=True)
class Support:
    """Distinct stories and outlets in which each fragment group occurs."""

    stories: np.ndarray
    outlets: np.ndarray


def count_support(index: FragmentIndex, story_of_page: np.ndarray, outlets: np.ndarray) -> Support:
    """Count each group's support over distinct stories; `outlets`: `outlet_support`, which the
    stories do not change."""
    return Support(stories=distinct_per_page(index.group[index.fragment], index.offsets, story_of_page, len(index.keys)), outlets=outlets)


def outlet_support(index: FragmentIndex, outlet_of_page: np.ndarray) -> np.ndarray:
    """The number of distinct outlets each fragment group occurs on."""
    return distinct_per_page(index.group[index.fragment], index.offsets, outlet_of_page, len(index.keys))


def text_rules(index: FragmentIndex, support: Support, options: DedupOptions, content: np.ndarray | None = None) -> list[Rule]:
    """A text rule for every fragment whose group reaches `min_stories` distinct stories,
    except the groups in `content` (group ids: prose shared by related stories only)."""
    stories = support.stories
    if content is not None and len(content):
        stories = stories.copy()
        stories[content] = 0
    hot = index.used[stories[index.group[index.used]] >= options.min_stories]
    groups = index.group[hot]
    keys = index.keys
    return [
        Rule("text", "*", keys[f], stories, outlets)
        for f, stories, outlets in zip(hot.tolist(), support.stories[groups].tolist(), support.outlets[groups].tolist())
    ]


def context_rules(
    index: FragmentIndex,
    removed: np.ndarray,
    story_of_page: np.ndarray,
    outlets: Sequence[str],
    slots: tuple[np.ndarray, np.ndarray],
    options: DedupOptions,
) -> list[Rule]:
    """Rules for DOM contexts of one outlet whose blocks are nearly all boilerplate already.

    `slots`: the distinct (outlet, context) codes, outlet * len(contexts) + context, and the
    slot of each occurrence (`context_slots`)."""
    slots, inverse = slots
    total = np.bincount(inverse, minlength=len(slots))
    flagged = np.bincount(inverse[removed], minlength=len(slots))
    stories = distinct_per_page(inverse, index.offsets, story_of_page, len(slots))
    chosen = np.flatnonzero(
        (total >= options.min_stories)
        & (flagged >= options.context_share * total)
        & (flagged < total)
        & (stories >= options.min_stories)
    )
    n = len(index.contexts)
    return [Rule("context", outlets[int(slots[s]) // n], index.contexts[int(slots[s]) % n], int(stories[s]), 1) for s in chosen.tolist()]


def shared_prose_candidates(index: FragmentIndex, support: Support, options: DedupOptions, max_stories: int,
                            min_words: int, prose: Callable[[int], bool]) -> np.ndarray:
    """Group ids that could be prose shared by related stories: rules by support, in at most
    `max_stories` stories, on two outlets at least (a repeat of one outlet is its template: a
    newsletter box), their text at least `min_words` words long and `prose(group)`: ending like a
    sentence."""
    groups = distinct(index.group[index.used])
    words_of = np.diff(index.token_offsets)[groups]
    stories = support.stories[groups]
    groups = groups[(stories >= options.min_stories) & (stories <= max_stories) & (support.outlets[groups] >= 2)
                    & (words_of >= min_words)]
    return groups[np.fromiter(map(prose, groups.tolist()), dtype=bool, count=len(groups))]


#: Constant words of a `lead`/`tail` rule, at most.
_SLOTTED_WORDS = FRAME_WORDS
#: A lead-in or tail generalises proven teasers: at least this share of the distinct texts it
#: starts (ends) quote the headline of another story right after (before) it.
_SLOTTED_PROVEN_SHARE = 0.5


def end_hashes(tokens: np.ndarray, token_offsets: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per fragment: a hash of its first `n` words, of its last `n` words, and whether it has
    more than `n` words (a slot after or before them); hashes of shorter fragments are 0."""
    counts = np.diff(token_offsets)
    longer = counts > n
    heads = np.zeros(len(counts), dtype=np.uint64)
    tails = np.zeros(len(counts), dtype=np.uint64)
    length = np.full(int(longer.sum()), n, dtype=np.int64)
    heads[longer] = _run_hashes(tokens, token_offsets[:-1][longer], length)
    tails[longer] = _run_hashes(tokens, token_offsets[1:][longer] - n, length)
    return heads, tails, longer


def closing_hashes(tokens: np.ndarray, token_offsets: np.ndarray, n: int, slot: int) -> tuple[np.ndarray, np.ndarray]:
    """Per fragment: a hash (as `end_hashes`) of the `n` words that end `slot` words before its
    end, and whether it has more than `n + slot` words; hashes of shorter fragments are 0."""
    counts = np.diff(token_offsets)
    longer = counts > n + slot
    hashes = np.zeros(len(counts), dtype=np.uint64)
    hashes[longer] = _run_hashes(tokens, token_offsets[1:][longer] - n - slot, np.full(int(longer.sum()), n, dtype=np.int64))
    return hashes, longer


def words_hash(constant: Sequence[str]) -> int:
    """The `end_hashes` value of fragments starting or ending with these words."""
    tokens, offsets = token_hashes([" ".join(constant)])
    return int(_run_hashes(tokens, offsets[:1], np.diff(offsets))[0])


def slotted_rules(index: FragmentIndex, story_of_page: np.ndarray, options: DedupOptions,
                  framed: Frames | None = None,
                  ends: Callable[[int], tuple[np.ndarray, np.ndarray, np.ndarray]] | None = None,
                  prose: np.ndarray | None = None, captions: CaptionTexts | None = None) -> list[Rule]:
    """`lead` and `tail` rules: constant first (last) words with a slot of any length; and the
    `closing` rules (`_closing_rules`) and, given `captions`, the `caption` rules (`_caption_rules`).

    Two kinds of evidence: the words before the first headline of another story that a teaser
    quotes (after the only one), when at least `_SLOTTED_PROVEN_SHARE` of the distinct texts
    they start (end) are such teasers; and `framed` words (`framed_ends`: set off from the slot
    by a separator, a caption's `Video |` or `(<source>)` closing it), when at least
    `_FRAMED_SHARE` of the distinct texts they start (end) are framed so. Either way in at
    least `min_stories` stories. Lead-ins whose headlines are not in the corpus, or too short
    to be quoted, go with the ones proven. `ends(n)`: `end_hashes` for `n` words, if known;
    `prose`: per fragment, whether it ends like a sentence (such texts are left out of the
    shares: no lead or tail rule takes them)."""
    if not len(index.fragment):
        return []
    n_stories = int(story_of_page.max()) + 1
    pairs = distinct(index.fragment * n_stories + story_of_page[index.page])
    all_fragments, all_stories = pairs // n_stories, pairs % n_stories
    proven_before, proven_after = _quoted_ends(index, story_of_page)
    if framed is None:
        framed = Frames(*(np.zeros(len(index.keys), np.int64),) * 4)
    rules = []
    for n in range(1, _SLOTTED_WORDS + 1):
        heads, tails, longer = ends(n) if ends is not None else end_hashes(index.tokens, index.token_offsets, n)
        for kind, hashes, proven, share, other in (
            ("lead", heads, proven_before == n, _SLOTTED_PROVEN_SHARE, None), ("tail", tails, proven_after == n, _SLOTTED_PROVEN_SHARE, None),
            ("lead", heads, framed.before == n, _FRAMED_SHARE, framed.before), ("tail", tails, framed.after == n, _FRAMED_SHARE, framed.after),
        ):
            if not proven.any():
                continue
            texts = longer & isin_sorted(hashes, distinct(hashes[proven]))  # per fragment
            if prose is not None:  # a text that ends like a sentence is no rule's to take
                texts &= ~prose
            if other is not None:  # framed by more words (`More stories: ...` for `More: ...`): no evidence either way
                texts &= (other == 0) | (other == n)
            found = _Evidence.of(hashes, texts, proven, all_fragments, all_stories)
            chosen = np.flatnonzero((found.stories >= options.min_stories) & (found.proven >= 2) & (found.proven >= share * found.texts))
            for t, support in zip(chosen.tolist(), found.stories[chosen].tolist()):
                tokens = words(index.keys[int(found.first[t])])
                rules.append(Rule(kind, "*", " ".join(tokens[:n] if kind == "lead" else tokens[-n:]), int(support), 0))  # type: ignore[arg-type]
    rules += _closing_rules(index, all_fragments, all_stories, framed.closing, options)
    if captions is not None:
        rules += _caption_rules(index, story_of_page, captions, options)
    best: dict[tuple[str, str], Rule] = {}
    for rule in rules:  # one rule per constant words, with the larger support of its two kinds of evidence
        known = best.get((rule.kind, rule.pattern))
        if known is None or rule.stories > known.stories:
            best[rule.kind, rule.pattern] = rule
    return [best[key] for key in sorted(best)]


@dataclass(frozen=True)
class _Evidence:
    """Per template (fragments with equal words at one place): distinct texts, distinct proven
    texts, distinct stories of the proven ones, a fragment to spell it out; and the template and
    fragment of each proven (fragment, story) pair."""

    texts: np.ndarray
    proven: np.ndarray
    stories: np.ndarray
    first: np.ndarray
    sure_templates: np.ndarray
    sure_fragments: np.ndarray

    @classmethod
    def of(cls, hashes: np.ndarray, texts: np.ndarray, proven: np.ndarray, fragments: np.ndarray, stories: np.ndarray) -> _Evidence:
        """`hashes`: the words per fragment; `texts`: per fragment, whether it counts; `proven`: per
        fragment, whether it is evidence; `fragments`, `stories`: the distinct (fragment, story) pairs."""
        here = texts[fragments]
        fragments, stories = fragments[here], stories[here]
        _, template = np.unique(hashes[fragments], return_inverse=True)
        size = int(template.max()) + 1 if len(template) else 0
        sure = proven[fragments]
        first = np.full(size, -1, dtype=np.int64)
        first[template] = fragments
        return cls(distinct_per(template, fragments, size), distinct_per(template[sure], fragments[sure], size),
                   distinct_per(template[sure], stories[sure], size), first, template[sure], fragments[sure])


def _closing_rules(index: FragmentIndex, fragments: np.ndarray, stories: np.ndarray, closing: np.ndarray,
                   options: DedupOptions) -> list[Rule]:
    """`closing` rules: the first words of what closes a text (`Frames.closing`), with one to
    `CLOSING_SLOT_WORDS` more words after them (`(AP Photo/<name>)`, `Photo: <name>/AP`), when they
    recur in 3+ stories with two slot values at least, and 80% of the texts with those words
    there close so. `fragments`, `stories`: the distinct (fragment, story) pairs of the corpus."""
    rules = []
    for slot in range(1, CLOSING_SLOT_WORDS + 1):
        for n in range(1, _SLOTTED_WORDS + 1):
            framed = closing == n + slot
            if framed.sum() < 2:
                continue
            hashes, longer = closing_hashes(index.tokens, index.token_offsets, n, slot)
            found = _Evidence.of(hashes, longer & isin_sorted(hashes, distinct(hashes[framed])), framed, fragments, stories)
            values = end_hashes(index.tokens, index.token_offsets, slot)[1][found.sure_fragments]  # the slot: the last words
            n_values = distinct_per(found.sure_templates, distinct_inverse(values)[1], len(found.texts)) if len(values) else found.proven
            chosen = np.flatnonzero((found.stories >= options.min_stories) & (n_values >= 2) & (found.proven >= _FRAMED_SHARE * found.texts))
            for t, support in zip(chosen.tolist(), found.stories[chosen].tolist()):
                tokens = words(index.keys[int(found.first[t])])
                rules.append(Rule("closing", "*", " ".join(tokens[-n - slot : -slot]), int(support), 0))
    return rules


#: Words after a caption's lead-in that tell whether another page of its story carries them:
#: a run of this many, starting at one of the first `_REST_SHIFTS` words after the lead-in...
_REST_WORDS, _REST_SHIFTS = 6, 4
#: ... found among the first words of a text of another page (after a dateline or a lead-in).
_REST_REACH = _SLOTTED_WORDS + _REST_SHIFTS + 2
#: A lead-in takes prose (a `caption` rule) when at most this share of the stories of several
#: pages where it starts a text have another page carrying the words after it.
_CARRIED_MAX_SHARE = 0.1


@dataclass(frozen=True)
class CaptionTexts:
    """What caption evidence needs that no story labels change, found once (`caption_texts`): the
    texts with a lead-in before prose (`Frames.prose_before`; ascending fragment ids), the words
    and hash of each lead-in, the runs of words after each (`rest_text`: an index into `fragments`,
    ascending; `rest`: the run's hash), and the texts holding such a run near their start
    (`holder`: fragment ids, ascending; `held`: the run's hash)."""

    fragments: np.ndarray
    lead: np.ndarray
    heads: np.ndarray
    rest_text: np.ndarray
    rest: np.ndarray
    holder: np.ndarray
    held: np.ndarray


def caption_texts(index: FragmentIndex, prose_lead: np.ndarray) -> CaptionTexts:
    """The `CaptionTexts` of a corpus."""
    counts = np.diff(index.token_offsets)
    fragments = np.flatnonzero((prose_lead > 0) & (counts >= prose_lead + _REST_WORDS))
    lead = prose_lead[fragments]
    heads = _run_hashes(index.tokens, index.token_offsets[fragments], lead)
    rest_text, shift = np.repeat(np.arange(len(fragments)), _REST_SHIFTS), np.tile(np.arange(_REST_SHIFTS), len(fragments))
    start = lead[rest_text] + shift
    fits = counts[fragments[rest_text]] >= start + _REST_WORDS
    rest_text, start = rest_text[fits], start[fits]
    rest = _run_hashes(index.tokens, index.token_offsets[fragments[rest_text]] + start, np.full(len(rest_text), _REST_WORDS))
    wanted = distinct(rest)
    holders, helds = [], []
    for offset in range(_REST_REACH if len(wanted) else 0):
        texts = np.flatnonzero(counts >= offset + _REST_WORDS)
        found = _run_hashes(index.tokens, index.token_offsets[texts] + offset, np.full(len(texts), _REST_WORDS))
        hit = isin_sorted(found, wanted)
        holders.append(texts[hit])
        helds.append(found[hit])
    holder = np.concatenate(holders) if holders else np.zeros(0, dtype=np.int64)
    held = np.concatenate(helds) if helds else np.zeros(0, dtype=np.uint64)
    order = np.argsort(holder, kind="stable")
    return CaptionTexts(fragments, lead, heads, rest_text, rest, holder[order], held[order])


def _caption_rules(index: FragmentIndex, story_of_page: np.ndarray, texts: CaptionTexts, options: DedupOptions) -> list[Rule]:
    """`caption` rules: first words set off by a separator before prose (`Watch: <headline>.
    <sentence>.`) in `min_stories` stories, where in two stories of several pages at least, and
    in nearly all of them, no other page of the story carries the words after them: a story's
    own paragraph (`WASHINGTON - <sentence>`) is carried by its other versions, a caption an
    outlet adds is not."""
    at = np.flatnonzero(isin_sorted(index.fragment, texts.fragments))
    if not len(at):
        return []
    text = np.searchsorted(texts.fragments, index.fragment[at])
    story = story_of_page[index.page[at]]
    judged = np.bincount(story_of_page)[story] >= 2
    carried = np.zeros(len(at), dtype=bool)
    carried[_carried(index, story_of_page, texts, np.flatnonzero(judged), text, story)] = True
    _, template = np.unique(texts.heads[text], return_inverse=True)
    size = int(template.max()) + 1
    stories = distinct_per(template, story, size)
    n_judged = distinct_per(template[judged], story[judged], size)
    refuted = distinct_per(template[carried], story[carried], size)
    chosen = np.flatnonzero((stories >= options.min_stories) & (n_judged >= 2) & (refuted <= _CARRIED_MAX_SHARE * n_judged))
    first = np.full(size, -1, dtype=np.int64)
    first[template] = text
    return [Rule("caption", "*", " ".join(words(index.keys[int(texts.fragments[first[t]])])[: int(texts.lead[first[t]])]), int(stories[t]), 0)
            for t in chosen.tolist()]


def _carried(index: FragmentIndex, story_of_page: np.ndarray, texts: CaptionTexts, judged: np.ndarray, text: np.ndarray,
             story: np.ndarray) -> np.ndarray:
    """Of the `judged` candidate occurrences (`text`, `story`: per occurrence), those whose story
    has another page holding one of the runs of words after their lead-in near a text's start."""
    mix = np.uint64(0x9E3779B97F4A7C15)
    first = np.searchsorted(texts.rest_text, np.arange(len(texts.fragments) + 1))
    runs_of = first[text[judged] + 1] - first[text[judged]]
    occurrence = np.repeat(judged, runs_of)
    asked = texts.rest[ranges(first[text[judged]], runs_of)] ^ (story[occurrence].astype(np.uint64) * mix)
    holding = np.flatnonzero(isin_sorted(index.fragment, distinct(texts.holder)))
    low = np.searchsorted(texts.holder, index.fragment[holding], "left")
    high = np.searchsorted(texts.holder, index.fragment[holding], "right")
    page = np.repeat(index.page[holding], high - low)
    code = texts.held[ranges(low, high - low)] ^ (story_of_page[page].astype(np.uint64) * mix)
    wanted = isin_sorted(code, distinct(asked))
    pairs = np.unique(np.stack([code[wanted], page[wanted].astype(np.uint64)]), axis=1)
    found, n_pages = np.unique(pairs[0], return_counts=True)
    return occurrence[isin_sorted(asked, found[n_pages >= 2])]


def _quoted_ends(index: FragmentIndex, story_of_page: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per fragment quoting the headline of another story: the words before the first headline it
    quotes, and the words after the headline when it quotes only one (0 otherwise)."""
    before = np.zeros(len(index.keys), dtype=np.int64)
    after = np.zeros(len(index.keys), dtype=np.int64)
    quote, _ = _foreign_quotes(index, story_of_page)
    if not len(quote):
        return before, after
    width = int(index.quote_start.max()) + 1
    places = distinct(index.quote_fragment * width + index.quote_start)
    places_in = np.bincount(places // width, minlength=len(index.keys))
    first_place = np.full(len(index.keys), width, dtype=np.int64)
    np.minimum.at(first_place, places // width, places % width)
    counts = np.diff(index.token_offsets)
    start, size = index.quote_start[quote], index.quote_words[quote]
    fragment = index.quote_fragment[quote]
    first = start == first_place[fragment]
    before[fragment[first]] = start[first]
    only = places_in[fragment] == 1
    after[fragment[only]] = (counts[fragment] - start - size)[only]
    return before, after


#: A tail: in brackets closing the text, or after a bar or a copyright sign.
_FRAMED_TAIL = re.compile(rf".*\w\W*?(?:\(\s*(\w+(?:\W{{1,2}}\w+){{0,{_SLOTTED_WORDS - 1}}})\s*\)|(?:\||\u00a9)\s*(\w+(?:\W{{1,2}}\w+){{0,{_SLOTTED_WORDS - 1}}})\W*)$")
#: A key that may have a framed lead: a separator within its first words (keys fold a dash into
#: `-` and a guillemet into `'`; the text as printed tells which it was).
_FRAME_HINT = re.compile(r"[^:|'\u00bb\u203a\u2022\u00b7-]{0,60}[:|'\u00bb\u203a\u2022\u00b7-]")
#: ... or after a comma, in a text that does not end like a sentence (`By <name>, Associated Press`).
_COMMA_TAIL = re.compile(rf".*\w,\s*()(\w+(?:[^\w,]{{1,2}}\w+){{0,{_SLOTTED_WORDS - 1}}})$")
#: Framed constant words make a rule when this share of the texts they start (end) are framed so.
_FRAMED_SHARE = 0.8
#: Fragments longer than this many words are no caption or teaser line...
_FRAMED_MAX_WORDS = 40
#: ... nor, if they do not end like a sentence, a list of teasers.
_TEASERS_MAX_WORDS = 120


@dataclass(frozen=True)
class Frames:
    """Per fragment, the words of its frames (0 where none): `before` a separator that sets them
    off from a headline-shaped rest (`Video | <headline>`); `after` a separator, inside closing
    brackets or after the last sentence end (`<sentence> (<source>)`); `closing` it, in brackets or after its last
    sentence end (`(AP Photo/<name>)`, `Photo: <name>/AP`, 2 to `_SLOTTED_WORDS + CLOSING_SLOT_WORDS`);
    `prose_before` a separator in a text that ends like a sentence (`Watch: <headline>.
    <sentence>.`)."""

    before: np.ndarray
    after: np.ndarray
    closing: np.ndarray
    prose_before: np.ndarray


def framed_ends(keys: Sequence[str], texts: Callable[[int], str], token_counts: np.ndarray, prose: np.ndarray) -> Frames:
    """The `Frames` of every fragment.
    `texts(f)`: a text of fragment f as printed (a key folds a spaced dash into a hyphen); only
    keys with a separator near their start or a frame at their end are looked at in it.
    `prose`: per fragment, whether its key ends like a sentence (longer texts that do not are
    looked at too: a list of teasers after one lead-in)."""
    before, after, closing, prose_before = (np.zeros(len(token_counts), dtype=np.int64) for _ in range(4))
    looked_at = (token_counts >= 2) & ((token_counts <= _FRAMED_MAX_WORDS) | (~prose & (token_counts <= _TEASERS_MAX_WORDS)))
    for f in np.flatnonzero(looked_at).tolist():
        key = keys[f]
        headline_shaped = not prose[f]
        if not headline_shaped:  # prose: its lead-in as the key has it (a `caption` rule reads keys)
            prose_before[f] = lead_words(key)
        may_tail = key.endswith(")") or "|" in key or "\u00a9" in key or (headline_shaped and ("," in key[-40:] or "." in key))
        may_lead = headline_shaped and _FRAME_HINT.match(key) is not None
        if not (may_lead or may_tail):
            continue
        text = " ".join(texts(f).casefold().split())
        lead = framed_lead(text) if may_lead and not ends_sentence(text) else ""
        if lead:
            before[f] = len(words(normalize(lead)))
        if not may_tail:
            continue
        tail = _FRAMED_TAIL.match(text)
        if tail is None and not ends_sentence(text):
            tail = _COMMA_TAIL.match(text)  # a byline's agency after a comma: `By <name>, Associated Press`
            if tail is not None and any(c.isdigit() for c in tail[2]):
                tail = None  # a date's year after a comma (`April 28, 2022`) is no agency
        if tail is not None:
            after[f] = len(words(normalize(tail[1] or tail[2])))
        frame = len(words(normalize(closing_frame(text))))
        if 2 <= frame <= _SLOTTED_WORDS + CLOSING_SLOT_WORDS:
            closing[f] = frame
        if not after[f] and frame <= _SLOTTED_WORDS:  # a constant credit after the sentence: `<sentence>. AP Photo/<name>`
            after[f] = frame
    return Frames(before, after, closing, prose_before)


def _foreign_quotes(index: FragmentIndex, story_of_page: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The quotes (positions in `index.quote_*`) of a headline of a story other than every
    story the quoting fragment occurs in; and the distinct (fragment * stories + story) codes
    of the quoting fragments' own stories."""
    n_stories = int(story_of_page.max()) + 1
    quoting = np.zeros(len(index.keys), dtype=bool)
    quoting[index.quote_fragment] = True
    occurs = quoting[index.fragment]
    own = distinct(index.fragment[occurs] * n_stories + story_of_page[index.page[occurs]])
    foreign = ~isin_sorted(index.quote_fragment * n_stories + story_of_page[index.quote_page], own)
    return np.flatnonzero(foreign), own


def teaser_rules(index: FragmentIndex, story_of_page: np.ndarray) -> list[Rule]:
    """Text rules for blocks that quote the headline of a story other than their own."""
    if not len(index.quote_fragment):
        return []
    n_stories = int(story_of_page.max()) + 1
    foreign, own = _foreign_quotes(index, story_of_page)
    n_own = np.bincount(own // n_stories, minlength=len(index.keys))
    quoting = distinct(index.quote_fragment[foreign])
    keys = index.keys
    return [Rule("text", "*", keys[f], n, 0) for f, n in zip(quoting.tolist(), n_own[quoting].tolist())]


def slot_rules(index: FragmentIndex, story_of_page: np.ndarray, options: DedupOptions) -> list[Rule]:
    """Prefix/suffix templates with a short slot (`Text: <name>`, `<paper>/AP`) seen across stories.

    Counted with numpy over the distinct (fragment, story) pairs: the stories of each slot
    value, of each template, and how many values each template has. A text that is a whole
    headline of the corpus is no evidence: teasers quoting headlines go by `teaser_rules`, and
    headlines shaped alike (`<place>: <noun> verworfen`) would make a template of article
    subheads.
    """
    table = index.templates
    n_templates = len(table.template_kind)
    if not n_templates:
        return []
    n_stories = int(story_of_page.max()) + 1
    splits_of = np.diff(table.first_entry)
    headline = np.zeros(len(index.keys), dtype=bool)
    headline[index.quote_fragment[(index.quote_start == 0) & (index.quote_words == np.diff(index.token_offsets)[index.quote_fragment])]] = True
    occurs = ((splits_of > 0) & ~headline)[index.fragment]
    pairs = distinct(index.fragment[occurs] * n_stories + story_of_page[index.page[occurs]])
    fragments, stories = pairs // n_stories, pairs % n_stories
    entries = ranges(table.first_entry[fragments], splits_of[fragments])
    stories = np.repeat(stories, splits_of[fragments])
    values = table.value[entries]
    value_stories = distinct_per(values, stories, len(table.value_template))
    covered = distinct_per(table.value_template[values], stories, n_templates)
    n_values = np.bincount(table.value_template, minlength=n_templates)
    reuse = np.bincount(table.value_template, weights=value_stories, minlength=n_templates) / np.maximum(n_values, 1)
    best = np.zeros(n_templates, dtype=np.int64)
    np.maximum.at(best, table.value_template, value_stories)
    chosen = (best >= options.min_stories) & (n_values >= 2) & (covered >= options.min_stories) & (reuse >= _SLOT_REUSE)
    rules = []
    for t in np.flatnonzero(chosen).tolist():
        kind, pattern = table.name(t, index.keys)
        rules.append(Rule(kind, "*", pattern, int(covered[t]), 0))
    return sorted(rules, key=lambda r: (r.kind, r.pattern))
