"""Rental documents a director signs and a bookkeeper books: requisites first, the right kind of contract,
a VAT invoice with a number that never changes."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from communication_support import all_text
from openpyxl import load_workbook

from automations.config import load_settings
from automations.demo import demo_institution
from automations.runner import run_jobs
from automations.workspace import INSTITUTION, create_workspace
from jobs import all_jobs

TODAY = dt.date(2026, 11, 22)
ROOMS = [{"Patalpa": "Konferencijų salė", "Adresas": "Respublikos g. 14, Panevėžys", "Vietų skaičius": 80,
          "Tarifas, Eur/val.": 45, "Savaitgalio koeficientas": 1.3, "Jaunimo erdvė": "Ne",
          "Įranga": "projektorius, ekranas"},
         {"Patalpa": "Erdvė 14–29", "Adresas": "Respublikos g. 14, Panevėžys", "Vietų skaičius": 30,
          "Tarifas, Eur/val.": 20, "Jaunimo erdvė": "Taip"}]
COMPANY = {"Nuomininkas": "UAB „Aukštaitijos knyga“", "Nuomininko tipas": "juridinis asmuo",
           "Įmonės kodas": "123456789", "PVM mokėtojo kodas": "LT123456789", "Kontaktinis asmuo": "Rūta Rūtaitė",
           "El. paštas": "ruta@knyga.lt", "Atstovas": "Jonas Jonaitis", "Atstovo pareigos": "direktorius",
           "Atstovavimo pagrindas": "įstatai", "Nuomininko adresas": "Ukmergės g. 5, LT-35100 Panevėžys"}


def booking(number: int, day: dt.date, status: str = "įvykdyta", vat: str = "21 %", **extra) -> dict:
    return {"Užsakymo Nr.": f"NUOM-2026-{number:03d}", "Paraiškos data": day - dt.timedelta(days=40),
            "Būsena": status, **COMPANY, "Patalpa": "Konferencijų salė", "Paskirtis": "Seminaras klientams",
            "Data": day, "Nuo": dt.time(10), "Iki": dt.time(12), "Dalyvių sk.": 30, "PVM tarifas": vat,
            "Sutarties Nr.": f"NS-2026-{number:03d}" if status != "patvirtinta" else None, **extra}


def workspace(path: Path, bookings: list[dict], institution: str = "") -> Path:
    create_workspace(path, {"nuoma": {"Patalpos": ROOMS, "Užsakymai": bookings}}, report_year=2026,
                     institution=institution or demo_institution())
    return path


def rewrite_bookings(path: Path, bookings: list[dict]) -> None:
    """Staff edit the sheet: the bookings tab replaced by these rows (same headers)."""
    book = load_workbook(path / "nuoma.xlsx")
    sheet = book["Užsakymai"]
    headers = [cell.value for cell in sheet[1]]
    sheet.delete_rows(2, sheet.max_row)
    for row in bookings:
        sheet.append([row.get(header) for header in headers])
    book.save(path / "nuoma.xlsx")


def run(path: Path):
    report = run_jobs(load_settings(path), [all_jobs()["nuoma"]], on_date=TODAY)
    assert report.ok, report.jobs
    return report


def names(path: Path, folder: str) -> set[str]:
    target = path / "ataskaitos" / "2026" / folder
    return {p.name for p in target.iterdir()} if target.exists() else set()


def test_no_contract_or_invoice_without_requisites_and_the_run_names_the_keys(tmp_path: Path, caplog):
    path = workspace(tmp_path / "w", [booking(1, dt.date(2026, 10, 5)), booking(2, dt.date(2026, 12, 10),
                                                                                "patvirtinta")],
                     institution=INSTITUTION)
    with caplog.at_level(logging.ERROR, logger="automations"):
        run(path)
    assert not names(path, "Nuomos sutartys") and not names(path, "Nuomos sąskaitos")
    message = " ".join(record.getMessage() for record in caplog.records)
    for key in ("institution.bank_account", "institution.bank", "institution.director",
                "institution.director_basis", "institution.vat_code"):
        assert key in message
    assert "automations.toml" in message
    assert (path / "ataskaitos" / "2026" / "Nuoma" / "Patalpų užimtumas.xlsx").exists()  # the rest still runs


def test_vat_code_is_asked_for_only_when_a_booking_charges_vat(tmp_path: Path, caplog):
    settings = INSTITUTION.replace('director = ""', 'director = "Vida Bukauskienė"').replace(
        'director_basis = ""', 'director_basis = "Bibliotekos nuostatus"').replace(
        'bank_account = ""', 'bank_account = "LT56 7300 0100 0245 6789"').replace('bank = ""', 'bank = "AB bankas"')
    path = workspace(tmp_path / "w", [booking(1, dt.date(2026, 10, 5), vat="0 %")], institution=settings)
    run(path)
    assert names(path, "Nuomos sutartys") == {"Sutartis NUOM-2026-001.docx"}
    rewrite_bookings(path, [booking(1, dt.date(2026, 10, 5), vat="21 %")])
    with caplog.at_level(logging.ERROR, logger="automations"):
        run(path)
    assert "institution.vat_code" in caplog.text and "institution.bank_account" not in caplog.text


def test_contract_names_the_signatory_the_price_list_handover_and_cancellation(tmp_path: Path):
    private = {"Nuomininkas": "Rasa Kairytė", "Nuomininko tipas": "fizinis asmuo", "Įmonės kodas": None,
               "PVM mokėtojo kodas": None, "Kontaktinis asmuo": None, "Atstovas": None, "Atstovo pareigos": None,
               "Atstovavimo pagrindas": None, "Nuomininko adresas": "Klaipėdos g. 3-4, Panevėžys"}
    path = workspace(tmp_path / "w", [booking(1, dt.date(2026, 12, 10), "patvirtinta", vat="0 %"),
                                      booking(2, dt.date(2026, 12, 11), "patvirtinta", vat="0 %", **private)])
    run(path)
    folder = path / "ataskaitos" / "2026" / "Nuomos sutartys"
    company = all_text(folder / "Sutartis NUOM-2026-001.docx")
    assert "kurio vardu veikia direktorius Jonas Jonaitis, veikiantis pagal įstatus" in company
    assert "direktorė Vida Bukauskienė, veikianti pagal Bibliotekos nuostatus" in company
    assert "Kontaktinis asmuo Rūta Rūtaitė" in company and "veikia Rūta Rūtaitė" not in company
    assert "įsakymu Nr. V-120 patvirtintą Patalpų nuomos paslaugų kainoraštį" in company
    assert "Patalpos ir įrangos perdavimas ir grąžinimas" in company and "projektorius, ekranas" in company
    assert "Nuomotojas gali atšaukti sutartį" in company
    assert "likus 5 darbo dienoms" in company and "LT56 7300 0100 0245 6789" in company
    person = all_text(folder / "Sutartis NUOM-2026-002.docx")
    assert "Rasa Kairytė, gyvenanti Klaipėdos g. 3-4, Panevėžys, kurios asmens tapatybė" in person
    invoice = all_text(path / "ataskaitos" / "2026" / "Nuomos sąskaitos" / "Sąskaita NUOM-2026-001.docx")
    assert "Sąskaitą išrašė: vyr. buhalterė Rasa Petraitienė" in invoice and "____ (vardas" not in invoice


def test_a_free_booking_gets_a_free_use_agreement_and_no_invoice(tmp_path: Path):
    youth = booking(3, dt.date(2026, 12, 10), "patvirtinta", vat="0 %", Patalpa="Erdvė 14–29",
                    Lengvata="jaunimas 14–29", Iki=dt.time(12))
    path = workspace(tmp_path / "w", [youth])
    run(path)
    assert names(path, "Nuomos sutartys") == {"Panaudos sutartis NUOM-2026-003.docx"}
    assert not names(path, "Nuomos sąskaitos")
    text = all_text(path / "ataskaitos" / "2026" / "Nuomos sutartys" / "Panaudos sutartis NUOM-2026-003.docx")
    assert "PATALPŲ PANAUDOS SUTARTIS" in text and "neatlygintinai" in text and "Panaudos gavėjas" in text
    assert "0,00 Eur" not in text and "nulis" not in text


def test_vat_invoices_are_numbered_once_and_keep_their_numbers(tmp_path: Path):
    first, second = booking(1, dt.date(2026, 6, 5)), booking(2, dt.date(2026, 9, 1))
    path = workspace(tmp_path / "w", [first, second, booking(3, dt.date(2026, 7, 1), vat="0 %")])
    run(path)
    expected = {"PVM sąskaita faktūra PVM-2026-0001 (NUOM-2026-001).docx",
                "PVM sąskaita faktūra PVM-2026-0002 (NUOM-2026-002).docx"}
    assert expected <= names(path, "Nuomos sąskaitos")
    text = all_text(path / "ataskaitos" / "2026" / "Nuomos sąskaitos" / sorted(expected)[0])
    assert "PVM SĄSKAITA FAKTŪRA" in text and "PVM-2026-0001" in text and "LT902621141" in text
    assert "PVM 21 proc.: 18,90 Eur" in text and "Iš viso su PVM: 108,90 Eur" in text
    again = run(path)
    assert not any(item.written for job in again.jobs for item in job.published)  # same bytes, nothing rewritten
    earlier = booking(4, dt.date(2026, 3, 2))  # typed later, happened earlier: a new number, old ones stay
    rewrite_bookings(path, [{**first, "Būsena": "atšaukta"}, second, earlier])
    run(path)
    register = load_workbook(path / "ataskaitos" / "2026" / "Nuomos sąskaitos" / "PVM sąskaitų faktūrų registras "
                             "2026.xlsx")["Registras"]
    rows = {row[0]: (row[1], row[5]) for row in register.iter_rows(values_only=True) if str(row[0]).startswith("PVM-")}
    assert rows == {"PVM-2026-0001": ("NUOM-2026-001", "neišduotas iš naujo"),
                    "PVM-2026-0002": ("NUOM-2026-002", "išduotas"), "PVM-2026-0003": ("NUOM-2026-004", "išduotas")}


@pytest.mark.parametrize("basis, expected", [("įgaliojimas", "veikianti pagal įgaliojimą"),
                                             ("nuostatai", "veikianti pagal nuostatus")])
def test_representative_basis_agrees_with_the_signatory(basis: str, expected: str):
    from automations.domain.rental_documents import renter

    party = renter({"nuomininkas": "VšĮ „Tiltai“",
                    "nuomininko_tipas": "NVO", "imones_kodas": "123456789", "atstovas": "Rasa Kairytė",
                    "atstovo_pareigos": "Projektų vadovė", "atstovavimo_pagrindas": basis,
                    "nuomininko_adresas": None})
    assert party.signer == f"projektų vadovė Rasa Kairytė, {expected}"
    assert party.signature == "Projektų vadovė Rasa Kairytė"
