"""Visitors: per place with Zaosė apart, excursions and delegations, busiest days; totals from the demo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from communication_support import all_text, count, day, error_rows, input_rows, table
from communication_support import frame_of as typed
from openpyxl import load_workbook

from automations.periods import year_so_far
from jobs.lankytojai import LIBRARY_TOTAL, ZAOSE, busiest_days, delegations, monthly_by_place, places_table
from sheets_schema.lankytojai import Lankytojai
from sheets_schema.renginiai import Ekskursija

PERIOD = year_so_far(2026, dt.date(2026, 11, 22))


def visits(*rows: tuple[str, str, int, int | None]):
    return typed(Lankytojai, [{"Data": d, "Vieta": place, "Lankytojai iš viso": total, "iš jų vaikai": kids}
                              for d, place, total, kids in rows])


LOG = visits(("2026-03-02", "Centriniai rūmai", 300, 20), ("2026-03-03", "Centriniai rūmai", 0, None),
             ("2026-03-02", "Vaikų ir jaunimo skyrius", 80, 60), ("2026-06-06", ZAOSE, 150, 10),
             ("2025-06-06", ZAOSE, 999, 0), ("2026-12-01", "Centriniai rūmai", 500, 0))


def test_zaose_is_reported_apart_and_never_in_the_library_total():
    table = places_table(LOG, PERIOD).set_index("vieta")
    assert table.loc[LIBRARY_TOTAL, "lankytojai"] == 380
    assert table.loc[ZAOSE, "lankytojai"] == 150
    assert table.loc["Centriniai rūmai", "darbo_dienos"] == 1
    assert table.loc["Centriniai rūmai", "vidurkis"] == 300
    assert list(table.index)[-2:] == [LIBRARY_TOTAL, ZAOSE]


def test_months_have_every_month_and_the_library_column_excludes_zaose():
    months = monthly_by_place(LOG, PERIOD)
    assert list(months["menuo"])[:3] == ["sausis", "vasaris", "kovas"] and months["menuo"].iloc[-1] == "Iš viso"
    assert months.loc[2, "biblioteka"] == 380 and months.loc[5, "biblioteka"] == 0 and months.loc[5, "vieta3"] == 150


def test_delegations_by_country_with_lithuanian_names():
    groups = typed(Ekskursija, [
        {"Data": "2026-05-05", "Vieta": "Centriniai rūmai", "Grupė": "Rygos bibliotekininkai",
         "Grupės tipas": "užsienio delegacija", "Šalis": "lv", "Dalyviai": 12},
        {"Data": "2026-06-05", "Vieta": ZAOSE, "Grupė": "Daugpilio delegacija", "Grupės tipas": "užsienio delegacija",
         "Šalis": "LV", "Dalyviai": 8},
        {"Data": "2026-06-07", "Vieta": ZAOSE, "Grupė": "Krokuvos svečiai", "Grupės tipas": "užsienio delegacija",
         "Šalis": "PL", "Dalyviai": 30},
        {"Data": "2026-06-08", "Vieta": ZAOSE, "Grupė": "8a klasė", "Grupės tipas": "mokiniai", "Dalyviai": 25}])
    table = delegations(groups, PERIOD)
    assert list(table["salies_pavadinimas"]) == ["Latvija", "Lenkija", None]
    assert list(table["delegacijos"]) == [2, 1, 3] and list(table["dalyviai"]) == [20, 30, 50]


def test_busiest_days_are_ranked_per_place():
    days = busiest_days(LOG, PERIOD)
    assert days.iloc[0]["data"] == dt.date(2026, 3, 2) and days.iloc[0]["savaites_diena"] == "pirmadienis"
    assert dt.date(2025, 6, 6) not in set(days["data"])


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
    types = table(path, "Ekskursijos", "Grupės tipas")
    assert types[-1]["Ekskursijos"] == len(groups)
    assert "2026 m. (iki lapkričio 22 d.)" in all_text(path)
    again = run_job(demo_workspace, "lankytojai")
    assert not any(item.written for run in again.jobs for item in run.published)
