"""Every kind of document the demo writes, converted to PDF with LibreOffice as a reader would print it:
how many pages it takes and what its pages say. Skipped where LibreOffice or poppler is not installed
(CI installs both, see .ci/run)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext") and
                                     shutil.which("pdfinfo")), reason="LibreOffice or poppler-utils not installed")

# document kind -> (a path pattern under ataskaitos/, fewest pages, most pages, texts on its pages)
KINDS = {
    "contract": ("2026/Nuomos sutartys/Sutartis *.docx", 2, 3,
                 ["PATALPŲ NUOMOS SUTARTIS", "kurio vardu veikia direktorė Vida Bukauskienė", "Puslapis 1 iš",
                  "Patalpos ir įrangos perdavimas ir grąžinimas", "Nuomotojas gali atšaukti sutartį"]),
    "free_use": ("2026/Nuomos sutartys/Panaudos sutartis *.docx", 2, 3,
                 ["PATALPŲ PANAUDOS SUTARTIS", "neatlygintinai", "Panaudos gavėjas"]),
    "advance_invoice": ("2026/Nuomos sąskaitos/Sąskaita *.docx", 1, 1,
                        ["IŠANKSTINĖ SĄSKAITA", "LT56 7300 0100 0245 6789", "Sąskaitą išrašė: vyr. buhalterė"]),
    "vat_invoice": ("2026/Nuomos sąskaitos/PVM sąskaita faktūra *.docx", 1, 1,
                    ["PVM SĄSKAITA FAKTŪRA", "PVM mokėtojo kodas LT902621141", "PVM 21 proc."]),
    "certificate": ("2026/Pažymėjimai/PAVB-KT-2026-0001 *.docx", 1, 1,
                    ["PAŽYMĖJIMAS", "PAVB-KT-2026-0001", "akad. val.", "Organizatorius", "Vida Bukauskienė"]),
    "annual_report": ("2026/Metinė ataskaita/Metinė veiklos ataskaita 2026.docx", 8, 30,
                      ["Turinys", "2. Bibliotekos vartotojai, fondas ir darbuotojai", "15. Finansai",
                       "16. Problemos ir 2027 m. prioritetai", "PATVIRTINTA", "Puslapis 2 iš"]),
    "plan": ("2026/Veiklos planas/Veiklos planas 2026.docx", 2, 8,
             ["2026 METŲ VEIKLOS PLANAS", "direktoriaus 2026 m. sausio 20 d. įsakymu Nr. V-8", "Bazinė"]),
    "plan_execution": ("2026/Veiklos planas/Veiklos plano vykdymas 2026.docx", 2, 8,
                       ["VEIKLOS PLANO VYKDYMAS", "Atsiliekančios priemonės ir priežastys"]),
    "regional_analysis": ("2025/Regiono statistika/Regiono statistikos analizė 2025.docx", 2, 10,
                          ["r. sav.", "Puslapis 1 iš"]),
    "events_programme": ("2026/Renginiai/Renginių programa 2026-12.docx", 1, 20, ["Įėjimas"]),
    "training_schedule": ("2026/Kvalifikacija/Mokymų grafikas 2027 m. I ketvirtis.docx", 1, 6,
                          ["Kvalifikacijos tobulinimo renginių grafikas"]),
    "training_plan": ("2026/Kvalifikacija/Mokymų plano projektas 2027.docx", 2, 8, ["plano projektas"]),
    "consultations": ("2026/Konsultacijos/Konsultacijų suvestinė 2026.docx", 2, 10, ["r. sav."]),
    "projects": ("2026/Projektai/Projektų apžvalga 2026.docx", 1, 8, ["Projektų apžvalga"]),
    "publicity": ("2026/Viešinimas/Viešinimo ataskaita 2026-10.docx", 1, 8, ["Komunikacijos ataskaita"]),
    "regional_workbook": ("2025/Regiono statistika/Regiono statistika 2025.xlsx", 3, 30, ["Puslapis 1 iš"]),
    "income_workbook": ("2026/Nuoma/Nuomos pajamos 2026.xlsx", 2, 20, ["Nuomos pajamos"]),
}


@pytest.fixture(scope="module")
def pdfs(demo_run, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each kind's first document as PDF, all converted by one LibreOffice run."""
    workspace, _ = demo_run
    folder = tmp_path_factory.mktemp("pdf")
    chosen = {}
    for kind, (pattern, *_) in KINDS.items():
        found = sorted((workspace / "ataskaitos").glob(pattern))
        assert found, pattern
        target = folder / f"{kind}{found[0].suffix}"
        shutil.copyfile(found[0], target)
        chosen[kind] = target
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder / 'profile'}", "--convert-to",
                    "pdf", "--outdir", str(folder), *map(str, chosen.values())], check=True, timeout=600,
                   capture_output=True)
    return {kind: path.with_suffix(".pdf") for kind, path in chosen.items()}


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def _text(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("kind", KINDS)
def test_document_prints_on_the_expected_pages_and_says_what_it_should(pdfs: dict[str, Path], kind: str):
    _, fewest, most, texts = KINDS[kind]
    pdf = pdfs[kind]
    assert pdf.exists(), kind
    assert fewest <= _pages(pdf) <= most, (kind, _pages(pdf))
    text = _text(pdf)
    for expected in texts:
        assert expected in text, (kind, expected)
    assert not re.search(r"\bnan\b|<NA>|\bNone\b|−0,0 proc\.", text), kind


def test_annual_report_contents_are_on_its_first_page(pdfs: dict[str, Path]):
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdfs["annual_report"]), "-"], check=True,
                           capture_output=True, text=True).stdout
    for heading in ("Įvadas", "1. Pagrindiniai veiklos rodikliai", "3. Teritorijos bibliotekų statistika",
                    "14. Veiklos plano vykdymas", "Priedas. Duomenų šaltiniai"):
        assert heading in first, heading


@pytest.mark.parametrize("kind", [kind for kind, (pattern, *_) in KINDS.items() if pattern.endswith(".docx")])
def test_no_page_is_empty(pdfs: dict[str, Path], kind: str):
    """Every page says something besides its running header and page number (no page left blank by a break)."""
    for page in range(1, _pages(pdfs[kind]) + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdfs[kind]), "-"], check=True,
                              capture_output=True, text=True).stdout
        lines = [line for line in text.splitlines() if line.strip() and not line.startswith("Puslapis ")
                 and "viešoji biblioteka" not in line]
        assert lines, (kind, page)
