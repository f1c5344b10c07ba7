"""Sentence grammars: German news sentences, headlines and subheadings about a topic.

A `Topic` holds the names and nouns a story is about; two stories with one topic share those
words but not their sentences. Noun phrases are declined (case, gender, article) so the text
reads as German; slots are filled from the large lists in `words.py`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from . import words as W
from .rand import pick

Noun = tuple[str, str]  # (word, gender: "m" | "f" | "n" | "pl")

_DEF = {
    "nom": {"m": "der", "f": "die", "n": "das", "pl": "die"},
    "acc": {"m": "den", "f": "die", "n": "das", "pl": "die"},
    "dat": {"m": "dem", "f": "der", "n": "dem", "pl": "den"},
    "gen": {"m": "des", "f": "der", "n": "des", "pl": "der"},
}
_DEF_END = {
    "nom": {"m": "e", "f": "e", "n": "e", "pl": "en"},
    "acc": {"m": "en", "f": "e", "n": "e", "pl": "en"},
    "dat": {"m": "en", "f": "en", "n": "en", "pl": "en"},
}
_INDEF = {
    "nom": {"m": "ein", "f": "eine", "n": "ein"},
    "acc": {"m": "einen", "f": "eine", "n": "ein"},
    "dat": {"m": "einem", "f": "einer", "n": "einem"},
}
_INDEF_END = {
    "nom": {"m": "er", "f": "e", "n": "es"},
    "acc": {"m": "en", "f": "e", "n": "es"},
    "dat": {"m": "en", "f": "en", "n": "en"},
}
# Adjective endings without article (headline style).
_BARE_END = {
    "nom": {"m": "er", "f": "e", "n": "es", "pl": "e"},
    "acc": {"m": "en", "f": "e", "n": "es", "pl": "e"},
    "dat": {"m": "em", "f": "er", "n": "em", "pl": "en"},
}
_VERDICTS = (("Signal", "n"), ("Schritt", "m"), ("Zeichen", "n"), ("Erfolg", "m"),
             ("Rückschlag", "m"), ("Problem", "n"), ("Fehler", "m"), ("Anfang", "m"))
_BUDGET = (("sind", "vorgesehen"), ("sollen", "bereitstehen"), ("waren", "eingeplant"),
           ("werden", "benötigt"), ("wurden", "bereitgestellt"), ("stehen", "bereit"))
_CONCERNS = (("Kritik an", "dat"), ("Sorge um", "acc"), ("Hoffnung auf", "acc"), ("Zweifel an", "dat"),
             ("Fragen zu", "dat"), ("Streit über", "acc"), ("Einigung bei", "dat"))
_GENERAL = tuple((w, g) for g, ws in W.NOUNS.items() for w in ws)


@dataclass(frozen=True)
class Person:
    """A named person of a topic, with a role matching the person's gender."""

    first: str
    last: str
    role: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Topic:
    """What a story is about: category, place, people, organisations and topic nouns."""

    category: str
    place: str
    persons: tuple[Person, ...]
    orgs: tuple[Noun, ...]
    nouns: tuple[Noun, ...]


def make_topic(r: random.Random, category: str, place: str) -> Topic:
    """A fresh topic in `category` set in `place`."""
    persons = tuple(_person(r, category) for _ in range(2 + int(r.random() * 2)))
    company = pick(r, W.SURNAMES)
    orgs = tuple(
        (name.format(city=place, name=company), g)
        for name, g in r.sample(W.ORGS[category], 2)
    )
    nouns = tuple(r.sample(W.TOPIC_NOUNS[category], 2)) + (_compound(r), _compound(r))
    return Topic(category, place, persons, orgs, nouns)


def _person(r: random.Random, category: str) -> Person:
    male, female = pick(r, W.ROLES[category])
    if r.random() < 0.5:
        return Person(pick(r, W.FIRST_F), pick(r, W.SURNAMES), female)
    return Person(pick(r, W.FIRST_M), pick(r, W.SURNAMES), male)


def _compound(r: random.Random) -> Noun:
    head, gender = pick(r, W.COMPOUND_HEADS)
    return pick(r, W.COMPOUND_PREFIXES) + head, gender


def _noun(r: random.Random, t: Topic) -> Noun:
    x = r.random()
    if x < 0.3:
        return pick(r, t.nouns)
    if x < 0.65:
        return pick(r, _GENERAL)
    return _compound(r)


def np(r: random.Random, noun: Noun, case: str, adj: float = 0.5) -> str:
    """Declined noun phrase with a definite or indefinite article and maybe an adjective."""
    word, g = noun
    indef = g != "pl" and r.random() < 0.25
    art = (_INDEF if indef else _DEF)[case][g]
    if r.random() < adj:
        end = (_INDEF_END if indef else _DEF_END)[case][g]
        return f"{art} {pick(r, W.ADJ)}{end} {word}"
    return f"{art} {word}"


def bare_np(r: random.Random, noun: Noun, case: str) -> str:
    """Headline-style noun phrase without article."""
    word, g = noun
    if r.random() < 0.6:
        return f"{pick(r, W.ADJ)}{_BARE_END[case][g]} {word}"
    return word


def _org(r: random.Random, t: Topic, case: str) -> tuple[str, bool]:
    word, g = pick(r, t.orgs)
    if case == "gen":
        if g in ("m", "n"):
            head, _, rest = word.partition(" ")
            head += "es" if head.endswith(("s", "ß", "x", "z", "st")) else "s"
            word = f"{head} {rest}".rstrip()
        return f"{_DEF['gen'][g]} {word}", g == "pl"
    return f"{_DEF[case][g]} {word}", g == "pl"


def subject(r: random.Random, t: Topic) -> tuple[str, bool]:
    """A nominative subject and whether it is plural."""
    x = r.random()
    if x < 0.3:
        return name(r, t), False
    if x < 0.6:
        return _org(r, t, "nom")
    if x < 0.7:
        return f"{pick(r, ('die', 'viele', 'einige', 'zahlreiche'))} {pick(r, W.PEOPLE_PL)}", True
    noun = _noun(r, t)
    return np(r, noun, "nom"), noun[1] == "pl"


def obj(r: random.Random, t: Topic, case: str = "acc") -> str:
    return np(r, _noun(r, t), case)


def name(r: random.Random, t: Topic) -> str:
    p = pick(r, t.persons)
    x = r.random()
    if x < 0.45:
        return f"{p.role} {p.full}"
    return p.full if x < 0.7 else p.last


def speaker(r: random.Random, t: Topic) -> str:
    if r.random() < 0.75:
        return name(r, t)
    org, _ = _org(r, t, "gen")
    return f"{pick(r, ('ein Sprecher', 'eine Sprecherin', 'ein Vertreter', 'eine Vertreterin'))} {org}"


def when(r: random.Random) -> str:
    x = r.random()
    if x < 0.4:
        return f"am {pick(r, W.WEEKDAYS)}{pick(r, W.DAYPARTS)}"
    if x < 0.55:
        return f"am {1 + int(r.random() * 28)}. {pick(r, W.MONTHS)}"
    if x < 0.7:
        return f"{pick(r, ('im', 'bis', 'Ende', 'Anfang', 'Mitte'))} {pick(r, W.MONTHS)}"
    return pick(r, W.TIME_FIXED)


def where(r: random.Random, t: Topic) -> str:
    x = r.random()
    if x < 0.5:
        return f"in {t.place}"
    if x < 0.75:
        return f"im Stadtteil {pick(r, W.DISTRICTS)}"
    return f"vor {np(r, _noun(r, t), 'dat', 0.3)}"


def number(r: random.Random) -> str:
    n = pick(r, (12, 17, 25, 40, 60, 80, 120, 150, 200, 300, 450, 600, 800, 1200, 2500, 4000))
    n += int(r.random() * n * 0.4)
    text = f"{n:,}".replace(",", ".")
    return f"{pick(r, ('rund', 'mehr als', 'knapp', 'etwa', 'über', 'fast', 'gut'))} {text}" if r.random() < 0.7 else text


def money(r: random.Random) -> str:
    x = r.random()
    if x < 0.5:
        return f"{1 + int(r.random() * 90)},{int(r.random() * 10)} Millionen Euro"
    if x < 0.8:
        return f"{10 + int(r.random() * 900)}.000 Euro"
    return f"{1 + int(r.random() * 9)} Milliarden Euro"


def _verb(r: random.Random) -> tuple[str, str, str, str]:
    return pick(r, W.VERBS)


def _split(form: str) -> tuple[str, str]:
    """Finite verb and separable particle ("bereitete vor" -> "bereitete", " vor")."""
    head, _, part = form.partition(" ")
    return head, f" {part}" if part else ""


def _past(verb: tuple[str, str, str, str], plural: bool) -> tuple[str, str]:
    head, part = _split(verb[2])
    if plural:
        head += "n" if head.endswith("e") else "en"
    return head, part


def _say(r: random.Random, who: str) -> str:
    head, part = _split(pick(r, W.SAY))
    return f"{head} {who}{part}"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _s_plain(r: random.Random, t: Topic) -> str:
    s, pl = subject(r, t)
    v, part = _past(_verb(r), pl)
    return f"{_cap(s)} {v} {obj(r, t)} {when(r)}{part}."


def _s_inverted(r: random.Random, t: Topic) -> str:
    s, pl = subject(r, t)
    v, part = _past(_verb(r), pl)
    return f"{_cap(when(r))} {v} {s} {obj(r, t)}{part}."


def _s_reported(r: random.Random, t: Topic) -> str:
    s, pl = subject(r, t)
    aux = "würden" if pl else "werde"
    return f"{_cap(s)} {aux} {obj(r, t)} {when(r)} {_verb(r)[0]}, {_say(r, speaker(r, t))}."


def _s_quote(r: random.Random, t: Topic) -> str:
    adv = pick(r, W.ADVERBS)
    return f"„Wir werden {obj(r, t)} {adv} {_verb(r)[0]}“, {_say(r, name(r, t))}."


def _s_signal(r: random.Random, t: Topic) -> str:
    word, g = pick(r, _VERDICTS)
    phrase = f"{_INDEF['nom'][g]} {pick(r, W.ADJ)}{_INDEF_END['nom'][g]} {word}"
    return f"„Das ist {phrase} für {obj(r, t)}“, {_say(r, name(r, t))}."


def _s_announced(r: random.Random, t: Topic) -> str:
    org, pl = _org(r, t, "nom")
    noun = _noun(r, t)
    aux = "sollen" if noun[1] == "pl" else "soll"
    return (f"Wie {org} {when(r)} {'mitteilten' if pl else 'mitteilte'}, {aux} {np(r, noun, 'nom')} "
            f"{pick(r, W.ADVERBS)} {_verb(r)[3]} werden.")


def _s_perfect(r: random.Random, t: Topic) -> str:
    s, pl = subject(r, t)
    return f"{_cap(s)} {'haben' if pl else 'hat'} {obj(r, t)} {when(r)} {_verb(r)[3]}."


def _s_count(r: random.Random, t: Topic) -> str:
    v, part = _past(_verb(r), True)
    return f"{_cap(number(r))} {pick(r, W.PEOPLE_PL)} {v} {obj(r, t)} {where(r, t)}{part}."


def _s_because(r: random.Random, t: Topic) -> str:
    s1, _ = subject(r, t)
    s2, pl = subject(r, t)
    v, part = _past(_verb(r), pl)
    return f"Weil {s1} {obj(r, t)} {_verb(r)[3]} hatte, {v} {s2} {obj(r, t)}{part}."


def _s_that(r: random.Random, t: Topic) -> str:
    s, pl = subject(r, t)
    return (f"{_cap(speaker(r, t))} {pick(r, W.SAY_THAT)}, dass {s} {obj(r, t)} {when(r)} "
            f"{_verb(r)[3]} {'hätten' if pl else 'habe'}.")


def _s_according(r: random.Random, t: Topic) -> str:
    s, pl = subject(r, t)
    v, part = _past(_verb(r), pl)
    return f"Laut {name(r, t)} {v} {s} {obj(r, t)} {where(r, t)}{part}."


def _s_money(r: random.Random, t: Topic) -> str:
    aux, tail = pick(r, _BUDGET)
    return f"Für {obj(r, t)} {aux} {money(r)} {tail}."


def _s_source(r: random.Random, t: Topic) -> str:
    org, _ = _org(r, t, "gen")
    v, part = _past(_verb(r), True)
    return f"Nach Angaben {org} {v} {number(r)} {pick(r, W.PEOPLE_PL)} {obj(r, t)} {when(r)}{part}."


def _s_and(r: random.Random, t: Topic) -> str:
    s, pl = subject(r, t)
    v1, p1 = _past(_verb(r), pl)
    v2, p2 = _past(_verb(r), pl)
    return f"{_cap(s)} {v1} {obj(r, t)}{p1} und {v2} {obj(r, t)} {where(r, t)}{p2}."


def _s_passive(r: random.Random, t: Topic) -> str:
    noun = _noun(r, t)
    aux = "sollen" if noun[1] == "pl" else "soll"
    return f"{_cap(np(r, noun, 'nom'))} {aux} {when(r)} {_verb(r)[3]} werden."


def _s_decide(r: random.Random, t: Topic) -> str:
    return f"Über {obj(r, t)} {pick(r, ('soll', 'will', 'muss'))} {_org(r, t, 'nom')[0]} {when(r)} entscheiden."


def _s_short(r: random.Random, t: Topic) -> str:
    s, pl = subject(r, t)
    v, part = _past(_verb(r), pl)
    return f"{_cap(s)} {v} {obj(r, t, 'acc')}{part}."


_LONG: tuple[Callable[[random.Random, Topic], str], ...] = (
    _s_plain, _s_inverted, _s_reported, _s_quote, _s_signal, _s_announced, _s_perfect, _s_count,
    _s_because, _s_that, _s_according, _s_money, _s_source, _s_and, _s_passive,
)
_SHORT: tuple[Callable[[random.Random, Topic], str], ...] = (_s_short, _s_passive, _s_decide)


def sentence(r: random.Random, t: Topic) -> str:
    return pick(r, _LONG)(r, t)


def paragraph(r: random.Random, t: Topic) -> str:
    """One to three sentences; about one paragraph in six is a single short sentence."""
    if r.random() < 0.17:
        return pick(r, _SHORT)(r, t)
    return " ".join(sentence(r, t) for _ in range(1 + int(r.random() * 3)))


def _clause(r: random.Random, t: Topic, who: str) -> str:
    """Headline clause: `who` + present verb + bare object (+ separable particle)."""
    head, part = _split(_verb(r)[1])
    return f"{who} {head} {bare_np(r, _noun(r, t), 'acc')}{part}"


def _h_colon(r: random.Random, t: Topic) -> str:
    lead = pick(r, (t.place, t.nouns[0][0], t.nouns[2][0], t.persons[0].last))
    who = pick(r, t.orgs)[0] if r.random() < 0.5 else t.persons[0].last
    return f"{lead}: {_clause(r, t, who)}"


def _h_done(r: random.Random, t: Topic) -> str:
    return f"{t.place}: {_cap(bare_np(r, _noun(r, t), 'nom'))} {_verb(r)[3]}"


def _h_person(r: random.Random, t: Topic) -> str:
    p = pick(r, t.persons)
    return _clause(r, t, f"{p.role} {p.last}")


def _h_dispute(r: random.Random, t: Topic) -> str:
    return f"{pick(r, ('Streit', 'Ärger', 'Wirbel', 'Neuer Anlauf', 'Kritik'))} um {bare_np(r, pick(r, t.nouns), 'acc')} in {t.place}"


def _h_count(r: random.Random, t: Topic) -> str:
    inf = _verb(r)[0]
    return f"{_cap(number(r))} {pick(r, W.PEOPLE_PL)} wollen {bare_np(r, _noun(r, t), 'acc')} {inf}"


def _h_after(r: random.Random, t: Topic) -> str:
    word, _ = pick(r, t.nouns)
    return f"Nach {word}: {_clause(r, t, pick(r, t.orgs)[0])}"


def _h_quote(r: random.Random, t: Topic) -> str:
    p = pick(r, t.persons)
    word, g = _noun(r, t)
    quote = f"{_INDEF['nom'][g]} {pick(r, W.ADJ)}{_INDEF_END['nom'][g]} {word}"
    return f"„{_cap(quote)}“: {_clause(r, t, p.last)}"


_HEADLINES: tuple[Callable[[random.Random, Topic], str], ...] = (
    _h_colon, _h_done, _h_person, _h_dispute, _h_count, _h_after, _h_quote,
)


def headline(r: random.Random, t: Topic) -> str:
    return pick(r, _HEADLINES)(r, t)


def subheading(r: random.Random, t: Topic) -> str:
    """A short `h2` inside an article."""
    x = r.random()
    if x < 0.3:
        return f"Was {np(r, _noun(r, t), 'nom', 0.4)} für {t.place} bedeutet"
    if x < 0.55:
        return _clause(r, t, pick(r, t.persons).last)
    if x < 0.8:
        prep, case = pick(r, _CONCERNS)
        return f"{prep} {bare_np(r, _noun(r, t), case)}"
    return _cap(bare_np(r, _noun(r, t), "nom")) + " " + _verb(r)[3]


def typo(r: random.Random, text: str) -> str | None:
    """`text` with one misspelt word (two inner letters swapped), or None if no word fits."""
    candidates = [w for w in text.split() if len(w) >= 7 and w.isalpha() and w.islower()]
    if not candidates:
        return None
    word = pick(r, candidates)
    i = 1 + int(r.random() * (len(word) - 3))
    if word[i] == word[i + 1]:
        wrong = word[:i] + word[i + 1:]
    else:
        wrong = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return text.replace(f" {word}", f" {wrong}", 1) if f" {word}" in text else None
