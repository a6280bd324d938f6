"""The peer table workbook of `profiliai`: every library × indicator beside its peers, filterable.

The department's methodologists sort and filter it ("school libraries in the lowest quarter of loans
per user"), so it is long: one row per library and indicator, with the peers' quartiles, the rank and
the quarter as numbers beside their wording. Municipalities have a sheet of their own, and the peer
groups' quartiles one more.
"""

from __future__ import annotations

import pandas as pd

from automations.domain import peers
from automations.domain.profile_notes import Notes
from automations.domain.profiles import Profile, reasons
from automations.render.xlsx import Column, Sheet

STATUS_COLUMN = "ataskaita"


def _rows(found: dict[str, Profile], identity: dict[str, dict], fall_percent: float) -> pd.DataFrame:
    records = []
    for unit, profile in found.items():
        for line in profile.lines:
            place = line.placement
            flagged = reasons(line, fall_percent)
            records.append({
                **identity.get(unit, {}), "grupe": profile.group, "rodiklis": line.indicator.name,
                "santykis": line.indicator.is_ratio, "reiksme": line.value,
                "tikrinama": "Taip" if line.held_out and line.value is not None else "",
                "grupeje": place["grupeje"], "q1": place["q1"], "mediana": place["mediana"], "q3": place["q3"],
                "vieta": place["vieta"], "vieta_tekstu": peers.rank_text(place["vieta"], place["grupeje"]),
                "ketvirtis": place["ketvirtis"],
                "ketvirtis_tekstu": peers.quarter_text(place["ketvirtis"]) if place["ketvirtis"] else "",
                "pokytis_metai": line.change_year, "pokytis_5": line.change_base, "nuo": line.base_year,
                "demesio": "; ".join(flagged),
            })
    return pd.DataFrame.from_records(records)


MEASURES = [
    Column("grupe", "Palyginimo grupė", width=38), Column("rodiklis", "Rodiklis", width=36),
    Column("reiksme", "Reikšmė", "dec2", 12), Column("tikrinama", "Tikrinama", width=10),
    Column("grupeje", "Grupėje su reikšme", "int", 10), Column("q1", "Grupės Q1", "dec2", 12),
    Column("mediana", "Grupės mediana", "dec2", 12), Column("q3", "Grupės Q3", "dec2", 12),
    Column("vieta", "Vieta", "int", 8), Column("vieta_tekstu", "Vieta grupėje", width=11),
    Column("ketvirtis", "Ketvirtis (1 – apatinis)", "int", 11), Column("ketvirtis_tekstu", "Ketvirtis", width=20),
    Column("pokytis_metai", "Pokytis per metus, proc.", "percent", 12),
    Column("pokytis_5", "Pokytis per 5 metus, proc.", "percent", 12), Column("nuo", "Pokytis nuo metų", "int", 9),
    Column("demesio", "Į ką atkreipti dėmesį", width=50),
]
NUMBERS = ("reiksme", "q1", "mediana", "q3")


def _sheet(name: str, frame: pd.DataFrame, identity: list[Column], title: str, notes: list[str]) -> Sheet:
    """Whole counts without decimals, ratios with two; held-out values yellow, as in the statistics workbook."""
    kinds = {(row, key): "int" for row, ratio in enumerate(frame["santykis"]) if not ratio for key in NUMBERS}
    held = {(row, "reiksme"): "įspėjimas" for row, flag in enumerate(frame["tikrinama"]) if flag}
    return Sheet(name, frame, identity + MEASURES, title=title, notes=notes, cell_kinds=kinds, cell_styles=held)


def peer_workbook(libraries: dict[str, Profile], municipalities: dict[str, Profile], notes: dict[str, Notes],
                  year: int, fall_percent: float) -> list[Sheet]:
    """The sheets: libraries, municipalities, the peer groups' quartiles."""
    identity = {code: {"kodas": code, "pavadinimas": note.name, "savivaldybe": note.municipality, "tipas": note.kind,
                       STATUS_COLUMN: note.status} for code, note in notes.items()}
    method = ("Vieta – nuo didžiausios reikšmės, vienodos reikšmės dalijasi vietą; ketvirtis: 1 – mažiau nei Q1, "
              "4 – daugiau nei Q3. Tikrinamos (nepaaiškintos įtartinos) reikšmės ir nepriimtos ataskaitos nelyginamos. "
              f"„Į ką atkreipti dėmesį“ – apatinis ketvirtis arba sumažėjimas daugiau nei {fall_percent:g} proc.")
    library_frame = _rows({code: libraries[code] for code in identity if code in libraries}, identity, fall_percent)
    library_sheet = _sheet(
        "Bibliotekos", library_frame,
        [Column("kodas", "Kodas", width=12), Column("pavadinimas", "Biblioteka", width=40),
         Column("savivaldybe", "Savivaldybė", width=16), Column("tipas", "Tipas", width=16),
         Column(STATUS_COLUMN, "Ataskaita", width=13)],
        f"Bibliotekos tarp panašių bibliotekų, {year} m.", [method])
    municipality_frame = _rows(municipalities, {name: {"savivaldybe": name} for name in municipalities},
                               fall_percent)
    municipality_sheet = _sheet(
        "Savivaldybės", municipality_frame, [Column("savivaldybe", "Savivaldybė", width=18)],
        f"Savivaldybės (SVB ir mokyklų bibliotekos kartu), {year} m.",
        [method, "Savivaldybės reikšmės – priimtų ataskaitų sumos, kaip regiono statistikoje; pokytis lygina tas "
                 "pačias bibliotekas, priimtas abiem metais."])
    both = pd.concat([library_frame, municipality_frame], ignore_index=True)
    groups = both.drop_duplicates(["grupe", "rodiklis"])[["grupe", "rodiklis", "santykis", "grupeje", "q1",
                                                          "mediana", "q3"]].reset_index(drop=True)
    group_sheet = Sheet(
        "Grupės", groups,
        [Column("grupe", "Palyginimo grupė", width=45), Column("rodiklis", "Rodiklis", width=36),
         Column("grupeje", "Su reikšme", "int", 10), Column("q1", "Q1", "dec2", 12),
         Column("mediana", "Mediana", "dec2", 12), Column("q3", "Q3", "dec2", 12)],
        title=f"Palyginimo grupių kvartiliai, {year} m.",
        cell_kinds={(row, key): "int" for row, ratio in enumerate(groups["santykis"]) if not ratio
                    for key in ("q1", "mediana", "q3")})
    return [library_sheet, municipality_sheet, group_sheet]
