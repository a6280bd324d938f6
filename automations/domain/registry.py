"""Automatic indicators: figures of a year computed from the sheets, each with where it came from.

The names are the choices of the activity plan's `Automatinis rodiklis` (``AUTO_FIGURES``);
the activity plan's execution and the annual report both take their figures from here, so a
number in one document is the same number in the other. Every figure says which workbook
and tab it counts, with what filter, and how many rows, for the report's source appendix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from automations.domain.rentals import rental_price
from automations.domain.rows import Results, in_year, overlaps_year, references, tab_frame, total
from automations.domain.territory import ANSWERS_TAB, TerritoryStatistics, consolidate, label, latest_year
from automations.domain.training import attendance, normalise
from sheets_schema.renginiai import PLACES
from sheets_schema.types import given
from sheets_schema.veiklos_planas import AUTO_FIGURES

ZAOSE = PLACES[3]
DONE = "įvykdyta"


@dataclass(frozen=True)
class Measured:
    """A figure and its provenance: ``rows`` is how many sheet rows it counts."""

    value: float | Decimal | int | None
    workbook: str
    tab: str
    filter: str
    rows: int

    @property
    def source(self) -> str:
        return f"{self.workbook} / {self.tab}: {self.filter}"


Indicator = Callable[[Results, int], Measured]


def held_events(results: Results, year: int) -> pd.DataFrame:
    events = tab_frame(results, "renginiai", "Renginiai")
    return in_year(events.loc[events["busena"] == "įvyko"], "data", year)


def done_bookings(results: Results, year: int) -> pd.DataFrame:
    """Bookings carried out in the year, with ``bruto`` (gross price, VAT included) from the price list."""
    bookings = tab_frame(results, "nuoma", "Užsakymai")
    bookings = in_year(bookings.loc[bookings["busena"] == DONE], "data", year).copy()
    rooms = {normalise(room["patalpa"]): room for room in tab_frame(results, "nuoma", "Patalpos").to_dict("records")}
    bookings["bruto"] = [rental_gross(booking, rooms.get(normalise(booking["patalpa"])))
                         for booking in bookings.to_dict("records")]
    return bookings


def rental_gross(booking: dict[str, Any], room: dict[str, Any] | None) -> Decimal:
    """One booking's gross price; a room missing from the price list earns nothing (validation flags it)."""
    if room is None:
        return Decimal("0.00")
    youth = given(room.get("jaunimo_erdve")) and bool(room["jaunimo_erdve"])
    discount = booking.get("lengvata") if given(booking.get("lengvata")) else None
    vat = booking.get("pvm_tarifas") if given(booking.get("pvm_tarifas")) else None
    return rental_price(booking["data"], booking["nuo"], booking["iki"], room["tarifas"],
                        room.get("savaitgalio_koeficientas"), discount, youth, vat).gross


def training_attendance(results: Results, year: int) -> pd.DataFrame:
    return attendance(tab_frame(results, "kvalifikacija", "Mokymai"), tab_frame(results, "kvalifikacija", "Dalyviai"),
                      references(results), year)


def running_projects(results: Results, year: int) -> pd.DataFrame:
    projects = tab_frame(results, "projektai", "Projektai")
    return overlaps_year(projects.loc[projects["busena"].isin(["vykdoma", "baigta"])], "pradzia", "pabaiga", year)


# ------------------------------------------------------------------ one function per figure
def events_held(results: Results, year: int) -> Measured:
    rows = held_events(results, year)
    return Measured(len(rows), "renginiai", "Renginiai", f"Būsena = įvyko, Data {year} m.", len(rows))


def event_attendees(results: Results, year: int) -> Measured:
    rows = held_events(results, year)
    return Measured(total(rows, "dalyviai"), "renginiai", "Renginiai",
                    f"„Dalyviai“ suma, Būsena = įvyko, Data {year} m.", len(rows))


def exhibitions(results: Results, year: int) -> Measured:
    rows = overlaps_year(tab_frame(results, "renginiai", "Parodos"), "nuo", "iki", year)
    return Measured(len(rows), "renginiai", "Parodos", f"veikė {year} m. (Nuo–Iki)", len(rows))


def excursions(results: Results, year: int) -> Measured:
    rows = in_year(tab_frame(results, "renginiai", "Ekskursijos"), "data", year)
    return Measured(len(rows), "renginiai", "Ekskursijos", f"Data {year} m.", len(rows))


def excursion_participants(results: Results, year: int) -> Measured:
    rows = in_year(tab_frame(results, "renginiai", "Ekskursijos"), "data", year)
    return Measured(total(rows, "dalyviai"), "renginiai", "Ekskursijos", f"„Dalyviai“ suma, Data {year} m.", len(rows))


def zaose_visitors(results: Results, year: int) -> Measured:
    log = tab_frame(results, "lankytojai", "Lankytojai")
    rows = in_year(log.loc[log["vieta"] == ZAOSE], "data", year)
    return Measured(total(rows, "is_viso"), "lankytojai", "Lankytojai",
                    f"„Lankytojai iš viso“ suma, Vieta = {ZAOSE}, Data {year} m.", len(rows))


def rentals(results: Results, year: int) -> Measured:
    rows = done_bookings(results, year)
    return Measured(len(rows), "nuoma", "Užsakymai", f"Būsena = {DONE}, Data {year} m.", len(rows))


def rental_income(results: Results, year: int) -> Measured:
    rows = done_bookings(results, year)
    return Measured(sum(rows["bruto"], Decimal("0.00")), "nuoma", "Užsakymai",
                    f"kaina su PVM (valandos × tarifas × savaitgalio koef. − lengvata), Būsena = {DONE}, "
                    f"Data {year} m.", len(rows))


def trainings_held(results: Results, year: int) -> Measured:
    rows = training_attendance(results, year)
    count = rows["_kodas"].nunique()
    return Measured(count, "kvalifikacija", "Mokymai",
                    f"mokymai, pasibaigę {year} m., kuriuose bent vienas dalyvis „Dalyvavo“ = Taip", count)


def people_trained(results: Results, year: int) -> Measured:
    rows = training_attendance(results, year)
    return Measured(rows["asmuo"].nunique(), "kvalifikacija", "Dalyviai",
                    f"skirtingi asmenys (vardas, pavardė ir biblioteka), „Dalyvavo“ = Taip, mokymai {year} m.",
                    len(rows))


def consultations(results: Results, year: int) -> Measured:
    rows = in_year(tab_frame(results, "konsultacijos", "Konsultacijos"), "data", year)
    return Measured(len(rows), "konsultacijos", "Konsultacijos", f"Data {year} m.", len(rows))


def publications(results: Results, year: int) -> Measured:
    rows = in_year(tab_frame(results, "viesinimas", "Publikacijos"), "data", year)
    return Measured(len(rows), "viesinimas", "Publikacijos", f"Data {year} m.", len(rows))


def projects_running(results: Results, year: int) -> Measured:
    rows = running_projects(results, year)
    return Measured(len(rows), "projektai", "Projektai",
                    f"Būsena = vykdoma arba baigta, Pradžia–Pabaiga apima {year} m.", len(rows))


def territory(field: str) -> Indicator:
    """A territory total from the consolidated yearly statistics (accepted answers only)."""

    def compute(results: Results, year: int) -> Measured:
        stats = territory_statistics(results, year)
        submitted = int(stats.territory.get("pateike") or 0) if stats is not None else 0
        value = stats.territory.get(field) if stats is not None and submitted else None
        shown = stats.year if stats is not None else year
        return Measured(None if value is None or pd.isna(value) else int(value), "teritorijos_statistika",
                        ANSWERS_TAB, f"„{label(field)}“ suma, priimti {shown} m. atsakymai (naujausias kiekvienos "
                        "bibliotekos, be klaidų)", submitted)

    return compute


def territory_statistics(results: Results, year: int) -> TerritoryStatistics | None:
    """The consolidated statistics of the latest year up to ``year`` with answers.

    The territory's figures for a year arrive in the following February, so during a year
    (and in its plan) the latest statistics are last year's; the filter text names the year.
    """
    if "teritorijos_statistika" not in results:
        return None
    result = results["teritorijos_statistika"]
    answers = result.frame(ANSWERS_TAB)
    all_rows = result.tabs[ANSWERS_TAB].all_rows if ANSWERS_TAB in result.tabs else None
    return consolidate(result.frame("Bibliotekos"), result.frame("Savivaldybės"), answers, all_rows,
                       result.problems, latest_year(answers, year))


FUNCTIONS: dict[str, Indicator] = {
    "Įvykę renginiai": events_held,
    "Renginių dalyviai": event_attendees,
    "Parodos": exhibitions,
    "Ekskursijos": excursions,
    "Ekskursijų dalyviai": excursion_participants,
    "Zaosės lankytojai": zaose_visitors,
    "Nuomos užsakymai": rentals,
    "Nuomos pajamos, Eur": rental_income,
    "Įvykę mokymai": trainings_held,
    "Apmokyti asmenys": people_trained,
    "Suteiktos konsultacijos": consultations,
    "Publikacijos": publications,
    "Vykdomi projektai": projects_running,
    "Teritorijos registruoti vartotojai": territory("registruoti_vartotojai"),
    "Teritorijos apsilankymai": territory("apsilankymai"),
    "Teritorijos išduotis": territory("isduotis"),
    "Teritorijos renginiai": territory("renginiai"),
}
assert set(FUNCTIONS) == set(AUTO_FIGURES), "every automatic figure needs exactly one function"
REGISTRY: dict[str, tuple[str, Indicator]] = {name: (AUTO_FIGURES[name], FUNCTIONS[name]) for name in AUTO_FIGURES}
WORKBOOKS = ("teritorijos_statistika", "renginiai", "nuoma", "lankytojai", "kvalifikacija", "konsultacijos",
             "projektai", "viesinimas")


def compute(name: str, results: Results, year: int) -> Measured:
    return REGISTRY[name][1](results, year)


def compute_all(results: Results, year: int) -> dict[str, Measured]:
    """Every automatic figure for ``year``, in the order of ``AUTO_FIGURES``."""
    return {name: compute(name, results, year) for name in REGISTRY}
