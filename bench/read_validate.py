"""Read + validate 100 000 event rows with `automations validate` (whole process), beside its floors.

Builds a workspace once (the seeded demo, with `renginiai.xlsx` replaced by N generated
events written as Excel writes them, shared strings and all), then prints, from one run:

- `automations validate --workspace W`, the whole process (interpreter start, imports,
  reading every workbook, validating, printing): min and median of `--repeat` runs, with the
  program's modules compiled to bytecode first, as `pip install` leaves them (a session with
  PYTHONDONTWRITEBYTECODE set would otherwise compile them from source on every run);
- floor 1, the raw read: python-calamine loading the events sheet into Python lists;
- floor 2, pydantic in one batch: `TypeAdapter(list[Renginys])` over the same rows already
  typed, i.e. validation with nothing left to parse;

and the ratios of the first to the floors. Target (issue 15): ≤ 3 s on an idle 2-core machine.

    python bench/read_validate.py [--events 100000] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pydantic import TypeAdapter
from python_calamine import CalamineWorkbook
from synthetic import events_sheet

from automations.demo import build_demo
from automations.workspace import workbook_bytes_for
from sheets_schema import workbook

TODAY = dt.date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[1]


def build(folder: Path, events: int) -> Path:
    """The demo workspace with `events` generated events (kept between runs with --keep)."""
    marker = folder / f".events-{events}"
    if marker.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    build_demo(folder, seed=2026, today=TODAY)
    sheet = events_sheet(events, random.Random(7))
    headers = sheet.cells[0]
    rows = [{h: v for h, v in zip(headers, row, strict=True) if v is not None} for row in sheet.cells[1:]]
    (folder / "renginiai.xlsx").write_bytes(workbook_bytes_for(workbook("renginiai"), {"Renginiai": rows}))
    marker.touch()
    return folder


def timed(action, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def whole_process(folder: Path) -> None:
    subprocess.run([sys.executable, "-m", "automations.cli", "validate", "--workspace", str(folder),
                    "--today", TODAY.isoformat()], check=False, capture_output=True)


def raw_read(folder: Path) -> list[list]:
    book = CalamineWorkbook.from_path(str(folder / "renginiai.xlsx"))
    return book.get_sheet_by_name("Renginiai").to_python(skip_empty_area=False)


def typed_rows(folder: Path) -> list[dict]:
    """The events as their model holds them after validation (the batch floor's input)."""
    from automations.backends.local import LocalBackend
    from automations.config import load_settings
    from automations.validation import validate_workbook

    result = validate_workbook(workbook("renginiai"), LocalBackend(load_settings(folder)))
    frame = result.tabs["Renginiai"].frame.drop(columns=["_row"])
    return [{key: value for key, value in row.items() if value is not None and value == value}
            for row in frame.to_dict("records")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the workspace here and reuse it on later runs")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-read-validate-"))
    print(f"workspace {folder}: building (demo + {args.events} events) …", flush=True)
    build(folder, args.events)
    for package in ("automations", "sheets_schema", "jobs"):
        compileall.compile_dir(ROOT / package, quiet=1)
    whole = timed(lambda: whole_process(folder), args.repeat)
    read = timed(lambda: raw_read(folder), args.repeat)
    rows = typed_rows(folder)
    adapter = TypeAdapter(list[workbook("renginiai").tab("Renginiai")])
    batch = timed(lambda: adapter.validate_python(rows), args.repeat)
    lowest, median = min(whole), statistics.median(whole)
    print(f"\n{'task':<58} {'min':>7} {'median':>7}  ratio (min / floor min)")
    print(f"{'automations validate, whole process (' + str(args.events) + ' events)':<58} "
          f"{lowest:6.2f}s {median:6.2f}s")
    for name, times in (("floor: raw calamine read of the events sheet", read),
                        ("floor: pydantic batch TypeAdapter(list[Renginys])", batch)):
        print(f"{name:<58} {min(times):6.2f}s {statistics.median(times):6.2f}s  {lowest / min(times):5.1f}×")
    floor = min(read) + min(batch)
    print(f"{'floor: read + batch':<58} {floor:6.2f}s {'':>7}  {lowest / floor:5.1f}×")
    print(f"\ntarget ≤ 3 s: {'met' if lowest <= 3 else 'NOT met'} ({lowest:.2f} s)")
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
