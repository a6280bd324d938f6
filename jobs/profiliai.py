"""`profiliai`: a profile for every territory library and municipality, and the peer table behind them.

What goes back to a library is usually only its errors; a profile shows it its year among libraries
like it (municipal systems with municipal systems, school libraries with school libraries, optionally
by size band), five years of trend, and a neutral list of what to look at — the starting point of a
methodologist's consultation. Every number comes from the registry's consolidation
(:mod:`automations.domain.profiles`); the territory totals a municipality's profile quotes are
registry figures. The Word profile is filled in :mod:`jobs.profiliai_word`, the workbook in
:mod:`jobs.profiliai_book`.
"""

from __future__ import annotations

from collections import Counter

from automations.domain import profile_notes, profiles
from automations.domain.territory import ANSWERS_TAB, WORKBOOK, latest_year
from automations.job import Job, JobContext
from jobs.profiliai_book import peer_workbook
from jobs.profiliai_word import library_context, municipality_context

SUBJECT = "Bibliotekų profiliai"
TEMPLATE = "profiliai"


def produce(ctx: JobContext) -> None:
    year = ctx.year if ctx.year_given else latest_year(ctx.frame(WORKBOOK, ANSWERS_TAB), ctx.year)
    setting = ctx.settings.peers
    notes = profile_notes.library_notes(ctx.figures, year)
    libraries = profiles.profiles(profiles.library_level(ctx.figures, year), year, setting.size_bands,
                                  setting.fall_percent)
    municipalities = profiles.profiles(profiles.municipality_level(ctx.figures, year), year, setting.size_bands,
                                       setting.fall_percent)
    sizes = Counter(profile.group for profile in (*libraries.values(), *municipalities.values()))
    for code, note in notes.items():
        profile = libraries.get(code)
        context = library_context(profile, note, code, year, setting.fall_percent, sizes[profile.group] if profile
                                  else 0)
        ctx.output(SUBJECT, f"{code} {note.name}.docx", ctx.docx(TEMPLATE, context, year=year), year)
    for municipality, profile in municipalities.items():
        members = {code: note for code, note in notes.items() if note.municipality == municipality}
        if members:
            context = municipality_context(ctx.figures, profile, municipality, members, year, setting.fall_percent,
                                           sizes[profile.group])
            ctx.output(SUBJECT, f"{municipality} savivaldybė.docx", ctx.docx(TEMPLATE, context, year=year), year)
    ctx.output(SUBJECT, f"Bibliotekų palyginimas {year}.xlsx",
               ctx.xlsx(peer_workbook(libraries, municipalities, notes, year, setting.fall_percent),
                        f"Bibliotekų palyginimas {year}"), year)


JOB = Job(
    name="profiliai",
    description="Library profiles: each territory library and municipality among its peers, five years of trend",
    workbooks=(WORKBOOK,),
    produce=produce,
    order=20,
)
