"""The registry: every figure any document shows, by id, in one place.

Each subject module declares its figures beside the functions that count them; this module
gathers them, checks that ids and plan names are unique, maps the activity plan's
`Automatinis rodiklis` names (and the indicator texts that mean a figure) to ids, and
publishes the list: as a workbook with every value and its provenance, and as the table in
the README.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from automations.domain import (
    awards,
    commissions,
    consultations,
    events,
    finances,
    library,
    projects,
    publicity,
    rentals,
    surveys,
    territory,
    training,
    visitors,
)
from automations.domain.figures import Figure, Figures, Measured
from automations.domain.rows import Results
from sheets_schema.types import text_key
from sheets_schema.veiklos_planas import AUTO_FIGURES

SUBJECTS = (events, visitors, rentals, training, consultations, projects, publicity, territory, library, finances,
            surveys, commissions, awards)
WORKBOOKS = ("teritorijos_statistika", "renginiai", "nuoma", "lankytojai", "kvalifikacija", "konsultacijos",
             "projektai", "viesinimas", "apklausos", "komisijos", "apdovanojimai")
SUSPECT_RULES = ("santykis", "metinis_pokytis")  # warnings that say "this number is probably mistyped"


def _collect(figures: Iterable[Figure]) -> dict[str, Figure]:
    found: dict[str, Figure] = {}
    for figure in figures:
        if figure.id in found:
            raise ValueError(f"figure id {figure.id} declared twice")
        found[figure.id] = figure
    return found


REGISTRY: dict[str, Figure] = _collect(figure for subject in SUBJECTS for figure in subject.FIGURES)
PLAN_NAMES: dict[str, str] = {name: figure.id for figure in REGISTRY.values() for name in figure.plan_names}
_RECOGNISED: dict[str, str] = {text_key(text): figure.id for figure in REGISTRY.values()
                               for text in (*figure.plan_names, figure.name, *figure.aliases)}
assert set(PLAN_NAMES) == set(AUTO_FIGURES), "every plan name needs exactly one figure, and every figure name a plan"


def recognise(*texts: object) -> str | None:
    """The figure a plan row's indicator or measure text names, if any (spacing and capitals ignored)."""
    for text in texts:
        figure_id = _RECOGNISED.get(text_key(text))
        if figure_id is not None:
            return figure_id
    return None


def figures_for(results: Results, today: dt.date, suspect_rules: Iterable[str] = SUSPECT_RULES,
                statistics_deadline: tuple[int, int] = (2, 10)) -> Figures:
    """The figures of one run."""
    return Figures(results, today, REGISTRY, tuple(suspect_rules), statistics_deadline)


def every(figures: Figures, year: int) -> list[Measured]:
    """Every registered figure for ``year``, in registry order."""
    return [figures.get(figure_id, year) for figure_id in REGISTRY]


def markdown() -> str:
    """The registry as a Markdown table, for the README (a test keeps it current)."""
    lines = ["| id | figure | unit | source | what is counted |", "|---|---|---|---|---|"]
    for figure in REGISTRY.values():
        plan = f" (plan: {', '.join(f'`{name}`' for name in figure.plan_names)})" if figure.plan_names else ""
        lines.append(f"| `{figure.id}` | {figure.name}{plan} | {figure.unit} | `{figure.workbook}` / "
                     f"{figure.tab} | {figure.definition} |")
    return "\n".join(lines)
