"""Room occupancy as a week-by-hour grid: one block of hour rows per week, one column per weekday.

Used for the rental schedule; a grid cell names the booking that occupies any part of that
hour. The first hour of a booking carries its full description, later hours its number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from automations.render.xlsx import Column, Sheet

DAY_KEYS = ("pr", "an", "tr", "kt", "pn", "st", "sk")
DAY_HEADERS = ("Pirmadienis", "Antradienis", "Trečiadienis", "Ketvirtadienis", "Penktadienis", "Šeštadienis",
               "Sekmadienis")


@dataclass(frozen=True)
class Slot:
    """One occupied stretch of a day, as the grid shows it."""

    day: dt.date
    start: dt.time
    end: dt.time
    label: str  # full text on the first hour
    short: str  # text on the following hours
    style: str  # a render.xlsx highlight key


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def week_grid(name: str, title: str, slots: list[Slot], first: dt.date, last: dt.date,
              hours: tuple[int, int] = (8, 22), notes: list[str] | None = None) -> Sheet:
    """The weeks from ``first`` to ``last``; hours widen to fit bookings outside ``hours``."""
    start_hour = min([hours[0], *(slot.start.hour for slot in slots)])
    end_hour = max([hours[1], *(min(_minutes(slot.end) + 59, 24 * 60) // 60 for slot in slots)])
    monday = first - dt.timedelta(days=first.weekday())
    rows: list[dict] = []
    styles: dict[tuple[int, str], str] = {}
    bold: set[int] = set()
    while monday <= last:
        days = [monday + dt.timedelta(days=offset) for offset in range(7)]
        bold.add(len(rows))
        rows.append({"savaite": f"{days[0]:%Y-%m-%d} – {days[6]:%Y-%m-%d}", "valanda": "",
                     **{key: f"{day:%m-%d}" for key, day in zip(DAY_KEYS, days, strict=True)}})
        for hour in range(start_hour, end_hour):
            row = {"savaite": "", "valanda": f"{hour:02d}:00–{(hour + 1) % 24:02d}:00"}
            for key, day in zip(DAY_KEYS, days, strict=True):
                if not first <= day <= last:
                    continue
                texts = []
                for slot in slots:
                    if slot.day == day and _minutes(slot.start) < (hour + 1) * 60 and _minutes(slot.end) > hour * 60:
                        texts.append(slot.label if slot.start.hour == hour or hour == start_hour else slot.short)
                        styles[(len(rows), key)] = slot.style
                row[key] = "; ".join(texts)
            rows.append(row)
        monday += dt.timedelta(days=7)
    columns = [Column("savaite", "Savaitė", width=24), Column("valanda", "Valanda", width=12),
               *(Column(key, header, width=26) for key, header in zip(DAY_KEYS, DAY_HEADERS, strict=True))]
    frame = pd.DataFrame(rows, columns=[column.key for column in columns])
    return Sheet(sheet_name(name), frame, columns, title=title, notes=notes or [], cell_styles=styles, bold_rows=bold,
                 autofilter=False)


def sheet_name(text: str) -> str:
    """An Excel sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in str(text)).strip()
    return cleaned[:31] or "Lapas"
