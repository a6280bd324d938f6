"""Events programme, publicity calendar, calendar feed and statistics: pure functions, then the demo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from communication_support import SO_FAR_2026, Days, all_text, count, day, input_rows, outputs, table, to_pdf
from communication_support import frame_of as typed
from demo_errors import error_rows  # the demo's broken rows, written out
from icalendar import Calendar
from openpyxl import load_workbook

from automations.periods import month
from automations.render.ics import calendar_bytes
from jobs.renginiu_programa import (
    event_keys,
    link_plan,
    programme_context,
    public_events,
    publicity_calendar,
)
from sheets_schema.renginiai import Paroda, Renginys
from sheets_schema.viesinimas import TurinioPlanas

TODAY = dt.date(2026, 11, 22)
BASE = {"Pradžia": "17:30", "Pabaiga": "19:00", "Tipas": "paskaita", "Forma": "kontaktinis",
        "Vieta": "Konferencijų salė", "Organizatorius": "Komunikacijos skyrius", "Tikslinė grupė": "suaugusieji",
        "Būsena": "planuojamas"}


def event(title: str, day: str, **changes) -> dict:
    return {**BASE, "Pavadinimas": title, "Data": day, **changes}


def events_frame(*rows: dict):
    return typed(Renginys, list(rows))


def test_programme_has_planned_and_held_events_of_the_month_only():
    events = events_frame(
        event("Paskaita „Ilgas ruduo“", "2026-12-03"),
        event("Atšaukta paskaita", "2026-12-04", **{"Būsena": "atšauktas"}),
        event("Koncertas „Vasaros serenados“", "2026-12-01", **{"Pradžia": "18:00", "Tipas": "koncertas",
                                                                 "Įėjimas": "mokamas", "Kaina, Eur": "5"}),
        event("Lapkričio renginys", "2026-11-30"),
    )
    exhibitions = typed(Paroda, [
        {"Pavadinimas": "Paroda „Sena fotografija“", "Tipas": "fotografijos", "Vieta": "II a. fojė",
         "Nuo": "2026-11-10", "Iki": "2026-12-05"},
        {"Pavadinimas": "Spalio paroda", "Tipas": "dailės", "Vieta": "II a. fojė", "Nuo": "2026-10-01",
         "Iki": "2026-10-31"},
    ])
    context = programme_context(events, exhibitions, month(2026, 12))
    titles = [e["pavadinimas"] for day in context["dienos"] for e in day["renginiai"]]
    assert titles == ["Koncertas „Vasaros serenados“", "Paskaita „Ilgas ruduo“"]
    assert context["dienos"][0]["data"] == "2026 m. gruodžio 1 d., antradienis"
    concert = context["dienos"][0]["renginiai"][0]
    assert concert["iejimas"] == "Įėjimas mokamas, bilieto kaina – 5,00 Eur"
    assert concert["apie"] == "Koncertas suaugusiesiems"
    assert [p["pavadinimas"] for p in context["parodos"]] == ["Paroda „Sena fotografija“"]
    assert context["parodos"][0]["datos"] == "2026 m. lapkričio 10 d. – gruodžio 5 d."


def test_ics_uid_survives_a_title_change_but_not_a_new_time():
    before = events_frame(event("Paskaita „Ilgas ruduo“", "2026-12-03"), event("Kita", "2026-12-03",
                                                                               **{"Pradžia": "10:00"}))
    renamed = events_frame(event("Paskaita „Ilgas ruduo“ (perkelta į salę)", "2026-12-03"),
                           event("Kita", "2026-12-03", **{"Pradžia": "10:00"}))
    moved = events_frame(event("Paskaita „Ilgas ruduo“", "2026-12-03", **{"Pradžia": "18:00"}))

    def uids(frame) -> list[str]:
        feed = Calendar.from_ical(calendar_bytes("PAVB", public_events(frame, dt.date(2026, 1, 1))))
        return sorted(str(component["uid"]) for component in feed.walk("VEVENT"))

    assert uids(before) == uids(renamed)
    assert len(set(uids(before))) == 2
    assert not set(uids(moved)) & set(uids(before))  # a new start time is a new event
    assert event_keys(before).iloc[0] == "renginiai/2026-12-03/1730/konferencijų salė"


def test_feed_leaves_out_cancelled_and_specialists_events_and_uses_vilnius_time():
    events = events_frame(event("Vieša paskaita", "2026-12-03"),
                          event("Atšaukta", "2026-12-04", **{"Būsena": "atšauktas"}),
                          event("Seminaras bibliotekininkams", "2026-12-05", **{"Tikslinė grupė": "specialistai"}))
    feed = calendar_bytes("PAVB", public_events(events, dt.date(2026, 1, 1), "PAVB")).decode()
    assert feed.count("BEGIN:VEVENT") == 1
    assert "DTSTART;TZID=Europe/Vilnius:20261203T173000" in feed
    assert "Atšaukta" not in feed and "bibliotekininkams" not in feed


def plan_frame(*rows: tuple[str, str, str | None, str]):
    return typed(TurinioPlanas, [{"Planuojama data": day, "Kanalas": channel, "Tema": f"Anonsas: {name}",
                                  "Susijęs renginys": name, "Būsena": state} for day, channel, name, state in rows])


def test_plan_items_link_to_the_nearest_event_with_that_title():
    events = events_frame(event("Kino klubo vakaras", "2026-12-03"), event("Kino klubo vakaras", "2027-01-07"),
                          event("Susitikimas (2-asis)", "2026-12-10"), event("Susitikimas (3-asis)", "2026-12-12"))
    plan = plan_frame(("2026-11-28", "Facebook", "Kino klubo vakaras", "planuojama"),
                      ("2027-01-02", "pavb.lt", "kino  klubo VAKARAS", "planuojama"),
                      ("2026-12-01", "pavb.lt", "Susitikimas (3-asis)", "planuojama"),
                      ("2026-12-01", "pavb.lt", "Niekas", "planuojama"))
    assert list(link_plan(events, plan)) == [2, 3, 5, None]


def test_events_without_planned_publicity_are_highlighted():
    events = events_frame(event("Viešinamas renginys", "2026-12-03"), event("Pamirštas renginys", "2026-12-04"),
                          event("Tik atšauktas viešinimas", "2026-12-05"), event("Praėjęs", "2026-11-01"))
    plan = plan_frame(("2026-11-28", "Facebook", "Viešinamas renginys", "suderinta"),
                      ("2026-11-29", "Facebook", "Tik atšauktas viešinimas", "atšaukta"))
    plan = plan.assign(_event=link_plan(events, plan))
    calendar, overview = publicity_calendar(events, plan, TODAY)
    titles = list(overview.frame["pavadinimas"])
    assert titles == ["Viešinamas renginys", "Pamirštas renginys", "Tik atšauktas viešinimas"]
    assert [overview.row_styles[i] for i in range(3)] == ["gerai", "įspėjimas", "įspėjimas"]
    flagged = {calendar.frame["pavadinimas"][i] for i, style in calendar.row_styles.items() if style == "įspėjimas"}
    assert flagged == {"Pamirštas renginys", "Tik atšauktas viešinimas"}


def test_demo_run_programme_feed_calendar_and_statistics(demo_workspace: Path, run_job, tmp_path: Path):
    report = run_job(demo_workspace, "renginiu_programa")
    assert report.ok, report.jobs
    folder = demo_workspace / "ataskaitos" / "2026" / "Renginiai"
    programme = all_text(folder / "Renginių programa 2026-12.docx")
    assert "2026 m. gruodis" in programme and "2026 m. gruodžio 1 d." in programme
    rows = input_rows(demo_workspace / "renginiai.xlsx", "Renginiai")
    days = Days(dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    december = [(n, r) for n, r in rows if r["Data"] and day(r["Data"]) in days]
    bad = error_rows(report, "renginiai", "Renginiai")
    shown = [r["Pavadinimas"] for n, r in december if r["Būsena"] != "atšauktas" and n not in bad]
    cancelled = {r["Pavadinimas"] for n, r in december if r["Būsena"] == "atšauktas"} - set(shown)
    assert shown and all(title in programme for title in shown)
    assert not any(title in programme for title in cancelled)

    feed = Calendar.from_ical((folder / "Renginiai.ics").read_bytes())
    uids = [str(e["uid"]) for e in feed.walk("VEVENT")]
    assert uids and len(uids) == len(set(uids))
    assert all(e["dtstart"].dt.tzinfo.key == "Europe/Vilnius" for e in feed.walk("VEVENT"))

    calendar = load_workbook(folder / "Viešinimo kalendorius.xlsx")
    assert calendar.sheetnames == ["Viešinimo kalendorius", "Renginiai", "Kiti įrašai"]

    period = SO_FAR_2026
    held = [r for n, r in rows if n not in bad and r["Būsena"] == "įvyko" and day(r["Data"]) in period]
    months = table(folder / "Renginių statistika 2026.xlsx", "Mėnesiai", "Mėnuo")
    assert months[-1]["Mėnuo"] == "Iš viso"
    assert months[-1]["Renginiai"] == len(held)
    assert months[-1]["Dalyviai"] == sum(count(r["Dalyviai"]) for r in held)
    assert months[10]["Mėnuo"] == "lapkritis"
    kinds = table(folder / "Renginių statistika 2026.xlsx", "Forma", "Forma")
    assert sum(row["Renginiai"] for row in kinds[:-1]) == len(held)

    for path in outputs(demo_workspace, report):  # every document opens
        assert all_text(path)
    again = run_job(demo_workspace, "renginiu_programa")
    assert again.jobs[0].skipped and again.jobs[0].published == []  # nothing changed: nothing done


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_opens_a_programme_and_a_statistics_workbook(demo_workspace: Path, run_job, tmp_path: Path):
    run_job(demo_workspace, "renginiu_programa")
    folder = demo_workspace / "ataskaitos" / "2026" / "Renginiai"
    for name in ("Renginių programa 2026-12.docx", "Renginių statistika 2026.xlsx"):
        pdf = to_pdf(folder / name, tmp_path)
        assert pdf is not None and pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
