"""To each active library that has not submitted the yearly statistics: reminders before the deadline.

With the defaults, a library still missing gets a reminder 7 days before 10 February, a last
one the day before, and (``notify.statistics_overdue_reminder``) one more once the deadline
has passed. Each is sent once per season. An answer with errors counts as submitted: that
library gets the problems message instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from automations.notify.inputs import Inputs
from automations.notify.letters import Letter, NoAddress, Policy, reminder_phase
from automations.notify.libraries import Season, answers, form_readable, latest_submitter, libraries, recipients
from automations.notify.libraries import statistics_season as season_of

KIND = "statistika"
OVERDUE = "pavelavo"


def stage(inputs: Inputs, season: Season) -> str | None:
    """``"7"``, ``"1"`` (days before the deadline), ``"pavelavo"`` after it, or None: no reminder today."""
    days = inputs.notify.statistics_reminder_days
    phase = reminder_phase(inputs.today, season.deadline, days)
    if phase is not None:
        return str(phase)
    if inputs.today > season.deadline and inputs.notify.statistics_overdue_reminder:
        return OVERDUE
    return None


def missing_codes(inputs: Inputs, season: Season) -> list[str]:
    """Active libraries with no answer at all for the season's year (an answer with errors counts)."""
    submitted = {row.code for row in answers(inputs) if row.year == season.year and row.code is not None}
    return [code for code, library in libraries(inputs).items() if library.active and code not in submitted]


def reminder_letters(inputs: Inputs) -> Iterator[Letter | NoAddress]:
    if not form_readable(inputs):
        return  # without the answers everybody would look missing
    season = season_of(inputs.settings, inputs.today)
    current = stage(inputs, season)
    if current is None:
        return
    days = inputs.notify.statistics_reminder_days
    last = current != OVERDUE and len(days) > 1 and int(current) == min(days)
    rows = answers(inputs)
    known = libraries(inputs)
    for code in missing_codes(inputs, season):
        library = known[code]
        to = recipients(library.addresses, latest_submitter(row for row in rows if row.code == code))
        if not to:
            yield NoAddress(KIND, library.name, "nėra bibliotekos el. pašto (lapas „Bibliotekos“) nei ankstesnio "
                                                "pateikėjo adreso")
        context = {"biblioteka": library.name, "metai": season.year, "terminas": season.deadline,
                   "pavelavo": current == OVERDUE, "paskutinis": last,
                   "formos_nuoroda": inputs.notify.statistics_form_url}
        for address in to:
            yield Letter(KIND, f"{KIND}/{season.year}/{current}", address, "priminimas_statistika", context,
                         Policy.ONCE, library.name)
