"""Space rentals: prices to the cent, overlaps, contracts and invoices, schedule and income from the demo."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from communication_support import all_text, day, input_rows, outputs, table
from communication_support import frame_of as typed
from demo_errors import error_rows  # the demo's broken rows, written out
from figures_support import figures

from automations.config import Institution
from automations.domain.rental_documents import document_context, renter_shown
from automations.domain.rentals import priced, rental_price
from automations.periods import working_days_before
from jobs.nuoma import schedule_sheets
from sheets_schema.nuoma import WORKBOOK, Patalpa, Uzsakymas, overlaps
from sheets_schema.spec import RuleContext

SATURDAY, MONDAY = dt.date(2026, 12, 5), dt.date(2026, 12, 7)
TODAY = dt.date(2026, 11, 22)
ROOMS = [{"Patalpa": "Konferencijų salė", "Adresas": "Respublikos g. 14", "Vietų skaičius": 80,
          "Tarifas, Eur/val.": "45", "Savaitgalio koeficientas": "1,3", "Jaunimo erdvė": "Ne"},
         {"Patalpa": "Erdvė 14–29", "Adresas": "Respublikos g. 14", "Vietų skaičius": 30,
          "Tarifas, Eur/val.": "20", "Jaunimo erdvė": "Taip"}]
BOOKING = {"Užsakymo Nr.": "NUOM-2026-014", "Paraiškos data": "2026-10-01", "Būsena": "patvirtinta",
           "Nuomininkas": "UAB „Aukštaitijos knyga“", "Nuomininko tipas": "juridinis asmuo",
           "Įmonės kodas": "123456789", "Kontaktinis asmuo": "Rūta Rūtaitė", "El. paštas": "ruta@knyga.lt",
           "Telefonas": "+370 612 34567", "Patalpa": "Konferencijų salė", "Paskirtis": "seminaras",
           "Data": "2026-12-07", "Nuo": "10:00", "Iki": "14:30", "PVM tarifas": "21 %"}
T = dt.time


def test_weekday_and_weekend_prices_with_vat_to_the_cent():
    weekday = rental_price(MONDAY, T(10), T(14, 30), Decimal("45.00"), Decimal("1.3"), vat="21 %")
    assert (weekday.base, weekday.net, weekday.vat, weekday.gross) == (
        Decimal("202.50"), Decimal("202.50"), Decimal("42.53"), Decimal("245.03"))  # 42.525 rounds half up
    weekend = rental_price(SATURDAY, T(10), T(14, 30), Decimal("45.00"), Decimal("1.3"), vat="21 %")
    assert weekend.factor == Decimal("1.3") and weekend.net == Decimal("263.25")
    assert weekend.vat == Decimal("55.28") and weekend.gross == Decimal("318.53")
    assert all(isinstance(v, Decimal) for v in (weekend.net, weekend.vat, weekend.gross))


def test_empty_weekend_factor_is_one_and_vat_defaults_to_exempt():
    price = rental_price(SATURDAY, T(9), T(11), Decimal("20"), None)
    assert price.factor == 1 and price.gross == Decimal("40.00") and price.vat_exempt


def test_youth_discount_is_free_only_in_a_youth_space_and_partners_pay_half():
    assert rental_price(MONDAY, T(9), T(12), 20, None, "jaunimas 14–29", youth_space=True).gross == 0
    assert rental_price(MONDAY, T(9), T(12), 20, None, "jaunimas 14–29", youth_space=False).gross == 60
    half = rental_price(MONDAY, T(9), T(12), Decimal("25.55"), None, "partnerio renginys", vat="21 %")
    assert (half.base, half.discount, half.net, half.vat, half.gross) == (
        Decimal("76.65"), Decimal("38.33"), Decimal("38.32"), Decimal("8.05"), Decimal("46.37"))


def test_overlapping_bookings_are_both_flagged_naming_each_other():
    frame = typed(Uzsakymas, [BOOKING, {**BOOKING, "Užsakymo Nr.": "NUOM-2026-015", "Nuo": "14:00", "Iki": "16:00"},
                              {**BOOKING, "Užsakymo Nr.": "NUOM-2026-016", "Nuo": "14:30", "Iki": "16:00",
                               "Būsena": "atšaukta"}])
    context = RuleContext(WORKBOOK, {"Užsakymai": frame.assign(_valid=True)})
    found = {(p.row, p.rule): p.message for p in overlaps(context, frame)}
    assert set(found) == {(2, "persidengia"), (3, "persidengia")}
    assert "NUOM-2026-015" in found[(2, "persidengia")] and "NUOM-2026-014" in found[(3, "persidengia")]


def test_contract_context_has_price_in_words_due_date_and_invoice_number():
    rooms = typed(Patalpa, ROOMS)
    booking = priced(typed(Uzsakymas, [BOOKING]), rooms).to_dict("records")[0]
    context = document_context(booking, booking["_room"], booking["_price"], Institution(director="Vida Bukauskienė"))
    assert context["saskaitos_nr"] == "AS-NUOM-2026-014"
    assert context["bruto"] == Decimal("245.03") and context["valandos"] == "4,5"
    assert context["apmoketi_iki"] == working_days_before(MONDAY, 5) == dt.date(2026, 11, 30)
    assert context["telefonas"] == "+37061234567"


def test_reports_show_private_renters_as_fizinis_asmuo():
    private = {**BOOKING, "Nuomininkas": "Jonas Jonaitis", "Nuomininko tipas": "fizinis asmuo", "Įmonės kodas": None}
    frame = typed(Uzsakymas, [BOOKING, {**private, "Užsakymo Nr.": "NUOM-2026-020", "Data": "2026-12-08"}])
    assert [renter_shown(row) for row in frame.to_dict("records")] == ["UAB „Aukštaitijos knyga“", "Fizinis asmuo"]
    sheets = schedule_sheets(frame, typed(Patalpa, ROOMS), dt.date(2026, 12, 1))
    text = " ".join(str(v) for sheet in sheets for v in sheet.frame.to_numpy().ravel() if v is not None)
    assert "Jonas" not in text and "ruta@knyga.lt" not in text and "Fizinis asmuo" in text
    grid = sheets[1]  # Konferencijų salė
    assert grid.name == "Konferencijų salė"
    assert any("NUOM-2026-014" in str(v) for v in grid.frame["pr"])
    done = frame.assign(busena="įvykdyta")
    counted = figures(dt.date(2027, 1, 5), nuoma={"Užsakymai": done, "Patalpos": typed(Patalpa, ROOMS)})
    totals = counted.breakdown({"bruto": "nuoma.pajamos_su_pvm", "neto": "nuoma.pajamos_be_pvm"}, 2026,
                               "nuomininko_tipas").frame
    assert totals.iloc[-1]["bruto"] == Decimal("245.03") * 2 and totals.iloc[-1]["neto"] == Decimal("202.50") * 2
    ahead = figures(dt.date(2026, 12, 7), nuoma={"Užsakymai": done, "Patalpos": typed(Patalpa, ROOMS)})
    assert ahead.get("nuoma.pajamos_su_pvm", 2026).value == Decimal("245.03")  # 7 December has happened
    assert ahead.get("nuoma.patvirtintos_pajamos_su_pvm", 2026).value == Decimal("245.03")  # 8 December is ahead


def _price_from_input(row: dict, room: dict) -> Decimal:
    """The rental price recomputed by hand from the input cells (not through automations.domain.rentals)."""
    def dec(value) -> Decimal:
        return Decimal(str(value).replace(",", ".").replace(" ", "").replace("\u00a0", ""))
    def minutes(value) -> int:
        text = value.strftime("%H:%M") if hasattr(value, "strftime") else str(value).replace(".", ":")
        hours, mins = text.split(":")[:2]
        return int(hours) * 60 + int(mins)
    date = day(row["Data"])
    factor = dec(room["Savaitgalio koeficientas"]) if date.weekday() >= 5 and room["Savaitgalio koeficientas"] else 1
    base = (Decimal(minutes(row["Iki"]) - minutes(row["Nuo"])) / 60 * dec(room["Tarifas, Eur/val."])
            * factor).quantize(Decimal("0.01"), ROUND_HALF_UP)
    youth = str(room["Jaunimo erdvė"]).strip().casefold() == "taip"
    discount = str(row.get("Lengvata") or "").replace("-", "–")
    share = Decimal(1) if discount == "jaunimas 14–29" and youth else (
        Decimal("0.5") if discount in ("partnerio renginys", "labdaros organizacija") else Decimal(0))
    net = base - (base * share).quantize(Decimal("0.01"), ROUND_HALF_UP)
    vat = (net * Decimal("0.21")).quantize(Decimal("0.01"), ROUND_HALF_UP) if row.get("PVM tarifas") == "21 %" else 0
    return net + vat


def test_demo_run_contracts_invoices_schedule_income(demo_workspace: Path, run_job):
    report = run_job(demo_workspace, "nuoma")
    assert report.ok, report.jobs
    source = demo_workspace / "nuoma.xlsx"
    rooms = {" ".join(str(r["Patalpa"]).split()).casefold(): r for _, r in input_rows(source, "Patalpos")}
    bad = error_rows(report, "nuoma", "Užsakymai")
    bookings = [(n, r) for n, r in input_rows(source, "Užsakymai") if n not in bad]
    confirmed = [r for _, r in bookings if r["Būsena"] in ("patvirtinta", "sutartis pasirašyta", "įvykdyta")]
    base = demo_workspace / "ataskaitos" / "2026"
    contracts = sorted(p.name for p in (base / "Nuomos sutartys").iterdir())
    free = {r["Užsakymo Nr."] for r in confirmed if _price_from_input(r, rooms[r["Patalpa"].strip().casefold()]) == 0}
    assert free  # the demo has free youth-space bookings: lent, not rented
    assert contracts == sorted(f"{'Panaudos sutartis' if r['Užsakymo Nr.'] in free else 'Sutartis'} "
                               f"{r['Užsakymo Nr.']}.docx" for r in confirmed if day(r["Data"]).year == 2026)
    invoices = {p.name for p in (base / "Nuomos sąskaitos").iterdir()}
    assert not {f"Sąskaita {number}.docx" for number in free} & invoices
    sample = next(r for r in confirmed if _price_from_input(r, rooms[r["Patalpa"].strip().casefold()]) > 0)
    contract = all_text(base / "Nuomos sutartys" / f"Sutartis {sample['Užsakymo Nr.']}.docx")
    invoice = all_text(base / "Nuomos sąskaitos" / f"Sąskaita {sample['Užsakymo Nr.']}.docx")
    amount = _price_from_input(sample, rooms[sample["Patalpa"].strip().casefold()])
    shown = f"{amount:,.2f}".replace(",", "\u00a0").replace(".", ",") + " Eur"
    assert shown in contract and shown in invoice
    assert "PATALPŲ NUOMOS SUTARTIS" in contract and "Šalių rekvizitai ir parašai" in contract
    assert re.search(r"\d{4} m\. [a-zžščėęųūį]+ \d{1,2} d\.", contract)
    assert f"AS-{sample['Užsakymo Nr.']}" in invoice and "eur" in invoice
    if sample["El. paštas"]:
        assert str(sample["El. paštas"]).strip() in invoice

    income = table(base / "Nuoma" / "Nuomos pajamos 2026.xlsx", "Mėnesiai", "Mėnuo")
    done = [r for r in confirmed if r["Būsena"] == "įvykdyta" and dt.date(2026, 1, 1) <= day(r["Data"]) <= TODAY]
    expected = sum(_price_from_input(r, rooms[r["Patalpa"].strip().casefold()]) for r in done)
    assert Decimal(str(income[-1]["Pajamos su PVM"])).quantize(Decimal("0.01")) == expected
    assert income[-1]["Užsakymai"] == len(done)
    ahead = [r for r in confirmed if TODAY < day(r["Data"]) <= dt.date(2026, 12, 31)]
    future = table(base / "Nuoma" / "Nuomos pajamos 2026.xlsx", "Būsimi užsakymai", "Patalpa")
    assert future[-1]["Užsakymai"] == len(ahead) and ahead  # the demo has confirmed bookings still ahead
    assert Decimal(str(future[-1]["Pajamos su PVM"])).quantize(Decimal("0.01")) == sum(
        _price_from_input(r, rooms[r["Patalpa"].strip().casefold()]) for r in ahead)

    contacts = {str(r[h]).strip() for _, r in bookings for h in ("El. paštas", "Kontaktinis asmuo") if r[h]}
    private = {r["Nuomininkas"] for _, r in bookings if r["Nuomininko tipas"] == "fizinis asmuo"}
    for name in ("Nuomos pajamos 2026.xlsx", "Patalpų užimtumas.xlsx"):
        text = all_text(base / "Nuoma" / name)
        assert not [c for c in contacts | private if c in text], name
        assert "Fizinis asmuo" in text or not private
    for path in outputs(demo_workspace, report):
        assert all_text(path)
    again = run_job(demo_workspace, "nuoma")
    assert not any(item.written for run in again.jobs for item in run.published)
