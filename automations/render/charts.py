"""Chart images for Word reports (matplotlib, headless; sparklines with Pillow), with Lithuanian number labels."""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from PIL import Image, ImageDraw, ImageFont

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


# ------------------------------------------------------------------ sparklines
SPARK_SCALE = 2  # shapes drawn at twice the size, then reduced: smooth lines without matplotlib's cost
SPARK_COMPRESSION = 3  # zlib level of the PNG: level 6 (Pillow's default) takes 60 % longer for 6 % fewer bytes


@cache
def _spark_font(size: int) -> ImageFont.FreeTypeFont:
    """DejaVu Sans as matplotlib ships it: a font with every Lithuanian letter on any machine."""
    import matplotlib

    return ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"), size)


class _Canvas:
    """Lines and dots drawn at SPARK_SCALE and reduced, so they come out smooth; text drawn afterwards at
    the final size, where FreeType smooths it anyway (at twice the size it cost four times the glyph work)."""

    def __init__(self, width: int, height: int) -> None:
        self.image = Image.new("RGB", (width * SPARK_SCALE, height * SPARK_SCALE), "white")
        self.shapes = ImageDraw.Draw(self.image)
        self.texts: list[tuple[tuple[float, float], str, int, str, str]] = []

    def line(self, points: Sequence[tuple[float, float]], fill: str, width: float) -> None:
        self.shapes.line([(x * SPARK_SCALE, y * SPARK_SCALE) for x, y in points], fill=fill,
                         width=max(1, round(width * SPARK_SCALE)))

    def dot(self, centre: tuple[float, float], radius: float, fill: str) -> None:
        x, y, r = centre[0] * SPARK_SCALE, centre[1] * SPARK_SCALE, radius * SPARK_SCALE
        self.shapes.ellipse((x - r, y - r, x + r, y + r), fill=fill)

    def text(self, xy: tuple[float, float], text: str, size: int, fill: str, anchor: str) -> None:
        self.texts.append((xy, text, size, fill, anchor))

    def png(self) -> bytes:
        image = self.image.reduce(SPARK_SCALE)
        for (x, y), text, size, fill, anchor in self.texts:
            (left, top), mask = _stamp(text, size, anchor)
            image.paste(fill, (round(x) + left, round(y) + top), mask)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", compress_level=SPARK_COMPRESSION)
        return buffer.getvalue()


@lru_cache(maxsize=4096)
def _stamp(text: str, size: int, anchor: str) -> tuple[tuple[int, int], Image.Image]:
    """A label's coverage mask and its offset from the anchor point, drawn once: every profile repeats
    the same titles and years, and FreeType's rendering was a third of a chart's cost."""
    font = _spark_font(size)
    left, top, right, bottom = font.getbbox(text, anchor=anchor)
    mask = Image.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, font=font, fill=255, anchor=anchor)
    return (left, top), mask


def sparklines(panels: Sequence[tuple[str, Sequence[str], Sequence[float | None]]], columns: int = 4,
               cell: tuple[int, int] = (230, 150), decimals: int = 0) -> bytes:
    """Small trend charts side by side (PNG), one per (title, years, values): the line, every year under it,
    the first and last values written; a missing value (not reported, or held out as suspect) is a gap.

    Drawn with Pillow rather than matplotlib: a library profile carries a dozen of them and a night
    writes some 130 profiles; matplotlib's text layout costs about 0.3 s a figure, this about 0.02 s.
    """
    width, height = cell
    rows = max(1, -(-len(panels) // columns))
    canvas = _Canvas(columns * width, rows * height)
    for index, (title, years, values) in enumerate(panels):
        left, top = (index % columns) * width, (index // columns) * height
        _spark(canvas, (left, top, width, height), title, years, values, decimals)
    return canvas.png()


TITLE_SIZE, SMALL_SIZE = 14, 12


def _spark(canvas: _Canvas, box: tuple[int, int, int, int], title: str, years: Sequence[str],
           values: Sequence[float | None], decimals: int) -> None:
    left, top, width, height = box
    unit = height / 150
    for number, text in enumerate(_wrap(title, _spark_font(TITLE_SIZE), width * 0.94)[:2]):
        canvas.text((left + width / 2, top + (4 + 17 * number) * unit), text, TITLE_SIZE, "#222222", "mt")
    plot_top, plot_bottom = top + 60 * unit, top + height - 48 * unit  # room for a value above and below
    xs = [left + width * (0.1 + 0.8 * i / max(len(years) - 1, 1)) for i in range(len(years))]
    axis = plot_bottom + 24 * unit
    canvas.line([(left + width * 0.06, axis), (left + width * 0.94, axis)], "#D0D0D0", unit)
    for x, year in zip(xs, years, strict=True):
        canvas.text((x, axis + 4 * unit), str(year), SMALL_SIZE, "#808080", "mt")
    numbers = [None if value is None or pd.isna(value) else float(value) for value in values]
    known = [value for value in numbers if value is not None]
    if not known:
        canvas.text((left + width / 2, (plot_top + plot_bottom) / 2), "nėra duomenų", SMALL_SIZE, "#808080", "mm")
        return
    low, high = min(known), max(known)
    span = max(high - low, abs(high) * 0.2, 1e-9)  # a few per cent should not look like a cliff
    middle = (low + high) / 2
    def y_of(value: float) -> float:
        return plot_bottom - (value - (middle - span / 2)) / span * (plot_bottom - plot_top)
    points = [(x, y_of(value)) if value is not None else None for x, value in zip(xs, numbers, strict=True)]
    for first, second in itertools.pairwise(points):
        if first is not None and second is not None:
            canvas.line([first, second], PALETTE[0], 2 * unit)
    for point in points:
        if point is not None:
            canvas.dot(point, 3.2 * unit, PALETTE[0])
    present = [index for index, point in enumerate(points) if point is not None]
    alone = len(present) == 1
    ends = {present[0]: None if alone else present[1], present[-1]: None if alone else present[-2]}
    for index, neighbour in ends.items():
        x, y = points[index]
        # away from the line: above when the neighbouring point is lower, else below; inside the panel
        above = neighbour is None or points[neighbour][1] >= y
        side, shift = ("m", 0) if alone else ("l", -5) if index == present[0] else ("r", 5)
        canvas.text((x + shift * unit, y + (-7 if above else 7) * unit), lt.number(numbers[index], decimals),
                    SMALL_SIZE, "#333333", side + ("b" if above else "t"))


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Words onto lines no wider than ``width``."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines
