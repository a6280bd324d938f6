"""Builders of small, realistic input workbooks shared by several test modules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from sheets_schema import workbook

LIBRARIES = [
    ("PNR-SVB", "Panevėžio rajono savivaldybės viešoji biblioteka", "Panevėžio rajono", "SVB", 20, "Taip"),
    ("BIR-SVB", "Biržų rajono savivaldybės Jurgio Bielinio viešoji biblioteka", "Biržų rajono", "SVB", 25, "Taip"),
]
ANSWER_HEADERS = workbook("teritorijos_statistika").tab("Formos atsakymai 1").headers()


def answer(library: str, year: int, stamp: dt.datetime, **overrides) -> list:
    values = {
        "Laiko žymė": stamp, "Biblioteka": library, "Metai": year, "Registruoti vartotojai": 8000,
        "iš jų vaikai (iki 14 m.)": 2500, "Apsilankymai (fiziniai)": 120000, "Išduotis (fiz. vnt.)": 200000,
        "Fondas metų pabaigoje (fiz. vnt.)": 250000, "Renginiai": 1200, "Renginių dalyviai": 25000,
        "Darbuotojai (asm.)": 60, **overrides,
    }
    return [values.get(header) for header in ANSWER_HEADERS]


def messy_statistics(path: Path) -> None:
    """A title row, headers with odd spacing and case, an extra hidden column, blank rows, a totals row."""
    book = Workbook()
    libraries = book.active
    libraries.title = "Bibliotekos"
    libraries.append(["Kodas", "Pavadinimas", "Savivaldybė", "Tipas", "Padalinių skaičius", "Aktyvi"])
    for row in LIBRARIES:
        libraries.append(list(row))
    munis = book.create_sheet("Savivaldybės")
    munis.append(["Savivaldybė", "Apskritis", "Metai", "Gyventojai"])
    munis.append(["Panevėžio rajono", "Panevėžio", 2025, 34000])
    munis.append(["Biržų rajono", "Panevėžio", 2025, 23000])
    answers = book.create_sheet("Formos atsakymai 1")
    answers.append(["Statistikos ataskaitos 2025 m. (forma)"])
    answers.append([f"  {header.upper()}  " if index == 4 else header for index, header in enumerate(ANSWER_HEADERS)]
                   + ["Mano pastabos"])
    answers.column_dimensions["AC"].hidden = True
    answers.append([*answer("PNR-SVB", 2025, dt.datetime(2026, 1, 20, 9, 0)), "nesvarbu"])
    answers.append([])
    answers.append(answer("Biržų rajono savivaldybės Jurgio Bielinio viešoji biblioteka", 2025,
                          dt.datetime(2026, 1, 21, 9, 0), **{"iš jų vaikai (iki 14 m.)": 9000}))
    answers.append(answer("PNR-SVB", 2025, dt.datetime(2026, 1, 25, 9, 0), **{"Renginiai": "1 250"}))
    answers.append(answer("NEZINOMA-B", 2025, dt.datetime(2026, 1, 26, 9, 0), **{"Metai": "2025 m."}))
    answers.append(["Iš viso"] + [None] * 3 + [16000])
    book.save(path)
