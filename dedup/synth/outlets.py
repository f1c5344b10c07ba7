"""Outlets of a network: identity, sections, template style and boilerplate strings.

Everything is drawn from the phrase pools with the network seed. Outlets form groups (a shared
wire desk): a group shares its credit prefix, ad markers and liveblog teaser; the rest is per
outlet.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, replace

from . import phrases as P
from . import words as W
from .rand import mix, pick, rng

BOILERPLATE_KINDS = ("ad", "video", "liveblog", "read_also", "teaser", "newsletter", "share",
                     "credit", "updated", "byline")
_OUTLET, _GROUP, _NAMES = (mix(s) for s in ("outlet", "group", "names"))


@dataclass(frozen=True)
class Group:
    """Strings shared network-wide by the outlets of one group."""

    code: str
    ad_long: str
    ad_short: str
    liveblog: str


@dataclass(frozen=True)
class Outlet:
    """One news site of the network."""

    index: int
    slug: str
    name: str
    short: str
    city: str
    publisher: str
    group: Group
    sections: tuple[tuple[str, str], ...]  # (path slug, display name), nav order
    category_section: dict[str, int]  # story category -> index into sections
    local_section: int
    disallowed: str
    cls: dict[str, str]  # template role -> class name
    layout: str  # "article" | "div" | "main"
    consent: tuple[str, ...]
    consent_links: tuple[str, ...]
    consent_top: bool
    newsletter: str
    share: tuple[str, tuple[str, ...]]
    read_also: str
    teaser_intro: str
    teaser_inline: bool
    most_read: str
    updated_form: str
    date_form: str
    byline_form: str
    reporters: tuple[str, ...]
    dateline_form: str
    credit_form: str
    region_code: str
    title_form: str
    path_form: str
    id_mul: int
    id_add: int
    nav_extras: tuple[str, ...]
    footer_items: tuple[str, ...]
    copyright: str
    para_class: bool  # article paragraphs carry a class
    plain: frozenset[str]  # boilerplate kinds rendered exactly like article paragraphs
    ad_double: bool
    ad_every: int
    update_on_top: bool
    wire_byline: bool
    rates: dict[str, float]  # boilerplate kind -> chance per article page
    lang: str = "de"  # language of its chrome and boilerplate (`phrases.pools`)
    wire_byline_form: str = ""  # English wire copies: "By {name}, {agency}" (the agency's reporter)


def slugify(text: str, limit: int = 60) -> str:
    """ASCII URL slug: umlauts transliterated, words joined by hyphens, cut at a word."""
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "artikel"


def _ad_long(r: random.Random, L=P) -> str:
    return f"{pick(r, L.AD_LONG_HEAD)} {pick(r, L.AD_LONG_TAIL)}"


def make_groups(seed: int, n_outlets: int, language: str = "de") -> list[Group]:
    L = P.pools(language)
    r = rng(seed, _GROUP)
    codes = r.sample(L.GROUP_CODES, max(2, min(len(L.GROUP_CODES), (n_outlets + 2) // 3)))
    return [
        Group(code, _ad_long(r, L), pick(r, L.AD_SHORT),
              pick(r, L.LIVEBLOG_FORM).format(head=pick(r, L.LIVEBLOG_HEAD), tail=pick(r, L.LIVEBLOG_TAIL)))
        for code in codes
    ]


def _names_en(seed: int, n: int) -> list[tuple[str, str, str, str]]:
    """English mastheads ("The Harbor Herald", "Valley Daily Courier"), slugs unique."""
    r = rng(seed, _NAMES)
    out: list[tuple[str, str, str, str]] = []
    slugs: set[str] = set()
    while len(out) < n:
        region, mast, mast2 = pick(r, P.EN.REGIONS), pick(r, P.EN.MASTHEADS), pick(r, P.EN.MASTHEADS)
        form = pick(r, P.EN.NAME_FORMS)
        if "{mast2}" in form and mast2 == mast:
            continue
        name = form.format(region=region, mast=mast, mast2=mast2)
        slug = slugify(name.removeprefix("The ")).replace("-", "")
        if slug not in slugs:
            slugs.add(slug)
            out.append((name, slug, region, mast))
    return out


def _names(seed: int, n: int, language: str = "de") -> list[tuple[str, str, str, str]]:
    """(name, slug, region, masthead) for n outlets, slugs unique."""
    if language == "en":
        return _names_en(seed, n)
    r = rng(seed, _NAMES)
    out: list[tuple[str, str, str, str]] = []
    slugs: set[str] = set()
    while len(out) < n:
        region, (mast, gender) = pick(r, P.REGIONS), pick(r, P.MASTHEADS)
        x = r.random()
        if x < 0.4:
            name = f"{region} {mast}"
        elif x < 0.7:
            name = f"{region}-{mast}"
        elif x < 0.85 and len(mast) <= 6:
            name = region + mast.lower()
        else:
            name = f"{P.NEW[gender]} {region}-{mast}"
        slug = slugify(name).replace("-", "")
        if slug not in slugs:
            slugs.add(slug)
            out.append((name, slug, region, mast))
    return out


def _classes(r: random.Random, L=P) -> dict[str, str]:
    prefix = "".join(pick(r, "bcdfghklmnprstvwz") + pick(r, "aeiou") for _ in range(1 + int(r.random() * 2)))
    sep = pick(r, ("-", "__", "_", "-"))
    return {role: f"{prefix}{sep}{pick(r, syns)}" for role, syns in L.CLASS_ROLES.items()}


def _sections(r: random.Random, city: str, L=P) -> tuple[tuple[tuple[str, str], ...], dict[str, int], int]:
    chosen: list[tuple[str, str]] = []
    by_category: dict[str, int] = {}
    for category in W.CATEGORIES:
        sec = pick(r, L.SECTIONS[category])
        if sec not in chosen:
            chosen.append(sec)
        by_category[category] = chosen.index(sec)
    slug, name = pick(r, L.LOCAL_SECTIONS)
    local = (slug.format(city_slug=slugify(city)), name.format(city=city))
    if local not in chosen:
        chosen.append(local)
    return tuple(chosen), by_category, chosen.index(local)


def _consent(r: random.Random, name: str, L=P) -> tuple[str, ...]:
    purposes = r.sample(L.CONSENT_PURPOSE, 3)
    first = L.CONSENT_FIRST.format(
        subject=pick(r, L.CONSENT_SUBJECT).format(n=80 + int(r.random() * 700), name=name),
        verb=pick(r, L.CONSENT_VERB), object=pick(r, L.CONSENT_OBJECT), p0=purposes[0], p1=purposes[1],
        p2=purposes[2])
    consent = pick(r, L.CONSENT_CONSENT).format(button=pick(r, L.CONSENT_BUTTON), third=pick(r, L.CONSENT_THIRD))
    revoke = pick(r, L.CONSENT_REVOKE).format(settings=pick(r, L.CONSENT_SETTINGS))
    more = pick(r, L.CONSENT_MORE).format(name=name)
    if r.random() < 0.5:
        return (f"{first} {consent}", f"{revoke} {more}")
    return (f"{first} {consent} {revoke} {more}",)


def make_outlets(seed: int, n: int, language: str = "de") -> list[Outlet]:
    """The n outlets of the network of `seed`, their chrome in `language`."""
    groups = make_groups(seed, n, language)
    pool = P.EN.CITIES if language == "en" else W.CITIES
    cities = rng(seed, _OUTLET, "cities").sample(pool, min(n, len(pool)))
    return [_outlet(seed, i, name, slug, region, mast, cities[i % len(cities)], groups[i % len(groups)], language)
            for i, (name, slug, region, mast) in enumerate(_names(seed, n, language))]


def reporter_name(r: random.Random, language: str = "de") -> str:
    if language == "en":
        return f"{pick(r, P.EN.FIRST)} {pick(r, P.EN.SURNAMES)}"
    return f"{pick(r, W.FIRST_F + W.FIRST_M)} {pick(r, W.SURNAMES)}"


def _outlet(seed: int, i: int, name: str, slug: str, region: str, mast: str, city: str, group: Group,
            language: str = "de") -> Outlet:
    L = P.pools(language)
    r = rng(seed, _OUTLET, i)
    short = region
    publisher = pick(r, L.PUBLISHER_FORMS).format(region=region, mast=mast)
    sections, by_category, local = _sections(r, city, L)
    nl = pick(r, L.NEWSLETTER_NAME).format(short=short, city=city)
    newsletter = pick(r, L.NEWSLETTER_FORM).format(
        lead=pick(r, L.NEWSLETTER_LEAD).format(nl=nl), benefit=pick(r, L.NEWSLETTER_BENEFIT).format(city=city))
    reporters = tuple(reporter_name(r, language) for _ in range(3 + int(r.random() * 3)))
    mul = 1 + int(r.random() * 9_999_989)
    o = Outlet(
        index=i, slug=slug, name=name, short=short, city=city, publisher=publisher, group=group,
        sections=sections, category_section=by_category, local_section=local,
        disallowed=pick(r, L.DISALLOWED), cls=_classes(r, L), layout=pick(r, ("article", "div", "main")),
        consent=_consent(r, name, L), consent_links=tuple(r.sample(L.CONSENT_LINKS, 3)),
        consent_top=r.random() < 0.5, newsletter=newsletter,
        share=(pick(r, L.SHARE_LEAD), tuple(r.sample(L.SHARE_NETWORKS, 3 + int(r.random() * 3)))),
        read_also=pick(r, L.READ_ALSO), teaser_intro=pick(r, L.TEASER_INTRO).format(name=name),
        teaser_inline=r.random() < 0.6, most_read=pick(r, L.MOST_READ),
        updated_form=pick(r, L.UPDATED), date_form=pick(r, L.DATE_FORMS),
        byline_form=pick(r, L.BYLINE), reporters=reporters, dateline_form=pick(r, L.DATELINE),
        credit_form=pick(r, L.CREDIT), region_code=pick(r, L.REGION_CODES),
        title_form=pick(r, L.TITLE_FORMS),
        path_form=pick(r, ("{slug}-{id}.html", "{slug}.{id}.html", "{id}-{slug}.html", "{slug}-id{id}.html")),
        id_mul=mul, id_add=int(r.random() * 9_999_991),
        nav_extras=tuple(r.sample(L.NAV_EXTRAS, 2 + int(r.random() * 3))),
        footer_items=tuple(r.sample(L.FOOTER_ITEMS, 4 + int(r.random() * 4))),
        copyright=pick(r, L.COPYRIGHT).format(year=2022, name=name, publisher=publisher, city=city),
        para_class=r.random() < 0.5,
        plain=frozenset(k for k in BOILERPLATE_KINDS if r.random() < 0.4),
        ad_double=r.random() < 0.5, ad_every=2 + int(r.random() * 3),
        update_on_top=r.random() < 0.4, wire_byline=r.random() < 0.3,
        rates={"video": 0.3 + r.random() * 0.5, "liveblog": 0.5 + r.random() * 0.5,
               "read_also": 0.4 + r.random() * 0.5, "teaser": 0.3 + r.random() * 0.6,
               "newsletter": 0.3 + r.random() * 0.7, "share": 0.5 + r.random() * 0.5,
               "updated": 0.2 + r.random() * 0.6},
    )
    if language == "en":  # drawn last: the German outlets stay as they were
        o = replace(o, lang="en", wire_byline_form=pick(r, P.EN.WIRE_BYLINE))
    return o
