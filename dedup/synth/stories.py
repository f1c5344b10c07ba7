"""Story texts and the versions (copies) outlets publish of them.

A `Story` is the agency's report: headline variants, paragraphs, a rewritten lead, an update
paragraph and a typo that later versions fix. `copy_paragraphs` derives what one outlet prints.
Wire story 0 is the real report stored in `seeds/reports/`; `prose_story` takes the text of a
real article instead of the grammar's (`prose.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import text as T
from . import words as W
from .phrases import AGENCIES, pools
from .plan import Slot
from .prose import ProseArticle, sentences, shorten
from .rand import mix, pick, rng
from .templated import with_template_sentences

Para = tuple[str, str]  # (tag: "p" | "h2", text)
SEED_REPORT = Path(__file__).resolve().parents[2] / "seeds" / "reports" / "000_1bfa4327f3dac170.txt"
_TOPIC, _HEAD, _BODY, _VERSION, _TEMPLATED = (mix(s) for s in ("topic", "headline", "body", "version", "templated"))
_CATEGORY_WEIGHTS = ("politik",) * 3 + ("wirtschaft", "justiz", "panorama") * 2 + ("kultur",)


@dataclass(frozen=True)
class Story:
    """An agency report (wire) or an outlet's own story (local)."""

    slot: Slot
    topic: T.Topic
    headlines: tuple[str, ...]
    paragraphs: tuple[Para, ...]
    lead: str  # rewritten first paragraph some copies print instead
    update: str  # paragraph added in an update
    typo: tuple[int, str] | None  # (paragraph index, misspelt text) of early versions
    dateline: str
    agencies: tuple[str, ...]


@dataclass(frozen=True)
class SeedReport:
    """The real report of `seeds/reports/`, parsed."""

    fields: dict[str, tuple[str, ...]]
    paragraphs: tuple[Para, ...]

    def one(self, key: str) -> str:
        return self.fields[key][0]

    def split(self, key: str) -> list[list[str]]:
        return [[v.strip() for v in value.split("|")] for value in self.fields.get(key, ())]


@cache
def seed_report(path: Path = SEED_REPORT) -> SeedReport:
    """Parse the seed report file (cached: it never changes while running)."""
    if not path.is_file():
        raise FileNotFoundError(
            f"seed report {path} is missing; dedup.synth reads it from the repository's seeds/ "
            "folder, so run from a source checkout (pip install -e .)"
        )
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    fields: dict[str, list[str]] = {}
    for line in head.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        key, _, value = line.partition(":")
        fields.setdefault(key.split("(")[0].strip(), []).append(value.strip())
    paras = tuple(
        ("h2", line[3:]) if line.startswith("## ") else ("p", line)
        for line in body.strip().splitlines()
    )
    return SeedReport({k: tuple(v) for k, v in fields.items()}, paras)


def seed_topic() -> T.Topic:
    rep = seed_report()
    persons = tuple(T.Person(f, l, role) for f, l, role in rep.split("person"))
    orgs = tuple((w, g) for w, g in rep.split("org"))
    nouns = tuple((w, g) for w, g in rep.split("noun"))
    return T.Topic(rep.one("category"), rep.one("place"), persons, orgs, nouns)


def seed_video() -> tuple[str, str, str]:
    """(title, summary, source) of the video embedded in the seed copy."""
    title, summary, source = seed_report().split("video")[0]
    return title, summary, source


def topic(seed: int, key: tuple[int, ...], home_city: str) -> T.Topic:
    """The topic of `key`; local topics are set in the home city of the key's outlet."""
    if key[0] == 0:
        return seed_topic()
    r = rng(seed, _TOPIC, *key)
    category = pick(r, _CATEGORY_WEIGHTS)
    if key[2] >= 0:
        place = home_city
    elif category in ("politik", "wirtschaft"):
        place = pick(r, W.CAPITALS)
    else:
        place = pick(r, W.CITIES)
    return T.make_topic(r, category, place)


def headlines(seed: int, slot: Slot, t: T.Topic) -> tuple[str, ...]:
    """Headline variants: copies of a wire story rewrite the headline."""
    if slot.g == 0:
        return seed_report().fields["title"]
    r = rng(seed, _HEAD, slot.g)
    return tuple(T.headline(r, t) for _ in range(3 if slot.wire else 1))


def story(seed: int, slot: Slot, t: T.Topic, templated: float = 0.0) -> Story:
    """The full text of the story in `slot`; a `templated` share of its paragraphs also carry
    a template sentence (drawn from their own random stream: the rest of the text is unchanged)."""
    heads = headlines(seed, slot, t)
    if slot.g == 0:
        return _seed_story(slot, t, heads)
    r = rng(seed, _BODY, slot.g)
    shared = rng(seed, _TEMPLATED, slot.g)
    n = (6 + int(r.random() * 7)) if slot.wire else (4 + int(r.random() * 7))
    paras: list[Para] = []
    for k in range(n):
        if 2 < k < n - 1 and paras[-1][0] == "p" and r.random() < 0.18:
            paras.append(("h2", T.subheading(r, t)))
        paras.append(("p", with_template_sentences(shared, T.paragraph(r, t), templated)))
    if not slot.wire:  # one copy: no versions
        return Story(slot, t, heads, tuple(paras), "", "", None, t.place if r.random() < 0.4 else "", ())
    lead = with_template_sentences(shared, T.paragraph(r, t), templated)
    update = " ".join(T.sentence(r, t) for _ in range(1 + int(r.random() * 2)))
    k = 1 + int(r.random() * (len(paras) - 1))
    wrong = T.typo(r, paras[k][1]) if paras[k][0] == "p" else None
    return Story(slot, t, heads, tuple(paras), lead, update, (k, wrong) if wrong else None, t.place,
                 pick(r, AGENCIES))


def prose_headlines(a: ProseArticle, wire: bool, kicker: str | None = None) -> tuple[str, ...]:
    """Headline variants of a real article: its title, the title after a colon-kicker of the
    lead's first word (or after `kicker`, an English desk's "UPDATE 2-" or "EXPLAINER: "), and
    the lead's first sentence shortened."""
    if not wire:
        return (a.title,)
    first = sentences(a.paragraphs[0])[0]
    if kicker is not None:
        return a.title, f"{kicker}{a.title}", shorten(first)
    kicker = first.split()[0].strip(",.:;\"'„“”«»")
    kicked = f"{kicker}: {a.title}" if kicker and kicker not in a.title else f"{a.title} ({shorten(first, 3)})"
    return a.title, kicked, shorten(first)


def english_kicker(seed: int, slot: Slot) -> str | None:
    """The kicker of an English wire story's second headline variant (None for local stories)."""
    return pick(rng(seed, "kicker-en", slot.g), pools("en").KICKERS) if slot.wire else None


def prose_story(seed: int, slot: Slot, t: T.Topic, a: ProseArticle, templated: float = 0.0,
                language: str = "de") -> Story:
    """The story in `slot` told with the paragraphs of a real article: copies rewrite the lead
    (its first sentence dropped, or the second paragraph), an update is the article's last
    paragraph, a typo as in generated stories; agencies and kicker as `language` desks use them."""
    r = rng(seed, _BODY, slot.g)
    shared = rng(seed, _TEMPLATED, slot.g)
    texts = [with_template_sentences(shared, p, templated) for p in a.paragraphs]
    heads = prose_headlines(a, slot.wire, english_kicker(seed, slot) if language == "en" else None)
    if not slot.wire:
        return Story(slot, t, heads, tuple(("p", p) for p in texts), "", "", None,
                     t.place if r.random() < 0.4 else "", ())
    update = texts.pop()
    lead_sentences = sentences(texts[0])
    lead = " ".join(lead_sentences[1:]) if len(lead_sentences) > 1 else texts[1]
    k = 1 + int(r.random() * (len(texts) - 1))
    wrong = T.typo(r, texts[k])
    return Story(slot, t, heads, tuple(("p", p) for p in texts), lead, update, (k, wrong) if wrong else None,
                 t.place, pick(r, pools(language).AGENCIES))


def _seed_story(slot: Slot, t: T.Topic, heads: tuple[str, ...]) -> Story:
    rep = seed_report()
    paras = rep.paragraphs
    wrong, right = (w.strip() for w in rep.one("typo").split("->"))
    k = next(i for i, (_, s) in enumerate(paras) if wrong in s.split())
    fixed = paras[k][1].replace(f"{wrong} ", f"{right} ", 1)
    paras = paras[:k] + ((paras[k][0], fixed),) + paras[k + 1:]
    typo = (k, fixed.replace(f"{right} ", f"{wrong} ", 1))
    return Story(slot, t, heads, paras, rep.one("lead"), rep.one("update"), typo,
                 rep.one("dateline"), (rep.one("agency"),))


@dataclass(frozen=True)
class Version:
    """What changes in one outlet's copy of a story."""

    headline: int  # index into Story.headlines
    typo: bool  # prints the misspelt early version (if the story has a typo)
    lead: bool  # prints the rewritten lead
    update: str  # "" | "top" | "body": where the update paragraph goes
    cut: int  # trailing paragraphs dropped


def version(seed: int, g: int, outlet: int, t: int, wire: bool, n_headlines: int, update_on_top: bool) -> Version:
    """Copy `t` of story `g`: copy 0 is the original; later ones may be rewritten, updated, cut."""
    if not wire or t == 0:
        return Version(0, True, False, "", 0)
    r = rng(seed, _VERSION, g, outlet)
    updated = r.random() < 0.45
    return Version(
        headline=int(r.random() * n_headlines),
        typo=r.random() < 0.4,
        lead=r.random() < 0.3,
        update=("top" if update_on_top else "body") if updated else "",
        cut=(1 + int(r.random() * 3)) if r.random() < 0.35 else 0,
    )


def copy_paragraphs(s: Story, v: Version, dateline_form: str) -> list[Para]:
    """The article paragraphs of one copy, dateline prefixed to its first paragraph."""
    paras = list(s.paragraphs)
    if v.typo and s.typo:
        k, wrong = s.typo
        paras[k] = (paras[k][0], wrong)
    if v.lead:
        paras[0] = ("p", s.lead)
    if v.cut:
        paras = paras[: max(4, len(paras) - v.cut)]
        while paras[-1][0] == "h2":
            paras.pop()
    if v.update == "top":
        paras.insert(0, ("p", s.update))
    elif v.update == "body":
        paras.insert(min(2, len(paras)), ("p", s.update))
    if s.dateline and dateline_form:
        agency = s.agencies[0] if s.agencies else ""
        if agency or "{agency}" not in dateline_form:
            prefix = dateline_form.format(City=s.dateline, CITY=s.dateline.upper(), agency=agency)
            paras[0] = ("p", prefix + paras[0][1])
    return paras
