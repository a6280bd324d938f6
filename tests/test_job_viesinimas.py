"""Publicity report: channels, initiators, coverage of events, content-plan execution; totals from the demo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from communication_support import SO_FAR_2026, Days, all_text, count, day, input_rows, table
from communication_support import frame_of as typed
from demo_errors import error_rows  # the demo's broken rows, written out
from figures_support import figures

from automations.periods import month, year_so_far
from jobs.viesinimas import plan_execution, publications_by, top_events
from sheets_schema.viesinimas import Publikacija, TurinioPlanas

TODAY = dt.date(2026, 11, 22)
OCTOBER = month(2026, 10)  # the report period handed to the functions under test
OCTOBER_DAYS = Days(dt.date(2026, 10, 1), dt.date(2026, 10, 31))  # recounts' own window


def post(d: str, channel: str, title: str, reach: int | None, event: str | None = None, by: str = "biblioteka",
         engaged: int | None = None) -> dict:
    return {"Data": d, "Kanalas": channel, "Tipas": "įrašas", "Pavadinimas": title, "Pasiekiamumas": reach,
            "Įsitraukimas": engaged, "Susijęs renginys": event, "Iniciatorius": by}


POSTS = typed(Publikacija, [
    post("2026-10-01", "Facebook", "Kviečiame", 1000, "Džiazo vakaras", engaged=100),
    post("2026-10-02", "regioninė spauda", "Straipsnis", None, "džiazo  vakaras", by="žiniasklaida"),
    post("2026-10-03", "Facebook", "Kitas", 500, "Paskaita", engaged=25),
    post("2026-09-30", "Facebook", "Rugsėjo", 9000, "Paskaita"),
])


def test_channels_sum_reach_and_engagement_with_a_rate():
    table = publications_by(figures(TODAY, viesinimas={"Publikacijos": POSTS}), OCTOBER, "kanalas").frame
    table = table.set_index("kanalas")
    assert table.loc["Facebook", "publikacijos"] == 2 and table.loc["Facebook", "pasiekiamumas"] == 1500
    assert round(table.loc["Facebook", "isitraukimo_proc"], 2) == 8.33
    assert table.loc["Iš viso", "publikacijos"] == 3


def test_events_with_most_coverage_merge_titles_typed_differently():
    events = top_events(POSTS, OCTOBER)
    assert list(events["renginys"]) == ["Džiazo vakaras", "Paskaita"]
    assert list(events["publikacijos"]) == [2, 1] and events.iloc[0]["ziniasklaida"] == 1
    assert events.iloc[0]["kanalai"] == "Facebook, regioninė spauda"


def test_plan_execution_counts_published_cancelled_and_late():
    plan = typed(TurinioPlanas, [
        {"Planuojama data": d, "Kanalas": "Facebook", "Tema": f"Tema {i}", "Būsena": state}
        for i, (d, state) in enumerate([("2026-10-01", "publikuota"), ("2026-10-05", "atšaukta"),
                                        ("2026-10-09", "rengiama"), ("2026-10-10", "publikuota"),
                                        ("2026-11-30", "planuojama")])])
    table = plan_execution(plan, year_so_far(2026, TODAY), TODAY)
    october, total = table.iloc[9], table.iloc[-1]
    assert (october["suplanuota"], october["publikuota"], october["atsaukta"], october["veluoja"]) == (4, 2, 1, 1)
    assert round(october["vykdymas"], 1) == 66.7
    assert total["suplanuota"] == 4  # 30 November is after today: not in the year so far


def test_demo_run_report_totals_equal_the_input(demo_workspace: Path, run_job):
    report = run_job(demo_workspace, "viesinimas")
    assert report.ok, report.jobs
    folder = demo_workspace / "ataskaitos" / "2026" / "Viešinimas"
    bad = error_rows(report, "viesinimas", "Publikacijos")
    rows = [r for n, r in input_rows(demo_workspace / "viesinimas.xlsx", "Publikacijos") if n not in bad]
    for name, period in (("Viešinimo ataskaita 2026.xlsx", SO_FAR_2026),
                         ("Viešinimo ataskaita 2026-10.xlsx", OCTOBER_DAYS)):
        inside = [r for r in rows if day(r["Data"]) in period]
        channels = table(folder / name, "Kanalai", "Kanalas")
        assert channels[-1]["Kanalas"] == "Iš viso"
        assert channels[-1]["Publikacijos"] == len(inside)
        assert channels[-1]["Pasiekiamumas"] == sum(count(r["Pasiekiamumas"]) for r in inside)
        media = [row for row in table(folder / name, "Iniciatoriai", "Iniciatorius")
                 if row["Iniciatorius"] == "žiniasklaida"]
        assert media[0]["Publikacijos"] == sum(1 for r in inside if r["Iniciatorius"] == "žiniasklaida")
    text = all_text(folder / "Viešinimo ataskaita 2026-10.docx")
    assert "2026 m. spalis" in text and "Parengta 2026 m. lapkričio 22 d." in text
    october = [r for r in rows if day(r["Data"]) in OCTOBER_DAYS]
    assert f"Publikacijų: {len(october)} " in text
    again = run_job(demo_workspace, "viesinimas")
    assert not any(item.written for run in again.jobs for item in run.published)
