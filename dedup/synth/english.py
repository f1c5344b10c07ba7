"""A small English grammar for the slots of English boilerplate: photo captions in wire style
("Firefighters battle a blaze at a warehouse in Leeds on Tuesday, March 8, 2022."), headlines of
teasers to pages outside the network and of embedded videos, and one-sentence video summaries.

The story text of an English network is real prose (`prose.py`); this only fills slots, so its
word lists are large enough that two slots rarely share more than a few words.
"""

from __future__ import annotations

import random

from .phrases import EN
from .rand import pick

_PEOPLE = (
    "Firefighters", "Protesters", "Supporters", "Residents", "Rescue workers", "Police officers", "Students",
    "Voters", "Shoppers", "Volunteers", "Fans", "Commuters", "Farmers", "Nurses", "Teachers", "Workers",
    "Demonstrators", "Tourists", "Lawmakers", "Officials", "Soldiers", "Delegates", "Striking workers",
    "Emergency crews", "Engineers", "Children", "Mourners", "Athletes", "Investigators", "Activists",
)
_ROLES = (
    "Mayor", "Gov.", "Sen.", "Rep.", "Secretary of State", "Prime Minister", "Health Secretary", "Police Chief",
    "Judge", "Coach", "Chief Executive", "Council leader", "Transport Secretary", "Attorney General",
)
_ACTS = (
    "gather outside", "walk past", "line up at", "clean up debris near", "march toward", "wait outside",
    "inspect the damage at", "rally in front of", "stand in", "work at", "leave", "arrive at", "cheer outside",
    "search the area around", "hold signs near", "repair a section of", "set up tents near", "sort donations at",
    "gather in", "pray outside",
)
_SPEAKS = ("speaks during", "arrives for", "listens during", "gestures during", "leaves after", "speaks at",
           "walks to", "answers questions at", "waves before", "pauses during")
_EVENTS = (
    "a news conference", "a campaign rally", "a hearing", "a town hall meeting", "a summit", "a council meeting",
    "a court appearance", "a memorial service", "a budget debate", "a press briefing", "a ribbon-cutting ceremony",
    "a vigil", "an election night event", "a committee session", "a fundraiser",
)
_PLACES = (
    "the state Capitol", "city hall", "a polling station", "the courthouse", "a warehouse", "a food bank",
    "the harbor", "a shuttered factory", "the main train station", "a flooded street", "a hospital",
    "a high school", "the parliament building", "a construction site", "a shopping mall", "a stadium",
    "a wildfire zone", "the waterfront", "a community center", "a church", "a bridge", "a refinery",
    "the airport", "a farmers market", "the embassy", "a public library", "a housing estate", "a car plant",
)
_THINGS = (
    "budget", "housing plan", "tax cut", "rail strike", "school funding", "water rates", "wildfire", "storm",
    "flood defenses", "border policy", "trade deal", "jobs report", "interest rates", "election results",
    "energy prices", "hospital waiting lists", "bus routes", "minimum wage", "police reform", "climate target",
    "data breach", "drug prices", "port expansion", "stadium deal", "ceasefire talks", "pension reform",
    "child care costs", "heat wave", "vaccine rollout", "bridge repairs", "factory closure", "farm subsidies",
)
_ORGS = (  # plural: headline verbs agree
    "Lawmakers", "Regulators", "Union leaders", "Senators", "Ministers", "Fed officials", "Justices",
    "Prosecutors", "Board members", "Investors", "Council members", "EU leaders", "Health officials",
    "Residents", "Automakers", "Airlines", "Retailers", "Parents", "Doctors", "Landlords",
)
_HEAD_VERBS = (
    "reject", "approve", "delay", "back", "slam", "weigh", "push for", "vote on", "unveil", "scrap", "defend",
    "question", "probe", "block", "revive", "sign off on", "criticize", "extend", "fast-track", "challenge",
)
_OUTCOMES = (
    "are evacuated", "are injured", "lose power", "are left homeless", "are stranded", "are rescued",
    "are arrested", "are laid off", "are hospitalized", "are displaced",
)
_CAUSES = (
    "a fire", "a storm", "a crash", "a gas explosion", "flooding", "a landslide", "a power outage", "a protest",
    "a derailment", "an earthquake", "a heat wave", "a chemical leak",
)
_SUMMARY_VERBS = ("said on", "announced on", "confirmed on", "warned on", "told reporters on", "insisted on")
_SUMMARY_TAILS = (
    "that the plan would go ahead despite the criticism", "that more help was on the way",
    "that the decision would be reviewed within weeks", "that talks would resume next month",
    "that the cost had risen sharply", "that nobody had been seriously hurt", "that the vote was too close to call",
    "that repairs could take until the end of the year", "that investigators were still at the scene",
    "that the measures would be lifted gradually",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


def place(r: random.Random) -> str:
    return pick(r, EN.CITIES + EN.CAPITALS)


def person(r: random.Random) -> str:
    return f"{pick(r, EN.FIRST)} {pick(r, EN.SURNAMES)}"


def _date(r: random.Random) -> str:
    return f"{pick(r, _WEEKDAYS)}, {pick(r, _MONTHS)} {1 + int(r.random() * 28)}, {2019 + int(r.random() * 4)}"


def headline(r: random.Random) -> str:
    """A headline of a page outside the network or of a video."""
    x = r.random()
    if x < 0.3:
        return f"{pick(r, _ORGS)} {pick(r, _HEAD_VERBS)} {pick(r, _THINGS)} in {place(r)}"
    if x < 0.5:
        return f"{2 + int(r.random() * 400)} {pick(r, ('people', 'families', 'homes', 'workers', 'students'))} " \
               f"{pick(r, _OUTCOMES)} after {pick(r, _CAUSES)} in {place(r)}"
    if x < 0.7:
        vow = pick(r, ("vows to", "refuses to", "moves to", "promises to", "says they will not"))
        return f"{pick(r, _ROLES)} {person(r)} {vow} {pick(r, _HEAD_VERBS)} {pick(r, _THINGS)}"
    if x < 0.85:
        return f"What to know about the {pick(r, _THINGS)} in {place(r)}"
    return f"{place(r)} {pick(r, _THINGS)}: {pick(r, _ORGS).lower()} {pick(r, _HEAD_VERBS)} {pick(r, _THINGS)}"


def caption(r: random.Random) -> str:
    """A photo caption sentence in wire style, ending with the day and date."""
    if r.random() < 0.4:
        subject = f"{pick(r, _ROLES)} {person(r)} {pick(r, _SPEAKS)} {pick(r, _EVENTS)}"
    else:
        subject = f"{pick(r, _PEOPLE)} {pick(r, _ACTS)} {pick(r, _PLACES)}"
    return f"{subject} in {place(r)} on {_date(r)}."


def sentence(r: random.Random) -> str:
    """One summary sentence of a video."""
    who = f"{pick(r, _ROLES)} {person(r)}" if r.random() < 0.5 else pick(r, _ORGS)
    return f"{who} {pick(r, _SUMMARY_VERBS)} {pick(r, _WEEKDAYS)} {pick(r, _SUMMARY_TAILS)}."
