"""Visitors: per place with Zaosė apart, excursions and delegations, busiest days; totals from the demo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from communication_support import SO_FAR_2026, all_text, count, day, input_rows, table
from communication_support import frame_of as typed
from demo_errors import error_rows  # the demo's broken rows, written out
from figures_support import figures
from openpyxl import load_workbook

from automations.domain.visitors import LIBRARY_TOTAL, ZAOSE, places_table
from jobs.lankytojai import busiest_days, delegations, monthly_by_place
from sheets_schema.lankytojai import Lankytojai
from sheets_schema.renginiai import Ekskursija

TODAY = dt.date(2026, 11, 22)
PERIOD = SO_FAR_2026


def visits(*rows: tuple[str, str, int, int | None]):
    return typed(Lankytojai, [{"Data": d, "Vieta": place, "Lankytojai iš viso": total, "iš jų vaikai": kids}
                              for d, place, total, kids in rows])


LOG = visits(("2026-03-02", "Centriniai rūmai", 300, 20), ("2026-03-03", "Centriniai rūmai", 0, None),
             ("2026-03-02", "Vaikų ir jaunimo skyrius", 80, 60), ("2026-06-06", ZAOSE, 150, 10),
             ("2026-06-07", ZAOSE, 0, 0), ("2025-06-06", ZAOSE, 999, 0), ("2026-12-01", "Centriniai rūmai", 500, 0))
FIGURES = figures(TODAY, lankytojai={"Lankytojai": LOG})


def test_zaose_is_reported_apart_and_never_in_the_library_total():
    table = places_table(FIGURES, 2026).frame.set_index("vieta")
    assert table.loc[LIBRARY_TOTAL, "lankytojai"] == 380  # December's 500 has not happened by 22 November
    assert table.loc[ZAOSE, "lankytojai"] == 150
    assert table.loc["Centriniai rūmai", "dienos"] == 1  # a day with 0 visitors is not a day with visitors
    assert table.loc["Centriniai rūmai", "vidurkis"] == 300
    assert table.loc[LIBRARY_TOTAL, "dienos"] == 1  # two buildings open on 2 March make one day of the Library
    assert table.loc[ZAOSE, "dienos"] == 1
    assert list(table.index)[-2:] == [LIBRARY_TOTAL, ZAOSE]
    assert FIGURES.get("lankytojai.su_zaose", 2026).value == 530


def test_months_have_every_month_and_the_library_column_excludes_zaose():
    months = monthly_by_place(FIGURES, 2026)
    assert list(months["menuo"])[:3] == ["sausis", "vasaris", "kovas"] and len(months) == 12
    assert months.loc[2, "biblioteka"] == 380 and months.loc[5, "biblioteka"] == 0 and months.loc[5, "vieta3"] == 150
    assert months["biblioteka"].isna().tolist()[-1]  # December is still ahead: blank, not 0


def test_delegations_by_country_with_lithuanian_names():
    groups = typed(Ekskursija, [
        {"Data": "2026-05-05", "Vieta": "Centriniai rūmai", "Grupė": "Rygos bibliotekininkai",
         "Grupės tipas": "užsienio delegacija", "Šalis": "lv", "Dalyviai": 12},
        {"Data": "2026-06-05", "Vieta": ZAOSE, "Grupė": "Daugpilio delegacija", "Grupės tipas": "užsienio delegacija",
         "Šalis": "LV", "Dalyviai": 8},
        {"Data": "2026-06-07", "Vieta": ZAOSE, "Grupė": "Krokuvos svečiai", "Grupės tipas": "užsienio delegacija",
         "Šalis": "PL", "Dalyviai": 30},
        {"Data": "2026-06-08", "Vieta": ZAOSE, "Grupė": "8a klasė", "Grupės tipas": "mokiniai", "Dalyviai": 25}])
    table = delegations(figures(TODAY, renginiai={"Ekskursijos": groups}), 2026).frame
    assert list(table["salies_pavadinimas"]) == ["Latvija", "Lenkija", ""]
    assert list(table["delegacijos"]) == [2, 1, 3] and list(table["dalyviai"]) == [20, 30, 50]


def test_busiest_days_are_ranked_per_place():
    days = busiest_days(FIGURES, 2026)
    assert days.iloc[0]["data"] == dt.date(2026, 3, 2) and days.iloc[0]["savaites_diena"] == "pirmadienis"
    assert dt.date(2025, 6, 6) not in set(days["data"]) and dt.date(2026, 12, 1) not in set(days["data"])


def test_demo_run_totals_equal_the_input(demo_workspace: Path, run_job):
    report = run_job(demo_workspace, "lankytojai")
    assert report.ok, report.jobs
    path = demo_workspace / "ataskaitos" / "2026" / "Lankytojai" / "Lankytojų statistika 2026.xlsx"
    bad = error_rows(report, "lankytojai", "Lankytojai")
    rows = [r for n, r in input_rows(demo_workspace / "lankytojai.xlsx", "Lankytojai")
            if n not in bad and day(r["Data"]) in PERIOD]
    places = {row["Vieta"]: row for row in table(path, "Vietos", "Vieta")}
    for place in ("Centriniai rūmai", ZAOSE):
        assert places[place]["Lankytojai"] == sum(count(r["Lankytojai iš viso"]) for r in rows if r["Vieta"] == place)
    assert places[LIBRARY_TOTAL]["Lankytojai"] == sum(count(r["Lankytojai iš viso"]) for r in rows
                                                      if r["Vieta"] != ZAOSE)
    book = load_workbook(path)
    assert book["Mėnesiai"]._charts, "a chart of visitors by month per place"
    groups = [r for n, r in input_rows(demo_workspace / "renginiai.xlsx", "Ekskursijos")
              if day(r["Data"]) in PERIOD and n not in error_rows(report, "renginiai", "Ekskursijos")]
    types = table(path, "Grupių tipai", "Grupės tipas")
    assert types[-1]["Ekskursijos"] == len(groups)
    assert "2026 m. (iki lapkričio 22 d.)" in all_text(path)
    again = run_job(demo_workspace, "lankytojai")
    assert not any(item.written for run in again.jobs for item in run.published)
