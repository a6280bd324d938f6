"""A workbook as the engine sees it: its tabs' models and the rules across their rows.

Rules see every non-blank row of a tab as a DataFrame: python field names as columns,
``_row`` (the sheet's row number) and ``_valid`` (the row passed type and row checks).
Values of fields that failed to parse are None.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from sheets_schema.base import Problem, Severity, SheetModel, header, make_problem
from sheets_schema.references import References


@dataclass
class RuleContext:
    """The tabs of one workbook under validation, and the rows rules have set aside."""

    spec: WorkbookSpec
    tabs: dict[str, pd.DataFrame]
    _dropped: dict[str, set[int]] = field(default_factory=dict)

    def frame(self, tab: str) -> pd.DataFrame | None:
        frame = self.tabs.get(tab)
        return None if frame is None or frame.empty else frame

    def problem(
        self,
        tab: str,
        row: int,
        field_name: str | None,
        value: Any,
        rule: str,
        detail: str,
        severity: Severity = Severity.ERROR,
        drop_row: bool = False,
    ) -> Problem:
        column = header(self.spec.tab(tab), field_name) if field_name else None
        if drop_row or severity is Severity.ERROR:
            self._dropped.setdefault(tab, set()).add(int(row))
        return make_problem(self.spec.name, tab, int(row), column, value, rule, detail, severity, drop_row)

    def dropped(self, tab: str) -> set[int]:
        """Rows an earlier rule already keeps out (superseded, duplicated, wrong reference)."""
        return self._dropped.get(tab, set())


RulesFunction = Callable[[RuleContext, References], Iterable[Problem]]


@dataclass(frozen=True)
class WorkbookSpec:
    """One input workbook (a Google spreadsheet or form; ``<name>.xlsx`` locally)."""

    name: str
    title: str  # Lithuanian, shown to staff
    tabs: tuple[type[SheetModel], ...]
    rules: RulesFunction | None = None
    reference_tabs: tuple[str, ...] = ()  # tabs of lists others point to, validated first

    def tab(self, title: str) -> type[SheetModel]:
        for model in self.tabs:
            if model.tab == title:
                return model
        raise KeyError(title)
