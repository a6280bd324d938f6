"""To the registered participants of a training: a reminder shortly before it starts.

A participant is a `Dalyviai` row of the training's code with an `El. paštas` and without
`Dalyvavo` = Ne. The reminder goes from ``notify.training_reminder_days`` (2) days before the
first day until the day before; a training moved to another day is reminded again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from automations.domain.training import hours_text, normalise, schedule
from automations.notify.inputs import Inputs
from automations.notify.letters import Letter, NoAddress, Policy, facts
from sheets_schema.contacts import addresses

KIND = "mokymai"
WORKBOOK = "kvalifikacija"


def reminder_letters(inputs: Inputs) -> Iterator[Letter | NoAddress]:
    trainings = inputs.frame(WORKBOOK, "Mokymai")
    participants = inputs.frame(WORKBOOK, "Dalyviai")
    if trainings.empty or participants.empty:
        return
    first = inputs.today + dt.timedelta(days=1)
    last = inputs.today + dt.timedelta(days=inputs.notify.training_reminder_days)
    for training in schedule(trainings, participants, first, last).to_dict("records"):
        registered = participants.loc[(participants["mokymu_kodas"].map(normalise) == training["_kodas"])
                                      & (participants["dalyvavo"] != False)]  # noqa: E712  (None = not yet known)
        details = facts(training, "kodas", "pavadinimas", "forma", "budas", "datos", "laikas", "vieta", "lektorius",
                        "organizatorius")
        details["trukme"] = hours_text(training["trukme"])
        without = 0
        for person in registered.to_dict("records"):
            found = addresses(person["el_pastas"])
            without += not found
            for address in found:
                yield Letter(KIND, f"{KIND}/{training['kodas']}/{training['data_nuo'].isoformat()}", address,
                             "mokymu_priminimas", {**details, "vardas": person["vardas_pavarde"]}, Policy.ON_CHANGE,
                             f"mokymai {training['kodas']}")
        if without:
            yield NoAddress(KIND, f"mokymai {training['kodas']} ({training['datos']})",
                            f"{without} užsiregistravę dalyviai be el. pašto adreso")
