"""Commissions: quorum on the meeting date, overdue decisions as of --today, the calendar, invitations,
protocols and the decision tracker."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from communication_support import all_text
from figures_support import StubResult, figures, rows
from icalendar import Calendar
from openpyxl import load_workbook
from regional_support import published, run_once, table
from test_schema_apklausos import MemoryBackend

from automations.config import Settings
from automations.domain.commissions import overdue_problems
from automations.notify.builders.commissions import invitation_letters
from automations.notify.inputs import Inputs
from automations.validation import validate_workbook
from sheets_schema import workbook
from sheets_schema.base import Severity
from sheets_schema.komisijos import names, overdue, quorum

YEAR = 2026
TODAY = dt.date(2026, 11, 22)
FOLDER = Path("ataskaitos") / str(YEAR)

MEMBERS = rows(*[{"komisija": "KOM-01", "vardas_pavarde": name, "biblioteka": "PAVB", "nuo": start, "iki": end,
                  "vaidmuo": "narys", "el_pastas": mail}
                 for name, start, end, mail in (
                     ("Rūta Urbonienė", None, None, "ruta@b.lt"), ("Asta Kairienė", None, None, "asta@b.lt"),
                     ("Jonas Butkus", None, dt.date(2026, 6, 30), "jonas@b.lt"),
                     ("Eglė Mockutė", dt.date(2026, 7, 1), None, None),
                     ("Lina Pocienė", None, None, "lina@b.lt"))])
BODIES = rows({"kodas": "KOM-01", "pavadinimas": "Metodinė taryba", "tipas": "taryba", "pirmininkas": "Rūta Urbonienė",
               "sekretorius": "Asta Kairienė", "sudaryta": dt.date(2025, 1, 1), "veikia_iki": None})


def test_quorum_counts_the_members_in_office_on_the_meeting_date():
    spring = quorum(MEMBERS, "kom-01", dt.date(2026, 3, 1), "Rūta Urbonienė, jonas  butkus; Svečias Petras")
    assert (spring.members, spring.needed, spring.present, spring.guests) == (
        4, 3, ("Rūta Urbonienė", "Jonas Butkus"), ("Svečias Petras",))
    assert not spring.reached
    autumn = quorum(MEMBERS, "KOM-01", dt.date(2026, 9, 1), "Rūta Urbonienė\nEglė Mockutė\nLina Pocienė")
    assert (autumn.members, autumn.needed, len(autumn.present), autumn.reached) == (4, 3, 3, True)
    # Jonas left on 30 June: in September his name makes him a guest
    assert quorum(MEMBERS, "KOM-01", dt.date(2026, 9, 1), "Jonas Butkus").guests == ("Jonas Butkus",)
    assert names("A, B;  a\nC") == ["A", "B", "C"]


def test_decisions_are_overdue_relative_to_today():
    decisions = rows({"komisija": "KOM-01", "posedzio_nr": 1, "terminas": dt.date(2026, 5, 1), "busena": "vykdoma"},
                     {"komisija": "KOM-01", "posedzio_nr": 1, "terminas": dt.date(2026, 5, 1), "busena": "įvykdyta"},
                     {"komisija": "KOM-01", "posedzio_nr": 1, "terminas": dt.date(2026, 8, 1), "busena": "neįvykdyta"},
                     {"komisija": "KOM-01", "posedzio_nr": 1, "terminas": None, "busena": "neįvykdyta"},
                     {"komisija": "KOM-01", "posedzio_nr": 1, "terminas": dt.date(2026, 4, 1), "busena": "nebeaktualu"})
    assert overdue(decisions, dt.date(2026, 6, 1))["_row"].tolist() == [2]
    assert overdue(decisions, dt.date(2026, 8, 2))["_row"].tolist() == [2, 4]
    assert overdue(decisions, dt.date(2026, 8, 1))["_row"].tolist() == [2]  # due today is not late yet
    result = StubResult("komisijos", {"Sprendimai": decisions})
    problems = list(overdue_problems(result, dt.date(2026, 8, 2)))
    assert [(p.row, p.rule, p.severity, p.column) for p in problems] == [
        (2, "veluoja", Severity.WARNING, "Terminas"), (4, "veluoja", Severity.WARNING, "Terminas")]


def test_meeting_and_decision_figures_over_small_frames():
    meetings = rows(
        {"komisija": "KOM-01", "nr": 1, "data": dt.date(2026, 3, 1), "busena": "įvyko", "vieta": "PAVB",
         "darbotvarke": "A", "dalyvavo": "Rūta Urbonienė, Asta Kairienė, Jonas Butkus"},  # 3 of 4
        {"komisija": "KOM-01", "nr": 2, "data": dt.date(2026, 9, 1), "busena": "įvyko", "vieta": "PAVB",
         "darbotvarke": "A", "dalyvavo": "Rūta Urbonienė"},  # 1 of 4: no quorum
        {"komisija": "KOM-01", "nr": 3, "data": dt.date(2026, 12, 1), "busena": "planuojamas", "vieta": "PAVB",
         "darbotvarke": "A", "dalyvavo": None},
        {"komisija": "KOM-01", "nr": 4, "data": dt.date(2026, 10, 1), "busena": "atšauktas", "vieta": "PAVB",
         "darbotvarke": "A", "dalyvavo": None})
    decisions = rows({"komisija": "KOM-01", "posedzio_nr": 1, "terminas": dt.date(2026, 4, 1), "busena": "įvykdyta"},
                     {"komisija": "KOM-01", "posedzio_nr": 2, "terminas": dt.date(2026, 10, 1), "busena": "vykdoma"},
                     {"komisija": "KOM-01", "posedzio_nr": 3, "terminas": None, "busena": "neįvykdyta"})
    counted = figures(dt.date(2026, 11, 22), komisijos={"Komisijos": BODIES, "Nariai": MEMBERS, "Posėdžiai": meetings,
                                                        "Sprendimai": decisions})
    value = {name: counted.get(f"komisijos.{name}", 2026).value for name in (
        "posedziai", "lankomumas", "be_kvorumo", "suplanuoti", "sprendimai", "ivykdyti", "veluojantys", "veikiancios")}
    assert value == {"posedziai": 2, "lankomumas": pytest.approx(4 / 8 * 100), "be_kvorumo": 1, "suplanuoti": 1,
                     "sprendimai": 2, "ivykdyti": 1, "veluojantys": 1, "veikiancios": 1}
    earlier = figures(dt.date(2026, 6, 1), komisijos={"Komisijos": BODIES, "Nariai": MEMBERS, "Posėdžiai": meetings,
                                                      "Sprendimai": decisions})
    assert earlier.get("komisijos.posedziai", 2026).value == 1 and earlier.get("komisijos.veluojantys", 2026).value == 0


def test_the_rules_find_a_member_twice_a_meeting_without_quorum_and_a_decision_without_a_meeting():
    backend = MemoryBackend({
        "Komisijos": [["Kodas", "Pavadinimas", "Tipas", "Pirmininkas"], ["KOM-01", "Taryba", "taryba", "Rūta"]],
        "Nariai": [["Komisija", "Vardas, pavardė", "Biblioteka", "Nuo", "Iki"],
                   ["KOM-01", "Rūta", "PAVB", None, None], ["KOM-01", "Asta", "PAVB", None, "2026-06-30"],
                   ["KOM-01", "Asta", "PAVB", "2026-09-01", None],  # rejoined: not twice
                   ["KOM-01", "Jonas", "PAVB", None, None], ["kom-01", "jonas ", "PAVB", "2026-01-01", None],
                   ["KOM-09", "Lina", "PAVB", None, None]],
        "Posėdžiai": [["Komisija", "Nr.", "Data", "Vieta / būdas", "Darbotvarkė", "Dalyvavo", "Būsena"],
                      ["KOM-01", 1, "2026-03-01", "PAVB", "A\nB", "Rūta", "įvyko"],
                      ["KOM-01", 2, "2026-10-01", "PAVB", "A", "Rūta, Asta", "įvyko"]],
        "Sprendimai": [["Komisija", "Posėdžio Nr.", "Sprendimas", "Atsakingas", "Būsena"],
                       ["KOM-01", 1, "Parengti", "Rūta", "vykdoma"], ["KOM-01", 7, "Parengti", "Rūta", "vykdoma"]]})
    result = validate_workbook(workbook("komisijos"), backend)
    found = {(p.tab, p.row, p.rule, p.severity) for p in result.problems}
    assert found == {("Nariai", 6, "narys_dukart", Severity.ERROR), ("Nariai", 7, "nezinoma_komisija", Severity.ERROR),
                     ("Posėdžiai", 2, "nera_kvorumo", Severity.WARNING),
                     ("Sprendimai", 3, "nera_posedzio", Severity.ERROR)}
    assert result.frame("Posėdžiai")["darbotvarke"].tolist() == ["A\nB", "A"]  # the agenda keeps its lines


def test_invitations_go_to_members_in_office_with_an_address():
    meetings = rows({"komisija": "KOM-01", "nr": 3, "data": dt.date(2026, 7, 10), "pradzia": dt.time(10),
                     "busena": "planuojamas", "vieta": "https://meet.google.com/x", "darbotvarke": "Planas\nKita"},
                    {"komisija": "KOM-01", "nr": 4, "data": dt.date(2026, 9, 10), "pradzia": None,
                     "busena": "planuojamas", "vieta": "PAVB", "darbotvarke": "A"})
    results = {"komisijos": StubResult("komisijos", {"Komisijos": BODIES, "Nariai": MEMBERS, "Posėdžiai": meetings})}
    planned = list(invitation_letters(Inputs(Settings(), dt.date(2026, 7, 1), results)))
    letters = [item for item in planned if hasattr(item, "address")]
    assert sorted(letter.address for letter in letters) == ["asta@b.lt", "lina@b.lt", "ruta@b.lt"]  # Jonas left
    assert {letter.key for letter in letters} == {"komisijos/KOM-01/3"}  # September is too far ahead
    assert letters[0].context["darbotvarke"] == ["Planas", "Kita"] and letters[0].context["laikas"] == "10:00"
    assert [item.reason for item in planned if not hasattr(item, "address")] == ["1 nariai be el. pašto adreso"]


@pytest.fixture(scope="module")
def produced(demo_source: Path, tmp_path_factory: pytest.TempPathFactory):
    workspace = tmp_path_factory.mktemp("komisijos") / "demo"
    shutil.copytree(demo_source, workspace)
    return workspace, run_once(workspace, "komisijos"), run_once(workspace, "komisijos")


def test_calendar_has_stable_uids_in_vilnius_time(produced):
    workspace, _, again = produced
    assert not any(item.written for item in published(again, "komisijos").values())
    feed = Calendar.from_ical((workspace / FOLDER / "Komisijos" / "Komisijų posėdžiai.ics").read_bytes())
    events = list(feed.walk("VEVENT"))
    sheet = load_workbook(workspace / "komisijos.xlsx")["Posėdžiai"]
    meetings = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] and r[7] != "atšauktas"]
    assert len(events) == len(meetings) and len({str(e["UID"]) for e in events}) == len(events)
    assert all(e["DTSTART"].dt.tzinfo is not None and str(e["DTSTART"].params["TZID"]) == "Europe/Vilnius"
               for e in events)


def test_a_renamed_body_keeps_its_meetings_calendar_identities(demo_source: Path, tmp_path: Path):
    workspace = tmp_path / "demo"
    shutil.copytree(demo_source, workspace)
    feed = workspace / FOLDER / "Komisijos" / "Komisijų posėdžiai.ics"
    run_once(workspace, "komisijos")
    before = {str(e["UID"]) for e in Calendar.from_ical(feed.read_bytes()).walk("VEVENT")}
    book = load_workbook(workspace / "komisijos.xlsx")
    for row in book["Komisijos"].iter_rows(min_row=2):
        row[1].value = f"{row[1].value} (pervadinta)"
    book.save(workspace / "komisijos.xlsx")
    assert run_once(workspace, "komisijos").ok
    events = list(Calendar.from_ical(feed.read_bytes()).walk("VEVENT"))
    assert {str(e["UID"]) for e in events} == before and all("(pervadinta)" in str(e["SUMMARY"]) for e in events)


def test_invitations_protocols_and_the_tracker(produced):
    workspace, report, _ = produced
    files = {Path(path).name: path for path in published(report, "komisijos")}
    invitations = [name for name in files if name.startswith("Kvietimas")]
    assert invitations and all(dt.date.fromisoformat(name[-15:-5]) >= TODAY for name in invitations)
    protocols = [name for name in files if name.startswith("Protokolas")]
    assert len(protocols) >= 10
    texts = [all_text(workspace / "ataskaitos" / files[name]) for name in protocols]
    assert all("Kvorumas yra" in text or "KVORUMO NĖRA" in text for text in texts)
    assert sum("KVORUMO NĖRA" in text for text in texts) == 1  # the demo's working group meeting of two
    tracker = table(workspace / FOLDER / "Komisijos" / "Sprendimų vykdymas 2026.xlsx", "Neįvykdyti", "Komisija")
    late = [row["Vėluoja, d."] for row in tracker]
    assert late[0] and late == sorted(late, key=lambda d: (d is None, -(d or 0)))  # overdue first, longest first


def test_a_later_today_makes_more_decisions_overdue(demo_source: Path, tmp_path: Path):
    workspace = tmp_path / "demo"
    shutil.copytree(demo_source, workspace)
    now = run_once(workspace, "komisijos")
    later = run_once(workspace, "komisijos", today=dt.date(2026, 12, 31))
    count = lambda report: sum(p.rule == "veluoja" for p in report.results["komisijos"].problems)  # noqa: E731
    assert count(later) > count(now) >= 2


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_opens_a_protocol_an_invitation_and_the_tracker(produced, tmp_path: Path):
    workspace, report, _ = produced
    paths = published(report, "komisijos")
    chosen = [next(p for p in paths if "Protokolas" in p), next(p for p in paths if "Kvietimas" in p),
              next(p for p in paths if p.endswith("Sprendimų vykdymas 2026.docx"))]
    for path in chosen:
        source = workspace / "ataskaitos" / path
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                       check=True, capture_output=True, timeout=180)
        assert (tmp_path / f"{source.stem}.pdf").stat().st_size > 5000, path


def test_the_invitation_message_reads_well(tmp_path: Path):
    from automations.config import load_settings
    from automations.notify.render import LetterRenderer
    from automations.workspace import create_workspace

    create_workspace(tmp_path)
    meetings = rows({"komisija": "KOM-01", "nr": 3, "data": dt.date(2026, 7, 10), "pradzia": dt.time(10),
                     "busena": "planuojamas", "vieta": "PAVB, 204 kab.", "darbotvarke": "Planas\nKita"})
    results = {"komisijos": StubResult("komisijos", {"Komisijos": BODIES, "Nariai": MEMBERS, "Posėdžiai": meetings})}
    letter = next(item for item in invitation_letters(Inputs(Settings(), dt.date(2026, 7, 1), results))
                  if getattr(item, "address", "") == "ruta@b.lt")
    rendered = LetterRenderer(load_settings(tmp_path), dt.date(2026, 7, 1)).render(letter)
    assert rendered.subject == "Kvietimas į posėdį 2026 m. liepos 10 d.: Metodinė taryba"
    assert "2026 m. liepos 10 d. (penktadienis) 10:00 val.\nVieta / būdas: PAVB, 204 kab." in rendered.text
    assert "  1. Planas\n  2. Kita" in rendered.text and "sekretoriui (Asta Kairienė)" in rendered.text
