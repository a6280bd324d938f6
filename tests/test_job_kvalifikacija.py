"""The qualification job: schedule, calendar, certificates and their register, hours, needs and plan."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from docx import Document
from icalendar import Calendar
from openpyxl import load_workbook
from regional_support import (
    day,
    doc_tables,
    libraries,
    municipality,
    norm,
    num,
    published,
    run_once,
    sheet_rows,
    table,
    yes,
)

from automations.domain import training
from automations.register import NOT_REISSUED, Entry, assign_numbers, read_register, register_workbook

TODAY = dt.date(2026, 11, 22)
YEAR = 2026
FOLDER = f"{YEAR}/Kvalifikacija"


# ------------------------------------------------------------------ pure functions
def test_coming_quarter_is_the_next_calendar_quarter():
    assert training.coming_quarter(dt.date(2026, 11, 22)) == (2027, 1)
    assert training.coming_quarter(dt.date(2026, 3, 31)) == (2026, 2)
    assert training.quarter_bounds(2027, 1) == (dt.date(2027, 1, 1), dt.date(2027, 3, 31))
    assert training.quarter_bounds(2026, 4) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))


def test_hours_text_and_training_days():
    assert [training.hours_text(v) for v in (Decimal("6.00"), Decimal("3.50"), 2.25, None)] == ["6", "3,5", "2,25", ""]
    # Friday to Tuesday: the weekend in between is skipped
    days = training.training_days(dt.date(2026, 3, 6), dt.date(2026, 3, 10))
    assert days == [dt.date(2026, 3, 6), dt.date(2026, 3, 9), dt.date(2026, 3, 10)]


def test_hours_typed_for_someone_who_did_not_attend_is_a_warning():
    from sheets_schema.base import Severity
    from sheets_schema.kvalifikacija import Dalyvis

    row = {"Mokymų kodas": "KT-2026-001", "Vardas, pavardė": "Ona Jonaitė", "Biblioteka": "BIR-SVB"}
    absent = Dalyvis.model_validate({**row, "Dalyvavo": "Ne", "Išklausyta, akad. val.": "4"})
    assert [(i.rule, i.severity) for i in absent.checks()] == [("nedalyvavo_bet_valandos", Severity.WARNING)]
    assert list(Dalyvis.model_validate({**row, "Dalyvavo": "Taip", "Išklausyta, akad. val.": "4"}).checks()) == []


def _trainings(*rows: dict) -> pd.DataFrame:
    base = {"kodas": None, "pavadinimas": "Mokymai", "forma": "seminaras", "budas": "kontaktinis", "lektorius": None,
            "kompetenciju_sritis": "komunikacija", "data_nuo": None, "data_iki": None, "pradzia": None,
            "pabaiga": None, "vieta": "PAVB", "trukme": Decimal(6), "tiksline_grupe": None, "vietu_skaicius": None,
            "pazymejimas": True}
    return pd.DataFrame([{**base, **row} for row in rows])


def test_schedule_places_left_and_one_calendar_event_per_day():
    trainings = _trainings(
        {"kodas": "KT-2027-001", "data_nuo": dt.date(2027, 2, 9), "data_iki": dt.date(2027, 2, 11),
         "pradzia": dt.time(10), "pabaiga": dt.time(15), "vietu_skaicius": 3},
        {"kodas": "KT-2027-002", "data_nuo": dt.date(2027, 4, 1)})
    people = pd.DataFrame({"mokymu_kodas": ["KT-2027-001", "kt-2027-001 "], "vardas_pavarde": ["A", "B"]})
    planned = training.schedule(trainings, people, dt.date(2027, 1, 1), dt.date(2027, 3, 31))
    assert list(planned["kodas"]) == ["KT-2027-001"]
    assert (planned.at[0, "registruota"], planned.at[0, "liko_vietu"]) == (2, 1)
    assert planned.at[0, "datos"] == "2027 m. vasario 9–11 d."
    events = training.calendar_events(planned)
    assert [(e.start, e.end) for e in events] == [
        (dt.datetime(2027, 2, day, 10), dt.datetime(2027, 2, day, 15)) for day in (9, 10, 11)]
    assert len({e.key for e in events}) == 3 and events[0].summary.endswith("(1 diena iš 3)")


def test_numbers_stay_new_ones_follow_removed_ones_are_kept():
    def entry(code: str, name: str) -> Entry:
        return Entry("", code, name, "Biblioteka", dt.date(2026, 3, 1))

    first = assign_numbers([], [entry("KT-2026-001", "Ona Jonaitė"), entry("KT-2026-001", "Jonas Jonaitis")],
                           "PAVB-KT", 2026)
    assert [(e.number, e.name) for e in first] == [("PAVB-KT-2026-0001", "Ona Jonaitė"),
                                                  ("PAVB-KT-2026-0002", "Jonas Jonaitis")]
    again = read_register(register_workbook(first, "Registras"))
    assert again == first
    second = assign_numbers(again, [entry("KT-2026-002", "Rūta Rūtaitė"), entry("kt-2026-001", "ona  JONAITĖ")],
                            "PAVB-KT", 2026)
    numbers = {e.name: (e.number, e.status) for e in second}
    assert numbers["ona  JONAITĖ"][0] == "PAVB-KT-2026-0001"
    assert numbers["Rūta Rūtaitė"][0] == "PAVB-KT-2026-0003"
    assert numbers["Jonas Jonaitis"] == ("PAVB-KT-2026-0002", NOT_REISSUED)
    third = assign_numbers(second, [entry("KT-2026-001", "Jonas Jonaitis"), entry("KT-2026-003", "Naujas Naujokas")],
                           "PAVB-KT", 2026)
    assert {e.name: e.number for e in third}["Jonas Jonaitis"] == "PAVB-KT-2026-0002"
    assert {e.name: e.number for e in third}["Naujas Naujokas"] == "PAVB-KT-2026-0004"


def test_needs_ranking_and_draft_plan():
    answers = pd.DataFrame([
        {"laiko_zyme": dt.datetime(2026, 9, 1), "biblioteka": "X", "kompetenciju_sritys": "komunikacija, kita",
         "prioritetas": "1", "ketvirtis": "II", "pageidaujama_forma": "nuotoliniai mokymai", "_row": 2},
        {"laiko_zyme": dt.datetime(2026, 9, 2), "biblioteka": "X", "kompetenciju_sritys": "komunikacija",
         "prioritetas": "3", "ketvirtis": "II", "pageidaujama_forma": None, "_row": 3},
        {"laiko_zyme": dt.datetime(2026, 9, 3), "biblioteka": "X", "kompetenciju_sritys": "dirbtinis intelektas",
         "prioritetas": "2", "ketvirtis": "I", "pageidaujama_forma": None, "_row": 4},
        {"laiko_zyme": dt.datetime(2025, 9, 3), "biblioteka": "X", "kompetenciju_sritys": "prieinamumas",
         "prioritetas": "1", "ketvirtis": "I", "pageidaujama_forma": None, "_row": 5},
    ])
    from sheets_schema.references import References

    long = training.needs_long(answers, References(), 2026)
    ranked = training.rank_areas(long)
    # points: priority 1 = 3, 2 = 2, 3 = 1; the 2025 answer is not this year's
    assert list(ranked["sritis"]) == ["komunikacija", "kita", "dirbtinis intelektas"]
    assert list(ranked["balai"]) == [4, 3, 2]
    assert ranked.set_index("sritis").loc["komunikacija", "paminejimai"] == 2
    done = pd.DataFrame({"sritis": ["komunikacija"], "mokymai": [2], "asmenys": [30], "valandos": [12.0]})
    plan = training.draft_plan(ranked, long, done, 2027)
    assert "kita" not in set(plan["sritis"])
    rows = plan.set_index("sritis")
    assert rows.loc["komunikacija", "ketvirtis"] == "II" and rows.loc["komunikacija", "pastaba"].startswith("šiemet: 2")
    assert rows.loc["dirbtinis intelektas", "ketvirtis"] == "I"
    assert rows.loc["komunikacija", "forma"] == "nuotoliniai mokymai"


# ------------------------------------------------------------------ the job on the demo workspace
@pytest.fixture(scope="module")
def produced(demo_source: Path, tmp_path_factory: pytest.TempPathFactory):
    workspace = tmp_path_factory.mktemp("kvalifikacija") / "demo"
    shutil.copytree(demo_source, workspace)
    first = run_once(workspace, "kvalifikacija", today=TODAY)
    second = run_once(workspace, "kvalifikacija", today=TODAY)
    return workspace, first, second


def _attendance(workspace: Path, report) -> list[dict]:
    """Independent: first row per (code, person), attended, training ending in the year, with hours."""
    source = workspace / "kvalifikacija.xlsx"
    courses = {norm(r["Kodas"]): r for _, r in sheet_rows(source, "Mokymai")}
    libs = libraries(workspace)
    seen, found = set(), []
    for _, row in sheet_rows(source, "Dalyviai"):
        key = (norm(row["Mokymų kodas"]), norm(row["Vardas, pavardė"]))
        course = courses.get(key[0])
        if key in seen or course is None:
            continue
        seen.add(key)
        end = day(course["Data iki"]) or day(course["Data nuo"])
        if not yes(row["Dalyvavo"]) or end.year != YEAR:
            continue
        hours = num(row["Išklausyta, akad. val."])
        lib = libs.get(norm(row["Biblioteka"]))
        found.append({"code": course["Kodas"], "name": row["Vardas, pavardė"], "end": end,
                      "hours": hours if hours is not None else num(course["Trukmė, akad. val."]),
                      "municipality": municipality(lib["Savivaldybė"]) if lib else "ne teritorijos biblioteka",
                      "certificate": yes(course["Pažymėjimas"]), "organiser": course["Organizatorius"] or "",
                      "programme": num(course["Trukmė, akad. val."])})
    return found


def test_outputs_and_a_rerun_writes_nothing(produced):
    _, first, second = produced
    paths = published(first, "kvalifikacija")
    for name in (f"Mokymų grafikas {YEAR}.xlsx", "Mokymų grafikas 2027 m. I ketvirtis.docx", "Mokymų kalendorius.ics",
                 f"Mokymų valandos {YEAR}.xlsx", "Mokymų valandos asmenims (riboto naudojimo).xlsx",
                 f"Mokymų poreikių analizė {YEAR}.xlsx", f"Mokymų plano projektas {YEAR + 1}.docx",
                 f"Pažymėjimų registras {YEAR}.xlsx"):
        assert f"{FOLDER}/{name}" in paths
    rerun = next(run for run in second.jobs if run.job == "kvalifikacija")
    assert rerun.ok and rerun.skipped and rerun.published == []  # nothing changed: nothing read, nothing written


def test_schedule_for_the_coming_quarter_and_places_left(produced):
    workspace, _, _ = produced
    source = workspace / "kvalifikacija.xlsx"
    courses = [r for _, r in sheet_rows(source, "Mokymai")]
    registered = defaultdict(set)
    for _, row in sheet_rows(source, "Dalyviai"):
        registered[norm(row["Mokymų kodas"])].add(norm(row["Vardas, pavardė"]))
    expected = sorted(r["Kodas"] for r in courses if dt.date(2027, 1, 1) <= day(r["Data nuo"]) <= dt.date(2027, 3, 31))
    sheet = table(workspace / "ataskaitos" / FOLDER / f"Mokymų grafikas {YEAR}.xlsx", "Ateinantis ketvirtis", "Kodas")
    assert [row["Kodas"] for row in sheet] == expected and expected
    year_sheet = table(workspace / "ataskaitos" / FOLDER / f"Mokymų grafikas {YEAR}.xlsx", f"{YEAR} m.", "Kodas")
    assert len(year_sheet) == sum(1 for r in courses if day(r["Data nuo"]).year == YEAR)
    for row in year_sheet:
        capacity = next(num(r["Vietų skaičius"]) for r in courses if r["Kodas"] == row["Kodas"])
        assert row["Liko vietų"] == capacity - len(registered[norm(row["Kodas"])])
    document = doc_tables(workspace / "ataskaitos" / FOLDER / "Mokymų grafikas 2027 m. I ketvirtis.docx")
    assert [row[2].split("(")[-1].rstrip(")") for row in document[0][1:]] == expected


def test_calendar_has_one_event_per_training_day_in_vilnius_time(produced):
    workspace, _, _ = produced
    calendar = Calendar.from_ical((workspace / "ataskaitos" / FOLDER / "Mokymų kalendorius.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    courses = [r for _, r in sheet_rows(workspace / "kvalifikacija.xlsx", "Mokymai")]
    expected = 0
    for course in courses:
        start = day(course["Data nuo"])
        if start.year == YEAR or dt.date(2027, 1, 1) <= start <= dt.date(2027, 3, 31):
            end = day(course["Data iki"]) or start
            expected += sum(1 for n in range((end - start).days + 1)
                            if (start + dt.timedelta(n)).weekday() < 5 or n in (0, (end - start).days))
    assert len(events) == expected
    assert len({str(event["UID"]) for event in events}) == expected
    assert all(event.decoded("DTSTART").tzinfo.key == "Europe/Vilnius" for event in events)


def test_hours_per_municipality_match_and_no_names_in_the_general_report(produced):
    workspace, first, _ = produced
    attended = _attendance(workspace, first)
    expected = defaultdict(float)
    for row in attended:
        expected[row["municipality"]] += row["hours"]
    path = workspace / "ataskaitos" / FOLDER / f"Mokymų valandos {YEAR}.xlsx"
    sheet = {row["Savivaldybė"]: row for row in table(path, "Savivaldybės", "Savivaldybė")}
    assert set(sheet) == set(expected)
    for name, hours in expected.items():
        assert sheet[name]["Akad. val."] == pytest.approx(hours)
    text = " ".join(str(v) for ws in load_workbook(path).worksheets for row in ws.iter_rows(values_only=True)
                    for v in row if v is not None)
    assert not any(row["name"] in text for row in attended)
    people = table(workspace / "ataskaitos" / FOLDER / "Mokymų valandos asmenims (riboto naudojimo).xlsx", "Asmenys",
                   "Vardas, pavardė")
    assert sum(row["Akad. val."] for row in people) == pytest.approx(sum(expected.values()))


def test_one_certificate_per_attendant_numbered_in_order(produced):
    workspace, first, _ = produced
    attended = [row for row in _attendance(workspace, first) if row["certificate"] and row["end"] <= TODAY]
    granted = [row for row in attended if not row["organiser"] or row["organiser"].startswith("PAVB ")]
    assert len(granted) < len(attended)  # trainings LNB or LBD organised get no PAVB-numbered certificate
    paths = [p for p in published(first, "kvalifikacija") if p.startswith(f"{YEAR}/Pažymėjimai/")]
    assert len(paths) == len(granted) > 0
    numbers = sorted(Path(p).name.split(" ")[0] for p in paths)
    assert numbers == [f"PAVB-KT-{YEAR}-{n:04d}" for n in range(1, len(granted) + 1)]
    register = table(workspace / "ataskaitos" / FOLDER / f"Pažymėjimų registras {YEAR}.xlsx", "Registras", "Nr.")
    assert [row["Nr."] for row in register] == numbers
    one = register[0]
    text = "\n".join(p.text for p in Document(
        workspace / "ataskaitos" / f"{YEAR}/Pažymėjimai/{one['Nr.']} {one['Vardas, pavardė']}.docx").paragraphs)
    person = next(r for r in granted if r["code"] == one["Mokymų kodas"] and r["name"] == one["Vardas, pavardė"])
    assert one["Vardas, pavardė"] in text and f"Nr. {one['Nr.']}" in text
    assert f"išklausė {training.hours_text(person['hours'])} akad. val." in text
    if person["hours"] < person["programme"]:
        assert f"iš {training.hours_text(person['programme'])} akad. val. programos" in text
    assert f"{YEAR} m. " in text and "PAŽYMĖJIMAS" in text and f"Organizatorius – {person['organiser']}" in text
    assert "Direktorė Vida Bukauskienė" in text


def test_needs_ranking_counts_the_years_answers(produced):
    workspace, _, _ = produced
    counts = defaultdict(int)
    for _, row in sheet_rows(workspace / "kvalifikacija.xlsx", "Poreikiai"):
        if row["Laiko žymė"].year == YEAR:
            for area in {norm(a) for a in str(row["Kompetencijų sritys"]).split(",") if a.strip()}:
                counts[area] += 1
    sheet = table(workspace / "ataskaitos" / FOLDER / f"Mokymų poreikių analizė {YEAR}.xlsx", "Sritys", "Vieta")
    assert {norm(row["Kompetencijų sritis"]): row["Atsakymai"] for row in sheet} == counts
    plan = table(workspace / "ataskaitos" / FOLDER / f"Mokymų poreikių analizė {YEAR}.xlsx", f"Planas {YEAR + 1}",
                 "Ketvirtis")
    assert 0 < len(plan) <= training.PLAN_AREAS
    per_quarter = defaultdict(int)
    for row in plan:
        per_quarter[row["Ketvirtis"]] += 1
    assert max(per_quarter.values()) <= training.PLAN_PER_QUARTER


# ------------------------------------------------------------------ numbering across runs
def _keep_certificates_for(workspace: Path, codes: set[str]) -> None:
    path = workspace / "kvalifikacija.xlsx"
    book = load_workbook(path)
    sheet = book["Mokymai"]
    headers = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value and row[0].value not in codes:
            row[headers.index("Pažymėjimas")].value = "Ne"
    book.save(path)


def _edit_participants(workspace: Path, remove: str | None = None, add: list | None = None) -> None:
    path = workspace / "kvalifikacija.xlsx"
    book = load_workbook(path)
    sheet = book["Dalyviai"]
    if remove:
        for row in sheet.iter_rows(min_row=2):
            if row[1].value == remove:
                sheet.delete_rows(row[0].row)
                break
    if add:
        sheet.append(add)
    book.save(path)


def _register(workspace: Path) -> dict[str, dict]:
    rows = table(workspace / "ataskaitos" / FOLDER / f"Pažymėjimų registras {YEAR}.xlsx", "Registras", "Nr.")
    return {row["Nr."]: row for row in rows}


def test_numbering_across_runs_with_participants_added_and_removed(demo_workspace: Path, run_job):
    _keep_certificates_for(demo_workspace, {"KT-2026-001", "KT-2026-002"})
    first = published(run_job(demo_workspace, "kvalifikacija"), "kvalifikacija")
    before = _register(demo_workspace)
    assert before and all(row["Būsena"] == "išduotas" for row in before.values())
    removed = next(row for row in before.values() if row["Mokymų kodas"] == "KT-2026-001")
    _edit_participants(demo_workspace, remove=removed["Vardas, pavardė"],
                       add=["KT-2026-002", "Naujoji Dalyvė", "BIR-SVB", None, None, "Taip", None])
    second = published(run_job(demo_workspace, "kvalifikacija"), "kvalifikacija")
    after = _register(demo_workspace)
    for number, row in before.items():  # nothing renumbered
        assert (after[number]["Mokymų kodas"], after[number]["Vardas, pavardė"]) == (
            row["Mokymų kodas"], row["Vardas, pavardė"])
    assert after[removed["Nr."]]["Būsena"] == NOT_REISSUED
    newest = f"PAVB-KT-{YEAR}-{len(before) + 1:04d}"
    assert after[newest]["Vardas, pavardė"] == "Naujoji Dalyvė"
    assert f"{YEAR}/Pažymėjimai/{newest} Naujoji Dalyvė.docx" in second
    assert f"{YEAR}/Pažymėjimai/{removed['Nr.']} {removed['Vardas, pavardė']}.docx" in first
    assert f"{YEAR}/Pažymėjimai/{removed['Nr.']} {removed['Vardas, pavardė']}.docx" not in second
    _edit_participants(demo_workspace, add=["KT-2026-001", removed["Vardas, pavardė"], removed["Biblioteka"], None,
                                            None, "Taip", None])
    run_job(demo_workspace, "kvalifikacija")
    last = _register(demo_workspace)
    assert last[removed["Nr."]]["Būsena"] == "išduotas"  # back with the same number
    assert len(last) == len(before) + 1
