"""One pydantic model per input tab: the single source of truth for headers, types and rules.

Each module here describes one workbook (a Google spreadsheet or form; ``<name>.xlsx`` in a
local workspace) and exposes ``WORKBOOK``, a :class:`~sheets_schema.base.WorkbookSpec`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import import_module

from sheets_schema.spec import WorkbookSpec

WORKBOOK_NAMES = (
    "teritorijos_statistika",
    "renginiai",
    "nuoma",
    "lankytojai",
    "kvalifikacija",
    "konsultacijos",
    "projektai",
    "viesinimas",
    "veiklos_planas",
    "apklausos",
    "komisijos",
    "apdovanojimai",
)
REFERENCE_WORKBOOK = "teritorijos_statistika"  # its `Bibliotekos` tab is the list of territory libraries


@cache
def workbooks() -> dict[str, WorkbookSpec]:
    """Every workbook spec by name, in the order of DOMAIN.md."""
    return {name: import_module(f"sheets_schema.{name}").WORKBOOK for name in WORKBOOK_NAMES}


def workbook(name: str) -> WorkbookSpec:
    return workbooks()[name]


def reading_order(names: Sequence[str]) -> dict[str, list[str]]:
    """The tabs to read of each named workbook, the reference workbook first (others point to it)."""
    ordered = [REFERENCE_WORKBOOK, *[name for name in names if name != REFERENCE_WORKBOOK]]
    return {name: [model.tab for model in workbook(name).tabs] for name in ordered}
