"""Template sentences: prose that many unrelated stories share, differing only in its numbers.

Agency desks and local papers reuse whole sentences (`Bereits im Juli hatte es dazu eine
Anhörung mit 21 Sachverständigen gegeben.`) with other figures. Once digits are folded they
read the same in every story, so they test whether stories chain through them and whether the
learner mistakes them for boilerplate. Each sentence is added inside a paragraph of the story's
own prose, never as a paragraph of its own.
"""

from __future__ import annotations

import random

from .rand import pick

_SENTENCES = (
    "Bereits im Juli hatte es dazu eine Anhörung mit {n} Sachverständigen gegeben.",
    "Nach Angaben der Behörden waren an dem Einsatz rund {n} Kräfte beteiligt.",
    "Im vergangenen Jahr waren es noch {n} Fälle gewesen, im Jahr davor {m}.",
    "Die Kosten werden auf etwa {n} Millionen Euro geschätzt.",
    "An der Sitzung nahmen {n} Mitglieder teil, {m} stimmten dagegen.",
    "Die Frist für Stellungnahmen läuft noch {n} Tage.",
    "Seit Jahresbeginn wurden demnach {n} Anträge gestellt.",
    "Das Verfahren soll in {n} Wochen abgeschlossen sein.",
    "Rund {n} Prozent der Befragten sprachen sich dafür aus.",
    "Die nächste Sitzung ist für den {d}. des kommenden Monats angesetzt.",
    "Insgesamt gingen bei der Stelle {n} Hinweise ein.",
    "Der Ausschuss hatte sich in {n} Sitzungen mit dem Thema befasst.",
    "Die Zahl der Beschäftigten stieg zuletzt auf {n}.",
    "Für das Vorhaben sind {n} Stellen vorgesehen.",
    "Nach {n} Stunden war der Einsatz beendet.",
    "Die Polizei sprach von {n} Teilnehmern, die Veranstalter von {m}.",
    "Der Haushaltsentwurf sieht dafür {n} Millionen Euro vor.",
    "Betroffen sind nach ersten Schätzungen {n} Haushalte.",
    "Die Strecke ist {n} Kilometer lang und soll in {m} Jahren fertig sein.",
    "Zuletzt hatten {n} Abgeordnete eine entsprechende Anfrage gestellt.",
    "Die Bearbeitung dauert derzeit im Schnitt {n} Wochen.",
    "Das Gericht setzte {n} Verhandlungstage an.",
    "Im Landkreis wurden {n} Fälle gemeldet, {m} mehr als im Vormonat.",
    "Die Förderung beträgt bis zu {n} Euro je Antrag.",
)


def template_sentence(r: random.Random) -> str:
    """One shared sentence with fresh numbers."""
    return pick(r, _SENTENCES).format(n=2 + int(r.random() * 480), m=2 + int(r.random() * 90),
                                      d=1 + int(r.random() * 28))


def with_template_sentences(r: random.Random, paragraph: str, share: float) -> str:
    """`paragraph` with two to five template sentences around its own, with probability `share`."""
    if share <= 0.0 or r.random() >= share:
        return paragraph
    before = " ".join(template_sentence(r) for _ in range(int(r.random() * 5)))
    after = " ".join(template_sentence(r) for _ in range(3 - min(3, before.count(".")) + int(r.random() * 3)))
    return " ".join(part for part in (before, paragraph, after) if part)
