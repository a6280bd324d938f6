"""The Library's own readership, collection and staff: its own row of the yearly statistics form.

The county library fills the same yearly form (`teritorijos_statistika` / `Formos atsakymai 1`)
as the territory libraries; in `Bibliotekos` its `Tipas` is "apskrities biblioteka", which keeps
it out of the territory's totals and makes its answer the source of these figures. Like the
territory's, a year's figures are shown once that year's statistics are due (10 February of
the next year), beside last year's value of the same library; a value held for checking (an
unexplained suspect warning) is left out and named.
"""

from __future__ import annotations

import pandas as pd

from automations.domain import territory
from automations.domain.figures import Comparison, Figure, Figures, Measured
from sheets_schema.teritorijos_statistika import COUNTY_LIBRARY

NAMES = {
    "registruoti_vartotojai": ("Bibliotekos registruoti vartotojai", "asm."),
    "vaikai_vartotojai": ("Bibliotekos registruoti vartotojai vaikai (iki 14 m.)", "asm."),
    "nauji_vartotojai": ("Bibliotekos naujai užregistruoti vartotojai", "asm."),
    "apsilankymai": ("Apsilankymai Bibliotekoje (pagal statistikos formą)", "kart."),
    "virtualus_apsilankymai": ("Bibliotekos virtualūs apsilankymai", "kart."),
    "isduotis": ("Bibliotekos išduotis (fiz. vnt.)", "fiz. vnt."),
    "fondas": ("Bibliotekos fondas metų pabaigoje (fiz. vnt.)", "fiz. vnt."),
    "gauta": ("Į Bibliotekos fondą gauta (fiz. vnt.)", "fiz. vnt."),
    "nurasyta": ("Iš Bibliotekos fondo nurašyta (fiz. vnt.)", "fiz. vnt."),
    "darbuotojai": ("Bibliotekos darbuotojai", "asm."),
    "etatai": ("Bibliotekos etatai", "etat."),
    "bibliotekininkai": ("Bibliotekos profesionalūs bibliotekininkai", "asm."),
    "tobule_darbuotojai": ("Bibliotekos kvalifikaciją tobulinę darbuotojai", "asm."),
    "kompiuterizuotos_vietos": ("Bibliotekos vartotojų kompiuterizuotos darbo vietos", "vnt."),
}
READERSHIP = ("registruoti_vartotojai", "vaikai_vartotojai", "nauji_vartotojai", "apsilankymai",
              "virtualus_apsilankymai", "isduotis")
COLLECTION = ("fondas", "gauta", "nurasyta")
STAFF = ("darbuotojai", "etatai", "bibliotekininkai", "tobule_darbuotojai", "kompiuterizuotos_vietos")
OWN_TEXT = (f"Bibliotekos pačios atsakymas į metinę statistikos formą (lapo „Bibliotekos“ tipas – {COUNTY_LIBRARY}; "
            "naujausias, be klaidų); rodomi naujausi metai, kurių pateikimo terminas (kitų metų vasario 10 d.) praėjo")


def own_answers(figures: Figures) -> pd.DataFrame:
    """The Library's accepted answers (one per year: validation keeps the latest), with numeric figures."""
    def compute() -> pd.DataFrame:
        libraries = figures.frame(territory.WORKBOOK, "Bibliotekos")
        own = set(libraries.loc[libraries["tipas"] == COUNTY_LIBRARY, "kodas"])
        answers = territory.accepted_answers(figures.frame(territory.WORKBOOK, territory.ANSWERS_TAB),
                                             figures.references())
        rows = answers.loc[answers["kodas"].isin(own)]
        return rows.sort_values(["metai", "_row"]).groupby("metai").tail(1)

    return figures.memo("own library answers", compute)


def _value(rows: pd.DataFrame, name: str, year: int) -> float | None:
    found = rows.loc[rows["metai"] == year, name]
    return None if found.empty or pd.isna(found.iloc[-1]) else float(found.iloc[-1])


def measured(figures: Figures, name: str, year: int, awaiting: bool = False) -> Measured:
    """The Library's value of one form field for the data year ``year``, beside last year's."""
    rows = own_answers(figures)
    figure = figures.figure(f"biblioteka.{name}")
    suspect = territory.suspect_cells(rows, figures.results[territory.WORKBOOK].problems, figures.suspect_rules) \
        if territory.WORKBOOK in figures.results and len(rows) else set()
    held = {(when, field): code for code, when, field in suspect}
    value = None if (year, name) in held else _value(rows, name, year)
    before = None if (year - 1, name) in held else _value(rows, name, year - 1)
    if value is not None and figure.kind == "count":
        value = int(value)
    held_out = (held[(year, name)],) if (year, name) in held else ()
    return Measured(figure, value, territory._whole(year), int((rows["metai"] == year).sum()), held_out=held_out,
                    comparison=Comparison(before, value), awaiting=awaiting)


def _figure(name: str) -> Figure:
    def compute(figures: Figures, year: int) -> Measured:
        shown = territory.data_year(figures, year)
        return measured(figures, name, shown, awaiting=not territory.collected(figures, shown))

    title, unit = NAMES[name]
    return Figure(f"biblioteka.{name}", title, f"„{territory.label(name)}“; {OWN_TEXT}", unit, territory.WORKBOOK,
                  territory.ANSWERS_TAB, kind="amount" if name == "etatai" else "count", date_column=None,
                  compute=compute)


FIGURES = tuple(_figure(name) for name in NAMES)
