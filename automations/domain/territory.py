"""Territory statistics: per library, per municipality, per county, the territory, like for like.

Only accepted answers count: the latest submission per library and year, without errors
(validation drops the rest). Unknown values (``nežinoma``) are left out of sums, never
counted as 0. A value that carries an unexplained warning saying it is probably mistyped
(``suspect_rules``: a ratio outside its band, a change over ±30 %) is left out of every
total and change until it is explained, and the figure names the library. A change
between years compares the same libraries in both years, so a library that reported in
one year only cannot move the trend.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from automations import lt
from automations.domain.figures import Comparison, Figure, Figures, Measured
from automations.periods import Period
from automations.render.charts import bar_chart
from sheets_schema.base import Problem, Severity, header
from sheets_schema.references import MUNICIPALITIES, References
from sheets_schema.teritorijos_statistika import Ataskaita

WORKBOOK = "teritorijos_statistika"
ANSWERS_TAB = "Formos atsakymai 1"
FIGURES_FIELDS = (
    "registruoti_vartotojai", "vaikai_vartotojai", "nauji_vartotojai", "apsilankymai", "virtualus_apsilankymai",
    "isduotis", "isduotis_vaikams", "fondas", "gauta", "nurasyta", "renginiai", "renginiu_dalyviai", "parodos",
    "mokymai", "mokymu_dalyviai", "darbuotojai", "etatai", "bibliotekininkai", "tobule_darbuotojai",
    "kompiuterizuotos_vietos",
)
KEY_FIGURES = ("registruoti_vartotojai", "apsilankymai", "isduotis", "renginiai", "renginiu_dalyviai")
LEVEL_TYPES = {"SVB": "SVB", "mokyklos biblioteka": "Mokyklų bibliotekos"}
TOGETHER = "Iš viso"

STATUS_MISSING = "nepateikta"
STATUS_ERRORS = "yra klaidų"
STATUS_WARNINGS = "yra įspėjimų"
STATUS_CLEAN = "tvarkinga"


def label(name: str) -> str:
    """The Lithuanian header of a statistics figure."""
    return header(Ataskaita, name)


@dataclass
class TerritoryStatistics:
    year: int
    libraries: pd.DataFrame  # one row per active library: identity, status, figures as typed, last year's, change
    municipalities: pd.DataFrame  # municipality × type (SVB / school / together): totals, like-for-like change
    counties: pd.DataFrame
    territory: pd.Series  # totals for the whole territory (suspect values left out)
    previous_territory: pd.Series  # last year's totals (its own libraries)
    held_out: dict[str, list[str]] = field(default_factory=dict)  # figure -> libraries whose value is suspect
    suspect: set[tuple[str, str]] = field(default_factory=set)  # (library code, figure) of this year
    comparisons: dict[str, Comparison] = field(default_factory=dict)  # the territory's like-for-like changes

    def together(self) -> pd.DataFrame:
        """One row per municipality, SVB and school libraries together, in Lithuanian order."""
        return lt.sort_frame(self.municipalities.loc[self.municipalities["tipas"] == TOGETHER], "savivaldybe")

    @property
    def submitted(self) -> int:
        return int(self.territory.get("pateike") or 0)


def users_chart(stats: TerritoryStatistics) -> bytes:
    """Registered users per municipality, last year beside this year (PNG)."""
    together = stats.together()
    return bar_chart([lt.municipality(name) for name in together["savivaldybe"]],
                     {f"{stats.year - 1} m.": list(together["registruoti_vartotojai_pernai"].fillna(0)),
                      f"{stats.year} m.": list(together["registruoti_vartotojai"].fillna(0))},
                     "Registruoti vartotojai pagal savivaldybes", "Vartotojai")


def libraries_with(stats: TerritoryStatistics, status: str) -> list[str]:
    """"Library (municipality)" for each active library in ``status``, in Lithuanian order."""
    frame = lt.sort_frame(stats.libraries.loc[stats.libraries["busena"] == status], "savivaldybe", "pavadinimas")
    return [f"{name} ({lt.municipality(place)})" for name, place in zip(frame["pavadinimas"], frame["savivaldybe"],
                                                                     strict=True)]


def accepted_answers(answers: pd.DataFrame, refs: References) -> pd.DataFrame:
    """Kept answers (validation already dropped errors and superseded ones), with the library code."""
    frame = answers.copy()
    frame["kodas"] = frame["biblioteka"].map(refs.library_code)
    frame = frame.dropna(subset=["kodas"])
    for name in FIGURES_FIELDS:
        frame[name] = pd.to_numeric(frame[name], errors="coerce")
    frame["metai"] = pd.to_numeric(frame["metai"], errors="coerce")
    return frame


def latest_year(answers: pd.DataFrame, up_to: int) -> int:
    years = pd.to_numeric(answers["metai"], errors="coerce").dropna()
    years = years[years <= up_to]
    return int(years.max()) if len(years) else up_to


def suspect_cells(accepted: pd.DataFrame, problems: list[Problem], rules: Collection[str]) -> set[tuple[str, int, str]]:
    """(library code, year, figure) whose value carries an unexplained warning of a suspect kind.

    Validation has already cleared the warnings of rows with a filled `Paaiškinimas`.
    """
    fields = {label(name): name for name in FIGURES_FIELDS}
    by_row = {int(row): (code, int(year)) for row, code, year in zip(accepted["_row"], accepted["kodas"],
                                                                      accepted["metai"], strict=True)}
    found = set()
    for problem in problems:
        if (problem.tab == ANSWERS_TAB and problem.severity is Severity.WARNING and problem.rule in rules
                and problem.row in by_row and problem.column in fields):
            code, year = by_row[problem.row]
            found.add((code, year, fields[problem.column]))
    return found


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
    sums = frame.groupby(by, dropna=False)[list(FIGURES_FIELDS)].sum(min_count=1).reset_index()
    return counts.merge(sums, on=by)


def _levels(counted: pd.DataFrame, people: dict[str, float]) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """Municipality × type (and together), counties, territory, with indicators."""
    by_type = _sum(counted, ["savivaldybe", "tipas"])
    together = _sum(counted, ["savivaldybe"]).assign(tipas=TOGETHER)
    municipalities = pd.concat([by_type, together], ignore_index=True)
    skeleton = pd.DataFrame([(name, kind) for name in MUNICIPALITIES for kind in (*LEVEL_TYPES, TOGETHER)],
                            columns=["savivaldybe", "tipas"])
    municipalities = skeleton.merge(municipalities, how="left", on=["savivaldybe", "tipas"])
    municipalities["pateike"] = municipalities["pateike"].fillna(0).astype(int)
    municipalities["apskritis"] = municipalities["savivaldybe"].map(MUNICIPALITIES)
    municipalities["gyventojai"] = municipalities["savivaldybe"].map(people)
    totals_only = municipalities.loc[municipalities["tipas"] == TOGETHER]
    counties = totals_only.groupby("apskritis")[["pateike", *FIGURES_FIELDS, "gyventojai"]].sum(min_count=1)
    territory = totals_only[["pateike", *FIGURES_FIELDS, "gyventojai"]].sum(min_count=1)
    territory_frame = _indicators(territory.to_frame().T.astype(float))
    return _indicators(municipalities), _indicators(counties.reset_index()), territory_frame.iloc[0]


@dataclass(frozen=True)
class _TwoYears:
    """Counted values of a year and of the year before, by library code, split once: every like-for-like
    comparison (a dozen figures, three levels) pairs the same two frames."""

    now: pd.DataFrame
    before: pd.DataFrame
    identity: pd.DataFrame

    @classmethod
    def of(cls, counted: pd.DataFrame, year: int) -> _TwoYears:
        def by_code(when: int) -> pd.DataFrame:
            return counted.loc[counted["metai"] == when].set_index("kodas")

        identity = counted.drop_duplicates("kodas").set_index("kodas")[["savivaldybe", "tipas", "apskritis"]]
        return cls(by_code(year), by_code(year - 1), identity)

    def pairs(self, name: str) -> pd.DataFrame:
        """Libraries with a counted value of ``name`` in both years: ``now`` and ``before`` side by side."""
        pairs = pd.concat([self.now[name].rename("now"), self.before[name].rename("before")], axis=1).dropna()
        return pairs.join(self.identity)

    def reported(self, name: str) -> tuple[set[str], set[str]]:
        """Codes with a counted value of ``name``: this year, the year before."""
        return (set(self.now.index[self.now[name].notna()]), set(self.before.index[self.before[name].notna()]))


def _like_for_like(frame: pd.DataFrame, years: _TwoYears, keys: list[str]) -> pd.DataFrame:
    """Per level row: last year's total over the same libraries, and the change against it."""
    for name in KEY_FIGURES:
        pairs = years.pairs(name)
        if "tipas" in keys:  # a municipality's "together" row compares its SVB and school libraries at once
            pairs = pd.concat([pairs, pairs.assign(tipas=TOGETHER)])
        sums = pairs.groupby(keys).agg(now=("now", "sum"), before=("before", "sum"), units=("now", "size"))
        merged = frame.merge(sums.reset_index(), how="left", on=keys)
        frame[f"{name}_lyginama"] = merged["units"].fillna(0).astype(int).to_numpy()
        frame[f"{name}_pernai_lyg"] = merged["before"].to_numpy()
        base = merged["before"].where(merged["before"] > 0)
        frame[f"{name}_pokytis"] = ((merged["now"] - base) / base * 100).to_numpy()
    return frame


def consolidate(libraries: pd.DataFrame, municipalities: pd.DataFrame, answers: pd.DataFrame,
                all_answers: pd.DataFrame | None, problems: list[Problem], year: int,
                suspect_rules: Collection[str] = ()) -> TerritoryStatistics:
    """Everything the regional statistics report shows, for ``year`` and the year before."""
    refs = References(libraries[["kodas", "pavadinimas", "savivaldybe", "tipas", "aktyvi"]])
    accepted = accepted_answers(answers, refs)
    territorial = libraries["aktyvi"].fillna(True).astype(bool) & libraries["tipas"].isin(LEVEL_TYPES)
    identity = libraries.loc[territorial, ["kodas", "pavadinimas", "savivaldybe", "tipas"]]  # not the Library
    suspects = suspect_cells(accepted, problems, suspect_rules)
    counted = accepted.merge(identity[["kodas", "savivaldybe", "tipas"]], on="kodas")
    counted["apskritis"] = counted["savivaldybe"].map(MUNICIPALITIES)
    for code, when, name in suspects:
        counted.loc[(counted["kodas"] == code) & (counted["metai"] == when), name] = float("nan")
    current = identity.merge(accepted.loc[accepted["metai"] == year, ["kodas", *FIGURES_FIELDS]], how="left",
                             on="kodas")
    previous = accepted.loc[accepted["metai"] == year - 1, ["kodas", *KEY_FIGURES]]
    current = current.merge(previous.rename(columns={k: f"{k}_pernai" for k in KEY_FIGURES}), how="left", on="kodas")
    for key in KEY_FIGURES:
        before = current[f"{key}_pernai"].where(current[f"{key}_pernai"] > 0)
        current[f"{key}_pokytis"] = (current[key] - before) / before * 100
    status = library_status(all_answers, problems, refs, year)
    current["busena"] = [status.get(code, STATUS_MISSING) for code in current["kodas"]]
    current["apskritis"] = current["savivaldybe"].map(MUNICIPALITIES)
    now = _levels(counted.loc[counted["metai"] == year], population(municipalities, year))
    before = _levels(counted.loc[counted["metai"] == year - 1], population(municipalities, year - 1))
    years = _TwoYears.of(counted, year)
    munis = _like_for_like(_with_previous(now[0], before[0], ["savivaldybe", "tipas"]), years,
                           ["savivaldybe", "tipas"])
    counties = _like_for_like(_with_previous(now[1], before[1], ["apskritis"]), years, ["apskritis"])
    names = dict(zip(identity["kodas"], identity["pavadinimas"], strict=True))
    held_out: dict[str, list[str]] = {}
    for code, when, name in sorted(suspects):
        if when == year and code in names:
            held_out.setdefault(name, []).append(names[code])
    stats = TerritoryStatistics(year, current, munis, counties, now[2], before[2], held_out,
                                {(code, name) for code, when, name in suspects if when == year})
    stats.comparisons = {name: _territory_comparison(years, name, names) for name in FIGURES_FIELDS}
    return stats


def _territory_comparison(years: _TwoYears, name: str, names: dict[str, str]) -> Comparison:
    pairs = years.pairs(name)
    now, before = years.reported(name)
    missing = sorted((now ^ before) & set(names), key=lambda code: lt.sort_key(names[code]))
    if pairs.empty:
        return Comparison(None, None, 0, tuple(names[code] for code in missing))
    return Comparison(float(pairs["before"].sum()), float(pairs["now"].sum()), len(pairs),
                      tuple(names[code] for code in missing))


def _with_previous(now: pd.DataFrame, before: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    previous = before[[*keys, *KEY_FIGURES]].rename(columns={k: f"{k}_pernai" for k in KEY_FIGURES})
    return now.merge(previous, how="left", on=keys)


# ------------------------------------------------------------------ figures
def data_year(figures: Figures, year: int) -> int:
    """The statistics year a report for ``year`` shows: ``year`` once its collection deadline (10 February of
    the next year) has passed, else the year before."""
    month, day = figures.statistics_deadline
    return year if figures.today >= dt.date(year + 1, month, day) else year - 1


def collected(figures: Figures, year: int) -> bool:
    """Whether the statistics of ``year`` can all be in by now (their deadline has passed)."""
    month, day = figures.statistics_deadline
    return figures.today >= dt.date(year + 1, month, day)


def statistics(figures: Figures, year: int) -> TerritoryStatistics:
    """The consolidated statistics of one data year, computed once per run."""
    def compute() -> TerritoryStatistics:
        result = figures.results.get(WORKBOOK)
        answers = figures.frame(WORKBOOK, ANSWERS_TAB)
        all_rows = result.tabs[ANSWERS_TAB].all_rows if result is not None and ANSWERS_TAB in result.tabs else None
        return consolidate(figures.frame(WORKBOOK, "Bibliotekos"), figures.frame(WORKBOOK, "Savivaldybės"), answers,
                           all_rows, result.problems if result is not None else [], year, figures.suspect_rules)

    return figures.memo(("territory", year), compute)


def measured(figures: Figures, name: str, year: int, awaiting: bool = False) -> Measured:
    """A territory total of the data year ``year``: suspect values left out, its like-for-like change."""
    stats = statistics(figures, year)
    figure = figures.figure(f"teritorija.{name}")
    counted = stats.libraries.loc[~stats.libraries["kodas"].map(lambda code: (code, name) in stats.suspect), name]
    value: Any = stats.territory.get(name) if stats.submitted else None
    value = None if value is None or pd.isna(value) else (float(value) if figure.kind != "count" else int(value))
    return Measured(figure, value, _whole(year), int(counted.notna().sum()), tuple(stats.held_out.get(name, ())),
                    stats.comparisons.get(name), awaiting)


NAMES = {
    "registruoti_vartotojai": "Teritorijos registruoti vartotojai",
    "vaikai_vartotojai": "Teritorijos registruoti vartotojai vaikai (iki 14 m.)",
    "nauji_vartotojai": "Teritorijos naujai užregistruoti vartotojai",
    "apsilankymai": "Teritorijos apsilankymai (fiziniai)",
    "virtualus_apsilankymai": "Teritorijos virtualūs apsilankymai",
    "isduotis": "Teritorijos išduotis (fiz. vnt.)",
    "isduotis_vaikams": "Teritorijos išduotis vaikams (fiz. vnt.)",
    "fondas": "Teritorijos fondas metų pabaigoje (fiz. vnt.)",
    "gauta": "Teritorijos gauta per metus (fiz. vnt.)",
    "nurasyta": "Teritorijos nurašyta per metus (fiz. vnt.)",
    "renginiai": "Teritorijos renginiai",
    "renginiu_dalyviai": "Teritorijos renginių dalyviai",
    "parodos": "Teritorijos parodos",
    "mokymai": "Teritorijos mokymai vartotojams",
    "mokymu_dalyviai": "Teritorijos mokymų vartotojams dalyviai",
    "darbuotojai": "Teritorijos bibliotekų darbuotojai",
    "etatai": "Teritorijos bibliotekų etatai",
    "bibliotekininkai": "Teritorijos profesionalūs bibliotekininkai",
    "tobule_darbuotojai": "Teritorijos kvalifikaciją tobulinę darbuotojai",
    "kompiuterizuotos_vietos": "Teritorijos vartotojų kompiuterizuotos darbo vietos",
}
UNITS = {"registruoti_vartotojai": "asm.", "vaikai_vartotojai": "asm.", "nauji_vartotojai": "asm.",
         "apsilankymai": "kart.", "virtualus_apsilankymai": "kart.", "isduotis": "fiz. vnt.",
         "isduotis_vaikams": "fiz. vnt.", "fondas": "fiz. vnt.", "gauta": "fiz. vnt.", "nurasyta": "fiz. vnt.",
         "renginiu_dalyviai": "asm.", "mokymu_dalyviai": "asm.", "darbuotojai": "asm.", "etatai": "etat.",
         "bibliotekininkai": "asm.", "tobule_darbuotojai": "asm."}
PLAN_NAMES = {"registruoti_vartotojai": "Teritorijos registruoti vartotojai",
              "apsilankymai": "Teritorijos apsilankymai", "isduotis": "Teritorijos išduotis",
              "renginiai": "Teritorijos renginiai"}
ACCEPTED_TEXT = ("priimti teritorijos bibliotekų metų atsakymai (naujausias kiekvienos bibliotekos, be klaidų); "
                 "rodomi naujausi metai, kurių pateikimo terminas (kitų metų vasario 10 d.) praėjo")


def _territory_figure(name: str) -> Figure:
    def compute(figures: Figures, year: int) -> Measured:
        shown = data_year(figures, year)
        return measured(figures, name, shown, awaiting=not collected(figures, shown))

    kind = "amount" if name == "etatai" else "count"
    return Figure(f"teritorija.{name}", NAMES[name],
                  f"„{label(name)}“ suma; {ACCEPTED_TEXT}; tikrinami (nepaaiškinti įtartini) skaičiai neįtraukiami",
                  UNITS.get(name, "vnt."), WORKBOOK, ANSWERS_TAB, kind=kind, date_column=None,
                  plan_names=(PLAN_NAMES[name],) if name in PLAN_NAMES else (), compute=compute)


def submitted(figures: Figures, year: int, awaiting: bool = False) -> Measured:
    """How many libraries' reports of the data year ``year`` are accepted."""
    stats = statistics(figures, year)
    return Measured(figures.figure("teritorija.pateike"), stats.submitted, _whole(year), stats.submitted,
                    awaiting=awaiting)


def _submitted(figures: Figures, year: int) -> Measured:
    shown = data_year(figures, year)
    return submitted(figures, shown, awaiting=not collected(figures, shown))


def _whole(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year} m.", str(year))


FIGURES = (
    Figure("teritorija.pateike", "Priimtos teritorijos bibliotekų ataskaitos", ACCEPTED_TEXT, "vnt.", WORKBOOK,
           ANSWERS_TAB, date_column=None, compute=_submitted),
    *(_territory_figure(name) for name in FIGURES_FIELDS),
)
