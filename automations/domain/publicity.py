"""Publicity: publications, their reach, newsletters and what the media published on their own.

A publication counts when its date has come (up to the report date).
"""

from __future__ import annotations

import pandas as pd

from automations.domain.figures import Figure, Figures
from automations.domain.rows import summed, within
from automations.periods import Period

WORKBOOK = "viesinimas"
NEWSLETTER = "naujienlaiškis"
MEDIA = "žiniasklaida"


def publications(figures: Figures, period: Period) -> pd.DataFrame:
    return within(figures.frame(WORKBOOK, "Publikacijos"), "data", period)


PUBLISHED = "lapo „Publikacijos“ eilutės, kurių data – metuose iki ataskaitos dienos"


def _publicity(figure_id: str, name: str, definition: str, unit: str, **extra) -> Figure:
    return Figure(figure_id, name, definition, unit, WORKBOOK, "Publikacijos", **extra)


FIGURES = (
    _publicity("viesinimas.publikacijos", "Publikacijos", PUBLISHED, "vnt.", select=publications,
               plan_names=("Publikacijos",)),
    _publicity("viesinimas.pasiekiamumas", "Publikacijų pasiekiamumas", f"„Pasiekiamumas“ suma; {PUBLISHED}", "kart.",
               select=publications, measure=summed("pasiekiamumas")),
    _publicity("viesinimas.isitraukimas", "Publikacijų įsitraukimas", f"„Įsitraukimas“ suma; {PUBLISHED}", "kart.",
               select=publications, measure=summed("isitraukimas")),
    _publicity("viesinimas.ziniasklaidos", "Žiniasklaidos iniciatyva parengtos publikacijos",
               f"„Iniciatorius“ – žiniasklaida; {PUBLISHED}", "vnt.", select=publications,
               where=lambda rows: rows["iniciatorius"] == MEDIA),
    _publicity("viesinimas.naujienlaiskiai", "Naujienlaiškiai", f"„Kanalas“ – {NEWSLETTER}; {PUBLISHED}", "vnt.",
               select=publications, where=lambda rows: rows["kanalas"] == NEWSLETTER, plan_names=("Naujienlaiškiai",),
               aliases=("Naujienlaiškių skaičius", "Išleisti naujienlaiškius", "Išleisti naujienlaiškiai")),
)
