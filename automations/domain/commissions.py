"""Commissions, working groups and councils: meetings held and planned, attendance and quorum, decisions.

A meeting counts once held (`Būsena` – įvyko, its date in the year up to the report date);
attendance is members present over members in office on the day (guests do not count);
a decision belongs to the meeting it names and counts in that meeting's year; a decision is
overdue when its deadline has passed by the report date and it is neither done nor dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pandas as pd

from automations import lt
from automations.domain.figures import Figure, Figures, Table
from automations.domain.rows import within
from automations.periods import Period, rest_of_year
from automations.validation import WorkbookResult
from sheets_schema.base import Problem, Severity, header, make_problem
from sheets_schema.komisijos import CANCELLED, HELD, PLANNED, Sprendimas, overdue, quorum
from sheets_schema.types import given, text_key

if TYPE_CHECKING:  # the calendar renderer loads when a calendar is made, not with the figures
    from automations.render.ics import CalendarEvent

WORKBOOK = "komisijos"
DEFAULT_START = dt.time(10, 0)
MEETING_HOURS = 2


def body_names(bodies: pd.DataFrame) -> dict[str, str]:
    return {text_key(code): name for code, name in zip(bodies["kodas"], bodies["pavadinimas"], strict=True)}


def meetings(figures: Figures) -> pd.DataFrame:
    """Every kept meeting with its body's name and code as typed in `Komisijos`, and its quorum."""
    def compute() -> pd.DataFrame:
        frame = figures.frame(WORKBOOK, "Posėdžiai")
        return with_quorum(frame, figures.frame(WORKBOOK, "Nariai"), figures.frame(WORKBOOK, "Komisijos"))

    return figures.memo("commission meetings", compute).copy()


def with_quorum(frame: pd.DataFrame, members: pd.DataFrame, bodies: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    names = body_names(bodies)
    codes = {text_key(code): code for code in bodies["kodas"]}
    frame["kodas"] = frame["komisija"].map(lambda code: codes.get(text_key(code), code))
    frame["komisija_pav"] = frame["komisija"].map(lambda code: names.get(text_key(code), code))
    found = [quorum(members, body, day, attended) if given(day) else None
             for body, day, attended in zip(frame["komisija"], frame["data"], frame["dalyvavo"], strict=True)]
    frame["nariu"] = [q.members if q else 0 for q in found]
    frame["dalyvavo_nariu"] = [len(q.present) if q else 0 for q in found]
    frame["sveciai"] = [", ".join(q.guests) if q else "" for q in found]
    frame["kvorumas"] = [bool(q and q.reached) for q in found]
    frame["reikia"] = [q.needed if q else 0 for q in found]
    return frame


def held(figures: Figures, period: Period) -> pd.DataFrame:
    rows = meetings(figures)
    return within(rows.loc[rows["busena"] == HELD], "data", period).sort_values(["data", "kodas", "nr"])


def planned(figures: Figures, period: Period) -> pd.DataFrame:
    rows = meetings(figures)
    return within(rows.loc[rows["busena"] == PLANNED], "data", rest_of_year(period)).sort_values(["data", "kodas"])


def decisions(figures: Figures) -> pd.DataFrame:
    """Every kept decision with its meeting's date and its body's name."""
    frame = figures.frame(WORKBOOK, "Sprendimai")
    dates = {(text_key(body), number): day for body, number, day in zip(*(meetings(figures)[c] for c in (
        "komisija", "nr", "data")), strict=True)}
    names = body_names(figures.frame(WORKBOOK, "Komisijos"))
    frame["posedzio_data"] = [dates.get((text_key(body), number)) for body, number in
                              zip(frame["komisija"], frame["posedzio_nr"], strict=True)]
    frame["komisija_pav"] = frame["komisija"].map(lambda code: names.get(text_key(code), code))
    return frame


def taken(figures: Figures, period: Period) -> pd.DataFrame:
    """Decisions of the meetings held in the period."""
    meetings_held = held(figures, period)
    held_keys = {(text_key(b), n) for b, n in zip(meetings_held["komisija"], meetings_held["nr"], strict=True)}
    rows = decisions(figures)
    keep = [(text_key(b), n) in held_keys for b, n in zip(rows["komisija"], rows["posedzio_nr"], strict=True)]
    return rows.loc[pd.Series(keep, index=rows.index, dtype=bool)]


def late(figures: Figures, period: Period) -> pd.DataFrame:
    """Decisions overdue on the report date (the period's last day), whichever year they were taken."""
    rows = decisions(figures)
    found = overdue(rows, period.end)
    return found.assign(veluoja_d=[(period.end - deadline).days for deadline in found["terminas"]])


def active_bodies(figures: Figures, period: Period) -> pd.DataFrame:
    bodies = figures.frame(WORKBOOK, "Komisijos")
    keep = [(not given(start) or start <= period.end) and (not given(end) or end >= period.start)
            for start, end in zip(bodies["sudaryta"], bodies["veikia_iki"], strict=True)]
    return bodies.loc[pd.Series(keep, index=bodies.index, dtype=bool)]


def attendance(rows: pd.DataFrame) -> float | None:
    """Members present over members in office, over held meetings whose attendance is recorded (percent)."""
    recorded = rows.loc[rows["dalyvavo"].map(lambda v: given(v) and bool(v)) & (rows["nariu"] > 0)] \
        if len(rows) else rows
    return float(recorded["dalyvavo_nariu"].sum() / recorded["nariu"].sum() * 100) if len(recorded) else None


def per_body(figures: Figures, year: int) -> Table:
    """Per body: meetings held, attendance, decisions taken and done; the totals row is the figures."""
    names = lt.sorted_lt(active_bodies(figures, figures.period(year))["pavadinimas"].tolist())
    first = figures.breakdown({"posedziai": "komisijos.posedziai", "lankomumas": "komisijos.lankomumas"}, year,
                              "komisija_pav", categories=names)
    second = figures.breakdown({"sprendimai": "komisijos.sprendimai", "ivykdyti": "komisijos.ivykdyti"}, year,
                               "komisija_pav", categories=names)
    return first.beside(second, ["sprendimai", "ivykdyti"])


def calendar_events(rows: pd.DataFrame) -> list[CalendarEvent]:
    """Meetings not cancelled, in Vilnius time; the UID follows the body, the number and the year."""
    from automations.render.ics import CalendarEvent

    events = []
    for row in rows.loc[rows["busena"] != CANCELLED].to_dict("records"):
        start = dt.datetime.combine(row["data"], row["pradzia"] if given(row["pradzia"]) else DEFAULT_START)
        place = row["vieta"]
        events.append(CalendarEvent(
            key=f"komisijos/{text_key(row['kodas'])}/{row['nr']}/{row['data'].year}", start=start,
            end=start + dt.timedelta(hours=MEETING_HOURS), summary=f"{row['komisija_pav']}: posėdis Nr. {row['nr']}",
            location=place, description="Darbotvarkė:\n" + row["darbotvarke"],
            url=place if str(place).startswith(("http://", "https://")) else ""))
    return events


def overdue_problems(result: WorkbookResult, today: dt.date) -> Iterator[Problem]:
    """A warning on each overdue decision's row, as of ``today`` (validation itself knows no date)."""
    frame = result.frame("Sprendimai")
    for row in overdue(frame, today).to_dict("records"):
        yield make_problem(WORKBOOK, "Sprendimai", int(row["_row"]), header(Sprendimas, "terminas"), row["terminas"],
                           "veluoja", f"sprendimo terminas ({row['terminas']}) praėjo, o jis dar „{row['busena']}“: "
                           "įvykdykite arba pakeiskite būseną ar terminą", Severity.WARNING)


HELD_TEXT = "lapo „Posėdžiai“ posėdžiai, kurių „Būsena“ – įvyko, o data – metuose iki ataskaitos dienos"
TAKEN_TEXT = "lapo „Sprendimai“ sprendimai, priimti posėdžiuose, kurie įvyko metuose iki ataskaitos dienos"


def _meeting(figure_id: str, name: str, definition: str, unit: str = "vnt.", **extra) -> Figure:
    return Figure(figure_id, name, definition, unit, WORKBOOK, "Posėdžiai", **extra)


def _decision(figure_id: str, name: str, definition: str, **extra) -> Figure:
    return Figure(figure_id, name, definition, "vnt.", WORKBOOK, "Sprendimai", date_column="posedzio_data", **extra)


FIGURES = (
    Figure("komisijos.veikiancios", "Veikiančios komisijos ir darbo grupės",
           "lapo „Komisijos“ komisijos, darbo grupės ir tarybos, veikusios bent vieną metų dieną iki ataskaitos dienos "
           "(„Sudaryta“–„Veikia iki“)", "vnt.", WORKBOOK, "Komisijos", select=active_bodies, date_column=None),
    _meeting("komisijos.posedziai", "Komisijų posėdžiai", HELD_TEXT, select=held, plan_names=("Komisijų posėdžiai",),
             aliases=("Komisijų ir darbo grupių posėdžiai", "Komisijų posėdžių skaičius")),
    _meeting("komisijos.lankomumas", "Komisijų posėdžių lankomumas",
             f"dalyvavusių narių ir tą dieną buvusių narių santykis, proc. (posėdžiai su įrašytais dalyviais); "
             f"{HELD_TEXT}", "proc.", select=held, measure=attendance, kind="amount"),
    _meeting("komisijos.be_kvorumo", "Komisijų posėdžiai be kvorumo",
             f"dalyvavo ne daugiau kaip pusė tą dieną buvusių narių; {HELD_TEXT}", select=held,
             where=lambda rows: rows["dalyvavo"].map(lambda v: given(v) and bool(v)) & ~rows["kvorumas"]),
    _meeting("komisijos.suplanuoti", "Suplanuoti komisijų posėdžiai iki metų pabaigos",
             "„Būsena“ – planuojamas, data – po ataskaitos dienos, tų pačių metų", select=planned),
    _decision("komisijos.sprendimai", "Priimti komisijų sprendimai", TAKEN_TEXT, select=taken),
    _decision("komisijos.ivykdyti", "Įvykdyti sprendimai", f"„Būsena“ – įvykdyta; {TAKEN_TEXT}", select=taken,
              where=lambda rows: rows["busena"] == "įvykdyta", plan_names=("Įvykdyti sprendimai",),
              aliases=("Įvykdytų sprendimų skaičius",)),
    _decision("komisijos.veluojantys", "Vėluojantys komisijų sprendimai",
              "sprendimai (bet kurių metų), kurių terminas praėjo ataskaitos dieną, o „Būsena“ – neįvykdyta arba "
              "vykdoma", select=late),
)
