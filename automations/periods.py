"""Reporting windows: a month, the coming month, the year so far, working days.

Jobs report on calendar periods that depend on the day they run ("the coming month", "the
year so far"); computing them in one place keeps every job's notion of a month the same.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import pandas as pd

from automations import lt


@dataclass(frozen=True)
class Period:
    """Dates ``start``..``end`` inclusive; ``end < start`` means an empty period."""

    start: dt.date
    end: dt.date
    title: str  # Lithuanian, for headings: ``2026 m. gruodis`` / ``2026 m. (iki lapkričio 22 d.)``
    tag: str  # for file names: ``2026-12`` / ``2026``

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def empty(self) -> bool:
        return self.end < self.start

    def mask(self, dates: pd.Series) -> pd.Series:
        """Which values of a column of dates fall in the period (blanks never do).

        A column of date objects repeats a few hundred days over thousands of rows: each distinct
        value is looked at once."""
        if dates.dtype != object:
            return dates.map(lambda day: day in self).astype(bool)
        return dates.isin([day for day in dates.unique() if day in self])

    def months(self) -> list[tuple[int, int]]:
        """The (year, month) pairs the period touches, in order."""
        if self.empty:
            return []
        found, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            found.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found


def month(year: int, number: int) -> Period:
    last = calendar.monthrange(year, number)[1]
    return Period(dt.date(year, number, 1), dt.date(year, number, last), lt.month_title(year, number),
                  f"{year}-{number:02d}")


def next_month(today: dt.date) -> Period:
    """The calendar month after ``today``'s (December → January of the next year)."""
    return month(today.year + 1, 1) if today.month == 12 else month(today.year, today.month + 1)


def previous_month(today: dt.date) -> Period:
    return month(today.year - 1, 12) if today.month == 1 else month(today.year, today.month - 1)


def year_so_far(year: int, today: dt.date) -> Period:
    """``year`` up to ``today``: a past year is whole, a future one is empty."""
    start, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if today >= last:
        return Period(start, last, f"{year} m.", str(year))
    end = today if today >= start else start - dt.timedelta(days=1)
    return Period(start, end, f"{year} m. (iki {lt.long_date(end).split(' m. ', 1)[-1]})", str(year))


def report_month(year: int, today: dt.date) -> Period:
    """The month a monthly report covers: December of a past ``year``, else the last complete month."""
    return month(year, 12) if year < today.year else previous_month(today)


def working_days_before(day: dt.date, count: int) -> dt.date:
    """The date ``count`` working days (Monday–Friday) before ``day``."""
    current = day
    while count > 0:
        current -= dt.timedelta(days=1)
        if current.weekday() < 5:
            count -= 1
    return current


def a_year_earlier(day: dt.date) -> dt.date:
    """The same day a year before (29 February → 28 February)."""
    return day.replace(year=day.year - 1) if (day.month, day.day) != (2, 29) else day.replace(year=day.year - 1,
                                                                                               day=28)


def rest_of_year(period: Period) -> Period:
    """From the day after the report date to 31 December (empty for a past year)."""
    year_end = dt.date(period.start.year, 12, 31)
    start = max(period.start, period.end + dt.timedelta(days=1))
    return Period(start, year_end, f"{period.start.year} m. likusi dalis", str(period.start.year))
