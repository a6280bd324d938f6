"""The survey job on the demo: reports, workbooks and library pages, recounted from the input cells."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from communication_support import all_text
from demo_errors import error_rows  # the demo's broken rows, written out
from figures_support import figures, rows
from openpyxl import load_workbook
from regional_support import libraries, norm, published, run_once, table

from automations.backends.google import GoogleBackend
from automations.config import GoogleSettings, Settings, WorkbookSource
from automations.demo_data.surveys import ADDED, SATISFACTION_SCALES
from automations.validation import validate_workbook
from automations.workspace import workbook_bytes_for
from sheets_schema import workbook
from sheets_schema.apklausos import is_question

YEAR = 2026
TODAY = dt.date(2026, 11, 22)
FOLDER = Path("ataskaitos") / str(YEAR) / "Apklausos"
REPORT = "APK-2026-01 Vartotojų pasitenkinimo tyrimas 2026"
EMAIL = re.compile(r"[\w.-]+@[\w-]+\.[a-z]{2,}")


@pytest.fixture(scope="module")
def produced(demo_source: Path, tmp_path_factory: pytest.TempPathFactory):
    workspace = tmp_path_factory.mktemp("apklausos") / "demo"
    shutil.copytree(demo_source, workspace)
    return workspace, run_once(workspace, "apklausos"), run_once(workspace, "apklausos")


def _answers(workspace: Path, report, tab: str) -> list[dict]:
    """The tab's answers as typed, without rows with errors or left out as double submissions."""
    out = error_rows(report, "apklausos", tab) | {p.row for p in report.results["apklausos"].problems
                                                    if p.tab == tab and p.rule == "pateikta_dukart"}
    sheet = list(load_workbook(workspace / "apklausos.xlsx", data_only=True)[tab].iter_rows(values_only=True))
    return [dict(zip(sheet[0], row, strict=False)) for number, row in enumerate(sheet[1:], start=2)
            if number not in out and any(v is not None for v in row)]


def test_every_document_is_written_once_and_a_rerun_rewrites_nothing(produced):
    _, report, again = produced
    files = published(report, "apklausos")
    assert {f"{REPORT}.docx", f"{REPORT}.xlsx", "APK-2026-02 Jaunimo poreikiai bibliotekoje 2026.docx",
            "Apklausos 2026.xlsx"} <= {Path(path).name for path in files}
    assert not any(item.written for item in published(again, "apklausos").values())
    assert not any("APK-2025" in path for path in files)  # last year's run only serves the comparison


def test_scale_means_and_shares_match_a_recount_of_the_input(produced):
    workspace, report, _ = produced
    answers = _answers(workspace, report, "Formos atsakymai 2")
    scales = {row["Klausimas"]: row for row in table(workspace / FOLDER / f"{REPORT}.xlsx", "Skalės", "Klausimas")}
    for question in SATISFACTION_SCALES:
        values = [int(a[question]) for a in answers if a[question] is not None]
        assert scales[question]["Vidurkis"] == pytest.approx(sum(values) / len(values)), question
        assert scales[question]["4–5, proc."] == pytest.approx(sum(v >= 4 for v in values) / len(values) * 100)
        assert scales[question]["Atsakė"] == len(values)
    last_year = _answers(workspace, report, "Formos atsakymai 1")
    first = SATISFACTION_SCALES[0]
    before = [int(a[first]) for a in last_year if a[first] is not None]
    compared = table(workspace / FOLDER / f"{REPORT}.xlsx", "Palyginimas", "Klausimas")
    assert {row["Klausimas"] for row in compared} == set(SATISFACTION_SCALES)  # the added question was not asked
    assert next(r for r in compared if r["Klausimas"] == first)["Vidurkis anksčiau"] == pytest.approx(
        sum(before) / len(before))


def test_the_question_added_mid_survey_counts_only_the_answers_since_it_appeared(produced):
    workspace, report, _ = produced
    answers = _answers(workspace, report, "Formos atsakymai 2")
    stamps = [a["Laiko žymė"] for a in answers]
    first = min(a["Laiko žymė"] for a in answers if a[ADDED] is not None)
    listed = table(workspace / FOLDER / f"{REPORT}.xlsx", "Klausimai", "Nr.")
    row = next(r for r in listed if r["Klausimas"] == ADDED)
    assert row["Pridėtas"] == first and row["Galėjo atsakyti"] == sum(s >= first for s in stamps) < len(stamps)
    assert "Klausimas pridėtas apklausai vykstant" in all_text(workspace / FOLDER / f"{REPORT}.docx")


def test_a_checkbox_question_counts_each_option(produced):
    workspace, report, _ = produced
    answers = _answers(workspace, report, "Formos atsakymai 2")
    question = "Kokiomis paslaugomis naudojatės?"
    picks = [part.strip() for a in answers if a[question] for part in str(a[question]).split(",")]
    distribution = table(workspace / FOLDER / f"{REPORT}.xlsx", "Atsakymai", "Nr.")
    shown = {r["Variantas / rodiklis"]: r["Atsakymai"] for r in distribution if r["Klausimas"] == question}
    assert shown == {option: picks.count(option) for option in set(picks)}


def test_library_pages_only_for_five_answers_and_response_rates(produced):
    workspace, report, _ = produced
    libs = libraries(workspace)
    answers = _answers(workspace, report, "Formos atsakymai 2")
    counts = pd.Series([libs[norm(a["Biblioteka"])]["Pavadinimas"] for a in answers]).value_counts()
    pages = {Path(p).stem for p in published(report, "apklausos") if "APK-2026-01 bibliotekoms" in p}
    assert pages == set(counts[counts >= 5].index)
    name = counts.index[0]
    text = all_text(workspace / "ataskaitos" / str(YEAR) / "Apklausos APK-2026-01 bibliotekoms" / f"{name}.docx")
    assert f"atsakymų – {counts.iloc[0]}" in text
    by_library = {r["Biblioteka"]: r for r in table(workspace / FOLDER / f"{REPORT}.xlsx", "Bibliotekos", "Kodas")}
    row = by_library[name]
    assert row["Atsakymai"] == counts.iloc[0]
    if row["Registruoti vartotojai"]:
        assert row["Atsakė, proc. vartotojų"] == pytest.approx(counts.iloc[0] / row["Registruoti vartotojai"] * 100)


def test_no_name_or_address_reaches_any_survey_document(produced):
    workspace, report, _ = produced
    for path in published(report, "apklausos"):
        file = workspace / "ataskaitos" / path
        if file.suffix == ".docx":
            text = all_text(file)
        else:
            text = " ".join(str(cell) for sheet in load_workbook(file, read_only=True).worksheets
                            for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)
        assert not EMAIL.search(text), path
        assert "Kazlauskienei" not in text, path
    assert "Parašykite man: [el. paštas], norėčiau" in all_text(
        workspace / FOLDER / "APK-2026-02 Jaunimo poreikiai bibliotekoje 2026.docx")


def test_the_year_figures_count_every_survey_answer_of_the_year(produced):
    workspace, report, _ = produced
    kept = [a for tab in ("Formos atsakymai 1", "Formos atsakymai 2", "Formos atsakymai 3")
            for a in _answers(workspace, report, tab) if dt.date(YEAR, 1, 1) <= a["Laiko žymė"].date() <= TODAY]
    summary = {r["Rodiklis"]: r["Reikšmė"] for r in table(workspace / FOLDER / "Apklausos 2026.xlsx", "Santrauka",
                                                          "Rodiklis")}
    assert summary["Apklausų respondentai"] == len(kept)
    assert summary["Atliktos apklausos"] == 2


def test_survey_figures_over_small_frames():
    register = rows({"kodas": "APK-2026-01", "pavadinimas": "A 2026", "nuo": dt.date(2026, 3, 1),
                     "iki": dt.date(2026, 3, 31), "atsakymu_lapas": "Formos atsakymai 1", "tiksline_grupe": None,
                     "atsakingas": None, "formos_id": None},
                    {"kodas": "APK-2025-01", "pavadinimas": "A 2025", "nuo": dt.date(2025, 3, 1),
                     "iki": dt.date(2025, 3, 31), "atsakymu_lapas": "Formos atsakymai 2", "tiksline_grupe": None,
                     "atsakingas": None, "formos_id": None})
    now = rows(*[{"laiko_zyme": dt.datetime(2026, 3, d), "biblioteka": "B1"} for d in (2, 3, 9)],
               {"laiko_zyme": dt.datetime(2026, 4, 1), "biblioteka": "B2"})
    before = rows({"laiko_zyme": dt.datetime(2025, 3, 2), "biblioteka": "B1"})
    counted = figures(dt.date(2026, 3, 5), apklausos={"Apklausos": register, "Formos atsakymai 1": now,
                                                      "Formos atsakymai 2": before})
    assert counted.get("apklausos.respondentai", 2026).value == 2  # up to the report date
    assert counted.get("apklausos.atliktos", 2026).value == 1
    assert counted.get("apklausos.respondentai", 2025).value == 1


def test_a_survey_form_is_read_through_the_forms_api(fake_google, make_google_backend, tmp_path):
    from fake_google.loader import load_xlsx

    form = fake_google.forms.create("apk-form", "Tyrimas", ["Biblioteka", "Amžiaus grupė",
                                                          "Kaip vertinate? (1–5)", "Kuo naudojatės?"])
    form.add_response({"Biblioteka": "BIR-SVB", "Amžiaus grupė": "30–64", "Kaip vertinate? (1–5)": "4",
                       "Kuo naudojatės?": ["knygos", "renginiai"]}, dt.datetime(2026, 3, 2, 10), email="x@y.lt")
    path = tmp_path / "apklausos.xlsx"
    path.write_bytes(workbook_bytes_for(workbook("apklausos"), {"Apklausos": [
        {"Kodas": "APK-2026-01", "Pavadinimas": "Tyrimas 2026", "Nuo": dt.date(2026, 3, 1), "Iki": dt.date(2026, 3, 31),
         "Formos ID": "apk-form", "Atsakymų lapas": "Formos atsakymai 1"}]}))
    settings = Settings(backend="google", google=GoogleSettings(drive_folder_id="root"),
                        workbooks={"apklausos": WorkbookSource(spreadsheet_id=load_xlsx(fake_google, path, "A"))})
    settings.workspace = tmp_path
    backend: GoogleBackend = make_google_backend(settings)
    result = validate_workbook(workbook("apklausos"), backend)
    assert result.tabs["Formos atsakymai 1"].form and any(entry.api == "forms" for entry in fake_google.log)
    kept = result.frame("Formos atsakymai 1")
    model = result.spec.tab("Formos atsakymai 1")
    headers = {info.alias: kept[name].tolist() for name, info in model.model_fields.items() if is_question(name)}
    assert headers == {"Kaip vertinate? (1–5)": [4], "Kuo naudojatės?": ["knygos, renginiai"]}


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_opens_the_report_and_a_library_page(produced, tmp_path: Path):
    workspace, report, _ = produced
    page = next(p for p in published(report, "apklausos") if "bibliotekoms" in p)
    for source in (workspace / FOLDER / f"{REPORT}.docx", workspace / "ataskaitos" / page):
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                       check=True, capture_output=True, timeout=180)
        pdf = tmp_path / f"{source.stem}.pdf"
        assert pdf.stat().st_size > 5000, source.name
