"""Library profiles: each territory library's (and municipality's) year among its peers and over five years.

Everything comes from the registry's consolidation (:func:`automations.domain.territory.statistics`):
a library's values are its accepted answer's, a value the registry holds out as suspect is held out
here too (shown marked, left out of the peers' quartiles and of every change), and a
municipality's values are the registry's municipality totals. A change compares like with like,
as the registry does: a library against itself, a municipality over the libraries counted in both
years. The five-year change starts from the earliest year of the five with a value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from automations import lt
from automations.domain import peers
from automations.domain.figures import Figures
from automations.domain.peers import MUNICIPALITY, POPULATION, Indicator
from automations.domain.territory import TOGETHER, statistics

YEARS = 5  # the trend's length


@dataclass
class Panel:
    """One year of one level: figures per unit (and its inhabitants), and the (unit, field) pairs held out."""

    values: pd.DataFrame
    held: set[tuple[str, str]]

    @cached_property
    def counting(self) -> pd.DataFrame:
        """The values that count: held-out ones blank (inhabitants are never held out)."""
        return peers.counted(self.values.astype(float), self.held)

    def usable(self, name: str) -> pd.Series:
        return self.counting[name] if name in self.counting else pd.Series(np.nan, index=self.values.index)


@dataclass
class Level:
    """Libraries, or municipalities: their panels by year, and the libraries each unit sums."""

    kinds: pd.Series  # unit -> SVB / mokyklos biblioteka / savivaldybė
    panels: dict[int, Panel]
    member_panels: dict[int, Panel]  # the libraries' panels (for like-for-like changes)
    members: pd.Series  # library code -> unit


def library_panel(figures: Figures, year: int) -> Panel:
    """Active libraries' accepted values of ``year`` as the registry holds them, with their municipality's
    inhabitants."""
    def build() -> Panel:
        stats = statistics(figures, year)
        frame = stats.libraries.set_index("kodas")
        people = stats.municipalities.loc[stats.municipalities["tipas"] == TOGETHER].set_index("savivaldybe")
        values = frame[list(peers.FIELDS)].astype(float)
        values[POPULATION] = frame["savivaldybe"].map(people["gyventojai"]).astype(float)
        return Panel(values, set(stats.suspect))

    return figures.memo(("profiles", "libraries", year), build)


def municipality_panel(figures: Figures, year: int) -> Panel:
    """The registry's municipality totals of ``year`` (SVB and school libraries together)."""
    def build() -> Panel:
        stats = statistics(figures, year)
        together = stats.municipalities.loc[stats.municipalities["tipas"] == TOGETHER].set_index("savivaldybe")
        values = together[[*peers.FIELDS, POPULATION]].astype(float)
        where = stats.libraries.set_index("kodas")["savivaldybe"]
        held = {(where[code], name) for code, name in stats.suspect if code in where.index}
        return Panel(values, held)

    return figures.memo(("profiles", "municipalities", year), build)


def window(year: int) -> list[int]:
    return list(range(year - YEARS + 1, year + 1))


def library_level(figures: Figures, year: int) -> Level:
    panels = {when: library_panel(figures, when) for when in window(year)}
    libraries = statistics(figures, year).libraries.set_index("kodas")
    return Level(libraries["tipas"], panels, panels, pd.Series(libraries.index, index=libraries.index))


def municipality_level(figures: Figures, year: int) -> Level:
    panels = {when: municipality_panel(figures, when) for when in window(year)}
    kinds = pd.Series(MUNICIPALITY, index=panels[year].values.index)
    libraries = statistics(figures, year).libraries.set_index("kodas")
    return Level(kinds, panels, {when: library_panel(figures, when) for when in window(year)},
                 libraries["savivaldybe"])


def change(level: Level, indicator: Indicator, year: int, base: int) -> pd.Series:
    """Per unit, the change (%) from ``base`` to ``year`` over the libraries counted in both years."""
    now, before = level.member_panels[year], level.member_panels[base]
    fields = indicator.fields()
    both = pd.Series(True, index=level.members.index)
    for name in fields:
        both &= now.usable(name).reindex(both.index).notna() & before.usable(name).reindex(both.index).notna()
    unit_of = level.members[both]

    def ratio(panel: Panel, unit_panel: Panel) -> pd.Series:
        numerator = panel.usable(indicator.numerator).reindex(unit_of.index).groupby(unit_of).sum()
        if indicator.denominator is None:
            return numerator
        if indicator.denominator == POPULATION:
            denominator = unit_panel.values[POPULATION].reindex(numerator.index)
        else:
            denominator = panel.usable(indicator.denominator).reindex(unit_of.index).groupby(unit_of).sum()
        return numerator / denominator.where(denominator > 0) * indicator.scale

    current, previous = ratio(now, level.panels[year]), ratio(before, level.panels[base])
    result = (current - previous) / previous.where(previous > 0) * 100
    return result.reindex(level.kinds.index)


@dataclass
class Line:
    """One indicator of a profile."""

    indicator: Indicator
    value: float | None
    held_out: bool
    placement: dict  # grupeje, q1, mediana, q3, vieta, ketvirtis
    change_year: float | None  # against last year
    change_base: float | None  # against ``base_year``
    base_year: int | None  # the earliest year of the five with a value (None: no earlier year than last year)


@dataclass
class Profile:
    unit: str  # library code or municipality
    kind: str
    group: str
    lines: list[Line]
    trend: dict[str, list[float | None]]  # absolute indicator -> values by year of ``years`` (None: none counted)
    years: list[int]
    attention: list[str] = field(default_factory=list)


def profiles(level: Level, year: int, bands: Mapping[str, Sequence[int]], fall_percent: float) -> dict[str, Profile]:
    """Every unit's profile for ``year``: its indicators placed among its peers, changes, trend, what to look at."""
    groups = peers.peer_groups(level.kinds, _sizes(level, year), bands)
    values = {when: peers.indicator_values(panel.values, panel.held, peers.INDICATORS.values())
              for when, panel in level.panels.items()}
    shown = values[year][0].to_dict("index")
    usable = {when: peers.counted(*found).to_dict("index") for when, found in values.items()}
    placed: dict[str, dict[str, dict]] = {}
    for record in peer_table(level, groups, values[year]).to_dict("records"):
        placed.setdefault(record["vienetas"], {})[record["rodiklis"]] = {
            key: None if item is None or item is pd.NA or (isinstance(item, float) and np.isnan(item)) else item
            for key, item in record.items()}
    changes = {(indicator.key, base): change(level, indicator, year, base).to_dict()
               for indicator in peers.INDICATORS.values() for base in window(year)[:-1]}
    result = {}
    for unit, kind in level.kinds.items():
        lines = []
        for indicator in peers.indicators_for(kind):
            key = indicator.key
            base = next((when for when in window(year)[:-2] if _plain(usable[when][unit][key]) is not None), None)
            lines.append(Line(indicator, _plain(shown[unit][key]), (unit, key) in values[year][1], placed[unit][key],
                              _plain(changes[key, year - 1].get(unit)),
                              _plain(changes[key, base].get(unit)) if base else None, base))
        trend = {indicator.key: [_plain(usable[when][unit][indicator.key]) for when in window(year)]
                 for indicator in peers.ABSOLUTE}
        profile = Profile(unit, kind, str(groups[unit]), lines, trend, window(year))
        profile.attention = attention(profile.lines, fall_percent)
        result[unit] = profile
    return result


def peer_table(level: Level, groups: pd.Series, values: tuple[pd.DataFrame, set]) -> pd.DataFrame:
    """Every unit × its indicators, placed among its peers (held-out values take no part)."""
    usable = peers.counted(*values)
    frames = []
    for kind in dict.fromkeys(level.kinds):
        units = level.kinds.index[level.kinds == kind]
        frames.append(peers.placements(usable.loc[units], groups[units], peers.indicators_for(kind)))
    table = pd.concat(frames, ignore_index=True)
    shown = values[0].to_dict("index")
    table["reiksme"] = [shown[unit][key] for unit, key in zip(table["vienetas"], table["rodiklis"], strict=True)]
    table["tikrinama"] = [(unit, key) in values[1] for unit, key in zip(table["vienetas"], table["rodiklis"],
                                                                         strict=True)]
    return table


def _plain(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _sizes(level: Level, year: int) -> pd.Series:
    """What size bands go by: registered users (the latest counted of the five years), or inhabitants."""
    sizes = {}
    for unit, kind in level.kinds.items():
        measure = peers.BAND_MEASURES[kind][0]
        found = [level.panels[when].usable(measure).get(unit) for when in reversed(window(year))]
        sizes[unit] = next((value for value in found if value is not None and not pd.isna(value)), None)
    return pd.Series(sizes, dtype=object)


@dataclass(frozen=True)
class Flags:
    """Why an indicator is worth a look."""

    lowest: bool  # in the lowest quarter of its peers
    fell_year: bool  # fallen more than the threshold since last year
    fell_base: bool  # fallen more than the threshold since the first year of the five with a value

    def __bool__(self) -> bool:
        return self.lowest or self.fell_year or self.fell_base


def flags(line: Line, fall_percent: float) -> Flags:
    """In the lowest quarter of the peers, or fallen more than ``fall_percent``."""
    def fell(change: float | None) -> bool:  # as printed, to one decimal: "−10,0" is not more than 10
        return change is not None and round(change, 1) < -fall_percent

    return Flags(line.placement.get("ketvirtis") == 1, fell(line.change_year), fell(line.change_base))


def reasons(line: Line, fall_percent: float) -> list[str]:
    """The flags in words: "apatinis grupės ketvirtis (11 iš 12)", "per metus −12,3 proc.", "nuo 2021 m. …"."""
    found, flagged = [], flags(line, fall_percent)
    if flagged.lowest:
        rank = peers.rank_text(line.placement["vieta"], line.placement["grupeje"])
        found.append(f"apatinis grupės ketvirtis ({rank})")
    if flagged.fell_year:
        found.append(f"per metus {lt.signed_percent(line.change_year)}")
    if flagged.fell_base:
        found.append(f"nuo {line.base_year} m. {lt.signed_percent(line.change_base)}")
    return found


def attention(lines: Sequence[Line], fall_percent: float) -> list[str]:
    """The indicators worth a look, each with its reasons — a neutral list a consultant can start from."""
    return [f"{line.indicator.name}: {'; '.join(found)}" for line in lines if (found := reasons(line, fall_percent))]
