"""National-scale benchmark: 60 municipalities, 10 years of statistics, 100 000 events.

Prints validation throughput (rows/s) for the events sheet and the statistics form, and
the time and peak memory of the `regiono_statistika` job. Inputs are generated in memory
and served by an in-memory backend, so the figures are about our code, not about disk or
openpyxl. Target (issue #2): validating 100 000 rows in under 3 s on one core.

    python bench/national_scale.py [--events 100000] [--years 10]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# The territory is a setting of the ministry; a national run has 60 municipalities. Extend the
# list before the schemas are imported, since their drop-down enum is built from it.
from sheets_schema import references

EXTRA = {f"Savivaldybė {index:02d}": ("Panevėžio", "Utenos")[index % 2] for index in range(13, 61)}
references.MUNICIPALITIES.update(EXTRA)

from synthetic import events_sheet  # noqa: E402

from automations.backends.base import Backend, Feedback, InputError, Published  # noqa: E402
from automations.config import Settings  # noqa: E402
from automations.job import JobContext  # noqa: E402
from automations.tables import RawSheet  # noqa: E402
from automations.validation import validate_all, validate_workbook  # noqa: E402
from jobs.regiono_statistika import JOB as STATISTICS_JOB  # noqa: E402
from sheets_schema import workbook  # noqa: E402


class MemoryBackend(Backend):
    """Serves generated sheets; publishing only counts bytes."""

    name = "memory"

    def __init__(self, sheets: dict[str, dict[str, RawSheet]]) -> None:
        self.sheets = sheets
        self.published_bytes = 0

    def read_tabs(self, workbook_name, tabs):
        found = self.sheets.get(workbook_name, {})
        return {tab: found.get(tab, InputError(f"no {tab}", "nera_lapo")) for tab in tabs}

    def publish(self, path: str, content: bytes) -> Published:
        self.published_bytes += len(content)
        return Published(path, path, True)

    def fetch(self, path: str) -> bytes | None:
        return None

    def write_feedback(self, feedback: Feedback) -> Published | None:
        return None


def statistics_sheets(years: int, rng: random.Random) -> dict[str, RawSheet]:
    spec = workbook("teritorijos_statistika")
    libraries = [spec.tab("Bibliotekos").headers()]
    municipalities = [spec.tab("Savivaldybės").headers()]
    answers = [spec.tab("Formos atsakymai 1").headers()]
    last = 2025
    for m_index, (name, county) in enumerate(references.MUNICIPALITIES.items()):
        for year in range(last - years + 1, last + 1):
            municipalities.append([name, county, year, 20000 + m_index * 1000])
        for number in range(11):
            code = f"M{m_index:02d}-{'SVB' if number == 0 else f'MOK-{number:02d}'}"
            kind = "SVB" if number == 0 else "mokyklos biblioteka"
            libraries.append([code, f"{name} biblioteka {number}", name, kind, 12 if number == 0 else None, "Taip"])
            base = 8000 if number == 0 else 450
            for year in range(last - years + 1, last + 1):
                users = int(base * rng.uniform(0.93, 1.07))
                value = {
                    "Laiko žymė": dt.datetime(year + 1, 1, 15, 10, 0), "Biblioteka": code, "Metai": year,
                    "Registruoti vartotojai": users, "iš jų vaikai (iki 14 m.)": users // 4,
                    "Apsilankymai (fiziniai)": users * 15, "Išduotis (fiz. vnt.)": users * 20,
                    "Fondas metų pabaigoje (fiz. vnt.)": users * 30, "Renginiai": users // 8,
                    "Renginių dalyviai": users * 2, "Darbuotojai (asm.)": max(users // 150, 1),
                }
                answers.append([value.get(header) for header in answers[0]])
    return {"Bibliotekos": RawSheet("Bibliotekos", libraries), "Savivaldybės": RawSheet("Savivaldybės", municipalities),
            "Formos atsakymai 1": RawSheet("Formos atsakymai 1", answers)}


def measure_validation(backend: Backend, name: str, rows: int) -> float:
    gc.collect()
    started = time.process_time()
    result = validate_workbook(workbook(name), backend)
    seconds = time.process_time() - started
    errors = sum(1 for p in result.problems if p.severity == "klaida")
    print(f"validate {name:<24} {rows:>8} rows  {seconds:6.2f} s CPU  {rows / seconds:>10,.0f} rows/s  "
          f"({len(result.problems)} problems, {errors} errors)")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    rng = random.Random(7)
    print(f"generating {args.events} events and {len(references.MUNICIPALITIES)} municipalities × "
          f"{args.years} years …")
    stats = statistics_sheets(args.years, rng)
    backend = MemoryBackend({"renginiai": {"Renginiai": events_sheet(args.events, rng)},
                             "teritorijos_statistika": stats})
    seconds = measure_validation(backend, "renginiai", args.events)
    print(f"target: {args.events} event rows validated in < 3 s → {'met' if seconds < 3 else 'NOT met'} "
          f"({seconds:.2f} s)")
    measure_validation(backend, "teritorijos_statistika", len(stats["Formos atsakymai 1"].cells) - 1)

    settings = Settings()
    results = validate_all(backend, ["teritorijos_statistika"])
    tracemalloc.start()
    started = time.perf_counter()
    context = JobContext(settings, backend, 2025, dt.date(2026, 11, 22), results)
    STATISTICS_JOB.produce(context)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    documents = sum(len(output.content) for output in context.outputs)
    print(f"regiono_statistika: {seconds:.2f} s (with allocation tracing), peak traced memory "
          f"{peak / 2**20:.1f} MiB, {len(context.outputs)} documents, {documents / 1024:.0f} KiB")
    print(f"process max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
