"""A workbook as the engine sees it: its tabs' models and the rules across their rows.

Rules see every non-blank row of a tab as a DataFrame: python field names as columns,
``_row`` (the sheet's row number) and ``_valid`` (the row passed type and row checks).
Values of fields that failed to parse are None.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sheets_schema.base import Problem, Severity, SheetModel, header, make_problem
from sheets_schema.references import References

if TYPE_CHECKING:
    import pandas as pd


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
class LinkedTabs:
    """Tabs a workbook's own rows name, all of one shape (each survey's answer tab, named in its register).

    ``template`` is the tab ``init`` writes and holds the columns every such tab has;
    ``named`` lists (tab title, Google Form id or None) from the valid rows of the fixed tabs;
    ``model`` builds one tab's model from its title and header row, so columns that differ
    from tab to tab (a survey's own questions) are read, typed and checked like any other.
    """

    template: type[SheetModel]
    named: Callable[[dict[str, pd.DataFrame]], list[tuple[str, str | None]]]
    model: Callable[[str, Sequence[Any]], type[SheetModel]]


@dataclass(frozen=True)
class WorkbookSpec:
    """One input workbook (a Google spreadsheet or form; ``<name>.xlsx`` locally)."""

    name: str
    title: str  # Lithuanian, shown to staff
    tabs: tuple[type[SheetModel], ...]
    rules: RulesFunction | None = None
    reference_tabs: tuple[str, ...] = ()  # tabs of lists others point to, validated first
    linked: LinkedTabs | None = None  # tabs named in the workbook's own rows (survey answer tabs)

    def tab(self, title: str) -> type[SheetModel]:
        for model in self.tabs:
            if model.tab == title:
                return model
        if self.linked is not None:  # any other tab of such a workbook is one its rows may name
            return self.linked.model(title, ())
        raise KeyError(title)
