"""`komisijos`: the meeting calendar, invitations, protocol drafts and the decision tracker of the bodies
the regional department coordinates.

Counting (meetings held, attendance, quorum, decisions, overdue ones) lives in
:mod:`automations.domain.commissions`; quorum itself in :mod:`sheets_schema.komisijos`, so the
feedback and the protocol state the same. Invitations go out as documents here and, to members
with an e-mail address, as messages (``automations notify``, kind ``komisijos``).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from automations import lt
from automations.domain import commissions as domain
from automations.domain.documents import doc_table, figure_sheet
from automations.domain.figures import Phrase
from automations.job import Job, JobContext
from automations.render.ics import calendar_bytes
from automations.render.xlsx import Column, Sheet
from sheets_schema.komisijos import DONE, DROPPED, in_office, names
from sheets_schema.types import given, text_key

SUBJECT = "Komisijos"
SUMMARY = ("komisijos.veikiancios", "komisijos.posedziai", "komisijos.lankomumas", "komisijos.be_kvorumo",
           "komisijos.suplanuoti", "komisijos.sprendimai", "komisijos.ivykdyti", "komisijos.veluojantys")
BODY_COLUMNS = [("komisija_pav", "Komisija / darbo grupė", "text"), ("posedziai", "Posėdžiai", "int"),
                ("lankomumas", "Lankomumas, proc.", "dec1"), ("sprendimai", "Sprendimai", "int"),
                ("ivykdyti", "Įvykdyti", "int")]
OPEN_COLUMNS = [("komisija_pav", "Komisija", "text"), ("posedis", "Posėdis", "text"),
                ("sprendimas", "Sprendimas", "text"),
                ("atsakingas", "Atsakingas", "text"), ("terminas", "Terminas", "text"), ("busena", "Būsena", "text"),
                ("veluoja", "Vėluoja, d.", "int")]


def open_decisions(decisions: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Decisions neither done nor dropped: overdue ones first (longest late first), then by deadline."""
    rows = decisions.loc[~decisions["busena"].isin((DONE, DROPPED))].copy()
    rows["veluoja"] = [(today - d).days if given(d) and d < today else None for d in rows["terminas"]]
    rows["_late"] = rows["veluoja"].notna()
    rows["_deadline"] = [d if given(d) else dt.date.max for d in rows["terminas"]]
    rows["_days"] = rows["veluoja"].fillna(0)
    rows = rows.sort_values(["_late", "_days", "_deadline", "komisija", "posedzio_nr"],
                            ascending=[False, False, True, True, True])
    rows["posedis"] = [f"Nr. {n}" + (f", {lt.short_date(d)}" if given(d) else "") for n, d in
                       zip(rows["posedzio_nr"], rows["posedzio_data"], strict=True)]
    rows["terminas_txt"] = rows["terminas"].map(lambda d: lt.short_date(d) if given(d) else "–")
    return rows.drop(columns=["_late", "_deadline", "_days"]).reset_index(drop=True)


def tracker_sheets(ctx: JobContext, rows: pd.DataFrame) -> list[Sheet]:
    figures, year = ctx.figures, ctx.year
    table = domain.per_body(figures, year)
    late = {i for i, v in enumerate(rows["veluoja"]) if given(v)}
    every = domain.decisions(figures).sort_values(["posedzio_data", "komisija", "posedzio_nr", "_row"])
    decision_columns = [Column("komisija_pav", "Komisija", width=36), Column("posedzio_nr", "Posėdžio Nr.", "int", 9),
                        Column("posedzio_data", "Posėdžio data", "date", 12),
                        Column("sprendimas", "Sprendimas", width=50),
                        Column("atsakingas", "Atsakingas", width=24), Column("terminas", "Terminas", "date", 12),
                        Column("busena", "Būsena", width=12)]
    return [
        figure_sheet("Santrauka", [figures.get(f, year) for f in SUMMARY],
                     f"Komisijos ir darbo grupės, {figures.period(year).title}",
                     [f"Vėluojantys – terminas praėjo {lt.long_date(figures.period(year).end)}, o sprendimas "
                      "neįvykdytas."]),
        Sheet("Komisijos", table.frame, [Column(key, head, kind, 44 if kind == "text" else 12)
                                         for key, head, kind in BODY_COLUMNS],
              title=f"Posėdžiai ir sprendimai pagal komisijas, {year} m.", bold_rows={len(table.frame) - 1},
              figures=table.cells),
        Sheet("Neįvykdyti", rows, [*decision_columns[:5], decision_columns[5], decision_columns[6],
                                   Column("veluoja", "Vėluoja, d.", "int", 10)],
              title=f"Neįvykdyti sprendimai ({lt.long_date(ctx.today)})", row_styles=dict.fromkeys(late, "klaida"),
              notes=["Raudonai – terminas praėjo."]),
        Sheet("Visi sprendimai", every, decision_columns, title="Visi užregistruoti sprendimai"),
    ]


def tracker_context(ctx: JobContext, rows: pd.DataFrame) -> dict:
    figures, year = ctx.figures, ctx.year
    upcoming = domain.meetings(figures)
    upcoming = upcoming.loc[(upcoming["busena"] == "planuojamas") & upcoming["data"].map(lambda d: d >= ctx.today)]
    get = lambda figure_id: figures.get(figure_id, year)  # noqa: E731
    return {
        "laikotarpis": figures.period(year).title,
        "santrauka": Phrase("{period} veikė komisijų ir darbo grupių – {bodies}; įvyko posėdžių – {held} (lankomumas "
                            "{rate} proc.), priimta sprendimų – {taken}, iš jų įvykdyta – {done}. Vėluojančių "
                            "sprendimų – {late}; iki metų pabaigos suplanuota posėdžių – {planned}.",
                            period=figures.period(year).title, bodies=get("komisijos.veikiancios"),
                            held=get("komisijos.posedziai"), rate=get("komisijos.lankomumas"),
                            taken=get("komisijos.sprendimai"), done=get("komisijos.ivykdyti"),
                            late=get("komisijos.veluojantys"), planned=get("komisijos.suplanuoti")),
        "komisijos": doc_table(domain.per_body(figures, year), BODY_COLUMNS, bold_last=True,
                               widths_mm=[110, 30, 35, 30, 30]),
        "atviri_sk": len(rows),
        "atviri": doc_table(rows.assign(terminas=rows["terminas_txt"]), OPEN_COLUMNS,
                            widths_mm=[55, 32, 80, 40, 22, 22, 18]),
        "artimiausi": [f"{lt.short_date(r.data)} – {r.komisija_pav}, posėdis Nr. {r.nr} ({r.vieta})"
                       for r in upcoming.sort_values(["data", "kodas"]).head(10).itertuples()],
    }


def _members(members: pd.DataFrame, body: str, day: dt.date) -> list[dict]:
    office = lt.sort_frame(in_office(members, body, day), "vardas_pavarde")
    return [{"vardas": r.vardas_pavarde, "biblioteka": r.biblioteka, "vaidmuo": r.vaidmuo if given(r.vaidmuo) else
             "narys"} for r in office.itertuples()]


def meeting_context(meeting: dict, body: dict, members: pd.DataFrame, decisions: pd.DataFrame) -> dict:
    invited = _members(members, meeting["komisija"], meeting["data"])
    present = {text_key(n) for n in names(meeting["dalyvavo"])}
    own = decisions.loc[(decisions["komisija"].map(text_key) == text_key(meeting["komisija"]))
                        & (decisions["posedzio_nr"] == meeting["nr"])].sort_values("_row")
    return {
        "komisija": meeting["komisija_pav"], "nr": meeting["nr"], "data": meeting["data"],
        "laikas": f"{meeting['pradzia']:%H:%M}" if given(meeting["pradzia"]) else "", "vieta": meeting["vieta"],
        "darbotvarke": meeting["darbotvarke"].split("\n"), "nariai": invited, "nariu": meeting["nariu"],
        "kvorumas": meeting["kvorumas"], "reikia": meeting["reikia"], "dalyvavo_nariu": meeting["dalyvavo_nariu"],
        "dalyvavo": [m["vardas"] for m in invited if text_key(m["vardas"]) in present],
        "nedalyvavo": [m["vardas"] for m in invited if text_key(m["vardas"]) not in present],
        "sveciai": meeting["sveciai"], "pirmininkas": body.get("pirmininkas", ""),
        "sekretorius": body.get("sekretorius") if given(body.get("sekretorius")) else None,
        "sprendimai": [{"nr": i, "sprendimas": r.sprendimas, "atsakingas": r.atsakingas,
                        "terminas": lt.short_date(r.terminas) if given(r.terminas) else "–"}
                       for i, r in enumerate(own.itertuples(), start=1)],
    }


def produce(ctx: JobContext) -> None:
    figures, year = ctx.figures, ctx.year
    meetings = domain.meetings(figures)
    members, decisions = ctx.frame(domain.WORKBOOK, "Nariai"), domain.decisions(figures)
    bodies = {text_key(b["kodas"]): b for b in ctx.frame(domain.WORKBOOK, "Komisijos").to_dict("records")}
    feed = meetings.loc[meetings["data"].map(lambda d: d >= dt.date(year, 1, 1))]
    ctx.output(SUBJECT, "Komisijų posėdžiai.ics", calendar_bytes(f"{ctx.institution.short_name} komisijų posėdžiai",
                                                                 domain.calendar_events(feed)))
    for meeting in feed.sort_values(["data", "kodas", "nr"]).to_dict("records"):
        body = bodies.get(text_key(meeting["komisija"]), {})
        name = f"{meeting['kodas']} Nr. {meeting['nr']} {meeting['data']:%Y-%m-%d}"
        if meeting["busena"] == "planuojamas" and meeting["data"] >= ctx.today:
            ctx.output("Komisijų kvietimai", f"Kvietimas {name}.docx",
                       ctx.docx("komisijos_kvietimas", meeting_context(meeting, body, members, decisions)),
                       year=meeting["data"].year)
        elif meeting["busena"] == "įvyko" and meeting["data"].year == year:
            ctx.output("Komisijų protokolai", f"Protokolas {name}.docx",
                       ctx.docx("komisijos_protokolas", meeting_context(meeting, body, members, decisions)))
    rows = open_decisions(decisions, ctx.today)
    ctx.output(SUBJECT, f"Sprendimų vykdymas {year}.xlsx", ctx.xlsx(tracker_sheets(ctx, rows),
                                                                   f"Sprendimų vykdymas {year}"))
    ctx.output(SUBJECT, f"Sprendimų vykdymas {year}.docx", ctx.docx("komisijos_sprendimai", tracker_context(ctx, rows)))


JOB = Job(
    name="komisijos",
    description="Commissions and working groups: meeting calendar, invitations, protocol drafts, decision tracker",
    workbooks=(domain.WORKBOOK,),
    produce=produce,
    order=60,
)
