"""Hostile cells (issue 14): huge numbers, long and disguised names, control characters, a lost register,
years in date cells, decomposed letters, namesakes, script links, personal data in shared feedback."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
from communication_support import all_text, table
from hostile_support import (
    ROOM,
    blank_workspace,
    booking,
    problems,
    rewrite_member,
    row_of,
    run_cli,
    sheet_member,
    sheet_rows,
    write_book,
)
from openpyxl import load_workbook
from tests_support import LIBRARIES, answer

from automations.lt import safe_filename

CERTIFICATES = "ataskaitos/2026/Pažymėjimai"
REGISTER = Path("ataskaitos/2026/Kvalifikacija/Pažymėjimų registras 2026.xlsx")
LIBRARY = LIBRARIES[0][1]


def statistics(workspace: Path, answers: list[list]) -> None:
    write_book(workspace / "teritorijos_statistika.xlsx", "teritorijos_statistika", {
        "Bibliotekos": [list(row) for row in LIBRARIES], "Formos atsakymai 1": answers,
        "Savivaldybės": [["Panevėžio rajono", "Panevėžio", 2025, 34000], ["Biržų rajono", "Panevėžio", 2025, 23000]]})


def training_book(workspace: Path, people: list[tuple[str, str]], needs: list[list] | None = None) -> None:
    course = row_of("kvalifikacija", "Mokymai", **{
        "Kodas": "KT-2026-001", "Pavadinimas": "Skaitmeninis raštingumas", "Forma": "seminaras",
        "Būdas": "kontaktinis", "Kompetencijų sritis": "komunikacija", "Data nuo": dt.date(2026, 3, 5),
        "Trukmė, akad. val.": 6, "Pažymėjimas": "Taip"})
    rows = [row_of("kvalifikacija", "Dalyviai", **{"Mokymų kodas": "KT-2026-001", "Vardas, pavardė": name,
                                                   "Biblioteka": library, "Dalyvavo": "Taip"})
            for name, library in people]
    write_book(workspace / "kvalifikacija.xlsx", "kvalifikacija",
               {"Mokymai": [course], "Dalyviai": rows, "Poreikiai": needs or []})


def certificates(workspace: Path) -> dict[str, str]:
    """Certificate number -> the name printed on it."""
    found = {}
    for path in (workspace / CERTIFICATES).glob("*.docx"):
        text = all_text(path)
        number = path.name.split(" ")[0]
        assert f"Nr. {number}" in text
        found[number] = next(line for line in text.splitlines() if line.strip() and "PAŽYMĖJIMAS" not in line
                             and any(name in line for name in [*NAMES, LONG_NAME]))
    return found


NAMES = ["Ona Jonaitė", "Jonas Jonaitis", "Rūta Rūtaitė", "Petras Petraitis"]
LONG_NAME = "Aldona " + "😀" * 70


def run_training(workspace: Path, capsys) -> str:
    code, out, err = run_cli(capsys, "run", "kvalifikacija", "--workspace", str(workspace))
    assert code == 0 and "Traceback" not in err, out + err
    return out


@pytest.mark.parametrize("typed", [1e308, 1e30, "9" * 400, "1 000 000 000 000 000"])
def test_2_one_huge_number_is_one_message_and_every_job_still_runs(tmp_path: Path, capsys, typed) -> None:
    workspace = blank_workspace(tmp_path)
    statistics(workspace, [answer("PNR-SVB", 2025, dt.datetime(2026, 1, 20, 9)),
                           answer("BIR-SVB", 2025, dt.datetime(2026, 1, 21, 9), Renginiai=typed)])
    found = [p for p in problems(capsys, workspace) if p["rule"] == "per_didelis"]
    assert [(p["tab"], p["row"], p["column"]) for p in found] == [("Formos atsakymai 1", 3, "Renginiai")]
    assert "per didelis skaičius" in found[0]["message"] and len(found[0]["message"]) < 300
    code, _, err = run_cli(capsys, "run", "regiono_statistika", "konsultacijos", "--workspace", str(workspace))
    assert code == 0 and "Traceback" not in err
    report = workspace / "ataskaitos/2025/Regiono statistika/Regiono statistika 2025.xlsx"
    assert "Panevėžio rajono savivaldybės viešoji biblioteka" in all_text(report)


def test_7_and_14_a_long_name_costs_nobody_else_their_certificate(tmp_path: Path, capsys) -> None:
    workspace = blank_workspace(tmp_path)
    statistics(workspace, [])
    overlong = "Jurgis " + "Ą" * 300
    training_book(workspace, [(NAMES[0], LIBRARY), (LONG_NAME, LIBRARY), (overlong, LIBRARY), (NAMES[1], LIBRARY),
                              ("Evil\u202excod.exe", LIBRARY)])
    run_training(workspace, capsys)
    files = sorted(path.name for path in (workspace / CERTIFICATES).iterdir())
    assert len(files) == 5 and (workspace / REGISTER).exists()
    assert all(name.endswith(".docx") and len(name.encode()) <= 255 for name in files)
    assert all(name.startswith("PAVB-KT-2026-000") for name in files)
    assert not any("\u202e" in name for name in files) and any("Evilxcod.exe.docx" in name for name in files)
    register = table(workspace / REGISTER, "Registras", "Nr.")
    assert sorted(row["Vardas, pavardė"] for row in register) == sorted(
        [NAMES[0], NAMES[1], LONG_NAME, overlong, "Evilxcod.exe"])


def test_8_a_control_character_in_a_csv_answer_is_dropped(tmp_path: Path, capsys) -> None:
    workspace = blank_workspace(tmp_path)
    statistics(workspace, [])
    training_book(workspace, [(NAMES[0], LIBRARY), (NAMES[1], LIBRARY)])
    path = workspace / "kvalifikacija.xlsx"  # openpyxl refuses to write one: put it in the XML as a broken tool would
    rewrite_member(path, sheet_member(path, "Dalyviai"), lambda xml: xml.replace(b"Ona Jonait", b"Ona\x0b Jonait"))
    header = "Laiko žymė,Biblioteka / padalinys,Kompetencijų sritys,Prioritetas,Komentaras"
    (workspace / "poreikiai.csv").write_text(
        f'{header}\n2026-02-01 10:00:00,{LIBRARY},komunikacija,1,"Labai\x01 reikia\x1b[31m"\n', encoding="utf-8")
    with (workspace / "automations.toml").open("a", encoding="utf-8") as settings:
        settings.write('\n[workbooks.kvalifikacija]\ntab_files = { "Poreikiai" = "poreikiai.csv" }\n')
    run_training(workspace, capsys)
    assert len(list((workspace / CERTIFICATES).glob("*.docx"))) == 2
    assert NAMES[0] in certificates(workspace).values()
    needs = workspace / "ataskaitos/2026/Kvalifikacija/Mokymų poreikių analizė 2026.xlsx"
    assert [row["Atsakymai"] for row in table(needs, "Sritys", "Vieta") if row["Kompetencijų sritis"] == "komunikacija"
            ] == [1]


def _numbers_and_people(workspace: Path) -> dict[str, str]:
    found = certificates(workspace)
    assert len(set(found.values())) == len(found), found  # no person twice
    return found


@pytest.mark.parametrize("loss", ["deleted", "damaged"])
def test_9_a_lost_register_never_hands_a_number_out_twice(tmp_path: Path, capsys, loss: str) -> None:
    workspace = blank_workspace(tmp_path)
    statistics(workspace, [])
    training_book(workspace, [(NAMES[0], LIBRARY), (NAMES[1], LIBRARY), (NAMES[2], LIBRARY)])
    run_training(workspace, capsys)
    first = _numbers_and_people(workspace)
    assert sorted(first) == ["PAVB-KT-2026-0001", "PAVB-KT-2026-0002", "PAVB-KT-2026-0003"]
    register = workspace / REGISTER
    if loss == "deleted":
        register.unlink()
    else:
        register.write_bytes(b"PK\x03\x04 half a register")
    training_book(workspace, [(NAMES[1], LIBRARY), (NAMES[3], LIBRARY), (NAMES[2], LIBRARY)])  # Ona left, Petras new
    run_training(workspace, capsys)
    second = _numbers_and_people(workspace)
    for number, person in first.items():
        assert second[number] == person  # every number still names the same person
    assert {person: number for number, person in second.items()}[NAMES[3]] == "PAVB-KT-2026-0004"
    onas = {person: number for number, person in first.items()}[NAMES[0]]
    rows = {row["Nr."]: row for row in table(register, "Registras", "Nr.")}
    assert len(rows) == 4 and rows[onas]["Vardas, pavardė"] == NAMES[0]
    assert rows[onas]["Būsena"] == "neišduotas iš naujo"  # left the list: the number stays hers


def test_9_a_certificate_without_its_register_line_keeps_its_number_reserved(tmp_path: Path, capsys) -> None:
    workspace = blank_workspace(tmp_path)
    statistics(workspace, [])
    training_book(workspace, [(NAMES[0], LIBRARY), (NAMES[1], LIBRARY)])
    run_training(workspace, capsys)
    first = {person: number for number, person in _numbers_and_people(workspace).items()}
    assert sorted(first.values()) == ["PAVB-KT-2026-0001", "PAVB-KT-2026-0002"]
    (workspace / REGISTER).unlink()
    for path in (workspace / CERTIFICATES).glob("*.docx"):  # as certificates issued before they carried it
        rewrite_member(path, "docProps/core.xml", lambda xml: re.sub(rb"<dc:identifier>.*?</dc:identifier>", b"", xml))
    training_book(workspace, [(NAMES[1], LIBRARY), (NAMES[2], LIBRARY)])
    run_training(workspace, capsys)
    numbers = {person: number for number, person in _numbers_and_people(workspace).items()}
    assert numbers[NAMES[1]] == first[NAMES[1]]  # Jonas: matched by the certificate's file name
    assert numbers[NAMES[2]] == "PAVB-KT-2026-0003"  # Ona's number stays hers, reserved


@pytest.mark.parametrize(("typed", "rule"), [(2026, "data_ribos"), ("1905-07-18", "data_ribos")])
def test_11_a_year_typed_into_a_date_cell_is_an_error_not_1905(tmp_path: Path, capsys, typed, rule) -> None:
    workspace = blank_workspace(tmp_path)
    path = workspace / "nuoma.xlsx"
    write_book(path, "nuoma", {"Patalpos": [ROOM], "Užsakymai": [booking(1), booking(2, Data=typed)]})
    book = load_workbook(path)
    book["Užsakymai"]["M3"].number_format = "yyyy-mm-dd"  # Excel shows 2026 in a date cell as 1905-07-18
    book.save(path)
    found = [p for p in problems(capsys, workspace) if p["workbook"] == "nuoma"]
    assert [(p["row"], p["column"], p["rule"]) for p in found] == [(3, "Data", rule)]
    assert "2026-03-05" in found[0]["message"]
    run_cli(capsys, "run", "nuoma", "--workspace", str(workspace))
    income = table(workspace / "ataskaitos/2026/Nuoma/Nuomos pajamos 2026.xlsx", "Įvykdyti", "Užsakymo Nr.")
    assert [row["Užsakymo Nr."] for row in income] == ["NUOM-2026-001"]


def test_11_the_plausible_years_are_a_setting(tmp_path: Path, capsys) -> None:
    workspace = blank_workspace(tmp_path)
    write_book(workspace / "nuoma.xlsx", "nuoma", {"Patalpos": [ROOM], "Užsakymai": [booking(1)]})
    with (workspace / "automations.toml").open("a", encoding="utf-8") as settings:
        settings.write("\n[limits]\nyears = [2027, 2100]\n")
    found = [p for p in problems(capsys, workspace) if p["workbook"] == "nuoma"]
    assert {p["rule"] for p in found} == {"data_ribos"} and "2027–2100" in found[0]["message"]


def test_12_decomposed_letters_and_invisible_characters_are_the_same_text(tmp_path: Path, capsys) -> None:
    workspace = blank_workspace(tmp_path)
    nfd = unicodedata.normalize("NFD", "biudžetinė įstaiga")
    write_book(workspace / "nuoma.xlsx", "nuoma", {"Patalpos": [ROOM], "Užsakymai": [
        booking(1, **{"Nuomininko tipas": nfd}), booking(2, Patalpa="Konferencijų\u200b salė")]})
    statistics(workspace, [])
    training_book(workspace, [(unicodedata.normalize("NFD", NAMES[2]), LIBRARY), (NAMES[2], LIBRARY)])
    found = problems(capsys, workspace)
    assert not [p for p in found if p["workbook"] == "nuoma"]
    assert [(p["row"], p["rule"]) for p in found if p["tab"] == "Dalyviai"] == [(3, "pasikartoja")]
    run_training(workspace, capsys)
    assert len(list((workspace / CERTIFICATES).glob("*.docx"))) == 1


def test_13_namesakes_from_two_libraries_are_two_people(tmp_path: Path, capsys) -> None:
    workspace = blank_workspace(tmp_path)
    statistics(workspace, [])
    training_book(workspace, [(NAMES[0], "PNR-SVB"), (NAMES[0], LIBRARIES[1][1]), (NAMES[0], LIBRARY)])
    found = [p for p in problems(capsys, workspace) if p["tab"] == "Dalyviai"]
    assert [(p["row"], p["rule"]) for p in found] == [(4, "pasikartoja")]  # PNR-SVB is that library's code
    run_training(workspace, capsys)
    register = table(workspace / REGISTER, "Registras", "Nr.")
    assert [(row["Nr."], row["Biblioteka"]) for row in register] == [
        ("PAVB-KT-2026-0001", LIBRARY), ("PAVB-KT-2026-0002", LIBRARIES[1][1])]


def test_14_file_names_are_cut_by_bytes_and_keep_their_extension() -> None:
    name = safe_filename("PAVB-KT-2026-0001 " + "ž" * 300 + ".docx")
    assert name.startswith("PAVB-KT-2026-0001 ž") and name.endswith(".docx") and len(name.encode()) <= 200
    assert safe_filename("Jonas\u202egpj.exe") == "Jonasgpj.exe"
    assert safe_filename("Ona\u200b Jonaitė\u2066.docx") == "Ona Jonaitė.docx"


def test_16_only_http_links_reach_the_public_calendar_and_programme(tmp_path: Path, capsys) -> None:
    workspace = blank_workspace(tmp_path)
    event = {"Data": dt.date(2026, 12, 3), "Pradžia": "17:00", "Pavadinimas": "Poezijos vakaras", "Tipas": "kita",
             "Forma": "kontaktinis", "Vieta": "Centriniai rūmai", "Organizatorius": "Komunikacijos skyrius",
             "Tikslinė grupė": "visi", "Būsena": "planuojamas"}
    rows = [row_of("renginiai", "Renginiai", **event, Nuoroda="javascript:alert(document.cookie)"),
            row_of("renginiai", "Renginiai", **{**event, "Data": dt.date(2026, 12, 4)},
                   Nuoroda="https://www.pavb.lt/renginys")]
    write_book(workspace / "renginiai.xlsx", "renginiai", {"Renginiai": rows})
    code, _, err = run_cli(capsys, "run", "renginiu_programa", "--workspace", str(workspace))
    assert code == 0 and "Traceback" not in err
    feed = (workspace / "ataskaitos/2026/Renginiai/Renginiai.ics").read_text(encoding="utf-8")
    programme = all_text(workspace / "ataskaitos/2026/Renginiai/Renginių programa 2026-12.docx")
    for published in (feed, programme):
        assert "javascript" not in published.lower() and "https://www.pavb.lt/renginys" in published


def test_17_shared_feedback_shows_personal_data_only_where_the_problem_is(tmp_path: Path, capsys) -> None:
    workspace = blank_workspace(tmp_path)
    contact = {"Kontaktinis asmuo": "Rūta Rūtaitė", "El. paštas": "ruta@knyga.lt"}
    write_book(workspace / "nuoma.xlsx", "nuoma", {"Patalpos": [ROOM], "Užsakymai": [
        booking(1, **contact, Telefonas="+370 612 34567"), booking(2, **contact, Telefonas="skambinti vakare")]})
    run_cli(capsys, "run", "nuoma", "--workspace", str(workspace))
    feedback = (workspace / "ataskaitos/Klaidos/nuoma.xlsx").read_bytes()
    listing = sheet_rows(feedback, "Klaidos")
    assert any("RIBOTO NAUDOJIMO" in str(row[0]) for row in listing[:4])
    copy = sheet_rows(feedback, "Užsakymai")
    header = list(copy[0])
    phone, mail, person = (header.index(name) for name in ("Telefonas", "El. paštas", "Kontaktinis asmuo"))
    assert copy[2][phone] == "skambinti vakare"  # the cell with the problem
    assert copy[1][phone] == copy[1][mail] == copy[2][mail] == copy[2][person] == "•••"
    assert "ruta@knyga.lt" not in all_text(workspace / "ataskaitos/Klaidos/nuoma.xlsx")
    write_book(workspace / "nuoma.xlsx", "nuoma", {"Patalpos": [ROOM], "Užsakymai": [
        booking(1, **contact), booking(2, **contact, Būsena="gal")]})
    run_cli(capsys, "run", "nuoma", "--workspace", str(workspace))
    listing = sheet_rows(workspace / "ataskaitos/Klaidos/nuoma.xlsx", "Klaidos")
    assert not any("RIBOTO" in str(row[0]) for row in listing[:4])
    assert "Rūta Rūtaitė" not in all_text(workspace / "ataskaitos/Klaidos/nuoma.xlsx")
