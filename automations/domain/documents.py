"""Figures as documents show them: summary sheets of figures, and Word tables whose totals are figures.

The cells that show a figure carry the :class:`~automations.domain.figures.Measured` object
itself; the job context turns it into the printed text and records it, so a document can
never print a total that differs from the registry's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from automations import lt
from automations.domain.figures import Measured, Table
from automations.render.docx import DocTable
from automations.render.xlsx import Column, Sheet
from sheets_schema.types import given

Spec = list[tuple[str, str, str]]  # (column, header, kind)
FIGURE_COLUMNS = [Column("rodiklis", "Rodiklis", width=52), Column("reiksme", "Reikšmė", "int", 14),
                  Column("vnt", "Mato vnt.", width=11), Column("laikotarpis", "Laikotarpis", width=30)]
KINDS = {"money": "money", "amount": "dec1", "count": "int"}
TEXT_KINDS = ("text", "municipality")  # left-aligned; a municipality reads "Anykščių r. sav."


def figure_sheet(name: str, measures: Sequence[Measured], title: str, notes: Sequence[str] = ()) -> Sheet:
    """A sheet listing figures, one per row, each value cell checked against its figure."""
    table = Table.listing(measures)
    kinds = {(row, "reiksme"): KINDS[m.figure.kind] for row, m in enumerate(measures)}
    return Sheet(name, table.frame, FIGURE_COLUMNS, title=title, notes=list(notes), autofilter=False,
                 figures=table.cells, cell_kinds=kinds)


def cell(value: Any, kind: str) -> str:
    """A value as a Word table prints it."""
    if not given(value):
        return "–"
    return {"int": lambda v: lt.number(v), "dec1": lambda v: lt.number(v, 1), "dec2": lambda v: lt.number(v, 2),
            "money": lt.money, "percent": lt.percent, "change": lt.signed_percent,
            "municipality": lt.municipality}.get(kind, str)(value)


def doc_table(source: Table | pd.DataFrame, spec: Spec, bold_last: bool = False,
              widths_mm: list[float] | None = None) -> DocTable:
    """A Word table of ``spec``'s columns; cells that show figures keep the figure for the renderer."""
    frame = source.frame if isinstance(source, Table) else source
    figures = source.cells if isinstance(source, Table) else {}
    rows = [[figures.get((position, key)) or cell(row[key], kind) for key, _, kind in spec]
            for position, row in enumerate(frame.to_dict("records"))]
    numeric = {index for index, (_, _, kind) in enumerate(spec) if kind not in TEXT_KINDS}
    return DocTable([header for _, header, _ in spec], rows, numeric=numeric, bold_last=bold_last,
                    widths_mm=widths_mm)
