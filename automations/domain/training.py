"""Trainings for librarians: schedules, attendance and hours, and the training-needs survey.

Pure pandas on the validated frames of ``kvalifikacija``, so the qualification job, the
activity plan's indicators and the annual report count trainings, people and hours the same
way. A training counts in the year its last day falls in; a participant counts as trained
when ``Dalyvavo`` is Taip; the hours are ``Išklausyta`` or else the training's length.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pandas as pd

from automations import lt
from automations.domain.figures import Figure, Figures
from automations.periods import Period
from sheets_schema.kvalifikacija import COMPETENCE_AREAS
from sheets_schema.references import References
from sheets_schema.types import given

if TYPE_CHECKING:  # the calendar renderer loads when a calendar is made, not with the figures
    from automations.render.ics import CalendarEvent

OUTSIDE = "ne teritorijos biblioteka"  # municipality of a participant from elsewhere
UNKNOWN_TYPE = "nenustatyta"
DEFAULT_TIMES = (dt.time(10, 0), dt.time(16, 0))  # when a training's times are not given
PRIORITY_WEIGHTS = {"1": 3, "2": 2, "3": 1}  # an answer without a priority weighs as "3"
PLAN_AREAS = 8  # areas in the draft plan for next year
PLAN_PER_QUARTER = 3


def normalise(text: Any) -> str:
    """Names and codes compared ignoring case and spacing."""
    return " ".join(str(text).split()).casefold()


def hours_text(value: Any) -> str:
    """``6`` or ``3,5`` academic hours, as a certificate shows them."""
    if not given(value):
        return ""
    amount = Decimal(str(value)).normalize()
    return lt.number(amount, 0 if amount == amount.to_integral_value() else min(-amount.as_tuple().exponent, 2))


def lecturer_role(row: dict) -> str:
    """``Lektorė`` / ``Lektorius`` / ``Lektoriai`` / ``Lektorės``: agreeing with the names (or the override column)."""
    return lt.role(lt.names_in(row.get("lektorius")), lt.LECTURER, row.get("lektoriaus_lytis")
                   if given(row.get("lektoriaus_lytis")) else None)


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - dt.timedelta(days=1)
    return start, end


def coming_quarter(today: dt.date) -> tuple[int, int]:
    """(year, quarter number) of the calendar quarter after the one containing ``today``."""
    quarter = (today.month - 1) // 3 + 1
    return (today.year + 1, 1) if quarter == 4 else (today.year, quarter + 1)


def with_ends(trainings: pd.DataFrame) -> pd.DataFrame:
    """Trainings with ``pabaigos_data`` (the last day) and a normalised code for joins."""
    frame = trainings.copy()
    frame["pabaigos_data"] = [end if given(end) else start for start, end in zip(frame["data_nuo"],
                                                                                   frame["data_iki"], strict=True)]
    frame["_kodas"] = frame["kodas"].map(normalise)
    return frame


def schedule(trainings: pd.DataFrame, participants: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Trainings starting within [start, end], by date, with registrations and places left."""
    frame = with_ends(trainings)
    frame = frame.loc[frame["data_nuo"].map(lambda day: start <= day <= end)]
    registered = participants["mokymu_kodas"].map(normalise).value_counts()
    frame["registruota"] = frame["_kodas"].map(registered).fillna(0).astype(int)
    frame["liko_vietu"] = [int(seats) - taken if given(seats) else None
                           for seats, taken in zip(frame["vietu_skaicius"], frame["registruota"], strict=True)]
    frame["datos"] = [lt.date_range(a, b) for a, b in zip(frame["data_nuo"], frame["pabaigos_data"], strict=True)]
    frame["laikas"] = [f"{a:%H:%M}–{b:%H:%M}" if given(a) and given(b) else (f"{a:%H:%M}" if given(a) else "")
                       for a, b in zip(frame["pradzia"], frame["pabaiga"], strict=True)]
    return frame.sort_values(["data_nuo", "kodas"]).reset_index(drop=True)


def training_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """The days of a training: weekends in between are skipped, a first or last day on one is kept."""
    days = [start + dt.timedelta(days=offset) for offset in range((end - start).days + 1)]
    return [day for day in days if day.weekday() < 5 or day in (start, end)]


def calendar_events(planned: pd.DataFrame) -> list[CalendarEvent]:
    """One event per training day, with the training's times (10:00–16:00 when not given)."""
    from automations.render.ics import CalendarEvent

    events = []
    for row in planned.to_dict("records"):
        begin = row["pradzia"] if given(row["pradzia"]) else DEFAULT_TIMES[0]
        finish = row["pabaiga"] if given(row["pabaiga"]) else DEFAULT_TIMES[1]
        days = training_days(row["data_nuo"], row["pabaigos_data"])
        lines = [f"{row['forma'].capitalize()}, {row['budas']}, {hours_text(row['trukme'])} akad. val.",
                 f"Kodas: {row['kodas']}"]
        if given(row["lektorius"]):
            lines.append(f"{lecturer_role(row)}: {row['lektorius']}")
        if given(row["tiksline_grupe"]):
            lines.append(f"Tikslinė grupė: {row['tiksline_grupe']}")
        if given(row["liko_vietu"]):
            lines.append(f"Liko vietų: {max(int(row['liko_vietu']), 0)}")
        for number, day in enumerate(days, start=1):
            suffix = f" ({number} diena iš {len(days)})" if len(days) > 1 else ""
            events.append(CalendarEvent(
                key=f"kvalifikacija/{normalise(row['kodas'])}/{day.isoformat()}",
                start=dt.datetime.combine(day, begin), end=dt.datetime.combine(day, finish),
                summary=f"{row['pavadinimas']}{suffix}", location=row["vieta"] if given(row["vieta"]) else "",
                description="\n".join(lines)))
    return events


def attendance(trainings: pd.DataFrame, participants: pd.DataFrame, refs: References, period: Period) -> pd.DataFrame:
    """Who attended which training whose last day falls in ``period``, with hours and the library's identity."""
    frame = with_ends(trainings)
    frame = frame.loc[period.mask(frame["pabaigos_data"])]
    people = participants.loc[participants["dalyvavo"].map(lambda v: given(v) and bool(v))].copy()
    people["_kodas"] = people["mokymu_kodas"].map(normalise)
    columns = ["_kodas", "kodas", "pavadinimas", "forma", "budas", "kompetenciju_sritis", "data_nuo",
               "pabaigos_data", "trukme", "pazymejimas", "vieta", "lektorius", "lektoriaus_lytis", "organizatorius"]
    joined = people.drop(columns=["pavadinimas"], errors="ignore").merge(frame[columns], on="_kodas")
    joined["valandos"] = [float(heard) if given(heard) else float(length)
                          for heard, length in zip(joined["isklausyta"], joined["trukme"], strict=True)]
    codes = joined["biblioteka"].map(refs.library_code)
    identity = refs.libraries.set_index("kodas") if refs.loaded else pd.DataFrame(
        columns=["pavadinimas", "savivaldybe", "tipas"])
    joined["bibliotekos_kodas"] = codes
    joined["bibliotekos_pavadinimas"] = [identity.at[code, "pavadinimas"] if given(code) else text
                                         for code, text in zip(codes, joined["biblioteka"], strict=True)]
    joined["savivaldybe"] = [identity.at[code, "savivaldybe"] if given(code) else OUTSIDE for code in codes]
    joined["asmuo"] = [f"{normalise(name)}|{code if given(code) else normalise(text)}"
                       for name, code, text in zip(joined["vardas_pavarde"], codes, joined["biblioteka"], strict=True)]
    return joined.reset_index(drop=True)


def hours_by(attended: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Participations, distinct people trained and academic hours per group, largest first."""
    if attended.empty:
        return pd.DataFrame(columns=[*keys, "dalyviai", "asmenys", "valandos"])
    grouped = attended.groupby(keys, dropna=False).agg(
        dalyviai=("asmuo", "size"), asmenys=("asmuo", "nunique"), valandos=("valandos", "sum")).reset_index()
    return grouped.sort_values(["valandos", *keys], ascending=[False, *[True] * len(keys)]).reset_index(drop=True)


def covered(attended: pd.DataFrame) -> pd.DataFrame:
    """Per competence area: trainings held (someone attended), people trained, hours."""
    held = attended.groupby("kompetenciju_sritis").agg(
        mokymai=("_kodas", "nunique"), asmenys=("asmuo", "nunique"), valandos=("valandos", "sum"))
    return held.reindex(COMPETENCE_AREAS).fillna(0).rename_axis("sritis").reset_index()


# ------------------------------------------------------------------ the needs survey
def survey_year(answers: pd.DataFrame, year: int) -> int:
    """The year whose answers are analysed: ``year``, or the latest earlier one with answers."""
    years = [stamp.year for stamp in answers["laiko_zyme"] if given(stamp) and stamp.year <= year]
    return year if year in years or not years else max(years)


def needs_long(answers: pd.DataFrame, refs: References, year: int) -> pd.DataFrame:
    """One row per (answer, area) for the year's answers; areas are already canonical."""
    rows = []
    for answer in answers.to_dict("records"):
        if not given(answer["laiko_zyme"]) or answer["laiko_zyme"].year != year:
            continue
        code = refs.library_code(answer["biblioteka"]) or refs.library_code(str(answer["biblioteka"]).split(",")[0])
        kind = refs.library(code).get("tipas", UNKNOWN_TYPE) if code else UNKNOWN_TYPE
        for area in str(answer["kompetenciju_sritys"]).split(", "):
            rows.append({"atsakymas": answer["_row"], "sritis": area, "prioritetas": answer["prioritetas"],
                         "ketvirtis": answer["ketvirtis"], "tipas": kind, "forma": answer["pageidaujama_forma"]})
    return pd.DataFrame(rows, columns=["atsakymas", "sritis", "prioritetas", "ketvirtis", "tipas", "forma"])


def rank_areas(long: pd.DataFrame) -> pd.DataFrame:
    """Areas by weighted demand (priority 1 = 3 points, 2 = 2, 3 or none = 1), then by mentions."""
    respondents = long["atsakymas"].nunique()
    frame = long.assign(
        balai=long["prioritetas"].map(lambda p: PRIORITY_WEIGHTS.get(p, 1) if given(p) else 1),
        pirmas=long["prioritetas"].eq("1").astype(int),
        prioritetas_sk=pd.to_numeric(long["prioritetas"], errors="coerce"))
    ranked = frame.groupby("sritis").agg(
        paminejimai=("atsakymas", "nunique"), balai=("balai", "sum"), pirmas_prioritetas=("pirmas", "sum"),
        vid_prioritetas=("prioritetas_sk", "mean"))
    ranked = ranked.reindex(COMPETENCE_AREAS).dropna(subset=["paminejimai"]).rename_axis("sritis").reset_index()
    ranked["dalis"] = ranked["paminejimai"] / respondents * 100 if respondents else 0.0
    ranked["_lt"] = ranked["sritis"].map(lt.sort_key)
    ranked = ranked.sort_values(["balai", "paminejimai", "_lt"], ascending=[False, False, True]).drop(columns="_lt")
    ranked.insert(0, "vieta", range(1, len(ranked) + 1))
    return ranked.reset_index(drop=True)


def crosstab(long: pd.DataFrame, column: str, values: list[str]) -> pd.DataFrame:
    """Answers naming each area, split by ``column`` (library type, preferred quarter)."""
    table = pd.crosstab(long["sritis"], long[column].fillna("nenurodyta")) if not long.empty else pd.DataFrame()
    table = table.reindex(index=[a for a in COMPETENCE_AREAS if a in set(long["sritis"])],
                          columns=values, fill_value=0)
    return table.fillna(0).astype(int).rename_axis("sritis").reset_index()


def draft_plan(ranked: pd.DataFrame, long: pd.DataFrame, done: pd.DataFrame, next_year: int) -> pd.DataFrame:
    """The top areas placed into next year's quarters: the most wanted quarter with room left."""
    load = dict.fromkeys(lt.QUARTERS, 0)
    done_by_area = done.set_index("sritis")
    rows = []
    for area in [a for a in ranked["sritis"] if a != "kita"][:PLAN_AREAS]:
        picks = long.loc[long["sritis"] == area]
        wanted = picks["ketvirtis"].dropna().value_counts()
        order = sorted(lt.QUARTERS, key=lambda q: (-int(wanted.get(q, 0)), load[q], lt.QUARTERS.index(q)))
        quarter = next((q for q in order if load[q] < PLAN_PER_QUARTER), min(load, key=load.get))
        load[quarter] += 1
        forms = picks["forma"].dropna().value_counts()
        past = done_by_area.loc[area] if area in done_by_area.index else None
        held, trained = (int(past["mokymai"]), int(past["asmenys"])) if past is not None else (0, 0)
        record = ranked.loc[ranked["sritis"] == area].iloc[0]
        rows.append({"ketvirtis": quarter, "sritis": area, "forma": forms.index[0] if len(forms) else "seminaras",
                     "paminejimai": int(record["paminejimai"]), "balai": int(record["balai"]),
                     "mokymai_siemet": held, "apmokyta_siemet": trained,
                     "pastaba": (f"šiemet: {held} mokym., {trained} asm." if held else "šiemet nevyko"),
                     "metai": next_year})
    frame = pd.DataFrame(rows, columns=["ketvirtis", "sritis", "forma", "paminejimai", "balai", "mokymai_siemet",
                                        "apmokyta_siemet", "pastaba", "metai"])
    frame["_q"] = frame["ketvirtis"].map(lt.QUARTERS.index)
    return frame.sort_values(["_q", "balai"], ascending=[True, False]).drop(columns="_q").reset_index(drop=True)


# ------------------------------------------------------------------ figures
WORKBOOK = "kvalifikacija"
HELD_TEXT = ("mokymai, kurių paskutinė diena („Data iki“, kitaip „Data nuo“) – metuose iki ataskaitos dienos, "
             "ir jų dalyviai, kurių „Dalyvavo“ – Taip")


def attended(figures: Figures, period: Period) -> pd.DataFrame:
    return attendance(figures.frame(WORKBOOK, "Mokymai"), figures.frame(WORKBOOK, "Dalyviai"),
                      figures.references(), period)


def survey_answers(figures: Figures, period: Period) -> pd.DataFrame:
    answers = figures.frame(WORKBOOK, "Poreikiai")
    return answers.loc[answers["laiko_zyme"].map(lambda stamp: given(stamp) and stamp.date() in period).astype(bool)]


def _distinct(column: str):
    return lambda rows: int(rows[column].nunique()) if len(rows) else 0


def _hours(rows: pd.DataFrame) -> Decimal:
    return sum((Decimal(str(value)) for value in rows["valandos"]), Decimal(0))


def _training(figure_id: str, name: str, definition: str, unit: str, tab: str = "Dalyviai", **extra) -> Figure:
    return Figure(figure_id, name, definition, unit, WORKBOOK, tab, **extra)


FIGURES = (
    _training("mokymai.ivyke", "Įvykę mokymai",
              f"skirtingi mokymai, kuriuose bent vienas dalyvis dalyvavo; {HELD_TEXT}", "vnt.", tab="Mokymai",
              select=attended, measure=_distinct("_kodas"), date_column="pabaigos_data", plan_names=("Įvykę mokymai",)),
    _training("mokymai.asmenys", "Apmokyti asmenys", f"skirtingi asmenys (vardas, pavardė ir biblioteka); {HELD_TEXT}",
              "asm.", select=attended, measure=_distinct("asmuo"), date_column="pabaigos_data",
              plan_names=("Apmokyti asmenys",)),
    _training("mokymai.dalyvavimai", "Dalyvavimai mokymuose", f"dalyvių eilutės; {HELD_TEXT}", "kart.",
              select=attended, date_column="pabaigos_data"),
    _training("mokymai.valandos", "Išklausyta akad. val.",
              f"„Išklausyta, akad. val.“ (jei neįrašyta – mokymų trukmė) suma; {HELD_TEXT}", "akad. val.",
              select=attended, measure=_hours, kind="amount", date_column="pabaigos_data"),
    _training("mokymai.poreikiu_respondentai", "Mokymų poreikių apklausos dalyviai",
              "lapo „Poreikiai“ atsakymai, pateikti metuose iki ataskaitos dienos", "asm.", tab="Poreikiai",
              select=survey_answers, date_column=None, plan_names=("Mokymų poreikių apklausos dalyviai",),
              aliases=("Atlikti mokymų poreikių tyrimą", "Mokymų poreikių tyrimo dalyviai")),
    _training("mokymai.planas_parengtas", "Parengtas kitų metų mokymų planas",
              "1, kai yra metų mokymų poreikių apklausos atsakymų (iš jų parengiamas kitų metų plano projektas), "
              "kitaip 0", "vnt.", tab="Poreikiai", select=survey_answers, measure=lambda rows: int(len(rows) > 0),
              date_column=None, plan_names=("Parengtas kitų metų mokymų planas",),
              aliases=("Parengti kitų metų mokymų planą",)),
)
