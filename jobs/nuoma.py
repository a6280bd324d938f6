"""`nuoma`: rental of library spaces: contracts, advance invoices, room schedules, income.

Reads ``nuoma`` (the `Patalpos` price list and the `Užsakymai` bookings; overlaps, capacity,
codes and youth-space rules are checked by the schema). For every confirmed booking it
writes a rental contract and an advance invoice named after the booking number; then the
room schedule for the next 60 days and the rental income report. Renters' contact details
appear only in their own contract and invoice; elsewhere a private person is "Fizinis asmuo".
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

import pandas as pd

from automations import lt
from automations.domain.documents import figure_sheet
from automations.domain.figures import Figures
from automations.domain.rental_documents import (
    VAT_DOCUMENT,
    VAT_PREFIX,
    discount_text,
    document_context,
    missing_requisites,
    needs_vat_invoice,
    renter_shown,
    vat_entries,
    vat_register_sheet,
)
from automations.domain.rentals import CONFIRMED, priced, room_index
from automations.job import Job, JobContext
from automations.register import RegisterError, assign_numbers, issued, read_register
from automations.render.week_grid import Slot, week_grid
from automations.render.xlsx import Chart, Column, Sheet
from sheets_schema.types import text_key

WORKBOOK = "nuoma"
SUBJECT = "Nuoma"
CONTRACTS = "Nuomos sutartys"
INVOICES = "Nuomos sąskaitos"
SCHEDULE_DAYS = 60
log = logging.getLogger("automations")


# ------------------------------------------------------------------ schedule
def schedule_sheets(bookings: pd.DataFrame, rooms: pd.DataFrame, today: dt.date) -> list[Sheet]:
    """A week-by-hour grid per room for the next 60 days, and the list of those bookings."""
    last = today + dt.timedelta(days=SCHEDULE_DAYS - 1)
    window = bookings.loc[(bookings["busena"] != "atšaukta") & (bookings["data"] >= today)
                          & (bookings["data"] <= last)].sort_values(["data", "nuo", "uzsakymo_nr"])
    window = window.assign(_room=window["patalpa"].map(text_key), nuomininkas=[
        renter_shown(row) for row in window.to_dict("records")])
    legend = ["Žalia – patvirtintas užsakymas, mėlyna – dar tik paraiška; atšaukti nerodomi.",
              f"Laikotarpis: {lt.long_date(today)} – {lt.long_date(last)}"]
    sheets = []
    for key, room in room_index(rooms).items():
        slots = [Slot(row["data"], row["nuo"], row["iki"],
                      f"{row['uzsakymo_nr']} · {row['nuomininkas']} · {row['paskirtis']} "
                      f"({row['nuo']:%H:%M}–{row['iki']:%H:%M})", row["uzsakymo_nr"],
                      "gerai" if row["busena"] in CONFIRMED else "pastaba")
                 for row in window.loc[window["_room"] == key].to_dict("records")]
        sheets.append(week_grid(room["patalpa"], f"{room['patalpa']}: užimtumas {SCHEDULE_DAYS} dienų",
                                slots, today, last, notes=legend))
    columns = [
        Column("data", "Data", "date", 12), Column("nuo", "Nuo", "time", 8), Column("iki", "Iki", "time", 8),
        Column("patalpa", "Patalpa", width=20), Column("uzsakymo_nr", "Užsakymo Nr.", width=15),
        Column("nuomininkas", "Nuomininkas", width=36), Column("paskirtis", "Paskirtis", width=30),
        Column("dalyviu_sk", "Dalyviai", "int", 9), Column("busena", "Būsena", width=18)]
    shown = window[[column.key for column in columns]].reset_index(drop=True)  # no contact details, even hidden
    listing = Sheet("Užsakymai", shown, columns, title=f"Užsakymai {lt.long_date(today)} – {lt.long_date(last)}")
    return [listing, *sheets]


# ------------------------------------------------------------------ income
INCOME = {"uzsakymai": "nuoma.ivykdyti", "valandos": "nuoma.valandos", "neto": "nuoma.pajamos_be_pvm",
          "pvm": "nuoma.pvm", "bruto": "nuoma.pajamos_su_pvm"}
AHEAD = {"uzsakymai": "nuoma.patvirtinti", "neto": "nuoma.patvirtintos_pajamos_be_pvm",
         "bruto": "nuoma.patvirtintos_pajamos_su_pvm"}
SUMMARY = ("nuoma.ivykdyti", "nuoma.valandos", "nuoma.pajamos_be_pvm", "nuoma.pvm", "nuoma.pajamos_su_pvm",
           "nuoma.patvirtinti", "nuoma.patvirtintos_pajamos_be_pvm", "nuoma.patvirtintos_pajamos_su_pvm",
           "nuoma.neuzdaryti")
INCOME_COLUMNS = [Column("uzsakymai", "Užsakymai", "int", 10), Column("valandos", "Valandos", "dec1", 10),
                  Column("neto", "Pajamos be PVM", "money", 14), Column("pvm", "PVM", "money", 12),
                  Column("bruto", "Pajamos su PVM", "money", 14)]
DETAIL_COLUMNS = [
    Column("uzsakymo_nr", "Užsakymo Nr.", width=15), Column("data", "Data", "date", 12),
    Column("patalpa", "Patalpa", width=20), Column("nuomininkas", "Nuomininkas", width=36),
    Column("nuomininko_tipas", "Nuomininko tipas", width=18), Column("valandos", "Valandos", "dec2", 9),
    Column("tarifas", "Tarifas, Eur/val.", "money", 12), Column("koeficientas", "Koeficientas", "dec1", 10),
    Column("nuolaida", "Lengvata", width=26), Column("neto", "Be PVM", "money", 13), Column("pvm", "PVM", "money", 11),
    Column("bruto", "Su PVM", "money", 13), Column("apmoketa", "Apmokėta", "date", 12),
    Column("busena", "Būsena", width=18)]


def booking_list(rows: pd.DataFrame) -> pd.DataFrame:
    """Bookings as reports may show them: a private renter is "Fizinis asmuo", never a name."""
    records = [{**{column.key: row.get(column.key) for column in DETAIL_COLUMNS}, "nuomininkas": renter_shown(row),
                "tarifas": row["_price"].rate, "koeficientas": row["_price"].factor,
                "nuolaida": discount_text(row, row["_price"])} for row in rows.to_dict("records")]
    return pd.DataFrame(records, columns=[column.key for column in DETAIL_COLUMNS])


def income_sheets(figures: Figures, year: int) -> list[Sheet]:
    """Income of the bookings carried out by the report date, and apart the confirmed ones still ahead."""
    period = figures.period(year)
    months = figures.by_month(INCOME, year)
    notes = ["Pajamos – įvykdytų užsakymų (būsena „įvykdyta“, data – ne vėlesnė nei ataskaitos diena) kaina pagal "
             "kainoraštį, atėmus lengvatas. Biudžetinės įstaigos pajamos apskaitomos be PVM.",
             "Patvirtinti būsimi užsakymai rodomi atskirai ir į pajamas neįtraukiami."]
    sheets = [figure_sheet("Santrauka", [figures.get(figure_id, year) for figure_id in SUMMARY],
                           f"Patalpų nuoma, {period.title}", notes),
              Sheet("Mėnesiai", months.frame, [Column("menuo", "Mėnuo", width=14), *INCOME_COLUMNS],
                    title=f"Nuomos pajamos pagal mėnesius, {period.title}", bold_rows={12}, figures=months.cells,
                    charts=[Chart("column", "Nuomos pajamos be PVM", "menuo", ["neto"], "Eur")])]
    for name, key, header in (("Patalpos", "patalpa", "Patalpa"), ("Nuomininkai", "nuomininko_tipas",
                                                                    "Nuomininko tipas")):
        table = figures.breakdown(INCOME, year, key)
        sheets.append(Sheet(name, table.frame, [Column(key, header, width=24), *INCOME_COLUMNS],
                            title=f"Nuomos pajamos: {header.lower()}, {period.title}", bold_rows={len(table.frame) - 1},
                            figures=table.cells))
    ahead = figures.breakdown(AHEAD, year, "patalpa")
    sheets.append(Sheet("Būsimi užsakymai", ahead.frame, [Column("patalpa", "Patalpa", width=24),
                                                          INCOME_COLUMNS[0], INCOME_COLUMNS[2], INCOME_COLUMNS[4]],
                        title=f"Patvirtinti būsimi užsakymai iki {year} m. pabaigos (į pajamas neįtraukti)",
                        bold_rows={len(ahead.frame) - 1}, figures=ahead.cells))
    for name, figure_id, title in (("Įvykdyti", "nuoma.ivykdyti", f"Įvykdyti užsakymai, {period.title}"),
                                   ("Neuždaryti", "nuoma.neuzdaryti",
                                    "Praėję užsakymai, kurių būsena dar ne „įvykdyta“ (įrašykite būseną)")):
        sheets.append(Sheet(name, booking_list(figures.rows(figure_id, year)), DETAIL_COLUMNS, title=title))
    return sheets


def rental_documents(ctx: JobContext, bookings: list[dict]) -> None:
    """Contracts and advance invoices of confirmed bookings, a free-use agreement (and no invoice) for a free
    one, a VAT invoice once a booking with VAT is carried out; none while the requisites they print are unset."""
    confirmed = [booking for booking in bookings if booking["busena"] in CONFIRMED]
    missing = missing_requisites(ctx.institution, vat=any(b["_price"].vat > 0 for b in confirmed))
    if missing and confirmed:
        log.error("nuoma: no contracts or invoices issued: set %s in automations.toml, section [institution]",
                  "; ".join(f"{key} ({meaning})" for key, meaning in missing.items()))
        return
    for booking in confirmed:
        context = document_context(booking, booking["_room"], booking["_price"], ctx.institution)
        number, year, applied = booking["uzsakymo_nr"], booking["data"].year, booking["paraiskos_data"]
        if context["nemokamai"]:
            ctx.output(CONTRACTS, f"Panaudos sutartis {number}.docx", ctx.docx(
                "panaudos_sutartis", context, title=f"Panaudos sutartis {number}", date=applied), year)
            continue
        ctx.output(CONTRACTS, f"Sutartis {number}.docx",
                   ctx.docx("nuomos_sutartis", context, title=f"Nuomos sutartis {number}", date=applied), year)
        ctx.output(INVOICES, f"Sąskaita {number}.docx",
                   ctx.docx("nuomos_saskaita", context, title=f"Išankstinė sąskaita {number}", date=applied), year)
    by_year: dict[int, list[dict]] = defaultdict(list)
    for booking in confirmed:
        if needs_vat_invoice(booking, booking["_price"]):
            by_year[booking["data"].year].append(booking)
    for year, done in sorted(by_year.items()):
        vat_invoices(ctx, year, done)


def vat_invoices(ctx: JobContext, year: int, bookings: list[dict]) -> None:
    """VAT invoices numbered PVM-<year>-0001 …: a booking keeps its number on every run (the register is read
    back); an unreadable register stops the VAT invoices only, never renumbers them."""
    path = f"{year}/{INVOICES}/PVM sąskaitų faktūrų registras {year}.xlsx"
    try:
        previous = read_register(ctx.fetch(path))
    except RegisterError as error:
        log.error("nuoma: VAT invoices not issued, fix or restore %s: %s", path, error)
        return
    entries = assign_numbers(previous, vat_entries(bookings), VAT_PREFIX, year)
    by_number = {booking["uzsakymo_nr"]: booking for booking in bookings}
    for entry in issued(entries):
        booking = by_number[entry.code]
        context = {**document_context(booking, booking["_room"], booking["_price"], ctx.institution),
                   "pvm_saskaitos_nr": entry.number, "pvm_saskaitos_data": entry.issued}
        ctx.output(INVOICES, f"{VAT_DOCUMENT} {entry.number} ({entry.code}).docx",
                   ctx.docx("pvm_saskaita", context, title=f"{VAT_DOCUMENT} {entry.number}", date=entry.issued),
                   year)
    ctx.output(INVOICES, f"PVM sąskaitų faktūrų registras {year}.xlsx",
               ctx.xlsx([vat_register_sheet(entries, year)], f"PVM sąskaitų faktūrų registras {year}",
                        date=max((e.issued for e in entries if e.issued), default=None)), year)


def produce(ctx: JobContext) -> None:
    rooms, bookings = ctx.frame(WORKBOOK, "Patalpos"), ctx.frame(WORKBOOK, "Užsakymai")
    rental_documents(ctx, priced(bookings, rooms).to_dict("records"))
    ctx.output(SUBJECT, "Patalpų užimtumas.xlsx",
               ctx.xlsx(schedule_sheets(bookings, rooms, ctx.today), "Patalpų užimtumas"), ctx.today.year)
    ctx.output(SUBJECT, f"Nuomos pajamos {ctx.year}.xlsx",
               ctx.xlsx(income_sheets(ctx.figures, ctx.year), f"Nuomos pajamos {ctx.year}"), ctx.year)


JOB = Job(
    name="nuoma",
    description="Space rentals: contracts, free-use agreements, advance and VAT invoices, 60-day room schedule, "
                "rental income report",
    workbooks=(WORKBOOK,),
    produce=produce,
    order=30,
)
