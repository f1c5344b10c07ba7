"""Outlets of a network: identity, sections, template style and boilerplate strings.

Everything is drawn from the phrase pools with the network seed. Outlets form groups (a shared
wire desk): a group shares its credit prefix, ad markers and liveblog teaser; the rest is per
outlet.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

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


def slugify(text: str, limit: int = 60) -> str:
    """ASCII URL slug: umlauts transliterated, words joined by hyphens, cut at a word."""
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "artikel"


def _ad_long(r: random.Random) -> str:
    return f"{pick(r, P.AD_LONG_HEAD)} {pick(r, P.AD_LONG_TAIL)}"


def make_groups(seed: int, n_outlets: int) -> list[Group]:
    r = rng(seed, _GROUP)
    codes = r.sample(P.GROUP_CODES, max(2, min(len(P.GROUP_CODES), (n_outlets + 2) // 3)))
    return [
        Group(code, _ad_long(r), pick(r, P.AD_SHORT),
              pick(r, P.LIVEBLOG_FORM).format(head=pick(r, P.LIVEBLOG_HEAD), tail=pick(r, P.LIVEBLOG_TAIL)))
        for code in codes
    ]


def _names(seed: int, n: int) -> list[tuple[str, str, str, str]]:
    """(name, slug, region, masthead) for n outlets, slugs unique."""
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


def _classes(r: random.Random) -> dict[str, str]:
    prefix = "".join(pick(r, "bcdfghklmnprstvwz") + pick(r, "aeiou") for _ in range(1 + int(r.random() * 2)))
    sep = pick(r, ("-", "__", "_", "-"))
    return {role: f"{prefix}{sep}{pick(r, syns)}" for role, syns in P.CLASS_ROLES.items()}


def _sections(r: random.Random, city: str) -> tuple[tuple[tuple[str, str], ...], dict[str, int], int]:
    chosen: list[tuple[str, str]] = []
    by_category: dict[str, int] = {}
    for category in W.CATEGORIES:
        sec = pick(r, P.SECTIONS[category])
        if sec not in chosen:
            chosen.append(sec)
        by_category[category] = chosen.index(sec)
    slug, name = pick(r, P.LOCAL_SECTIONS)
    local = (slug.format(city_slug=slugify(city)), name.format(city=city))
    if local not in chosen:
        chosen.append(local)
    return tuple(chosen), by_category, chosen.index(local)


def _consent(r: random.Random, name: str) -> tuple[str, ...]:
    purposes = r.sample(P.CONSENT_PURPOSE, 3)
    first = (f"{pick(r, P.CONSENT_SUBJECT).format(n=80 + int(r.random() * 700), name=name)} "
             f"{pick(r, P.CONSENT_VERB)} {pick(r, P.CONSENT_OBJECT)}, um {purposes[0]}, {purposes[1]} "
             f"und {purposes[2]}.")
    consent = pick(r, P.CONSENT_CONSENT).format(button=pick(r, P.CONSENT_BUTTON), third=pick(r, P.CONSENT_THIRD))
    revoke = pick(r, P.CONSENT_REVOKE).format(settings=pick(r, P.CONSENT_SETTINGS))
    more = pick(r, P.CONSENT_MORE).format(name=name)
    if r.random() < 0.5:
        return (f"{first} {consent}", f"{revoke} {more}")
    return (f"{first} {consent} {revoke} {more}",)


def make_outlets(seed: int, n: int) -> list[Outlet]:
    """The n outlets of the network of `seed`."""
    groups = make_groups(seed, n)
    cities = rng(seed, _OUTLET, "cities").sample(W.CITIES, min(n, len(W.CITIES)))
    return [_outlet(seed, i, name, slug, region, mast, cities[i % len(cities)], groups[i % len(groups)])
            for i, (name, slug, region, mast) in enumerate(_names(seed, n))]


def _outlet(seed: int, i: int, name: str, slug: str, region: str, mast: str, city: str, group: Group) -> Outlet:
    r = rng(seed, _OUTLET, i)
    short = region
    publisher = pick(r, P.PUBLISHER_FORMS).format(region=region, mast=mast)
    sections, by_category, local = _sections(r, city)
    nl = pick(r, P.NEWSLETTER_NAME).format(short=short, city=city)
    newsletter = pick(r, P.NEWSLETTER_FORM).format(
        lead=pick(r, P.NEWSLETTER_LEAD).format(nl=nl), benefit=pick(r, P.NEWSLETTER_BENEFIT).format(city=city))
    reporters = tuple(f"{pick(r, W.FIRST_F + W.FIRST_M)} {pick(r, W.SURNAMES)}" for _ in range(3 + int(r.random() * 3)))
    mul = 1 + int(r.random() * 9_999_989)
    return Outlet(
        index=i, slug=slug, name=name, short=short, city=city, publisher=publisher, group=group,
        sections=sections, category_section=by_category, local_section=local,
        disallowed=pick(r, P.DISALLOWED), cls=_classes(r), layout=pick(r, ("article", "div", "main")),
        consent=_consent(r, name), consent_links=tuple(r.sample(P.CONSENT_LINKS, 3)),
        consent_top=r.random() < 0.5, newsletter=newsletter,
        share=(pick(r, P.SHARE_LEAD), tuple(r.sample(P.SHARE_NETWORKS, 3 + int(r.random() * 3)))),
        read_also=pick(r, P.READ_ALSO), teaser_intro=pick(r, P.TEASER_INTRO).format(name=name),
        teaser_inline=r.random() < 0.6, most_read=pick(r, P.MOST_READ),
        updated_form=pick(r, P.UPDATED), date_form=pick(r, P.DATE_FORMS),
        byline_form=pick(r, P.BYLINE), reporters=reporters, dateline_form=pick(r, P.DATELINE),
        credit_form=pick(r, P.CREDIT), region_code=pick(r, P.REGION_CODES),
        title_form=pick(r, P.TITLE_FORMS),
        path_form=pick(r, ("{slug}-{id}.html", "{slug}.{id}.html", "{id}-{slug}.html", "{slug}-id{id}.html")),
        id_mul=mul, id_add=int(r.random() * 9_999_991),
        nav_extras=tuple(r.sample(P.NAV_EXTRAS, 2 + int(r.random() * 3))),
        footer_items=tuple(r.sample(P.FOOTER_ITEMS, 4 + int(r.random() * 4))),
        copyright=pick(r, P.COPYRIGHT).format(year=2022, name=name, publisher=publisher, city=city),
        para_class=r.random() < 0.5,
        plain=frozenset(k for k in BOILERPLATE_KINDS if r.random() < 0.4),
        ad_double=r.random() < 0.5, ad_every=2 + int(r.random() * 3),
        update_on_top=r.random() < 0.4, wire_byline=r.random() < 0.3,
        rates={"video": 0.3 + r.random() * 0.5, "liveblog": 0.5 + r.random() * 0.5,
               "read_also": 0.4 + r.random() * 0.5, "teaser": 0.3 + r.random() * 0.6,
               "newsletter": 0.3 + r.random() * 0.7, "share": 0.5 + r.random() * 0.5,
               "updated": 0.2 + r.random() * 0.6},
    )
