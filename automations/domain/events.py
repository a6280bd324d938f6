"""Events, exhibitions and excursions: what counts as held, open or carried out, and when.

An event counts once it has happened: `Būsena` = įvyko and its date on or before the report
date. Planned events of the rest of the year are a figure of their own, never mixed into
what was held. An exhibition counts when it was open on at least one day of the year up
to the report date; an excursion when its date has come.
"""

from __future__ import annotations

import pandas as pd

from automations.domain.figures import Figure, Figures
from automations.domain.rows import overlapping, summed, within
from automations.periods import Period, rest_of_year

WORKBOOK = "renginiai"
HELD, PLANNED = "įvyko", "planuojamas"
DELEGATION = "užsienio delegacija"


def held_events(figures: Figures, period: Period) -> pd.DataFrame:
    events = figures.frame(WORKBOOK, "Renginiai")
    held = within(events.loc[events["busena"] == HELD], "data", period).copy()
    held["transliacija"] = held["transliacija"].map(lambda value: value is True)
    return held


def planned_events(figures: Figures, period: Period) -> pd.DataFrame:
    events = figures.frame(WORKBOOK, "Renginiai")
    return within(events.loc[events["busena"] == PLANNED], "data", rest_of_year(period))


def overdue_events(figures: Figures, period: Period) -> pd.DataFrame:
    """Planned events whose day has passed: status and attendance still to be filled in."""
    events = figures.frame(WORKBOOK, "Renginiai")
    late = within(events.loc[events["busena"] == PLANNED], "data", period)
    return late.sort_values(["data", "pradzia", "_row"])


def open_exhibitions(figures: Figures, period: Period) -> pd.DataFrame:
    shows = figures.frame(WORKBOOK, "Parodos")
    return overlapping(shows, "nuo", "iki", period).sort_values(["nuo", "pavadinimas", "_row"])


def planned_excursions(figures: Figures, period: Period) -> pd.DataFrame:
    return within(figures.frame(WORKBOOK, "Ekskursijos"), "data", rest_of_year(period))


def held_excursions(figures: Figures, period: Period) -> pd.DataFrame:
    tours = within(figures.frame(WORKBOOK, "Ekskursijos"), "data", period)
    return tours.assign(salis=tours["salis"].fillna("LT"))


def is_foreign(rows: pd.DataFrame) -> pd.Series:
    return rows["salis"].map(lambda code: isinstance(code, str) and code.upper() != "LT")


def is_delegation(rows: pd.DataFrame) -> pd.Series:
    return rows["grupes_tipas"] == DELEGATION


HELD_TEXT = ("lapo „Renginiai“ eilutės, kurių „Būsena“ – įvyko, o data – ataskaitos metais, ne vėliau kaip ataskaitos "
             "dieną")


def _event(figure_id: str, name: str, definition: str, unit: str, **extra) -> Figure:
    return Figure(figure_id, name, definition, unit, WORKBOOK, "Renginiai", **extra)


FIGURES = (
    _event("renginiai.ivyke", "Įvykę renginiai", HELD_TEXT, "vnt.", select=held_events,
           plan_names=("Įvykę renginiai",)),
    _event("renginiai.dalyviai", "Renginių dalyviai", f"„Dalyviai“ suma; {HELD_TEXT}", "asm.", select=held_events,
           measure=summed("dalyviai"), plan_names=("Renginių dalyviai",)),
    _event("renginiai.vaikai", "Renginių dalyviai vaikai", f"„iš jų vaikai“ suma; {HELD_TEXT}", "asm.",
           select=held_events, measure=summed("vaikai")),
    _event("renginiai.virtualus", "Virtualūs renginių dalyviai", f"„Virtualūs dalyviai“ suma; {HELD_TEXT}", "asm.",
           select=held_events, measure=summed("virtualus_dalyviai")),
    _event("renginiai.transliacijos", "Tiesioginės transliacijos",
           f"įvykę renginiai, kurių „Tiesioginė transliacija“ – Taip; {HELD_TEXT}", "vnt.", select=held_events,
           where=lambda rows: rows["transliacija"], plan_names=("Tiesioginės transliacijos",),
           aliases=("Transliacijų skaičius", "Transliuoti renginius internetu", "Tiesioginių transliacijų skaičius")),
    _event("renginiai.suplanuoti", "Suplanuoti renginiai iki metų pabaigos",
           "„Būsena“ – planuojamas, data – po ataskaitos dienos, tų pačių metų", "vnt.", select=planned_events),
    _event("renginiai.neatnaujinti", "Praėję renginiai be būsenos „įvyko“",
           "„Būsena“ – planuojamas, nors data jau praėjo: būseną ir dalyvių skaičių reikia įrašyti", "vnt.",
           select=overdue_events),
    Figure("parodos.veikusios", "Veikusios parodos",
           "lapo „Parodos“ parodos, veikusios bent vieną metų dieną iki ataskaitos dienos (Nuo–Iki)", "vnt.",
           WORKBOOK, "Parodos", select=open_exhibitions, date_column="nuo", plan_names=("Parodos",)),
    Figure("parodos.lankytojai", "Parodų lankytojai", "veikusių parodų „Lankytojai“ suma", "asm.", WORKBOOK,
           "Parodos", select=open_exhibitions, measure=summed("lankytojai"), date_column="nuo"),
    Figure("ekskursijos.ivykusios", "Ekskursijos",
           "lapo „Ekskursijos“ eilutės, kurių data – ataskaitos metais, ne vėliau kaip ataskaitos dieną", "vnt.",
           WORKBOOK, "Ekskursijos", select=held_excursions, plan_names=("Ekskursijos",)),
    Figure("ekskursijos.dalyviai", "Ekskursijų dalyviai", "įvykusių ekskursijų „Dalyviai“ suma", "asm.", WORKBOOK,
           "Ekskursijos", select=held_excursions, measure=summed("dalyviai"), plan_names=("Ekskursijų dalyviai",)),
    Figure("ekskursijos.uzsienio_grupes", "Užsienio grupės ir delegacijos",
           "įvykusios ekskursijos, kurių „Šalis“ – ne LT", "vnt.", WORKBOOK, "Ekskursijos", select=held_excursions,
           where=is_foreign),
    Figure("ekskursijos.delegacijos", "Užsienio delegacijos",
           "įvykusios ekskursijos, kurių „Grupės tipas“ – užsienio delegacija", "vnt.", WORKBOOK, "Ekskursijos",
           select=held_excursions, where=is_delegation),
    Figure("ekskursijos.delegaciju_dalyviai", "Užsienio delegacijų dalyviai", "užsienio delegacijų „Dalyviai“ suma",
           "asm.", WORKBOOK, "Ekskursijos", select=held_excursions, where=is_delegation, measure=summed("dalyviai")),
    Figure("ekskursijos.suplanuotos", "Suplanuotos ekskursijos iki metų pabaigos",
           "lapo „Ekskursijos“ eilutės, kurių data – po ataskaitos dienos, tų pačių metų", "vnt.", WORKBOOK,
           "Ekskursijos", select=planned_excursions),
)
