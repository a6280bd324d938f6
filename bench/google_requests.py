"""How many Google API requests does a nightly run of the demo workspace cost?

Builds the demo workspace, loads its inputs into the loopback imitation of Sheets, Drive and
Forms (tests/fake_google), runs every job twice with the Google backend and prints the
requests by API and method for each run; then measures the naive gspread way of reading the
same tabs (``open_by_key`` + ``worksheet(tab).get_all_records()`` per tab) against the same
imitation. Run from the repository root: ``python bench/google_requests.py``.
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
from fake_google.loader import LoadedWorkspace, google_settings, load_workspace  # noqa: E402
from google.auth.credentials import AnonymousCredentials  # noqa: E402

from automations.backends.google import GoogleBackend  # noqa: E402
from automations.demo import build_demo  # noqa: E402
from automations.runner import RunReport, run_jobs  # noqa: E402
from jobs import all_jobs  # noqa: E402
from sheets_schema import workbooks  # noqa: E402

TODAY = dt.date(2026, 11, 22)
UPLOADS = ("files.create (upload)", "files.update (upload)")


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


def google_run(fake: FakeGoogle, workspace: Path, loaded: LoadedWorkspace) -> tuple[RunReport, list[Logged]]:
    settings = google_settings(workspace, loaded)
    backend = GoogleBackend(settings, LoopbackTransport(fake.base_url), anonymous_identity(), sleep=lambda s: None)
    mark = fake.mark()
    report = run_jobs(settings, list(all_jobs().values()), backend=backend, on_date=TODAY)
    return report, fake.since(mark)


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
        try:
            loaded = load_workspace(fake, workspace)
            first, first_log = google_run(fake, workspace, loaded)
            _, second_log = google_run(fake, workspace, loaded)
            needed = sorted({name for job in all_jobs().values() for name in job.workbooks}
                            | {"teritorijos_statistika"})
            naive = naive_reads(fake, loaded, needed)
        finally:
            fake.stop()
    outputs = sum(len(run.published) for run in first.jobs)
    tabs = sum(len(workbooks()[name].tabs) for name in needed)
    print(f"demo workspace: {len(needed)} spreadsheets ({tabs} tabs) read, {len(first.jobs)} jobs, "
          f"{outputs} documents; jobs ok: {sum(run.ok for run in first.jobs)}/{len(first.jobs)}")
    show("first run (google backend)", first_log)
    show("second run, nothing changed (google backend)", second_log)
    show("naive gspread reads (open_by_key + worksheet().get_all_records() per tab)", naive)
    sheets_reads = sum(1 for entry in first_log if entry.api == "sheets" and not entry.write)
    print(f"\nSheets reads: {sheets_reads} with the backend vs {len(naive)} naive "
          f"({len(naive) / max(sheets_reads, 1):.1f}x); naive publishing without a stored hash would "
          f"upload all {outputs} documents again on every run.")


if __name__ == "__main__":
    main()
