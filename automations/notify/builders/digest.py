"""To the managers (``notify.managers``): a weekly digest of where things stand.

Problems per workbook, the libraries whose statistics are still missing or have errors, the
deadlines of the coming two weeks (statistics, project reports and ends, trainings), what the
last nightly runs did (from the run manifests) and how many notifications went out. Counts
and library names only: no one's contact details. One digest per ISO week, sent on the first
run on or after ``notify.digest_weekday``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from automations import lt
from automations.config import WEEKDAYS
from automations.domain.projects import deadlines
from automations.domain.territory import STATUS_ERRORS, library_status
from automations.domain.training import schedule
from automations.notify.builders.statistics import missing_codes
from automations.notify.inputs import Inputs
from automations.notify.letters import Letter, NoAddress, Policy, days_word
from automations.notify.libraries import ANSWERS_TAB, form_readable, libraries, statistics_season
from automations.validation import load_references
from sheets_schema import REFERENCE_WORKBOOK, WORKBOOK_NAMES, workbook
from sheets_schema.contacts import addresses

KIND = "santrauka"


def digest_letters(inputs: Inputs) -> Iterator[Letter | NoAddress]:
    managers = [address for cell in inputs.notify.managers for address in addresses(cell)]
    if not managers or inputs.today.weekday() < WEEKDAYS.index(inputs.notify.digest_weekday):
        return
    year, week, _ = inputs.today.isocalendar()
    context = digest_context(inputs)
    for address in managers:
        yield Letter(KIND, f"{KIND}/{year}-W{week:02d}", address, "savaitine_santrauka", context, Policy.ONCE,
                     "vadovams")


def digest_context(inputs: Inputs) -> dict[str, Any]:
    horizon = inputs.today + dt.timedelta(days=inputs.notify.digest_days)
    return {
        "diena": inputs.today,
        "iki": horizon,
        "dienu": inputs.notify.digest_days,
        "rinkiniai": _workbooks(inputs),
        "statistika": _statistics(inputs),
        "terminai": _deadlines(inputs, horizon),
        "paleidimai": _runs(inputs.runs),
        "laiskai": {"issiusta": inputs.history.sent, "nepavyko": inputs.history.failed,
                    "nuo": inputs.history.since},
    }


def _workbooks(inputs: Inputs) -> list[dict[str, Any]]:
    rows = []
    for name in WORKBOOK_NAMES:
        result = inputs.results.get(name)
        if result is None:
            continue
        counts = result.counts()
        rows.append({"pavadinimas": workbook(name).title, "klaidu": counts["klaida"], "ispejimu": counts["įspėjimas"],
                     "neperskaitytas": bool(result.unreadable)})
    return rows


def _statistics(inputs: Inputs) -> dict[str, Any] | None:
    if not form_readable(inputs):
        return None
    season = statistics_season(inputs.settings, inputs.today)
    known = libraries(inputs)
    result = inputs.results[REFERENCE_WORKBOOK]
    status = library_status(inputs.all_rows(REFERENCE_WORKBOOK, ANSWERS_TAB), result.problems,
                            load_references(result), season.year)
    missing = missing_codes(inputs, season)
    return {
        "metai": season.year,
        "terminas": season.deadline,
        "aktyviu": sum(1 for library in known.values() if library.active),
        "pateike": sum(1 for code in status if code in known and known[code].active),
        "nepateike": lt.sorted_lt(known[code].name for code in missing),
        "su_klaidomis": lt.sorted_lt(known[code].name for code, state in status.items()
                                     if state == STATUS_ERRORS and code in known),
    }


def _deadlines(inputs: Inputs, horizon: dt.date) -> list[dict[str, Any]]:
    items: list[tuple[dt.date, str, str]] = []
    season = statistics_season(inputs.settings, inputs.today)
    if inputs.today <= season.deadline <= horizon:
        items.append((season.deadline, "statistikos terminas", f"teritorijos bibliotekų {season.year} m. statistika"))
    projects = inputs.frame("projektai", "Projektai")
    if not projects.empty:
        for item in deadlines(projects, inputs.today, (horizon - inputs.today).days).to_dict("records"):
            who = f" (atsakingas: {item['atsakingas']})" if isinstance(item["atsakingas"], str) else ""
            items.append((item["data"], item["kas"], f"{item['pavadinimas']}{who}"))
    trainings = inputs.frame("kvalifikacija", "Mokymai")
    if not trainings.empty:
        coming = schedule(trainings, inputs.frame("kvalifikacija", "Dalyviai"), inputs.today, horizon)
        for item in coming.to_dict("records"):
            items.append((item["data_nuo"], "mokymai", f"{item['kodas']} {item['pavadinimas']} "
                                                       f"(užsiregistravo {item['registruota']})"))
    items.sort(key=lambda item: (item[0], lt.sort_key(item[2])))
    return [{"data": day, "liko": "šiandien" if day == inputs.today else days_word((day - inputs.today).days),
             "kas": what, "apie": about}
            for day, what, about in items]


def _runs(manifests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What each job's last run did: when, ok or why not, documents written; counts only."""
    rows = []
    for manifest in sorted(manifests, key=lambda item: item["job"]):
        outputs = manifest.get("outputs") or []
        problems = [inputs.get("problems") or {} for inputs in (manifest.get("inputs") or {}).values()]
        error = str(manifest.get("error") or "").splitlines()
        rows.append({
            "darbas": manifest["job"],
            "baigta": str(manifest.get("finished") or "").replace("T", " ")[:16],
            "ok": bool(manifest.get("ok")),
            "klaida": error[0][:200] if error else "",
            "dokumentu": len(outputs),
            "nauju": sum(1 for item in outputs if item.get("written")),
            "klaidu": sum(int(counts.get("klaida", 0)) for counts in problems),
        })
    return rows
