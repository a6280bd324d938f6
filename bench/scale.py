"""How each job's cost grows with its inputs: the demo at ×1, ×2 and ×4 (issue 15).

Every tab of more than ``--min-rows`` rows (registers, bookings, answers; not the settings tabs
or the list of libraries) is repeated ``k`` times (each copy's identifying text marked, so it is
new rows rather than duplicates; copies of a booking still overlap the original), each job is
run alone on that workspace (reading and validating its own inputs included), and its time per
input row is printed with
the growth from ×1: a time per row that stays flat is linear; one that doubles with each
doubling of the inputs is quadratic.

    python bench/scale.py [--factors 1 2 4] [--jobs nuoma kvalifikacija]
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from automations.config import load_settings
from automations.demo import demo_institution, demo_rows
from automations.runner import run_jobs
from automations.workspace import create_workspace
from jobs import all_jobs
from sheets_schema import REFERENCE_WORKBOOK

TODAY = dt.date(2026, 11, 22)


def copies(rows: list[dict], factor: int) -> list[dict]:
    """``rows`` and ``factor - 1`` copies whose identifying text (a column unique in the tab: numbers,
    names, titles) is marked with the copy's number, so copies are new rows, not duplicates."""
    unique = [column for column in rows[0] if all(isinstance(row.get(column), str) for row in rows)
              and len({row[column] for row in rows}) == len(rows)]
    return [row if copy == 0 else {**row, **{column: f"{row[column]} ({copy})" for column in unique}}
            for copy in range(factor) for row in rows]


def scaled(rows: dict, factor: int, min_rows: int) -> tuple[dict, dict[str, int]]:
    """The demo rows with every large tab repeated ``factor`` times, and each workbook's row count."""
    result, counts = {}, {}
    for workbook, tabs in rows.items():
        result[workbook] = {tab: (copies(tab_rows, factor) if workbook != REFERENCE_WORKBOOK
                                  and len(tab_rows) > min_rows else tab_rows) for tab, tab_rows in tabs.items()}
        counts[workbook] = sum(len(tab_rows) for tab_rows in result[workbook].values())
    return result, counts


def measure(folder: Path, rows: dict, names: list[str]) -> dict[str, float]:
    create_workspace(folder, rows, report_year=TODAY.year, institution=demo_institution())
    settings = load_settings(folder)
    seconds = {}
    for name in names:
        started = time.perf_counter()
        run_jobs(settings, [all_jobs()[name]], on_date=TODAY, force=True)
        seconds[name] = time.perf_counter() - started
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--jobs", nargs="+", default=sorted(all_jobs()))
    parser.add_argument("--min-rows", type=int, default=30)
    args = parser.parse_args()
    logging.disable(logging.ERROR)  # the demo's planted mistakes, repeated, are not news here
    base = demo_rows(2026, TODAY)
    table: dict[str, list[tuple[int, float]]] = {name: [] for name in args.jobs}
    with tempfile.TemporaryDirectory() as scratch:
        measure(Path(scratch) / "warm-up", scaled(base, 1, args.min_rows)[0], args.jobs)  # imports, caches, fonts
        for factor in args.factors:
            rows, counts = scaled(base, factor, args.min_rows)
            seconds = measure(Path(scratch) / f"x{factor}", rows, args.jobs)
            for name in args.jobs:
                table[name].append((sum(counts[w] for w in all_jobs()[name].workbooks), seconds[name]))
    header = "".join(f"   ×{factor}: rows  s  µs/row" for factor in args.factors)
    print(f"{'job':22}{header}   growth of µs/row ×1→×{args.factors[-1]}")
    for name, points in table.items():
        cells = "".join(f"   {count:8d} {time_:5.1f} {time_ / count * 1e6:6.0f}" for count, time_ in points)
        growth = (points[-1][1] / points[-1][0]) / (points[0][1] / points[0][0])
        print(f"{name:22}{cells}   {growth:4.2f}")


if __name__ == "__main__":
    main()
