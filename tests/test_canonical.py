"""The compiled version diff gives difflib's answer; the canonical choice follows the content."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.canonical import Version, VersionDiff, choose_canonical, diff_version, opcodes, opcodes_python
from dedup.normalize import normalize
from dedup.sketch import NATIVE_KERNELS

keys = st.lists(st.integers(0, 5), max_size=30).map(tuple)


@pytest.mark.skipif(not NATIVE_KERNELS, reason="compiled kernels not built")
@settings(max_examples=500)
@given(keys, keys)
def test_compiled_opcodes_equal_difflibs(a: tuple[int, ...], b: tuple[int, ...]) -> None:
    assert opcodes(a, b) == opcodes_python(a, b)


def _version(url: str, keys: tuple[int, ...], lengths: tuple[int, ...]) -> Version:
    return Version(url, "o", "", "", tuple(k + 100 for k in keys), keys, lengths)


def test_diff_names_added_and_missing_blocks_by_text_id() -> None:
    canonical = _version("http://a/1", (1, 2, 3, 4), (10, 10, 10, 10))
    version = _version("http://b/1", (1, 3, 4, 9), (10, 10, 10, 5))
    diff = diff_version(version, canonical)
    assert diff.missing == (102,) and diff.added == (109,)
    assert diff_version(canonical, canonical) == VersionDiff((), ())


def test_canonical_is_the_version_carrying_most_of_what_versions_share() -> None:
    teaser = _version("http://a/1", (1, 2, 3, 7), (50, 50, 50, 400))  # a long block nobody else has
    full = _version("http://b/1", (1, 2, 3, 4), (50, 50, 50, 60))
    cut = _version("http://c/1", (1, 2, 4), (50, 50, 60))
    assert choose_canonical([teaser, full, cut]) is full
    assert choose_canonical([full, cut]) is full  # of two, the full copy wins over its abridged copy
    assert choose_canonical([cut, full]) is full


# Versions made from texts as the pipeline makes them: a block's key is the id of its normalised
# text, its length the characters of that key (the original text's length may differ by typography).
KEY_IDS: dict[str, int] = {}


def _from_texts(url: str, texts: list[str]) -> Version:
    keys = tuple(KEY_IDS.setdefault(normalize(t), len(KEY_IDS)) for t in texts)
    return Version(url, "o", "", "", keys, keys, tuple(len(normalize(t)) for t in texts))


LEAD = 'BERLIN (dpa) - "Wir sind bereit", sagte der Minister am Montag.'
BODY = [
    "Die Regierung will das Gesetz noch vor dem Sommer beschliessen.",
    'Die Opposition nannte den Plan "unausgegoren" - und kündigte Widerstand an.',
    "Bis 2027 sollen 4,5 Milliarden Euro in den Ausbau fliessen.",
    "Der Bundesrat muss noch zustimmen.",
]


def test_an_abridged_copy_is_never_canonical() -> None:
    full = _from_texts("http://b/1", [LEAD, *BODY])
    cut = _from_texts("http://a/1", [LEAD, *BODY[:2]])
    middle_cut = _from_texts("http://a/2", [LEAD, BODY[0], BODY[3]])
    assert choose_canonical([cut, full]) is full
    assert choose_canonical([cut, middle_cut, full, cut]) is full
    # several copies of the abridged version do not outvote the full one
    assert choose_canonical([cut, _from_texts("http://c/1", [LEAD, *BODY[:2]]), full]) is full


def test_an_update_with_an_added_paragraph_wins_over_the_first_version() -> None:
    first = _from_texts("http://a/1", [LEAD, *BODY[:3]])
    copies = [_from_texts(f"http://c{i}/1", [LEAD, *BODY[:3]]) for i in range(3)]
    update = _from_texts("http://z/1", [LEAD, *BODY[:2], "Am Abend meldete sich auch der Kanzler zu Wort.", BODY[2]])
    assert choose_canonical([first, *copies, update]) is update


def test_a_leftover_teaser_does_not_win_by_its_length() -> None:
    teaser = "Lesen Sie auch: " + "Eine ganz andere Geschichte mit sehr vielen Worten. " * 10
    full = _from_texts("http://b/1", [LEAD, *BODY])
    cut = _from_texts("http://c/1", [LEAD, *BODY[:3]])
    with_teaser = _from_texts("http://a/1", [LEAD, *BODY[:3], teaser])
    assert choose_canonical([with_teaser, full, cut]) is full
    # two versions that differ only in a block nobody else has: the one adding fewer characters
    other = _from_texts("http://z/1", [LEAD, *BODY[:3], "Der Bundesrat muss zustimmen."])
    assert choose_canonical([with_teaser, other]) is other


def test_a_reworked_lead_carried_by_more_versions_wins() -> None:
    new_lead = "BERLIN (dpa) - Die Regierung legt ihren Plan vor; die Opposition lehnt ihn ab."
    old = [_from_texts(f"http://a{i}/1", [LEAD, *BODY]) for i in range(2)]
    reworked = [_from_texts(f"http://b{i}/1", [new_lead, *BODY]) for i in range(3)]
    assert choose_canonical([*old, *reworked]) is reworked[0]
    assert choose_canonical([*old, reworked[1]]) is old[0]


QUOTE_STYLES = [('"', '"'), ("\u201e", "\u201c"), ("\u201c", "\u201d"), ("\u00bb", "\u00ab"), ("\u00ab", "\u00bb"), ("'", "'"), ("\u2039", "\u203a")]
DASH_STYLES = [" - ", " \u2013 ", "\u2014", " \u2014 ", "--", "\u00a0\u2013 ", "\u2009\u2014\u2009"]
APOSTROPHES = ["'", "\u2019", "\u00b4", "\u02bc"]


def _restyle(text: str, quotes: tuple[str, str], dash: str, apostrophe: str) -> str:
    """`text` with its apostrophes, its pairs of double quotes and its spaced dashes set otherwise."""
    parts = text.replace("'", apostrophe).replace(" - ", "\0").split('"')
    return (parts[0] + "".join(quotes[i % 2] + part for i, part in enumerate(parts[1:]))).replace("\0", dash)


paragraphs = st.lists(st.sampled_from([LEAD, *BODY, "Er sagte: \"Das geht's nicht\" - so der Sprecher.", 'Der "Plan" - ein Entwurf.',
                                       "Kurz: 'Nein'.", "Es bleibt dabei."]), min_size=1, max_size=6)
styles = st.tuples(st.sampled_from(QUOTE_STYLES), st.sampled_from(DASH_STYLES), st.sampled_from(APOSTROPHES))


@settings(max_examples=300)
@given(st.lists(paragraphs, min_size=2, max_size=5), st.data())
def test_restyled_quotes_and_dashes_do_not_change_the_canonical_version(stories: list[list[str]], data: st.DataObject) -> None:
    versions = [_from_texts(f"http://o{i}/1", texts) for i, texts in enumerate(stories)]
    restyled = [
        _from_texts(f"http://o{i}/1", [_restyle(t, *data.draw(styles)) for t in texts]) for i, texts in enumerate(stories)
    ]
    assert [v.keys for v in restyled] == [v.keys for v in versions]
    assert versions.index(choose_canonical(versions)) == restyled.index(choose_canonical(restyled))


@settings(max_examples=300)
@given(st.lists(st.integers(0, 12), min_size=2, max_size=12), st.data())
def test_an_abridged_copy_is_never_canonical_when_the_full_copy_is_there(full_keys: list[int], data: st.DataObject) -> None:
    lengths = data.draw(st.lists(st.integers(1, 400), min_size=len(full_keys), max_size=len(full_keys)))
    size = dict(zip(full_keys, lengths))
    keep = data.draw(st.lists(st.booleans(), min_size=len(full_keys), max_size=len(full_keys)).filter(lambda k: not all(k)))
    cut_keys = [k for k, kept in zip(full_keys, keep) if kept]
    full = _version("http://z/1", tuple(full_keys), tuple(size[k] for k in full_keys))
    cut = _version("http://a/1", tuple(cut_keys), tuple(size[k] for k in cut_keys))
    others = data.draw(st.lists(st.lists(st.integers(0, 20), max_size=10), max_size=4))
    more = [_version(f"http://m{i}/1", tuple(k), tuple(size.get(x, 50) for x in k)) for i, k in enumerate(others)]
    order = data.draw(st.permutations([full, cut, *more]))
    assert choose_canonical(order) is not cut
