"""The annual report's parts about the Library itself, and the approved activity plan."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from docx import Document
from figures_support import figures, rows

from automations.domain import annual_review, library, plan

TODAY = dt.date(2026, 11, 22)
LIBRARIES = rows({"kodas": "PAVB", "pavadinimas": "Panevėžio apskrities biblioteka", "savivaldybe": "Panevėžio miesto",
                  "tipas": "apskrities biblioteka", "aktyvi": True},
                 {"kodas": "BIR-SVB", "pavadinimas": "Biržų SVB", "savivaldybe": "Biržų rajono", "tipas": "SVB",
                  "aktyvi": True})


def _answer(code: str, year: int, users: int, loans: int, row: int) -> dict:
    return {"laiko_zyme": dt.datetime(year + 1, 1, 20), "biblioteka": code, "metai": year,
            "registruoti_vartotojai": users, "isduotis": loans, "etatai": Decimal("88.5"), "_row": row}


def _counted(today: dt.date = TODAY):
    answers = rows(_answer("PAVB", 2024, 14_000, 250_000, 2), _answer("PAVB", 2025, 15_400, 240_000, 3),
                   _answer("BIR-SVB", 2024, 7_000, 150_000, 4), _answer("BIR-SVB", 2025, 7_100, 151_000, 5))
    money = rows({"metai": 2026, "rusis": "pajamos", "straipsnis": "Valstybės biudžetas", "planas": Decimal("1000"),
                  "faktas": Decimal("1000.00")},
                 {"metai": 2026, "rusis": "pajamos", "straipsnis": "Paslaugos", "planas": Decimal("50"),
                  "faktas": Decimal("61.25")},
                 {"metai": 2026, "rusis": "išlaidos", "straipsnis": "Darbo užmokestis", "planas": None,
                  "faktas": Decimal("900.10")},
                 {"metai": 2025, "rusis": "pajamos", "straipsnis": "Paslaugos", "planas": None,
                  "faktas": Decimal("7.00")})
    return figures(today, teritorijos_statistika={"Bibliotekos": LIBRARIES, "Formos atsakymai 1": answers},
                   veiklos_planas={"Finansai": money})


def test_the_librarys_own_row_is_its_figure_and_not_the_territorys():
    counted = _counted()
    users = counted.get("biblioteka.registruoti_vartotojai", 2026)
    assert users.value == 15_400 and users.data_year == 2025 and users.comparison.previous == 14_000
    assert counted.get("biblioteka.etatai", 2026).value == 88.5
    assert counted.get("teritorija.registruoti_vartotojai", 2026).value == 7_100  # Biržai only
    assert counted.get("konsultacijos.be_konsultaciju", 2026).value == 1  # the Library is not consulted
    before_deadline = _counted(dt.date(2026, 2, 1))
    assert before_deadline.get("biblioteka.registruoti_vartotojai", 2026).awaiting  # 2025's are due 10 February


def test_own_section_tables_each_group_with_last_year_and_the_change():
    section = annual_review.own_library_section(_counted(), 2026)
    assert section["biblioteka"] and section["bibliotekos_metai"] == 2025
    readers = section["bibliotekos_lenteles"][0]["lentele"]
    assert readers.headers == ["Rodiklis", "2024 m.", "2025 m.", "Pokytis"]
    first = readers.rows[0]
    assert first[0] == library.NAMES["registruoti_vartotojai"][0] and first[3] == "+10,0 proc."
    assert first[1].measured.value == 14_000 and first[2].measured.value == 15_400


def test_finances_are_figures_of_the_year_by_item():
    counted = _counted()
    assert counted.get("finansai.pajamos", 2026).value == Decimal("1061.25")
    assert counted.get("finansai.pajamos_planas", 2026).value == Decimal("1050")
    assert counted.get("finansai.islaidos", 2026).value == Decimal("900.10")
    section = annual_review.finance_section(counted, 2026)
    assert section["finansai"]
    assert [row[0] for row in section["pajamos"].rows] == ["Valstybės biudžetas", "Paslaugos", "Iš viso"]
    assert section["pajamos"].rows[-1][2].value == Decimal("1061.25")  # the totals row is the figure


def test_baselines_typed_or_the_figure_a_data_year_earlier():
    counted = _counted()
    typed = {"bazine": Decimal("40"), "automatinis": None, "rodiklis": "Užsiėmimai", "priemone": "x",
             "mato_vnt": "vnt."}
    assert plan.baseline(typed, counted, 2026) == 40.0
    automatic = {"bazine": None, "automatinis": "Teritorijos registruoti vartotojai", "rodiklis": "x",
                 "priemone": "x", "mato_vnt": "asm."}
    found = plan.baseline(automatic, counted, 2026)
    assert found.value == 7_000 and found.data_year == 2024  # the plan's actual is 2025's: the baseline 2024's
    nothing = {**automatic, "automatinis": "Įvykę renginiai"}
    assert plan.baseline(nothing, counted, 2026) is None
    assert plan.baseline_cell(nothing, counted, 2026) == "–"


def test_an_approved_plan_is_not_rewritten_the_next_night(demo_workspace: Path, run_job):
    first = run_job(demo_workspace, "veiklos_planas", today=TODAY)
    path = demo_workspace / "ataskaitos" / "2026" / "Veiklos planas" / "Veiklos planas 2026.docx"
    document = Document(path)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "direktoriaus 2026 m. sausio 20 d. įsakymu Nr. V-8" in text and "Parengta" not in text
    assert "Projektas" not in text and document.core_properties.created.date() == dt.date(2026, 1, 20)
    assert any(item.path.endswith("Veiklos planas 2026.docx") for run in first.jobs for item in run.published)
    second = run_job(demo_workspace, "veiklos_planas", today=TODAY + dt.timedelta(days=1))
    written = {Path(item.path).name for run in second.jobs for item in run.published if item.written}
    assert "Veiklos planas 2026.docx" not in written and "Veiklos planas 2026.xlsx" not in written
    assert "Veiklos plano vykdymas 2026.xlsx" in written  # execution is as of the day, so it changes
    execution = "\n".join(p.text for p in Document(path.with_name("Veiklos plano vykdymas 2026.docx")).paragraphs)
    assert "Atsiliekančios priemonės ir priežastys" in execution and plan.NO_REASON in execution
