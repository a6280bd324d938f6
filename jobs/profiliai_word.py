"""The Word profile of `profiliai`: what the template `profiliai.docx` is filled with, kept within two pages.

Page one carries the cover (name, kind, the contact address the profile is e-mailed to), and the
indicators table beside the peers; page two the five-year charts, what to look at, and what is
still open in the library's answer. The lists are the only parts that can grow, so they share a
budget of lines: what to look at is always shown whole, warnings and explanations are cut with
"… ir dar N" where they would push the profile onto a third page (the feedback workbook has them
all), and long names lists and explanations are shortened.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from automations import lt
from automations.domain import peers
from automations.domain.figures import Figures, Phrase
from automations.domain.profile_notes import Notes
from automations.domain.profiles import Line, Profile, flags
from automations.domain.territory import STATUS_ERRORS, STATUS_MISSING, label, measured, statistics
from automations.render.charts import sparklines
from automations.render.docx import DocImage

KINDS = {peers.SVB: "Savivaldybės viešoji biblioteka", peers.SCHOOL: "Mokyklos biblioteka"}
NOT_ACCEPTED = {STATUS_MISSING: "{year} m. statistikos ataskaita nepateikta.",
                STATUS_ERRORS: "{year} m. statistikos ataskaita nepriimta: joje yra klaidų. Profilis bus parengtas, "
                               "kai klaidos bus ištaisytos (pateikite formą dar kartą)."}
TERRITORY_FIGURES = ("registruoti_vartotojai", "apsilankymai", "isduotis")  # quoted on a municipality's profile
TERRITORY_WORDS = {"registruoti_vartotojai": "vartotojai", "apsilankymai": "apsilankymai", "isduotis": "išduotis"}
METHOD = ("Kaip skaičiuota. Mediana – vidurinė grupės reikšmė; Q1–Q3 – tarp pirmojo ir trečiojo kvartilio, kur yra "
          "vidurinė pusė grupės. Vieta skaičiuojama nuo didžiausios reikšmės („1 iš 12“ – didžiausia), vienodos "
          "reikšmės dalijasi vietą. Ketvirtis: apatinis – mažiau nei Q1, viršutinis – daugiau nei Q3. Lyginamos tik "
          "priimtos ataskaitos; tikrinamos (nepaaiškintos įtartinos) reikšmės nelyginamos.")
LIBRARY_METHOD = " Pokytis lygina su pačios bibliotekos ankstesnių metų reikšme."
MUNICIPALITY_METHOD = (" Savivaldybės reikšmės – jos bibliotekų priimtų ataskaitų sumos, kaip regiono statistikoje; "
                       "pokytis lygina tas pačias bibliotekas, priimtas abiem metais.")
LINE_CHARS = 100  # characters a 9-point line holds across the page (Arial, 170 mm), rounded down
LIST_LINES = 24  # lines page two holds under the charts for what to look at, warnings and explanations
NAMES_SHOWN = 3  # names listed before "ir dar N"
LIBRARY_GENITIVE = ("bibliotekos", "bibliotekų", "bibliotekų")  # "be 1 bibliotekos", "be 2 bibliotekų"
EXPLANATION_CHARS = 300


def indicator_rows(profile: Profile) -> list[list[str]]:
    """Each indicator: the year's value, its changes, the peers' median and middle half, rank and quarter (the
    template's table is headed by the year and the first of the five)."""
    rows = []
    for line in profile.lines:
        place, decimals = line.placement, line.indicator.decimals
        held = line.held_out and line.value is not None
        rows.append([
            line.indicator.name, lt.number(line.value, decimals) + ("*" if held else "") or "–",
            _change(line.change_year), _base_change(line, profile.years[0]),
            lt.number(place["mediana"], decimals) or "–",
            f"{lt.number(place['q1'], decimals)}–{lt.number(place['q3'], decimals)}" if place["grupeje"] else "–",
            peers.rank_text(place["vieta"], place["grupeje"]),
            "tikrinama" if held else peers.QUARTERS.get(place["ketvirtis"], "–"),
        ])
    return rows


def attention_rows(profile: Profile, fall_percent: float) -> list[list[str]]:
    """The indicators worth a look (the profile's ``attention``), one row each: what placed them there."""
    rows = []
    for line in profile.lines:
        flagged = flags(line, fall_percent)
        if flagged:
            rank = peers.rank_text(line.placement["vieta"], line.placement["grupeje"])
            rows.append([line.indicator.name, f"apatinis ketvirtis ({rank})" if flagged.lowest else "",
                         _change(line.change_year) if flagged.fell_year else "",
                         _base_change(line, profile.years[0]) if flagged.fell_base else ""])
    return rows


def _change(value: float | None) -> str:
    """``+3,2`` / ``−12,0`` (the column says "proc.")."""
    return "–" if value is None else lt.signed_percent(round(value, 1) + 0.0).removesuffix(" proc.")  # never −0,0


def _base_change(line: Line, first: int) -> str:
    """The change over the five years; ``†`` when it starts later than their first year (no data before)."""
    if line.change_base is None:
        return "–"
    return _change(line.change_base) + ("" if line.base_year == first else "†")


def _base_note(profile: Profile) -> list[str]:
    later = sorted({line.base_year for line in profile.lines
                    if line.change_base is not None and line.base_year != profile.years[0]})
    if not later:
        return []
    return [f"† Pokytis nuo pirmųjų metų su duomenimis: {', '.join(f'{year} m.' for year in later)}."]


def trend_chart(profile: Profile) -> DocImage:
    years = [str(year) for year in profile.years]
    return DocImage(sparklines([(indicator.name, years, profile.trend[indicator.key])
                                for indicator in peers.ABSOLUTE]), 170)


def names(found: Sequence[str], shown: int = NAMES_SHOWN) -> str:
    """``A, B, C, D ir dar 3``: a list that cannot run over the page."""
    ordered = lt.sorted_lt(found)
    if len(ordered) <= shown:
        return ", ".join(ordered)
    return f"{', '.join(ordered[:shown])} ir dar {len(ordered) - shown}"


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _lines(items: Sequence[str]) -> int:
    return sum(math.ceil(len(item) / LINE_CHARS) or 1 for item in items)


def _trim(items: list[str], room: int, words: tuple[str, str, str], where: str) -> tuple[list[str], int]:
    """As many items as fit in ``room`` lines (and one more line saying how many are left out)."""
    if _lines(items) <= room:
        return items, room - _lines(items)
    kept: list[str] = []
    while items[len(kept):] and _lines([*kept, items[len(kept)]]) <= room - 1:
        kept.append(items[len(kept)])
    rest = len(items) - len(kept)
    kept.append(f"… ir dar {lt.count_phrase(rest, *words)} ({where})")
    return kept, 0


def fit(attention: int, warnings: list[str], explanations: list[str]) -> tuple[list[str], list[str]]:
    """Warnings and explanations cut to what page two still holds under the ``attention`` table's rows."""
    room = max(LIST_LINES - (attention + 2 if attention else 0), 4)
    warnings, room = _trim(warnings, room - 1 if warnings else room, ("įspėjimas", "įspėjimai", "įspėjimų"),
                           "visi – klaidų sąraše „Klaidos“")
    explanations, _ = _trim(explanations, max(room - 1, 2), ("paaiškinimas", "paaiškinimai", "paaiškinimų"),
                            "visi – formos atsakymų stulpelyje „Paaiškinimas“")
    return warnings, explanations


def _cover(title: str, name: str, about: str, contact: tuple[str, ...], year: int) -> dict:
    address = "; ".join(contact) if contact else "nenurodytas arba netaisyklingas (pataisykite lape „Bibliotekos“)"
    return {"antraste": title, "pavadinimas": name, "apie": about, "el_pastas": address, "metai": year}


def _body(profile: Profile, fall_percent: float, group: str, warnings: list[str], explanations: list[str],
          notes: list[str]) -> dict:
    fall = lt.number(fall_percent)
    attention = attention_rows(profile, fall_percent)
    intro = (f"Rodikliai, kurie yra apatiniame palyginimo grupės ketvirtyje arba sumažėjo daugiau nei {fall} proc. "
             f"(per metus arba nuo {profile.years[0]} m.). Tai ne vertinimas, o sąrašas, nuo kurio galima pradėti "
             "pokalbį." if attention else
             f"Nė vienas rodiklis nėra apatiniame grupės ketvirtyje ir nesumažėjo daugiau nei {fall} proc.")
    shown_warnings, shown_explanations = fit(len(attention), warnings, explanations)
    return {"pateikta": True, "grupe": f"Palyginimo grupė – {profile.group}: {group}.",
            "rodikliai": indicator_rows(profile), "pradzia": profile.years[0], "grafikas": trend_chart(profile),
            "pastabos": [*notes, *_base_note(profile)], "demesio": attention, "demesio_ivadas": intro,
            "ispejimai": shown_warnings, "paaiskinimai": shown_explanations}


def library_context(profile: Profile | None, note: Notes, code: str, year: int, fall_percent: float,
                    group_size: int) -> dict:
    """A library's profile, or its one line when its report is missing or not accepted."""
    branches = f", padalinių – {note.branches}" if note.branches else ""
    cover = _cover("Bibliotekos profilis", note.name,
                   f"{KINDS.get(note.kind, 'Biblioteka')}{branches} · {note.municipality} savivaldybė · kodas {code}",
                   note.contact, year)
    if profile is None or note.status in NOT_ACCEPTED:
        return {**cover, "pateikta": False, "nepateikta": NOT_ACCEPTED.get(note.status, NOT_ACCEPTED[
            STATUS_MISSING]).format(year=year)}
    held = [line.indicator.name for line in profile.lines if line.held_out and line.value is not None]
    warnings = [f"{column}: {text}" if column else text for column, text in note.warnings]
    explanations = [shorten(note.explanation, EXPLANATION_CHARS)] if note.explanation else []
    held_note = [f"* Tikrinama: {', '.join(held)}. Biblioteka dar nepaaiškino neįprastos reikšmės, todėl ji "
                 "nelyginama su kitomis ir neįtraukiama į sumas."] if held else []
    return {**cover, **_body(profile, fall_percent, lt.count_phrase(group_size, "biblioteka", "bibliotekos",
                                                                     "bibliotekų"), warnings, explanations, held_note),
            "sudetis": [], "paaiskinimas": METHOD + LIBRARY_METHOD,
            "grafiko_pastaba": "Tarpas – metai be priimtos ataskaitos arba tikrinama reikšmė."}


def municipality_context(figures: Figures, profile: Profile, municipality: str, members: dict[str, Notes],
                         year: int, fall_percent: float, group_size: int) -> dict:
    """A municipality's profile: its SVB and school libraries together, the registry's territory totals beside."""
    accepted = [note for note in members.values() if note.status not in NOT_ACCEPTED]
    contact = next((note.contact for note in members.values() if note.kind == peers.SVB), ())
    cover = _cover("Savivaldybės bibliotekų profilis", f"{municipality} savivaldybė",
                   "Savivaldybės viešoji biblioteka ir mokyklų bibliotekos kartu", contact, year)
    if not accepted:
        return {**cover, "pateikta": False,
                "nepateikta": f"{year} m. nė viena savivaldybės biblioteka nepateikė priimtos ataskaitos."}
    schools = sum(1 for note in members.values() if note.kind == peers.SCHOOL)
    composition: list = [f"Savivaldybėje – {lt.count_phrase(len(members), 'biblioteka', 'bibliotekos', 'bibliotekų')}"
                         f" (iš jų mokyklų – {schools}); priimta ataskaitų – {len(accepted)}."]
    for status, text in ((STATUS_MISSING, "Ataskaitos nepateikė"), (STATUS_ERRORS, "Ataskaita nepriimta (yra klaidų)")):
        missing = [note.name for note in members.values() if note.status == status]
        if missing:
            composition.append(f"{text}: {names(missing, 2)}.")
    shown = {name: measured(figures, name, year) for name in TERRITORY_FIGURES}
    held = [f"{TERRITORY_WORDS[name]} – {lt.count_phrase(len(item.held_out), *LIBRARY_GENITIVE)}"
            for name, item in shown.items() if item.held_out]
    composition.append(Phrase("Visos teritorijos bibliotekose: registruotų vartotojų – {users}, apsilankymų – "
                              "{visits}, išduotis – {loans} fiz. vnt." + (
                                  f" (* be tikrinamų duomenų: {', '.join(held)})" if held else ""),
                              users=shown["registruoti_vartotojai"], visits=shown["apsilankymai"],
                              loans=shown["isduotis"]))
    warnings = [f"{note.name} – {lt.count_phrase(len(note.warnings), 'įspėjimas', 'įspėjimai', 'įspėjimų')}: "
                f"{', '.join(dict.fromkeys(column for column, _ in note.warnings))}"
                for note in members.values() if note.warnings]
    explanations = [shorten(f"{note.name}: {note.explanation}", LINE_CHARS * 2)
                    for note in members.values() if note.explanation]
    return {**cover, **_body(profile, fall_percent, lt.count_phrase(group_size, "savivaldybė", "savivaldybės",
                                                                     "savivaldybių"), warnings, explanations,
                             _held_notes(figures, year, members)),
            "sudetis": composition, "paaiskinimas": METHOD + MUNICIPALITY_METHOD,
            "grafiko_pastaba": "Kiekvienų metų priimtų ataskaitų sumos (kaip regiono statistikoje): jos keičiasi ir "
                               "dėl to, kiek bibliotekų pateikė ataskaitas; tarpas – suma su tikrinama reikšme."}


def _held_notes(figures: Figures, year: int, members: dict[str, Notes]) -> list[str]:
    """One note: the municipality's sums the registry holds suspect values out of, and of how many libraries."""
    held: dict[str, int] = {}
    for code, name in sorted(statistics(figures, year).suspect):
        if code in members:
            held[name] = held.get(name, 0) + 1
    if not held:
        return []
    sums = ", ".join(f"{label(name)} – {lt.count_phrase(count, *LIBRARY_GENITIVE)}" for name, count in held.items())
    return [f"* Sumos be tikrinamų (nepaaiškintų įtartinų) duomenų: {sums}; su jomis susiję rodikliai nelyginami."]
