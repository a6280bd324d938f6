"""To the members of a commission or working group: an invitation to its next meeting.

A planned meeting (`Posėdžiai`, `Būsena` – planuojamas) from today to
``notify.commission_invitation_days`` (14) days ahead is sent to every member in office on its
date (`Nariai`, `Nuo`–`Iki`) with an `El. paštas`. The key is the body and the meeting number,
so a meeting moved to another day or place, or given another agenda, is sent again; members
without an address are listed for the secretary.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from automations import lt
from automations.notify.inputs import Inputs
from automations.notify.letters import Letter, NoAddress, Policy
from sheets_schema.contacts import addresses
from sheets_schema.komisijos import PLANNED, in_office
from sheets_schema.types import given, text_key

KIND = "komisijos"
WORKBOOK = "komisijos"


def invitation_letters(inputs: Inputs) -> Iterator[Letter | NoAddress]:
    meetings = inputs.frame(WORKBOOK, "Posėdžiai")
    members = inputs.frame(WORKBOOK, "Nariai")
    if meetings.empty or members.empty:
        return
    bodies = {text_key(row["kodas"]): row for row in inputs.frame(WORKBOOK, "Komisijos").to_dict("records")}
    last = inputs.today + dt.timedelta(days=inputs.notify.commission_invitation_days)
    upcoming = meetings.loc[(meetings["busena"] == PLANNED)
                            & meetings["data"].map(lambda day: inputs.today <= day <= last)]
    for meeting in upcoming.sort_values(["data", "komisija", "nr"]).to_dict("records"):
        body = bodies.get(text_key(meeting["komisija"]), {})
        code = body.get("kodas", meeting["komisija"])
        context = {"komisija": body.get("pavadinimas", code), "nr": int(meeting["nr"]), "data": meeting["data"],
                   "savaites_diena": lt.weekday(meeting["data"]),
                   "laikas": f"{meeting['pradzia']:%H:%M}" if given(meeting["pradzia"]) else None,
                   "vieta": meeting["vieta"], "darbotvarke": meeting["darbotvarke"].split("\n"),
                   "pirmininkas": body.get("pirmininkas"),
                   "sekretorius": body.get("sekretorius") if given(body.get("sekretorius")) else None}
        about = f"komisija {code}, posėdis Nr. {meeting['nr']}"
        without = 0
        for member in in_office(members, meeting["komisija"], meeting["data"]).to_dict("records"):
            found = addresses(member["el_pastas"])
            without += not found
            for address in found:
                yield Letter(KIND, f"{KIND}/{code}/{meeting['nr']}", address, "komisijos_kvietimas",
                             {**context, "vardas": member["vardas_pavarde"]}, Policy.ON_CHANGE, about)
        if without:
            yield NoAddress(KIND, f"{about} ({meeting['data']})", f"{without} nariai be el. pašto adreso")
