"""Figures over small hand-made frames: the registry's rules tested without any workbook."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from automations.domain.figures import Figures
from automations.domain.registry import figures_for
from sheets_schema import workbook


@dataclass
class StubResult:
    """What the figures read of a validated workbook: its kept rows per tab, and its problems."""

    name: str
    frames: dict[str, pd.DataFrame]
    problems: list = field(default_factory=list)
    tabs: dict = field(default_factory=dict)

    def frame(self, tab: str) -> pd.DataFrame:
        """The tab's rows with every column of its model (the ones a test leaves out are empty)."""
        columns = [*workbook(self.name).tab(tab).model_fields, "_row"]
        frame = self.frames.get(tab, pd.DataFrame(columns=columns))
        return frame.assign(**{name: None for name in columns if name not in frame.columns})


def rows(*records: dict, first_row: int = 2) -> pd.DataFrame:
    """A tab's kept rows: the given columns plus ``_row`` (sheet row numbers from 2)."""
    return pd.DataFrame([{**record, "_row": first_row + index} for index, record in enumerate(records)])


def figures(today: dt.date, **workbooks: dict[str, pd.DataFrame] | StubResult) -> Figures:
    """``figures(day, renginiai={"Renginiai": frame})``: the run's figures over these frames only."""
    results = {name: value if isinstance(value, StubResult) else StubResult(name, value)
               for name, value in workbooks.items()}
    return figures_for(results, today)
