"""Small territory statistics for the profile tests: libraries, their yearly answers, suspect values."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from figures_support import StubResult, rows

from sheets_schema.base import Severity, make_problem

TODAY = dt.date(2026, 11, 22)
SCHOOLS = [f"BIR-MOK-{n:02d}" for n in range(1, 9)]


def library(code: str, municipality: str = "Biržų rajono") -> dict:
    kind = "SVB" if code.endswith("SVB") else "mokyklos biblioteka"
    return {"kodas": code, "pavadinimas": f"Biblioteka {code}", "savivaldybe": municipality, "tipas": kind,
            "aktyvi": True, "el_pastas": f"info@{code.lower()}.lt"}


def answer(code: str, year: int, **values: float) -> dict:
    base = {"registruoti_vartotojai": 500, "vaikai_vartotojai": 300, "apsilankymai": 6000, "isduotis": 5000,
            "fondas": 12000, "gauta": 300, "renginiai": 20, "renginiu_dalyviai": 400, "darbuotojai": 1,
            "virtualus_apsilankymai": 500, "kompiuterizuotos_vietos": 4}
    return {"biblioteka": code, "metai": year, "laiko_zyme": dt.datetime(year + 1, 1, 20), **base, **values}


def territory(answers: list[dict], codes: list[str], problems: list | None = None,
              municipalities: tuple[str, ...] = ("Biržų rajono",)) -> StubResult:
    """The statistics workbook as validation leaves it: libraries, five years of inhabitants, the answers."""
    frame = rows(*answers)
    people = rows(*[{"savivaldybe": name, "apskritis": "Panevėžio", "metai": year, "gyventojai": 20_000}
                    for name in municipalities for year in range(2021, 2026)])
    libraries = rows(*[library(code, municipalities[index % len(municipalities)])
                       for index, code in enumerate(codes)])
    return StubResult("teritorijos_statistika", {"Bibliotekos": libraries, "Savivaldybės": people,
                                                 "Formos atsakymai 1": frame}, problems or [],
                      {"Formos atsakymai 1": SimpleNamespace(all_rows=frame)})


def suspect(answers: list[dict], code: str, year: int, column: str) -> object:
    """An unexplained ±30 % warning on one answer's column: the registry holds that value out."""
    row = next(index for index, answer in enumerate(answers, start=2)
               if answer["biblioteka"] == code and answer["metai"] == year)
    return make_problem("teritorijos_statistika", "Formos atsakymai 1", row, column, 0, "metinis_pokytis",
                        "pokytis didesnis nei ±30 proc.", Severity.WARNING)
