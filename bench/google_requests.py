"""How many Google API requests does a nightly run of the demo workspace cost, and how long does it wait?

Builds the demo workspace, loads its inputs into the loopback imitation of Sheets, Drive and
Forms (tests/fake_google), runs every job twice with the Google backend and prints the
requests by API and method for each run, with the waits and retries under Google's quota
(60 Sheets reads and 60 writes per minute per user, enforced by the imitation on a virtual
clock); then measures the naive gspread way of reading the same tabs (``open_by_key`` +
``worksheet(tab).get_all_records()`` per tab) against the same imitation; then simulates a
larger territory: 100 spreadsheets read under the same quota, paced and unpaced.
Run from the repository root: ``python bench/google_requests.py``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import gspread  # noqa: E402
from fake_google import FakeGoogle, Logged, LoopbackTransport, anonymous_identity  # noqa: E402
from fake_google.loader import LoadedWorkspace, google_settings, load_workspace, load_xlsx  # noqa: E402
from fake_google.quota import Quota, VirtualClock  # noqa: E402
from google.auth.credentials import AnonymousCredentials  # noqa: E402

from automations.backends.google import GoogleBackend  # noqa: E402
from automations.demo import build_demo  # noqa: E402
from automations.runner import RunReport, run_jobs  # noqa: E402
from jobs import all_jobs  # noqa: E402
from sheets_schema import workbooks  # noqa: E402

TODAY = dt.date(2026, 11, 22)
UPLOADS = ("files.create (upload)", "files.update (upload)")
SPREADSHEETS = 100


def category(entry: Logged) -> str:
    if entry.kind in UPLOADS:
        return "uploads"
    return "writes" if entry.write else "reads"


def show(title: str, entries: list[Logged]) -> None:
    print(f"\n{title}: {len(entries)} requests")
    totals = Counter(category(entry) for entry in entries)
    print("  " + ", ".join(f"{name} {totals[name]}" for name in ("reads", "writes", "uploads")))
    for (api, kind), count in sorted(Counter((e.api, e.kind) for e in entries).items()):
        print(f"    {api:<7} {kind:<28} {count:>5}")


def google_run(fake: FakeGoogle, workspace: Path, loaded: LoadedWorkspace, clock: VirtualClock
               ) -> tuple[RunReport, list[Logged]]:
    settings = google_settings(workspace, loaded)
    backend = GoogleBackend(settings, LoopbackTransport(fake.base_url), anonymous_identity(), sleep=clock.sleep,
                            clock=clock)
    mark = fake.mark()
    report = run_jobs(settings, list(all_jobs().values()), backend=backend, on_date=TODAY)
    return report, fake.since(mark)


def quota_simulation(workspace: Path, loaded: LoadedWorkspace, reads_per_minute: int) -> str:
    """Read the events workbook of 100 libraries under Sheets' quota; what pacing and retries cost."""
    fake = FakeGoogle().start()
    clock = VirtualClock()
    try:
        ids = [load_xlsx(fake, workspace / "renginiai.xlsx", f"Renginiai {n}") for n in range(SPREADSHEETS)]
        fake.quota = Quota(reads_per_minute=60, writes_per_minute=60, clock=clock)
        settings = google_settings(workspace, loaded)
        settings.google.sheets_reads_per_minute = reads_per_minute
        backend = GoogleBackend(settings, LoopbackTransport(fake.base_url), anonymous_identity(), sleep=clock.sleep,
                                clock=clock)
        tabs = [model.tab for model in workbooks()["renginiai"].tabs]
        for spreadsheet_id in ids:
            backend.sheets.read("renginiai", spreadsheet_id, tabs)
        refused = sum(1 for entry in fake.log if entry.status == 429)
        pacing = f"paced at {reads_per_minute}/min" if reads_per_minute else "unpaced"
        return (f"  {pacing:<16} {len(fake.log):>4} requests, {refused:>3} answered 429, "
                f"{clock.now / 60:5.1f} min of quota time\n    {backend.activity()}")
    finally:
        fake.stop()


def naive_reads(fake: FakeGoogle, loaded: LoadedWorkspace, names: list[str]) -> list[Logged]:
    """What reading the same tabs costs with gspread's everyday calls."""
    credentials = AnonymousCredentials()
    client = gspread.Client(credentials, session=LoopbackTransport(fake.base_url).session(credentials))
    mark = fake.mark()
    for name in names:
        spreadsheet = client.open_by_key(loaded.sources[name].spreadsheet_id)
        for model in workbooks()[name].tabs:
            # messy headers can make get_all_records refuse; the requests were made all the same
            with contextlib.suppress(gspread.exceptions.GSpreadException, ValueError):
                spreadsheet.worksheet(model.tab).get_all_records()
    return fake.since(mark)


def main() -> None:
    logging.basicConfig(level=logging.CRITICAL)
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder) / "demo"
        build_demo(workspace, seed=2026, today=TODAY)
        fake = FakeGoogle().start()
        clock = VirtualClock()
        fake.quota = Quota(reads_per_minute=60, writes_per_minute=60, clock=clock)
        try:
            loaded = load_workspace(fake, workspace)
            first, first_log = google_run(fake, workspace, loaded, clock)
            second, second_log = google_run(fake, workspace, loaded, clock)
            fake.quota = None
            needed = sorted({name for job in all_jobs().values() for name in job.workbooks}
                            | {"teritorijos_statistika"})
            naive = naive_reads(fake, loaded, needed)
        finally:
            fake.stop()
        simulations = [quota_simulation(workspace, loaded, rate) for rate in (50, 0)]
    outputs = sum(len(run.published) for run in first.jobs)
    tabs = sum(len(workbooks()[name].tabs) for name in needed)
    print(f"demo workspace: {len(needed)} spreadsheets ({tabs} tabs) read, {len(first.jobs)} jobs, "
          f"{outputs} documents; jobs ok: {sum(run.ok for run in first.jobs)}/{len(first.jobs)}")
    show("first run (google backend)", first_log)
    print(f"  under the quota (60 reads/min/user): {first.activity}")
    show("second run, nothing changed (google backend)", second_log)
    print(f"  under the quota (60 reads/min/user): {second.activity}")
    show("naive gspread reads (open_by_key + worksheet().get_all_records() per tab)", naive)
    sheets_reads = sum(1 for entry in first_log if entry.api == "sheets" and not entry.write)
    print(f"\nSheets reads: {sheets_reads} with the backend vs {len(naive)} naive "
          f"({len(naive) / max(sheets_reads, 1):.1f}x); naive publishing without a stored hash would "
          f"upload all {outputs} documents again on every run.")
    print(f"\nquota simulation: {SPREADSHEETS} spreadsheets (the demo's events workbook each), Sheets allowing "
          "60 reads per minute per user:")
    print("\n".join(simulations))


if __name__ == "__main__":
    main()
