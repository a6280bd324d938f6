"""The annual report's parts about the Library itself: introduction, its own readership, collection and staff,
finances, problems and next year's priorities, and the approval block.

Numbers are registry figures (the Library's own row of the yearly statistics form, the
`Finansai` tab); words only people can write come from `veiklos_planas` / `Ataskaitos tekstai`,
the approval from `Tvirtinimas`. Each ``*_section`` returns part of the report's context.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from automations import lt
from automations.domain import library, territory
from automations.domain.documents import doc_table
from automations.domain.figures import Figures, Phrase, Plain
from automations.domain.plan import strip_number
from automations.render.docx import DocTable
from sheets_schema.types import given

PLAN = "veiklos_planas"
OWN_GROUPS = (("Skaitytojai ir lankytojai", library.READERSHIP), ("Fondas", library.COLLECTION),
              ("Darbuotojai ir kompiuterizuotos vietos", library.STAFF))


def texts(figures: Figures, year: int, section: str) -> list[str]:
    """The paragraphs staff typed for one part of the report (`Ataskaitos tekstai`), in sheet order."""
    rows = figures.frame(PLAN, "Ataskaitos tekstai")
    rows = rows.loc[(pd.to_numeric(rows["metai"], errors="coerce") == year) & (rows["skyrius"] == section)]
    return [str(text).strip() for text in rows.sort_values("_row")["tekstas"] if given(text)]


def approval(figures: Figures, year: int, document: str) -> dict[str, Any] | None:
    """The order that approved the document (`Tvirtinimas`): date, number and who approved it."""
    rows = figures.frame(PLAN, "Tvirtinimas")
    rows = rows.loc[(pd.to_numeric(rows["metai"], errors="coerce") == year) & (rows["dokumentas"] == document)]
    if rows.empty:
        return None
    row = rows.iloc[-1]
    return {"data": row["data"], "nr": row["numeris"], "tvirtino": row["tvirtino"] if given(row["tvirtino"]) else ""}


def introduction_section(figures: Figures, year: int) -> dict[str, Any]:
    return {"ivadas": texts(figures, year, "įvadas"),
            "patvirtinimas": approval(figures, year, "veiklos ataskaita")}


def own_library_section(figures: Figures, year: int) -> dict[str, Any]:
    """The Library's own yearly statistics (its row of the form): this data year beside the year before."""
    shown = territory.data_year(figures, year)
    awaiting = not territory.collected(figures, shown)
    if library.own_answers(figures).empty:
        return {"biblioteka": False, "bibliotekos_metai": shown}
    tables = []
    for title, names in OWN_GROUPS:
        rows = []
        for name in names:
            now = library.measured(figures, name, shown, awaiting)
            before = library.measured(figures, name, shown - 1)
            change = now.comparison.change if now.comparison else None
            rows.append([now.name, Plain(before), Plain(now), lt.signed_percent(change) if change is not None else "–"])
        tables.append({"pavadinimas": title, "lentele": DocTable(["Rodiklis", f"{shown - 1} m.", f"{shown} m.",
                                                                  "Pokytis"], rows, numeric={1, 2, 3},
                                                                 widths_mm=[84, 28, 28, 22])})
    get = {name: library.measured(figures, name, shown, awaiting) for name in ("registruoti_vartotojai",
                                                                              "apsilankymai", "isduotis", "fondas")}
    summary = Phrase("{year} m. Bibliotekoje registruotų vartotojų – {users}, apsilankymų – {visits}, išduota "
                     "dokumentų – {loans} fiz. vnt.; fondas metų pabaigoje – {fund} fiz. vnt.", year=shown,
                     users=Plain(get["registruoti_vartotojai"]), visits=Plain(get["apsilankymai"]),
                     loans=Plain(get["isduotis"]), fund=Plain(get["fondas"]))
    return {"biblioteka": True, "bibliotekos_metai": shown, "bibliotekos_santrauka": summary,
            "bibliotekos_lenteles": tables}


FINANCE_SPEC = [("straipsnis", "Straipsnis", "text"), ("planas", "Planas", "money"), ("faktas", "Faktas", "money")]


def finance_section(figures: Figures, year: int) -> dict[str, Any]:
    """Income and expenditure by item (`Finansai`), plan beside what was received or spent."""
    income = figures.breakdown({"planas": "finansai.pajamos_planas", "faktas": "finansai.pajamos"}, year,
                               "straipsnis", order="desc")
    spending = figures.breakdown({"planas": "finansai.islaidos_planas", "faktas": "finansai.islaidos"}, year,
                                 "straipsnis", order="desc")
    known = len(income.frame) > 1 or len(spending.frame) > 1
    return {"finansai": known,
            "pajamos": doc_table(income, FINANCE_SPEC, bold_last=True, widths_mm=[90, 35, 35]),
            "islaidos": doc_table(spending, FINANCE_SPEC, bold_last=True, widths_mm=[90, 35, 35])}


def next_year_goals(figures: Figures, year: int) -> list[str]:
    """The goals of next year's activity plan, when it is already typed in."""
    plan = figures.frame(PLAN, "Priemonės")
    goals = plan.loc[pd.to_numeric(plan["metai"], errors="coerce") == year + 1].sort_values("_row")["tikslas"]
    return list(dict.fromkeys(strip_number(goal) for goal in goals if given(goal)))


def review_section(figures: Figures, year: int, lagging: int) -> dict[str, Any]:
    """Problems (typed, and how many plan measures lag) and next year's priorities (typed, else next year's goals)."""
    problems = texts(figures, year, "problemos")
    if lagging:
        measures = lt.count_phrase(lagging, "veiklos plano priemonė", "veiklos plano priemonės",
                                   "veiklos plano priemonių")
        problems.append(f"Atsilieka {measures} (priežastys – plano vykdymo skyriuje).")
    priorities = texts(figures, year, "prioritetai") or next_year_goals(figures, year)
    return {"problemos": problems, "prioritetai": priorities, "kiti_metai": year + 1}
