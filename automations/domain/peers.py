"""Peer comparison: a library's indicators beside those of libraries like it.

A methodologist preparing a consultation asks "where does this library stand among libraries
like it?" — municipal systems among municipal systems, school libraries among school
libraries, municipalities among municipalities, each kind optionally split into size bands
(``peers.size_bands``). For every indicator the peers' quartiles and median are computed over
the peers that have a counted value (a value held out as suspect by the registry, or not
reported, takes no part), and each library gets its rank and its quarter.

Definitions, so a reader can recount them: quartiles interpolate linearly between the sorted
values (numpy's default, Excel's ``QUARTILE.INC``); rank 1 is the highest value and libraries
with equal values share the better rank ("1, 2, 2, 4"); a value below the first quartile is in
the lowest quarter, one above the third quartile in the top quarter, the rest in the second
(below the median) or third quarter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from automations import lt

SVB, SCHOOL, MUNICIPALITY = "SVB", "mokyklos biblioteka", "savivaldybė"
KIND_NAMES = {SVB: "Savivaldybių viešosios bibliotekos", SCHOOL: "Mokyklų bibliotekos",
              MUNICIPALITY: "Savivaldybės (SVB ir mokyklų bibliotekos kartu)"}
BAND_MEASURES = {SVB: ("registruoti_vartotojai", "vartotojų"), SCHOOL: ("registruoti_vartotojai", "vartotojų"),
                 MUNICIPALITY: ("gyventojai", "gyventojų")}
POPULATION = "gyventojai"
QUARTERS = {1: "apatinis", 2: "antrasis", 3: "trečiasis", 4: "viršutinis"}


@dataclass(frozen=True)
class Indicator:
    """A figure of a library's form (``numerator`` alone) or a ratio of two, per inhabitant or per user."""

    key: str
    name: str
    numerator: str
    denominator: str | None = None  # a form field, or ``gyventojai`` (the municipality's inhabitants)
    scale: float = 1  # 100 for a percentage, 1 000 for "per 1 000 inhabitants"
    decimals: int = 0

    @property
    def is_ratio(self) -> bool:
        return self.denominator is not None

    def fields(self) -> tuple[str, ...]:
        return tuple(name for name in (self.numerator, self.denominator) if name and name != POPULATION)


def _absolute(key: str, name: str) -> Indicator:
    return Indicator(key, name, key)


ABSOLUTE = (
    _absolute("registruoti_vartotojai", "Registruoti vartotojai"),
    _absolute("vaikai_vartotojai", "Vaikai vartotojai (iki 14 m.)"),
    _absolute("apsilankymai", "Apsilankymai (fiziniai)"),
    _absolute("virtualus_apsilankymai", "Virtualūs apsilankymai"),
    _absolute("isduotis", "Išduotis (fiz. vnt.)"),
    _absolute("renginiai", "Renginiai"),
    _absolute("renginiu_dalyviai", "Renginių dalyviai"),
    _absolute("fondas", "Fondas metų pabaigoje (fiz. vnt.)"),
    _absolute("gauta", "Gauta per metus (fiz. vnt.)"),
    _absolute("darbuotojai", "Darbuotojai (asm.)"),
    _absolute("kompiuterizuotos_vietos", "Vartotojų kompiuterizuotos darbo vietos"),
)
PER_INHABITANT = (
    Indicator("vartotojai_gyv", "Registruoti vartotojai, proc. gyventojų", "registruoti_vartotojai", POPULATION,
              100, 1),
    Indicator("apsilankymai_gyv", "Apsilankymai 1 gyventojui", "apsilankymai", POPULATION, decimals=2),
    Indicator("isduotis_gyv", "Išduotis 1 gyventojui", "isduotis", POPULATION, decimals=2),
    Indicator("gauta_gyv", "Gauta 1 000 gyventojų (fiz. vnt.)", "gauta", POPULATION, 1000),
)
PER_USER = (
    Indicator("vaikai_proc", "Vaikai, proc. vartotojų", "vaikai_vartotojai", "registruoti_vartotojai", 100, 1),
    Indicator("apsilankymai_vart", "Apsilankymai 1 vartotojui", "apsilankymai", "registruoti_vartotojai", decimals=1),
    Indicator("virtualus_vart", "Virtualūs apsilankymai 1 vartotojui", "virtualus_apsilankymai",
              "registruoti_vartotojai", decimals=1),
    Indicator("isduotis_vart", "Išduotis 1 vartotojui", "isduotis", "registruoti_vartotojai", decimals=1),
    Indicator("dalyviai_vart", "Renginių dalyviai 1 vartotojui", "renginiu_dalyviai", "registruoti_vartotojai",
              decimals=2),
    Indicator("fondas_vart", "Fondas 1 vartotojui (fiz. vnt.)", "fondas", "registruoti_vartotojai", decimals=1),
)
INDICATORS = {indicator.key: indicator for indicator in (*ABSOLUTE, *PER_INHABITANT, *PER_USER)}
FIELDS = tuple(dict.fromkeys(name for indicator in INDICATORS.values() for name in indicator.fields()))


def indicators_for(kind: str) -> tuple[Indicator, ...]:
    """Municipal systems and municipalities also per inhabitant; every library per user."""
    return (*ABSOLUTE, *(PER_INHABITANT if kind in (SVB, MUNICIPALITY) else ()), *PER_USER)


def indicator_values(values: pd.DataFrame, held: set[tuple[str, str]],
                     indicators: Iterable[Indicator]) -> tuple[pd.DataFrame, set[tuple[str, str]]]:
    """Each unit's indicators from its figures (index: unit; columns: fields and ``gyventojai``).

    A ratio needs both of its parts, and a part held out as suspect holds the ratio out too.
    Returns the values as typed (a document still shows a held-out value, marked) and the
    (unit, indicator key) pairs held out of every comparison.
    """
    result = pd.DataFrame(index=values.index)
    held_out: set[tuple[str, str]] = set()
    for indicator in indicators:
        missing = pd.Series(np.nan, index=values.index)
        numerator = values.get(indicator.numerator, missing).astype(float)
        if indicator.denominator:
            denominator = values.get(indicator.denominator, missing).astype(float)
            result[indicator.key] = numerator / denominator.where(denominator > 0) * indicator.scale
        else:
            result[indicator.key] = numerator
        held_out |= {(unit, indicator.key) for unit in values.index
                     if any((unit, name) in held for name in indicator.fields())}
    return result, held_out


def counted(values: pd.DataFrame, held: set[tuple[str, str]]) -> pd.DataFrame:
    """The values that take part in comparisons: held-out ones blanked."""
    frame = values.copy()
    for unit, key in held:
        if unit in frame.index and key in frame.columns:
            frame.loc[unit, key] = np.nan
    return frame


def band_label(kind: str, limits: Sequence[int], band: int) -> str:
    """"Mokyklų bibliotekos, 500–799 vartotojų" for band 1 of [500, 800]."""
    unit = BAND_MEASURES[kind][1]
    if band == 0:
        text = f"iki {lt.number(limits[0] - 1)} {unit}"
    elif band == len(limits):
        text = f"{lt.number(limits[-1])} ir daugiau {unit}"
    else:
        text = f"{lt.number(limits[band - 1])}–{lt.number(limits[band] - 1)} {unit}"
    return f"{KIND_NAMES[kind]}, {text}"


def peer_groups(kinds: pd.Series, sizes: pd.Series, bands: Mapping[str, Sequence[int]]) -> pd.Series:
    """The peer group of each unit: its kind, and its size band where the kind is split.

    ``sizes`` is the band measure of each unit (registered users, inhabitants); a unit whose size
    is unknown goes to the lowest band.
    """
    groups = {}
    for unit, kind in kinds.items():
        limits = list(bands.get(kind, ()))
        if not limits:
            groups[unit] = KIND_NAMES[kind]
            continue
        size = sizes.get(unit)
        band = 0 if size is None or pd.isna(size) else int(np.searchsorted(limits, float(size), side="right"))
        groups[unit] = band_label(kind, limits, band)
    return pd.Series(groups, dtype=object).reindex(kinds.index)


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """First quartile, median, third quartile, interpolating linearly (Excel's QUARTILE.INC)."""
    q1, median, q3 = np.percentile(np.asarray(values, dtype=float), [25, 50, 75])
    return float(q1), float(median), float(q3)


def quarter_of(value: float, q1: float, median: float, q3: float) -> int:
    """1 below the first quartile, 2 below the median, 4 above the third quartile, else 3."""
    if value < q1:
        return 1
    if value < median:
        return 2
    return 4 if value > q3 else 3


def placements(values: pd.DataFrame, groups: pd.Series, indicators: Iterable[Indicator]) -> pd.DataFrame:
    """One row per unit × indicator: value, its peer group's size, quartiles, median, rank and quarter.

    Units without a counted value keep their row with blanks, so every library appears in the table.
    """
    records = []
    for indicator in indicators:
        column = values[indicator.key] if indicator.key in values else pd.Series(np.nan, index=values.index)
        for group, members in groups.groupby(groups, sort=False):
            counted = column.reindex(members.index).dropna()
            stats = quartiles(counted.tolist()) if len(counted) else (np.nan, np.nan, np.nan)
            ranks = counted.rank(method="min", ascending=False)
            for unit in members.index:
                value = column.get(unit)
                counted_here = unit in counted.index
                records.append({
                    "vienetas": unit, "rodiklis": indicator.key, "reiksme": value, "grupe": group,
                    "grupeje": len(counted), "q1": stats[0], "mediana": stats[1], "q3": stats[2],
                    "vieta": int(ranks[unit]) if counted_here else None,
                    "ketvirtis": quarter_of(float(value), *stats) if counted_here else None,
                })
    frame = pd.DataFrame.from_records(records, columns=["vienetas", "rodiklis", "reiksme", "grupe", "grupeje", "q1",
                                                        "mediana", "q3", "vieta", "ketvirtis"])
    frame["vieta"] = frame["vieta"].astype("Int64")
    frame["ketvirtis"] = frame["ketvirtis"].astype("Int64")
    return frame


def rank_text(rank: object, peers: int) -> str:
    """"7 iš 12"."""
    return "–" if rank is None or pd.isna(rank) else f"{int(rank)} iš {peers}"


def quarter_text(quarter: object) -> str:
    """"viršutinis ketvirtis"."""
    return "–" if quarter is None or pd.isna(quarter) else f"{QUARTERS[int(quarter)]} ketvirtis"
