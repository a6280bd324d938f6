"""To the person responsible for a project: a report deadline or the project's end is near.

`Atsakingas` in `projektai` holds a name; its address comes from the cell itself when an
address is typed there, else from ``[notify.people]`` in ``automations.toml``. A deadline
gets one message per reminder phase (``notify.project_reminder_days``, by default once,
from 14 days before); a deadline moved to another day is a new deadline.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from automations import lt
from automations.domain.projects import deadlines
from automations.notify.inputs import Inputs
from automations.notify.letters import Letter, NoAddress, Policy, facts, reminder_phase
from sheets_schema.types import text_key

KIND = "projektai"
WORKBOOK, TAB = "projektai", "Projektai"


def deadline_letters(inputs: Inputs) -> Iterator[Letter | NoAddress]:
    days = inputs.notify.project_reminder_days
    if not days:
        return
    projects = inputs.frame(WORKBOOK, TAB)
    if projects.empty:
        return
    for item in deadlines(projects, inputs.today, max(days)).to_dict("records"):
        phase = reminder_phase(inputs.today, item["data"], days)
        if phase is None:
            continue
        title = item["pavadinimas"]
        to = inputs.person_addresses(item["atsakingas"])
        if not to:
            who = f"„{item['atsakingas']}“" if isinstance(item["atsakingas"], str) else "neįrašytas"
            yield NoAddress(KIND, f"projektas „{title}“ ({item['kas']} {item['data']})",
                            f"atsakingas asmuo {who}: adreso nėra nei langelyje, nei [notify.people]")
            continue
        project = hashlib.sha256(text_key(title).encode("utf-8")).hexdigest()[:12]
        context = {"projektas": title, **facts(item, "kas", "data", "finansuotojas", "busena", "atsakingas"),
                   "savaites_diena": lt.weekday(item["data"])}
        for address in to:
            yield Letter(KIND, f"{KIND}/{project}/{item['kas']}/{item['data'].isoformat()}/{phase}", address,
                         "projekto_terminas", context, Policy.ON_CHANGE, f"projektas „{title}“")
