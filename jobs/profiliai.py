"""`profiliai`: a profile for every territory library and municipality, and the peer table behind them.

What goes back to a library is usually only its errors; a profile shows it its year among libraries
like it (municipal systems with municipal systems, school libraries with school libraries, optionally
by size band), five years of trend, and a neutral list of what to look at — the starting point of a
methodologist's consultation. Every number comes from the registry's consolidation
(:mod:`automations.domain.profiles`); the territory totals a municipality's profile quotes are
registry figures.
"""

from __future__ import annotations

from automations import lt
from automations.domain import peers, profile_notes, profiles
from automations.domain.figures import Figures, Phrase, held_out_note
from automations.domain.profile_notes import Notes
from automations.domain.profiles import Line, Profile
from automations.domain.territory import (
    ANSWERS_TAB,
    STATUS_ERRORS,
    STATUS_MISSING,
    WORKBOOK,
    label,
    latest_year,
    measured,
    statistics,
)
from automations.job import Job, JobContext
from automations.render.charts import sparklines
from automations.render.docx import DocImage
from jobs.profiliai_book import peer_workbook

SUBJECT = "Bibliotekų profiliai"
TEMPLATE = "profiliai"
KINDS = {peers.SVB: "Savivaldybės viešoji biblioteka", peers.SCHOOL: "Mokyklos biblioteka"}
NOT_ACCEPTED = {STATUS_MISSING: "{year} m. statistikos ataskaita nepateikta.",
                STATUS_ERRORS: "{year} m. statistikos ataskaita nepriimta: joje yra klaidų. Profilis bus parengtas, "
                               "kai klaidos bus ištaisytos (pateikite formą dar kartą)."}
TERRITORY_FIGURES = ("registruoti_vartotojai", "apsilankymai", "isduotis")
METHOD = ("Mediana – vidurinė grupės reikšmė; Q1–Q3 – tarp pirmojo ir trečiojo kvartilio, kur yra vidurinė pusė "
          "grupės. Vieta skaičiuojama nuo didžiausios reikšmės („1 iš 12“ – didžiausia), vienodos reikšmės dalijasi "
          "vietą. Ketvirtis: apatinis – mažiau nei Q1, viršutinis – daugiau nei Q3. Lyginamos tik priimtos "
          "ataskaitos; tikrinamos (nepaaiškintos įtartinos) reikšmės nelyginamos.")
LIBRARY_METHOD = " Pokytis lygina su pačios bibliotekos ankstesnių metų reikšme."
MUNICIPALITY_METHOD = (" Savivaldybės reikšmės – jos bibliotekų priimtų ataskaitų sumos, kaip regiono statistikoje; "
                       "pokytis lygina tas pačias bibliotekas, priimtas abiem metais.")


def indicator_rows(profile: Profile) -> list[list[str]]:
    """Each indicator: the year's value, its changes, the peers' median and middle half, rank and quarter (the
    template's table, headed by the year and the first year of the five)."""
    base = profile.years[0]
    rows = []
    for line in profile.lines:
        place, decimals = line.placement, line.indicator.decimals
        held = line.held_out and line.value is not None
        rows.append([
            line.indicator.name, lt.number(line.value, decimals) + ("*" if held else "") or "–",
            _change(line.change_year), _base_change(line, base), lt.number(place["mediana"], decimals) or "–",
            f"{lt.number(place['q1'], decimals)}–{lt.number(place['q3'], decimals)}" if place["grupeje"] else "–",
            peers.rank_text(place["vieta"], place["grupeje"]),
            "tikrinama" if held else peers.QUARTERS.get(place["ketvirtis"], "–"),
        ])
    return rows


def _change(value: float | None) -> str:
    """``+3,2`` / ``−12,0`` (the column says "proc.")."""
    return "–" if value is None else lt.signed_percent(value).removesuffix(" proc.")


def _base_change(line: Line, first: int) -> str:
    if line.change_base is None:
        return "–"
    text = _change(line.change_base)
    return text if line.base_year == first else f"{text} (nuo {line.base_year} m.)"


def trend_chart(profile: Profile) -> DocImage:
    years = [str(year) for year in profile.years]
    panels = [(indicator.name, years, profile.trend[indicator.key]) for indicator in peers.ABSOLUTE]
    return DocImage(sparklines(panels), 170)


def _common(profile: Profile, year: int, fall_percent: float, group_size: str) -> dict:
    attention = profile.attention
    fall = lt.number(fall_percent)
    intro = (f"Rodikliai, kurie yra apatiniame palyginimo grupės ketvirtyje arba sumažėjo daugiau nei {fall} proc. "
             f"(per metus arba nuo {profile.years[0]} m.). Tai ne vertinimas, o sąrašas, nuo kurio galima pradėti "
             "pokalbį." if attention else
             f"Nė vienas rodiklis nėra apatiniame grupės ketvirtyje ir nesumažėjo daugiau nei {fall} proc.")
    return {"pateikta": True, "metai": year, "grupe": f"Palyginimo grupė – {profile.group}: {group_size}.",
            "rodikliai": indicator_rows(profile), "pradzia": profile.years[0], "grafikas": trend_chart(profile),
            "demesio": attention, "demesio_ivadas": intro}


def _contact(addresses: tuple[str, ...]) -> str:
    return "; ".join(addresses) if addresses else "nenurodytas (įrašykite jį lape „Bibliotekos“)"


def library_context(profile: Profile | None, note: Notes, code: str, year: int, fall_percent: float,
                    group_sizes: dict[str, int]) -> dict:
    kind = KINDS.get(note.kind, "Biblioteka")
    branches = f", padalinių – {note.branches}" if note.branches else ""
    context = {"antraste": "Bibliotekos profilis", "pavadinimas": note.name, "metai": year,
               "apie": f"{kind}{branches} · {note.municipality} savivaldybė · kodas {code}",
               "el_pastas": _contact(note.contact)}
    if profile is None or note.status in NOT_ACCEPTED:
        return {**context, "pateikta": False, "nepateikta": NOT_ACCEPTED.get(note.status, NOT_ACCEPTED[
            STATUS_MISSING]).format(year=year)}
    held = [line.indicator.name for line in profile.lines if line.held_out and line.value is not None]
    size = group_sizes[profile.group]
    return {**context, **_common(profile, year, fall_percent, lt.count_phrase(size, "biblioteka", "bibliotekos",
                                                                               "bibliotekų")),
            "paaiskinimas": METHOD + LIBRARY_METHOD,
            "tikrinami": [f"* Tikrinama: {', '.join(held)}. Biblioteka dar nepaaiškino neįprastos reikšmės, todėl ji "
                          "nelyginama su kitomis ir neįtraukiama į sumas."] if held else [],
            "sudetis": [], "grafiko_pastaba": "Tarpas – metai be priimtos ataskaitos arba tikrinama reikšmė.",
            "ispejimai": note.warnings, "paaiskinimai": [note.explanation] if note.explanation else []}


def municipality_context(figures: Figures, profile: Profile, municipality: str, notes: dict[str, Notes], year: int,
                         fall_percent: float, group_sizes: dict[str, int]) -> dict:
    members = {code: note for code, note in notes.items() if note.municipality == municipality}
    accepted = [note for note in members.values() if note.status not in NOT_ACCEPTED]
    context = {"antraste": "Savivaldybės bibliotekų profilis", "pavadinimas": f"{municipality} savivaldybė",
               "metai": year, "apie": "Savivaldybės viešoji biblioteka ir mokyklų bibliotekos kartu",
               "el_pastas": _contact(next((note.contact for note in members.values() if note.kind == peers.SVB), ()))}
    if not accepted:
        return {**context, "pateikta": False,
                "nepateikta": f"{year} m. nė viena savivaldybės biblioteka nepateikė priimtos ataskaitos."}
    schools = sum(1 for note in members.values() if note.kind == peers.SCHOOL)
    composition = [f"Savivaldybėje – {lt.count_phrase(len(members), 'biblioteka', 'bibliotekos', 'bibliotekų')} "
                   f"(iš jų mokyklų – {schools}); priimta ataskaitų – {len(accepted)}."]
    for status, text in ((STATUS_MISSING, "Ataskaitos nepateikė"), (STATUS_ERRORS, "Ataskaita nepriimta (yra klaidų)")):
        names = lt.sorted_lt(note.name for note in members.values() if note.status == status)
        if names:
            composition.append(f"{text}: {', '.join(names)}.")
    shown = [measured(figures, name, year) for name in TERRITORY_FIGURES]
    composition.append(Phrase("Visos teritorijos bibliotekose: registruotų vartotojų – {users}, apsilankymų – "
                              "{visits}, išduotis – {loans} fiz. vnt.", users=shown[0], visits=shown[1],
                              loans=shown[2]))
    composition += [held_out_note(item) + "." for item in shown if item.held_out]
    size = group_sizes[profile.group]
    return {**context, **_common(profile, year, fall_percent, lt.count_phrase(size, "savivaldybė", "savivaldybės",
                                                                               "savivaldybių")),
            "paaiskinimas": METHOD + MUNICIPALITY_METHOD, "tikrinami": _held_notes(figures, year, members),
            "sudetis": composition,
            "grafiko_pastaba": "Kiekvienų metų priimtų ataskaitų sumos (kaip regiono statistikoje): jos keičiasi ir "
                               "dėl to, kiek bibliotekų pateikė ataskaitas; tarpas – suma su tikrinama reikšme.",
            "ispejimai": [f"{note.name}: {warning}" for note in members.values() for warning in note.warnings],
            "paaiskinimai": [f"{note.name}: {note.explanation}" for note in members.values() if note.explanation]}


def _held_notes(figures: Figures, year: int, members: dict[str, Notes]) -> list[str]:
    """Per form field, the municipality's libraries whose value the registry holds out."""
    held: dict[str, list[str]] = {}
    for code, name in sorted(statistics(figures, year).suspect):
        if code in members:
            held.setdefault(name, []).append(members[code].name)
    return [f"* {label(name)}: be {lt.count_phrase(len(names), 'bibliotekos', 'bibliotekų', 'bibliotekų')}, "
            f"{lt.plural(len(names), 'kurios', 'kurių', 'kurių')} duomenys tikrinami: {', '.join(names)}; "
            "su šia suma susiję rodikliai nelyginami." for name, names in held.items()]


def produce(ctx: JobContext) -> None:
    year = ctx.year if ctx.year_given else latest_year(ctx.frame(WORKBOOK, ANSWERS_TAB), ctx.year)
    setting = ctx.settings.peers
    notes = profile_notes.library_notes(ctx.figures, year)
    library_profiles = profiles.profiles(profiles.library_level(ctx.figures, year), year, setting.size_bands,
                                         setting.fall_percent)
    municipality_profiles = profiles.profiles(profiles.municipality_level(ctx.figures, year), year,
                                              setting.size_bands, setting.fall_percent)
    sizes = _group_sizes(library_profiles) | _group_sizes(municipality_profiles)
    for code, note in notes.items():
        context = library_context(library_profiles.get(code), note, code, year, setting.fall_percent, sizes)
        ctx.output(SUBJECT, f"{code} {note.name}.docx", ctx.docx(TEMPLATE, context, year=year), year)
    for municipality, profile in municipality_profiles.items():
        if any(note.municipality == municipality for note in notes.values()):
            context = municipality_context(ctx.figures, profile, municipality, notes, year, setting.fall_percent,
                                           sizes)
            ctx.output(SUBJECT, f"{municipality} savivaldybė.docx", ctx.docx(TEMPLATE, context, year=year), year)
    ctx.output(SUBJECT, f"Bibliotekų palyginimas {year}.xlsx",
               ctx.xlsx(peer_workbook(library_profiles, municipality_profiles, notes, year, setting.fall_percent),
                        f"Bibliotekų palyginimas {year}"), year)


def _group_sizes(found: dict[str, Profile]) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for profile in found.values():
        sizes[profile.group] = sizes.get(profile.group, 0) + 1
    return sizes


JOB = Job(
    name="profiliai",
    description="Library profiles: each territory library and municipality among its peers, five years of trend",
    workbooks=(WORKBOOK,),
    produce=produce,
    order=20,
)
