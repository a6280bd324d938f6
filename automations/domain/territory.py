"""Consolidated territory statistics: per library, per municipality, per county, the territory.

Pure pandas on validated frames, so the regional statistics report, the activity plan's
automatic indicators and the annual report all count the same way. Only accepted answers
count: the latest submission per library and year, without errors. Unknown values
(``nežinoma``) are left out of sums, never counted as 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from automations import lt
from automations.render.charts import bar_chart
from sheets_schema.base import Severity, header
from sheets_schema.references import MUNICIPALITIES, References
from sheets_schema.teritorijos_statistika import Ataskaita

ANSWERS_TAB = "Formos atsakymai 1"
FIGURES = (
    "registruoti_vartotojai", "vaikai_vartotojai", "nauji_vartotojai", "apsilankymai", "virtualus_apsilankymai",
    "isduotis", "isduotis_vaikams", "fondas", "gauta", "nurasyta", "renginiai", "renginiu_dalyviai", "parodos",
    "mokymai", "mokymu_dalyviai", "darbuotojai", "etatai", "bibliotekininkai", "tobule_darbuotojai",
    "kompiuterizuotos_vietos",
)
KEY_FIGURES = ("registruoti_vartotojai", "apsilankymai", "isduotis", "renginiai", "renginiu_dalyviai")
LEVEL_TYPES = {"SVB": "SVB", "mokyklos biblioteka": "Mokyklų bibliotekos"}

STATUS_MISSING = "nepateikta"
STATUS_ERRORS = "yra klaidų"
STATUS_WARNINGS = "yra įspėjimų"
STATUS_CLEAN = "tvarkinga"


def label(field: str) -> str:
    """The Lithuanian header of a statistics figure."""
    return header(Ataskaita, field)


@dataclass
class TerritoryStatistics:
    year: int
    libraries: pd.DataFrame  # one row per active library: identity, status, figures, last year's
    municipalities: pd.DataFrame  # municipality × type (SVB / school / together) with indicators
    counties: pd.DataFrame
    territory: pd.Series  # totals for the whole territory (both types)
    previous_territory: pd.Series

    def together(self) -> pd.DataFrame:
        """One row per municipality, SVB and school libraries together, in Lithuanian order."""
        return lt.sort_frame(self.municipalities.loc[self.municipalities["tipas"] == "Iš viso"], "savivaldybe")


def change(now: Any, before: Any) -> float | None:
    """Per cent change from ``before``; None when either is missing or ``before`` is 0."""
    if now is None or before is None or pd.isna(now) or pd.isna(before) or not float(before):
        return None
    return (float(now) - float(before)) / float(before) * 100


def users_chart(stats: TerritoryStatistics) -> bytes:
    """Registered users per municipality, last year beside this year (PNG)."""
    together = stats.together()
    return bar_chart(list(together["savivaldybe"]),
                     {f"{stats.year - 1} m.": list(together["registruoti_vartotojai_pernai"].fillna(0)),
                      f"{stats.year} m.": list(together["registruoti_vartotojai"].fillna(0))},
                     "Registruoti vartotojai pagal savivaldybes", "Vartotojai")


def libraries_with(stats: TerritoryStatistics, status: str) -> list[str]:
    """"Library (municipality)" for each active library in ``status``, in Lithuanian order."""
    frame = lt.sort_frame(stats.libraries.loc[stats.libraries["busena"] == status], "savivaldybe", "pavadinimas")
    return [f"{name} ({municipality})" for name, municipality in zip(frame["pavadinimas"], frame["savivaldybe"],
                                                                     strict=True)]


def accepted_answers(answers: pd.DataFrame, refs: References) -> pd.DataFrame:
    """Kept answers (validation already dropped errors and superseded ones), with the library code."""
    frame = answers.copy()
    frame["kodas"] = frame["biblioteka"].map(refs.library_code)
    frame = frame.dropna(subset=["kodas"])
    for name in FIGURES:
        frame[name] = pd.to_numeric(frame[name], errors="coerce")
    frame["metai"] = pd.to_numeric(frame["metai"], errors="coerce")
    return frame


def latest_year(answers: pd.DataFrame, up_to: int) -> int:
    years = pd.to_numeric(answers["metai"], errors="coerce").dropna()
    years = years[years <= up_to]
    return int(years.max()) if len(years) else up_to


def library_status(all_rows: pd.DataFrame | None, problems: list, refs: References, year: int) -> dict[str, str]:
    """Per library code: not submitted / errors / warnings / clean, from the latest answer for the year."""
    if all_rows is None or all_rows.empty:
        return {}
    rows = all_rows.copy()
    rows["kodas"] = rows["biblioteka"].map(refs.library_code)
    rows = rows.loc[(pd.to_numeric(rows["metai"], errors="coerce") == year) & rows["kodas"].notna()]
    worst: dict[int, Severity] = {}
    for problem in problems:
        counted = problem.tab == ANSWERS_TAB and problem.row is not None and problem.severity is not Severity.NOTE
        if counted and worst.get(problem.row) is not Severity.ERROR:
            worst[problem.row] = problem.severity
    status: dict[str, str] = {}
    latest = rows.sort_values(["laiko_zyme", "_row"], na_position="first").groupby("kodas").tail(1)
    for code, row_number in zip(latest["kodas"], latest["_row"], strict=True):
        severity = worst.get(int(row_number))
        status[code] = (STATUS_ERRORS if severity is Severity.ERROR
                        else STATUS_WARNINGS if severity is Severity.WARNING else STATUS_CLEAN)
    return status


def _indicators(frame: pd.DataFrame) -> pd.DataFrame:
    """Per-inhabitant and per-user indicators; blank where a denominator is missing."""
    population = frame["gyventojai"].where(frame["gyventojai"] > 0)
    users = frame["registruoti_vartotojai"].where(frame["registruoti_vartotojai"] > 0)
    events = frame["renginiai"].where(frame["renginiai"] > 0)
    frame["vartotoju_proc"] = frame["registruoti_vartotojai"] / population * 100
    frame["apsilankymai_gyv"] = frame["apsilankymai"] / population
    frame["isduotis_vart"] = frame["isduotis"] / users
    frame["dalyviai_renginiui"] = frame["renginiu_dalyviai"] / events
    return frame


def population(municipalities: pd.DataFrame, year: int) -> dict[str, float]:
    """Inhabitants per municipality for the year (or the latest earlier year given)."""
    frame = municipalities.copy()
    frame["metai"] = pd.to_numeric(frame["metai"], errors="coerce")
    frame = frame.loc[frame["metai"] <= year].sort_values("metai")
    return frame.groupby("savivaldybe")["gyventojai"].last().astype(float).to_dict()


def _sum(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    counts = frame.groupby(by, dropna=False).agg(pateike=("kodas", "count")).reset_index()
    sums = frame.groupby(by, dropna=False)[list(FIGURES)].sum(min_count=1).reset_index()
    return counts.merge(sums, on=by)


def _levels(accepted: pd.DataFrame, people: dict[str, float]) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """Municipality × type (and together), counties, territory, with indicators."""
    by_type = _sum(accepted, ["savivaldybe", "tipas"])
    together = _sum(accepted, ["savivaldybe"]).assign(tipas="Iš viso")
    municipalities = pd.concat([by_type, together], ignore_index=True)
    skeleton = pd.DataFrame(
        [(name, kind) for name in MUNICIPALITIES for kind in (*LEVEL_TYPES, "Iš viso")],
        columns=["savivaldybe", "tipas"],
    )
    municipalities = skeleton.merge(municipalities, how="left", on=["savivaldybe", "tipas"])
    municipalities["pateike"] = municipalities["pateike"].fillna(0).astype(int)
    municipalities["apskritis"] = municipalities["savivaldybe"].map(MUNICIPALITIES)
    municipalities["gyventojai"] = municipalities["savivaldybe"].map(people)
    totals_only = municipalities.loc[municipalities["tipas"] == "Iš viso"]
    counties = totals_only.groupby("apskritis")[["pateike", *FIGURES, "gyventojai"]].sum(min_count=1).reset_index()
    territory = totals_only[["pateike", *FIGURES, "gyventojai"]].sum(min_count=1)
    territory_frame = _indicators(territory.to_frame().T.astype(float))
    return _indicators(municipalities), _indicators(counties), territory_frame.iloc[0]


def consolidate(
    libraries: pd.DataFrame,
    municipalities: pd.DataFrame,
    answers: pd.DataFrame,
    all_answers: pd.DataFrame | None,
    problems: list,
    year: int,
) -> TerritoryStatistics:
    """Everything the regional statistics report shows, for ``year`` and the year before."""
    refs = References(libraries[["kodas", "pavadinimas", "savivaldybe", "tipas", "aktyvi"]])
    accepted = accepted_answers(answers, refs)
    identity = libraries.loc[libraries["aktyvi"].fillna(True).astype(bool),
                             ["kodas", "pavadinimas", "savivaldybe", "tipas"]]
    current = identity.merge(accepted.loc[accepted["metai"] == year, ["kodas", *FIGURES]], how="left", on="kodas")
    previous = accepted.loc[accepted["metai"] == year - 1, ["kodas", *KEY_FIGURES]]
    current = current.merge(previous.rename(columns={k: f"{k}_pernai" for k in KEY_FIGURES}), how="left", on="kodas")
    for key in KEY_FIGURES:
        before = current[f"{key}_pernai"].where(current[f"{key}_pernai"] > 0)
        current[f"{key}_pokytis"] = (current[key] - before) / before * 100
    status = library_status(all_answers, problems, refs, year)
    current["busena"] = [status.get(code, STATUS_MISSING) for code in current["kodas"]]
    current["apskritis"] = current["savivaldybe"].map(MUNICIPALITIES)
    with_identity = accepted.merge(identity[["kodas", "savivaldybe", "tipas"]], on="kodas")
    levels_now = _levels(with_identity.loc[with_identity["metai"] == year], population(municipalities, year))
    levels_before = _levels(with_identity.loc[with_identity["metai"] == year - 1], population(municipalities, year - 1))
    munis = _with_previous(levels_now[0], levels_before[0], ["savivaldybe", "tipas"])
    counties = _with_previous(levels_now[1], levels_before[1], ["apskritis"])
    return TerritoryStatistics(year, current, munis, counties, levels_now[2], levels_before[2])


def _with_previous(now: pd.DataFrame, before: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    previous = before[[*keys, *KEY_FIGURES]].rename(columns={k: f"{k}_pernai" for k in KEY_FIGURES})
    merged = now.merge(previous, how="left", on=keys)
    for key in KEY_FIGURES:
        base = merged[f"{key}_pernai"].where(merged[f"{key}_pernai"] > 0)
        merged[f"{key}_pokytis"] = (merged[key] - base) / base * 100
    return merged
