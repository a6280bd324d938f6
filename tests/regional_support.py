"""Independent readers for the regional jobs' tests: raw input cells and produced documents.

Nothing here uses the jobs' code: inputs are read with openpyxl and parsed the simple way a
person would check them, so the tests compare the documents against a second count.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from demo_errors import error_rows
from docx import Document
from openpyxl import load_workbook


def sheet_rows(path: Path, tab: str) -> list[tuple[int, dict[str, Any]]]:
    """(sheet row number, {header: value}) for every non-empty data row under the first-row headers."""
    sheet = load_workbook(path, data_only=True)[tab]
    rows = list(sheet.iter_rows(values_only=True))
    headers = [str(cell).strip() if cell is not None else "" for cell in rows[0]]
    return [(index, dict(zip(headers, row, strict=False))) for index, row in enumerate(rows[1:], start=2)
            if any(value not in (None, "") for value in row)]


def day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        year, month, date = re.split(r"[-./]", value.strip())
        return dt.date(int(year), int(month), int(date))
    return None


# Municipalities as documents name them, written out (recounts do not call the project's formatter).
MUNICIPALITY_SHORT = {"Panevėžio miesto": "Panevėžio m. sav.", "Visagino": "Visagino sav.",
                      **{f"{name} rajono": f"{name} r. sav." for name in (
                          "Panevėžio", "Biržų", "Kupiškio", "Pasvalio", "Rokiškio", "Anykščių", "Ignalinos", "Molėtų",
                          "Utenos", "Zarasų")}}


def municipality(name: str) -> str:
    """``Biržų rajono`` → ``Biržų r. sav.``."""
    return MUNICIPALITY_SHORT[name]


def num(value: Any) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        return float(value.replace("\u00a0", "").replace(" ", "").replace(",", "."))
    return float(value)


def doc_number(text: str) -> float:
    """``1 234,5`` / ``8 737,21 Eur`` as printed in a document."""
    cleaned = text.replace("Eur", "").replace("proc.", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
    return float(cleaned.replace("−", "-"))


def norm(text: Any) -> str:
    return " ".join(str(text).split()).casefold()


def yes(value: Any) -> bool:
    return str(value).strip().casefold() in {"taip", "true", "1"} if value is not None else False


def libraries(workspace: Path) -> dict[str, dict[str, Any]]:
    """Territory libraries by normalised code and by normalised name."""
    found = {}
    for _, row in sheet_rows(workspace / "teritorijos_statistika.xlsx", "Bibliotekos"):
        if row["Tipas"] == "apskrities biblioteka":  # the Library itself, not a territory library
            continue
        found[norm(row["Kodas"])] = row
        found[norm(row["Pavadinimas"])] = row
    return found


def table(path: Path, sheet: str, first_header: str) -> list[dict[str, Any]]:
    """Rows of an output sheet whose header row starts with ``first_header`` (titles above are skipped)."""
    rows = list(load_workbook(path, data_only=True)[sheet].iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row and row[0] == first_header)
    headers = rows[start]
    return [dict(zip(headers, row, strict=False)) for row in rows[start + 1:] if any(v is not None for v in row)]


def doc_tables(path: Path) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in item.rows] for item in Document(path).tables]


def headings(path: Path) -> list[str]:
    return [p.text for p in Document(path).paragraphs if p.style.name.startswith("Heading")]


def doc_text(path: Path) -> str:
    document = Document(path)
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for item in document.tables for row in item.rows for cell in row.cells]
    return "\n".join(parts)


def run_once(workspace: Path, job: str, today: dt.date = dt.date(2026, 11, 22)) -> Any:
    """Run one job on a workspace (for module-scoped fixtures, which cannot use ``run_job``)."""
    from automations.config import load_settings
    from automations.runner import run_jobs
    from jobs import all_jobs

    return run_jobs(load_settings(workspace), [all_jobs()[job]], on_date=today)


def published(report: Any, job: str) -> dict[str, Any]:
    run = next(run for run in report.jobs if run.job == job)
    assert run.ok, run.error
    return {item.path: item for item in run.published}


def rental_income(workspace: Path, report: Any, year: int, up_to: dt.date) -> tuple[Decimal, Decimal]:
    """(net, gross) income of bookings carried out in the year up to ``up_to``, priced from the price list by hand."""
    rooms = {norm(r["Patalpa"]): r for _, r in sheet_rows(workspace / "nuoma.xlsx", "Patalpos")}
    errors = error_rows(report, "nuoma", "Užsakymai")
    nets, gross = Decimal(0), Decimal(0)
    for number, row in sheet_rows(workspace / "nuoma.xlsx", "Užsakymai"):
        when = day(row["Data"])
        if number in errors or row["Būsena"] != "įvykdyta" or when.year != year or when > up_to:
            continue
        room = rooms[norm(row["Patalpa"])]
        minutes = (row["Iki"].hour * 60 + row["Iki"].minute) - (row["Nuo"].hour * 60 + row["Nuo"].minute)
        factor = Decimal(str(num(room["Savaitgalio koeficientas"]) or 1)) if when.weekday() >= 5 else Decimal(1)
        base = (Decimal(minutes) / 60 * Decimal(str(num(room["Tarifas, Eur/val."]))) * factor).quantize(
            Decimal("0.01"), ROUND_HALF_UP)
        discount = str(row["Lengvata"] or "").replace("-", "–")
        share = (Decimal(1) if discount == "jaunimas 14–29" and yes(room["Jaunimo erdvė"]) else
                 Decimal("0.5") if discount in ("partnerio renginys", "labdaros organizacija") else Decimal(0))
        net = base - (base * share).quantize(Decimal("0.01"), ROUND_HALF_UP)
        vat = (net * Decimal("0.21")).quantize(Decimal("0.01"), ROUND_HALF_UP) if row["PVM tarifas"] == "21 %" else 0
        nets += net
        gross += net + vat
    return nets, gross


def independent_figures(workspace: Path, report: Any, year: int, up_to: dt.date) -> dict[str, float]:
    """A few figures of ``year`` up to ``up_to`` counted straight from the input workbooks, by registry id."""
    def happened(value: Any) -> bool:
        when = day(value)
        return when is not None and when.year == year and when <= up_to

    events = [(n, r) for n, r in sheet_rows(workspace / "renginiai.xlsx", "Renginiai")
              if n not in error_rows(report, "renginiai", "Renginiai")]
    held = [r for _, r in events if r["Būsena"] == "įvyko" and happened(r["Data"])]
    visits = [r for n, r in sheet_rows(workspace / "lankytojai.xlsx", "Lankytojai")
              if n not in error_rows(report, "lankytojai", "Lankytojai") and happened(r["Data"])]
    advice = [r for n, r in sheet_rows(workspace / "konsultacijos.xlsx", "Konsultacijos")
              if n not in error_rows(report, "konsultacijos", "Konsultacijos") and happened(r["Data"])]
    tours = [r for _, r in sheet_rows(workspace / "renginiai.xlsx", "Ekskursijos") if happened(r["Data"])]
    net, gross = rental_income(workspace, report, year, up_to)
    return {
        "renginiai.ivyke": len(held),
        "renginiai.dalyviai": sum(num(r["Dalyviai"]) or 0 for r in held),
        "ekskursijos.ivykusios": len(tours),
        "ekskursijos.dalyviai": sum(num(r["Dalyviai"]) or 0 for r in tours),
        "lankytojai.zaose": sum(num(r["Lankytojai iš viso"]) or 0 for r in visits
                                if r["Vieta"] == "J. Urbšio sodyba (Zaosė)"),
        "lankytojai.biblioteka": sum(num(r["Lankytojai iš viso"]) or 0 for r in visits
                                     if r["Vieta"] != "J. Urbšio sodyba (Zaosė)"),
        "konsultacijos.suteiktos": len(advice),
        "nuoma.pajamos_be_pvm": float(net),
        "nuoma.pajamos_su_pvm": float(gross),
    }
