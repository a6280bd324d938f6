"""`renginiu_programa`: the coming month's events programme, the publicity calendar, a feed, statistics.

Reads ``renginiai`` (events, exhibitions) and ``viesinimas`` (the content plan). Writes the
monthly programme for the press (Word), the publicity calendar of planned events with their
content-plan items (Excel; events with nothing planned highlighted), a calendar feed of
public events (.ics with UIDs that survive a title edit) and the year-so-far statistics.
"""

from __future__ import annotations

import bisect
import datetime as dt

import pandas as pd

from automations import lt
from automations.domain.documents import figure_sheet
from automations.domain.figures import Table
from automations.job import Job, JobContext
from automations.periods import Period, next_month
from automations.render.ics import CalendarEvent, calendar_bytes
from automations.render.xlsx import Chart, Column, Sheet, workbook_bytes
from automations.summary import share
from sheets_schema.types import public_link, similar_text, text_key

EVENTS = "renginiai"
PUBLICITY = "viesinimas"
SUBJECT = "Renginiai"
SHOWN = ("planuojamas", "įvyko")  # cancelled events never reach the programme or the feed
NOT_PUBLIC = ("specialistai",)  # professional seminars stay out of the public feed
PLAN_LEAD_DAYS = 45  # a content-plan item belongs to an event it precedes by at most this many days
PLAN_AFTER_DAYS = 14  # ... or follows (photos, a report) by at most this many
AUDIENCES = {"vaikai": "vaikams", "jaunimas": "jaunimui", "suaugusieji": "suaugusiesiems", "senjorai": "senjorams",
             "šeimos": "šeimoms", "specialistai": "specialistams", "visi": "visiems"}
HEAD = ("data", "laikas", "pavadinimas", "vieta", "organizatorius")
FORMS = {"nuotolinis": "nuotoliniu būdu", "mišrus": "gyvai ir nuotoliniu būdu"}


def _sorted_events(frame: pd.DataFrame) -> pd.DataFrame:
    keys = frame.assign(_title=frame["pavadinimas"].map(lt.sort_key))
    return keys.sort_values(["data", "pradzia", "_title", "_row"]).drop(columns="_title").reset_index(drop=True)


def programme_events(events: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Planned and held events of the period, by date and time; cancelled ones left out."""
    chosen = events.loc[events["busena"].isin(SHOWN) & period.mask(events["data"])]
    return _sorted_events(chosen)


def open_exhibitions(exhibitions: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Exhibitions open on at least one day of the period."""
    chosen = exhibitions.loc[(exhibitions["nuo"] <= period.end) & (exhibitions["iki"] >= period.start)]
    chosen = chosen.assign(_title=chosen["pavadinimas"].map(lt.sort_key))
    return chosen.sort_values(["nuo", "_title"]).drop(columns="_title").reset_index(drop=True)


def _given(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value))


def admission(row: dict) -> str:
    """``Įėjimas mokamas, bilieto kaina – 5,00 Eur`` (free when not said otherwise)."""
    kind = row.get("iejimas") if _given(row.get("iejimas")) else "nemokamas"
    return lt.admission(kind, row.get("kaina") if _given(row.get("kaina")) else None)


def author_role(text: object) -> str:
    """``Autorė / kuratorė`` agreeing with the people named; an organisation keeps the plain heading."""
    people = lt.people_named(text) if _given(text) else []
    return lt.role(people, lt.AUTHOR_CURATOR) if people else lt.AUTHOR_CURATOR[0]


def about(row: dict) -> str:
    """``Edukacinis užsiėmimas vaikams``: the kind of event and whom it is for."""
    kind = "renginys" if row["tipas"] == "kita" else row["tipas"]
    return f"{kind.capitalize()} {AUDIENCES.get(row['tiksline_grupe'], row['tiksline_grupe'])}"


def time_span(start: dt.time, end: object) -> str:
    return f"{start:%H:%M}–{end:%H:%M}" if isinstance(end, dt.time) else f"{start:%H:%M}"


def programme_context(events: pd.DataFrame, exhibitions: pd.DataFrame, period: Period) -> dict:
    """What the programme template needs: days with their events, and the open exhibitions."""
    chosen = programme_events(events, period)
    days = []
    for day, group in chosen.groupby("data", sort=True):
        days.append({"data": f"{lt.long_date(day)}, {lt.weekday(day)}", "renginiai": [
            {"laikas": time_span(row["pradzia"], row["pabaiga"]), "pavadinimas": row["pavadinimas"],
             "apie": about(row), "tipas": row["tipas"], "vieta": row["vieta"], "forma": FORMS.get(row["forma"], ""),
             "iejimas": admission(row), "nuoroda": public_link(row["nuoroda"]),
             "partneriai": row["partneriai"] if _given(row["partneriai"]) else ""}
            for row in group.to_dict("records")]})
    shows = [{"pavadinimas": row["pavadinimas"], "tipas": row["tipas"], "vieta": row["vieta"],
              "datos": lt.date_range(row["nuo"], row["iki"]),
              "autorius": row["autorius"] if _given(row["autorius"]) else "",
              "autoriaus_vaidmuo": author_role(row["autorius"]),
              "nuoroda": public_link(row["nuoroda"])}
             for row in open_exhibitions(exhibitions, period).to_dict("records")]
    return {"laikotarpis": period.title, "nuo": period.start, "iki": period.end, "dienos": days, "parodos": shows,
            "renginiu_sk": len(chosen), "parodu_sk": len(shows)}


# ------------------------------------------------------------------ publicity calendar
def link_plan(events: pd.DataFrame, plan: pd.DataFrame) -> pd.Series:
    """For each content-plan item, the ``_row`` of the event it is about (or None).

    The item names its event in `Susijęs renginys`; recurring titles are told apart by date:
    the nearest event with that title within the lead/after window wins, an exact title before
    a near one. Events are kept by date, so each item looks only at the events of its window.
    """
    live = events.loc[events["busena"] != "atšauktas"]
    candidates = sorted((day, row, text_key(title)) for day, row, title in
                        zip(live["data"], live["_row"], live["pavadinimas"], strict=True))
    days = [day for day, _, _ in candidates]
    links = []
    for wanted, planned in zip(plan["susijes_renginys"].map(text_key), plan["planuojama_data"], strict=True):
        best = None
        if wanted and isinstance(planned, dt.date):
            low = bisect.bisect_left(days, planned - dt.timedelta(days=PLAN_AFTER_DAYS))
            high = bisect.bisect_right(days, planned + dt.timedelta(days=PLAN_LEAD_DAYS))
            for day, row, title in candidates[low:high]:
                score = (0 if title == wanted else 1, abs((day - planned).days))  # exact title, then nearest
                if (best is None or score < best[0]) and (title == wanted or similar_text(title, wanted)):
                    best = (score, row)
        links.append(best[1] if best else None)
    return pd.Series(links, index=plan.index, dtype=object)


CALENDAR_COLUMNS = [
    Column("data", "Renginio data", "date", 12), Column("laikas", "Laikas", width=12),
    Column("pavadinimas", "Renginys", width=42), Column("vieta", "Vieta", width=24),
    Column("organizatorius", "Organizatorius", width=22), Column("plano_data", "Viešinimo data", "date", 13),
    Column("likus", "Likus dienų", "int", 9), Column("kanalas", "Kanalas", width=16), Column("tema", "Tema", width=40),
    Column("formatas", "Formatas", width=14), Column("atsakingas", "Atsakingas", width=18),
    Column("busena", "Būsena", width=12),
]


def publicity_calendar(events: pd.DataFrame, plan: pd.DataFrame, today: dt.date) -> tuple[Sheet, Sheet]:
    """Every planned event from today on with its content-plan items; events with none are highlighted.

    ``plan`` carries ``_event`` from :func:`link_plan`.
    """
    upcoming = _sorted_events(events.loc[(events["busena"] == "planuojamas") & (events["data"] >= today)])
    rows, styles, summary, summary_styles = [], {}, [], {}
    for event in upcoming.to_dict("records"):
        items = plan.loc[plan["_event"] == event["_row"]].sort_values(["planuojama_data", "_row"])
        live = items.loc[items["busena"] != "atšaukta"]
        head = dict(zip(HEAD, (event["data"], time_span(event["pradzia"], event["pabaiga"]), event["pavadinimas"],
                               event["vieta"], event["organizatorius"]), strict=True))
        if live.empty:
            styles[len(rows)] = "įspėjimas"
            rows.append({**head, "tema": "Viešinimas nesuplanuotas"})
        for item in items.to_dict("records"):
            rows.append({**head, "plano_data": item["planuojama_data"], "likus": (event["data"] - item[
                "planuojama_data"]).days, "kanalas": item["kanalas"], "tema": item["tema"],
                "formatas": item["formatas"], "atsakingas": item["atsakingas"], "busena": item["busena"]})
        summary_styles[len(summary)] = "įspėjimas" if live.empty else "gerai"
        summary.append({**head, "irasai": len(live), "publikuota": int((live["busena"] == "publikuota").sum()),
                        "pastaba": "Viešinimas nesuplanuotas" if live.empty else ""})
    frame = pd.DataFrame(rows, columns=[column.key for column in CALENDAR_COLUMNS])
    calendar = Sheet("Viešinimo kalendorius", frame, CALENDAR_COLUMNS, title="Planuojami renginiai ir jų viešinimas",
                     notes=["Geltonai pažymėti renginiai, kurių viešinimas dar nesuplanuotas lape „Turinio planas“."],
                     row_styles=styles)
    overview = Sheet("Renginiai", pd.DataFrame(summary, columns=[*HEAD, "irasai", "publikuota", "pastaba"]),
                     [*CALENDAR_COLUMNS[:5], Column("irasai", "Suplanuota įrašų", "int", 10),
                      Column("publikuota", "Iš jų publikuota", "int", 10), Column("pastaba", "Pastaba", width=26)],
                     title="Planuojami renginiai", row_styles=summary_styles)
    return calendar, overview


def unlinked_plan(plan: pd.DataFrame, today: dt.date) -> Sheet:
    """Content-plan items from today on that belong to no event (general posts, or a title that did not match)."""
    rest = plan.loc[plan["_event"].isna() & (plan["planuojama_data"] >= today)].sort_values(["planuojama_data", "_row"])
    notes = {i: "pastaba" for i, name in enumerate(rest["susijes_renginys"]) if text_key(name)}
    return Sheet("Kiti įrašai", rest.reset_index(drop=True), [
        Column("planuojama_data", "Planuojama data", "date", 13), Column("kanalas", "Kanalas", width=16),
        Column("tema", "Tema", width=40), Column("formatas", "Formatas", width=14),
        Column("atsakingas", "Atsakingas", width=18), Column("busena", "Būsena", width=12),
        Column("susijes_renginys", "Susijęs renginys", width=36)],
        title="Turinio plano įrašai be renginio",
        notes=["Mėlynai pažymėti įrašai, kurių „Susijęs renginys“ nesutampa su jokiu renginiu ±45 dienų laikotarpiu."],
        row_styles=notes)


# ------------------------------------------------------------------ calendar feed
def event_keys(events: pd.DataFrame) -> pd.Series:
    """A stable identity per event: date, start and place (not the title, so fixing a typo keeps the UID)."""
    seen: dict[str, int] = {}
    keys = []
    for row in events.sort_values("_row").to_dict("records"):
        base = f"renginiai/{row['data']:%Y-%m-%d}/{row['pradzia']:%H%M}/{text_key(row['vieta'])}"
        seen[base] = seen.get(base, 0) + 1
        keys.append((row["_row"], base if seen[base] == 1 else f"{base}/{seen[base]}"))
    return pd.Series(dict(keys)).reindex(events["_row"]).set_axis(events.index)


def public_events(events: pd.DataFrame, since: dt.date, place_suffix: str = "") -> list[CalendarEvent]:
    """Calendar entries for public events from ``since`` on (cancelled and specialists' events left out)."""
    chosen = events.loc[events["busena"].isin(SHOWN) & ~events["tiksline_grupe"].isin(NOT_PUBLIC)
                        & (events["data"] >= since)]
    keys = event_keys(chosen)
    items = []
    for index, row in chosen.iterrows():
        start = dt.datetime.combine(row["data"], row["pradzia"])
        end = dt.datetime.combine(row["data"], row["pabaiga"]) if isinstance(row["pabaiga"], dt.time) else None
        place = row["vieta"] if row["forma"] == "nuotolinis" or not place_suffix else f"{row['vieta']}, {place_suffix}"
        text = [f"{about(row)}.", f"{admission(row.to_dict())}."]
        if FORMS.get(row["forma"]):
            text.append(f"Renginys vyks {FORMS[row['forma']]}.")
        items.append(CalendarEvent(keys[index], start, end, row["pavadinimas"], place, " ".join(text),
                                   public_link(row["nuoroda"])))
    return items


# ------------------------------------------------------------------ statistics
EVENT_FIGURES = {"renginiai": "renginiai.ivyke", "dalyviai": "renginiai.dalyviai", "vaikai": "renginiai.vaikai",
                 "virtualus": "renginiai.virtualus", "transliacijos": "renginiai.transliacijos"}
EVENT_COLUMNS = [
    Column("renginiai", "Renginiai", "int", 11), Column("dalyviai", "Dalyviai", "int", 11),
    Column("vaikai", "Iš jų vaikai", "int", 11), Column("vidurkis", "Dalyvių vidurkis", "dec1", 11),
    Column("virtualus", "Virtualūs dalyviai", "int", 12),
    Column("transliacijos", "Tiesioginės transliacijos", "int", 13)]
GROUPINGS = (("Tipai", "tipas", "Renginio tipas"), ("Tikslinės grupės", "tiksline_grupe", "Tikslinė grupė"),
             ("Forma", "forma", "Forma"), ("Organizatoriai", "organizatorius", "Organizatorius"))
SUMMARY = ("renginiai.ivyke", "renginiai.dalyviai", "renginiai.vaikai", "renginiai.virtualus",
           "renginiai.transliacijos", "parodos.veikusios", "parodos.lankytojai", "renginiai.suplanuoti",
           "renginiai.neatnaujinti")


def _events_sheet(name: str, table: Table, label: Column, title: str, **extra) -> Sheet:
    frame = table.frame.assign(vidurkis=share(table.frame["dalyviai"], table.frame["renginiai"], 1))
    return Sheet(name, frame, [label, *EVENT_COLUMNS], title=title, bold_rows={len(frame) - 1},
                 figures=table.cells, **extra)


def statistics_sheets(ctx: JobContext) -> list[Sheet]:
    """The year so far: events held (by month, type, audience, form, organiser), broadcasts, exhibitions."""
    figures, year = ctx.figures, ctx.year
    period = figures.period(year)
    sheets = [figure_sheet("Santrauka", [figures.get(figure_id, year) for figure_id in SUMMARY],
                           f"Renginiai ir parodos, {period.title}",
                           ["Skaičiuojami renginiai, kurių būsena „įvyko“ ir data – ne vėlesnė nei ataskaitos diena; "
                            "suplanuoti iki metų pabaigos nurodomi atskirai."]),
              _events_sheet("Mėnesiai", figures.by_month(EVENT_FIGURES, year), Column("menuo", "Mėnuo", width=16),
                            f"Renginiai pagal mėnesius, {period.title}",
                            charts=[Chart("column", "Renginių dalyviai pagal mėnesius", "menuo",
                                          ["dalyviai", "virtualus"], "Dalyviai")])]
    for name, field, header in GROUPINGS:
        sheets.append(_events_sheet(name, figures.breakdown(EVENT_FIGURES, year, field, order="desc"),
                                    Column(field, header, width=30), f"Renginiai: {header.lower()}, {period.title}"))
    held = figures.rows("renginiai.ivyke", year)
    live = held.loc[held["transliacija"]].sort_values(["data", "pradzia"])
    sheets.append(Sheet("Transliacijos", live.reset_index(drop=True), [
        Column("data", "Data", "date", 12), Column("pavadinimas", "Renginys", width=50),
        Column("vieta", "Vieta", width=24), Column("dalyviai", "Dalyviai vietoje", "int", 11),
        Column("virtualus_dalyviai", "Virtuali auditorija", "int", 12)],
        title=f"Tiesioginės transliacijos, {period.title} (iš viso {len(live)})"))
    shows = figures.breakdown({"parodos": "parodos.veikusios", "lankytojai": "parodos.lankytojai"}, year,
                              "tipas", order="desc")
    sheets.append(Sheet("Parodos", shows.frame, [Column("tipas", "Parodų tipas", width=20),
                                                 Column("parodos", "Parodos", "int", 10),
                                                 Column("lankytojai", "Lankytojai", "int", 11)],
                        title=f"Veikusios parodos pagal tipą, {period.title}", bold_rows={len(shows.frame) - 1},
                        figures=shows.cells))
    sheets.append(Sheet("Parodų sąrašas", figures.rows("parodos.veikusios", year).reset_index(drop=True), [
        Column("pavadinimas", "Paroda", width=44), Column("tipas", "Tipas", width=14),
        Column("autorius", "Autorius / kuratorius", width=24), Column("vieta", "Vieta", width=24),
        Column("nuo", "Nuo", "date", 12), Column("iki", "Iki", "date", 12),
        Column("eksponatu_sk", "Eksponatai", "int", 10), Column("lankytojai", "Lankytojai", "int", 11)],
        title=f"Veikusios parodos, {period.title}"))
    late = figures.rows("renginiai.neatnaujinti", year)
    sheets.append(Sheet("Neatnaujinta", late.reset_index(drop=True), [
        Column("_row", "Eilutė", "int", 8), Column("data", "Data", "date", 12),
        Column("pavadinimas", "Renginys", width=50), Column("organizatorius", "Organizatorius", width=24),
        Column("atsakingas", "Atsakingas", width=20)],
        title="Praėję renginiai, kurių būsena vis dar „planuojamas“",
        notes=["Įrašykite būseną „įvyko“ ir dalyvių skaičių arba „atšauktas“."]))
    return sheets


def produce(ctx: JobContext) -> None:
    events, exhibitions = ctx.frame(EVENTS, "Renginiai"), ctx.frame(EVENTS, "Parodos")
    plan = ctx.frame(PUBLICITY, "Turinio planas")
    plan = plan.assign(_event=link_plan(events, plan))
    coming = next_month(ctx.today)
    ctx.output(SUBJECT, f"Renginių programa {coming.tag}.docx",
               ctx.docx("renginiu_programa", programme_context(events, exhibitions, coming),
                        title=f"Renginių programa {coming.title}"), coming.start.year)
    calendar, overview = publicity_calendar(events, plan, ctx.today)
    ctx.output(SUBJECT, "Viešinimo kalendorius.xlsx",
               workbook_bytes([calendar, overview, unlinked_plan(plan, ctx.today)], "Viešinimo kalendorius"),
               ctx.today.year)
    feed = public_events(events, dt.date(ctx.today.year, 1, 1), ctx.institution.short_name)
    ctx.output(SUBJECT, "Renginiai.ics", calendar_bytes(f"{ctx.institution.short_name} renginiai", feed),
               ctx.today.year)
    ctx.output(SUBJECT, f"Renginių statistika {ctx.year}.xlsx",
               ctx.xlsx(statistics_sheets(ctx), f"Renginių statistika {ctx.year}"), ctx.year)


JOB = Job(
    name="renginiu_programa",
    description="Events: next month's programme, publicity calendar, public .ics feed and year-to-date statistics",
    workbooks=(EVENTS, PUBLICITY),
    produce=produce,
    order=20,
)
