"""Chart images for Word reports (matplotlib, headless), with Lithuanian number labels."""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

import pandas as pd

from automations import lt

if TYPE_CHECKING:
    import matplotlib.pyplot as plt

@cache
def _pyplot() -> Any:
    """matplotlib, headless, loaded on the first chart (listing jobs or validating needs none)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot

    return matplotlib.pyplot


def _number_axis(axis: Any) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda value, _: lt.number(value)))


PALETTE = ["#1F4E79", "#C55A11", "#548235", "#7F6000", "#7030A0", "#2E75B6"]


def _png(figure: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=130, bbox_inches="tight", metadata={"Software": None})
    _pyplot().close(figure)
    return buffer.getvalue()


def _axes(title: str, ylabel: str, wide: bool = True) -> tuple[plt.Figure, plt.Axes]:
    figure, axes = _pyplot().subplots(figsize=(8.5 if wide else 6, 4))
    axes.set_title(title, fontsize=12)
    axes.set_ylabel(ylabel)
    _number_axis(axes.yaxis)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", alpha=0.3)
    return figure, axes


def _numbers(values: Sequence[Any]) -> list[float]:
    """Values to plot; a missing one (a month still ahead) is left out of the drawing, never drawn as 0."""
    return [float("nan") if value is None or pd.isna(value) else float(value) for value in values]


def bar_chart(categories: Sequence[str], series: dict[str, Sequence[float]], title: str, ylabel: str = "",
              horizontal: bool = False) -> bytes:
    """Grouped bars: one group per category, one bar per series."""
    figure, axes = _axes(title, ylabel)
    count = max(len(series), 1)
    width = 0.8 / count
    positions = range(len(categories))
    for index, (name, values) in enumerate(series.items()):
        offsets = [p + (index - (count - 1) / 2) * width for p in positions]
        values = _numbers(values)
        if horizontal:
            axes.barh(offsets, values, height=width, label=name, color=PALETTE[index % len(PALETTE)])
        else:
            axes.bar(offsets, values, width=width, label=name, color=PALETTE[index % len(PALETTE)])
    if horizontal:
        axes.set_yticks(list(positions), list(categories), fontsize=8)
        axes.invert_yaxis()
        _number_axis(axes.xaxis)
    else:
        axes.set_xticks(list(positions), list(categories), rotation=35 if len(categories) > 6 else 0,
                        ha="right" if len(categories) > 6 else "center", fontsize=8)
    if len(series) > 1:
        axes.legend(frameon=False)
    return _png(figure)


def line_chart(categories: Sequence[str], series: dict[str, Sequence[float]], title: str, ylabel: str = "") -> bytes:
    figure, axes = _axes(title, ylabel)
    for index, (name, values) in enumerate(series.items()):
        axes.plot(list(categories), _numbers(values), marker="o", label=name, color=PALETTE[index % len(PALETTE)])
    axes.tick_params(axis="x", labelrotation=35 if len(categories) > 6 else 0, labelsize=8)
    if len(series) > 1:
        axes.legend(frameon=False)
    return _png(figure)


def pie_chart(labels: Sequence[str], values: Sequence[float], title: str) -> bytes:
    figure, axes = _pyplot().subplots(figsize=(6, 4))
    axes.set_title(title, fontsize=12)
    axes.pie([float(v) for v in values], labels=list(labels), colors=PALETTE * 3,
             autopct=lambda share: lt.number(share, 1) + " %", textprops={"fontsize": 8})
    return _png(figure)
