"""Made-up ranked elections with many ballots and long names, for the count's pages."""

import random

from portal.decisions.rules import imports, lifecycle

from .helpers import person

NAMES = [
    "Angharad Llywelyn-Prydderch (Cyngor Bwrdeistref Sirol Rhondda Cynon Taf)",
    "Bryn Williams (Cyngor Sir Ddinbych)",
    "Ceridwen ap Gwynfor-Hughes (Cwmni Cydweithredol Ynni Cymunedol Dyffryn Conwy)",
    "Dafydd Jones (Oxford City Council)",
    "Eluned Morgan-Pritchard (Cyngor Gwynedd)",
    "Ffion Roberts (Preston City Council)",
    "Gwenllian Thomas (Torbay Council)",
    "Huw Davies (Stevenage Borough Council)",
    "Iolo Evans (Kirklees Council)",
]


def blt(candidates, seed):
    """A BLT file of 30 kinds of ballot, hundreds to thousands of each, for 3 seats: with
    6 candidates and seed 0 it takes 6 stages; with 9 and seed 2, 10."""
    chance = random.Random(seed)
    lines = [f"{candidates} 3"]
    for _ in range(30):
        preferences = chance.sample(range(1, candidates + 1), chance.randint(1, candidates))
        lines.append(f"{chance.randint(100, 5000)} {' '.join(map(str, preferences))} 0")
    lines += ["0", *(f'"{name}"' for name in NAMES[:candidates]), f'"Etholiad prawf {candidates}"']
    return "\n".join(lines) + "\n"


def published_election(candidates, seed):
    """A counted and published election made from ``blt(candidates, seed)``."""
    secretariat = person("secretariat@example.org")
    decision, _ = imports.import_election(blt(candidates, seed), source=f"test-{candidates}-{seed}.blt", by=secretariat)
    lifecycle.publish(decision, by=secretariat)
    return decision
