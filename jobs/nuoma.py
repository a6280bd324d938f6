"""`nuoma`: rental of library spaces: contracts, advance invoices, room schedules, income.

Reads ``nuoma`` (the `Patalpos` price list and the `Užsakymai` bookings; overlaps, capacity,
codes and youth-space rules are checked by the schema). For every confirmed booking it
writes a rental contract and an advance invoice named after the booking number; then the
room schedule for the next 60 days and the rental income report. Renters' contact details
appear only in their own contract and invoice; elsewhere a private person is "Fizinis asmuo".
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from automations import lt
from automations.domain.documents import figure_sheet
from automations.domain.figures import Figures
from automations.domain.rentals import CONFIRMED, Price, priced, room_index
from automations.job import Job, JobContext
from automations.periods import working_days_before
from automations.render.docx import DocTable
from automations.render.week_grid import Slot, week_grid
from automations.render.xlsx import Chart, Column, Sheet, workbook_bytes
from sheets_schema.nuoma import LEGAL_ENTITIES
from sheets_schema.types import given, text_key

WORKBOOK = "nuoma"
SUBJECT = "Nuoma"
CONTRACTS = "Nuomos sutartys"
INVOICES = "Nuomos sąskaitos"
SCHEDULE_DAYS = 60
PAYMENT_WORKING_DAYS = 5  # the advance is paid at the latest this many working days before the event
PRIVATE = "Fizinis asmuo"
INVOICE_PREFIX = "AS-"


def renter_shown(row: dict) -> str:
    """What reports may say about a renter: the organisation, never a private person's name."""
    return row["nuomininkas"] if row["nuomininko_tipas"] in LEGAL_ENTITIES else PRIVATE


def discount_text(booking: dict, price: Price) -> str:
    if not price.discount_rate:
        return ""
    return f"{booking['lengvata']} ({lt.percent(price.discount_rate * 100, 0)})"


def document_context(booking: dict, room: dict, price: Price) -> dict:
    """Everything the contract and the invoice templates show (the renter's contacts included)."""
    hours = lt.number(price.hours, 2).rstrip("0").rstrip(",")
    lines = [[f"Patalpos „{room['patalpa']}“ nuoma {booking['data']:%Y-%m-%d} "
              f"{booking['nuo']:%H:%M}–{booking['iki']:%H:%M}"
              + (f" (savaitgalio koeficientas {lt.number(price.factor, 1)})" if price.factor != 1 else ""),
              hours, lt.number(price.rate * price.factor, 2), lt.number(price.base, 2)]]
    if price.discount:
        lines.append([f"Nuolaida: {discount_text(booking, price)}", "", "", "−" + lt.number(price.discount, 2)])
    legal = booking["nuomininko_tipas"] in LEGAL_ENTITIES
    text = {key: booking[key] if given(booking[key]) else "" for key in (
        "nuomininkas", "imones_kodas", "pvm_kodas", "kontaktinis_asmuo", "el_pastas", "telefonas", "sutarties_nr",
        "paskirtis")}
    due = max(working_days_before(booking["data"], PAYMENT_WORKING_DAYS), booking["paraiskos_data"])
    return {
        "uzsakymo_nr": booking["uzsakymo_nr"], "saskaitos_nr": INVOICE_PREFIX + booking["uzsakymo_nr"],
        "saskaitos_data": booking["paraiskos_data"], **text, "juridinis": legal,
        "nuomininko_tipas": booking["nuomininko_tipas"], "patalpa": room["patalpa"], "adresas": room["adresas"],
        "vietos": room["vietu_skaicius"], "data": booking["data"], "savaites_diena": lt.weekday(booking["data"]),
        "laikas": f"{booking['nuo']:%H:%M}–{booking['iki']:%H:%M}", "valandos": hours,
        "dalyviai": booking["dalyviu_sk"] if given(booking["dalyviu_sk"]) else "",
        "tarifas": price.rate, "koeficientas": lt.number(price.factor, 1), "savaitgalis": price.factor != 1,
        "nuolaida": discount_text(booking, price), "lengvata": booking["lengvata"] if price.discount_rate else "",
        "nuolaidos_proc": lt.percent(price.discount_rate * 100, 0), "nuolaidos_suma": price.discount,
        "bazine": price.base,
        "neto": price.net, "pvm": price.vat, "bruto": price.gross, "pvm_tarifas": lt.percent(price.vat_rate * 100, 0),
        "be_pvm": price.vat_exempt, "nemokamai": price.gross == 0, "apmoketi_iki": due,
        "eilutes": DocTable(["Paslauga", "Kiekis, val.", "Kaina, Eur/val.", "Suma, Eur"], lines, numeric={1, 2, 3},
                            widths_mm=[95, 22, 25, 28]),
    }


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


def produce(ctx: JobContext) -> None:
    rooms, bookings = ctx.frame(WORKBOOK, "Patalpos"), ctx.frame(WORKBOOK, "Užsakymai")
    for booking in priced(bookings, rooms).to_dict("records"):
        if booking["busena"] not in CONFIRMED:
            continue
        context = document_context(booking, booking["_room"], booking["_price"])
        number, year = booking["uzsakymo_nr"], booking["data"].year
        ctx.output(CONTRACTS, f"Sutartis {number}.docx", ctx.docx("nuomos_sutartis", context), year)
        ctx.output(INVOICES, f"Sąskaita {number}.docx", ctx.docx("nuomos_saskaita", context), year)
    ctx.output(SUBJECT, "Patalpų užimtumas.xlsx",
               workbook_bytes(schedule_sheets(bookings, rooms, ctx.today), title="Patalpų užimtumas"), ctx.today.year)
    ctx.output(SUBJECT, f"Nuomos pajamos {ctx.year}.xlsx",
               ctx.xlsx(income_sheets(ctx.figures, ctx.year), f"Nuomos pajamos {ctx.year}"), ctx.year)


JOB = Job(
    name="nuoma",
    description="Space rentals: contracts and advance invoices, 60-day room schedule, rental income report",
    workbooks=(WORKBOOK,),
    produce=produce,
    order=30,
)
