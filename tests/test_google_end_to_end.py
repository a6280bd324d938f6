"""Every job on the demo workspace with the Google backend, against the loopback imitation.

The documents uploaded to Drive must equal, byte for byte, what the local backend writes;
feedback must land in the right cells without touching what people typed; the number of
requests per spreadsheet and per output is fixed; an unchanged second run writes nothing.
"""

from __future__ import annotations

import copy
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest_google import DEMO_TODAY, SERVICE_ACCOUNT
from fake_google import FakeGoogle, LoopbackTransport, anonymous_identity
from fake_google.drive import FOLDER
from fake_google.loader import google_settings, load_workspace

from automations.backends.google import GoogleBackend
from automations.feedback import FEEDBACK_FOLDER
from automations.runner import RunReport, run_jobs
from jobs import all_jobs


def _run(fake: FakeGoogle, settings: Any) -> tuple[RunReport, list]:
    mark = fake.mark()
    backend = GoogleBackend(settings, LoopbackTransport(fake.base_url), anonymous_identity(SERVICE_ACCOUNT),
                            sleep=lambda seconds: None)
    report = run_jobs(settings, list(all_jobs().values()), backend=backend, on_date=DEMO_TODAY)
    return report, fake.since(mark)


@pytest.fixture(scope="module")
def google_runs(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    workspace = tmp_path_factory.mktemp("google-demo") / "demo"
    shutil.copytree(demo_source, workspace)
    fake = FakeGoogle().start()
    try:
        loaded = load_workspace(fake, workspace)
        settings = google_settings(workspace, loaded)
        before = {sid: copy.deepcopy(book) for sid, book in fake.books.items()}
        first, first_log = _run(fake, settings)
        second, second_log = _run(fake, settings)
        yield {"fake": fake, "loaded": loaded, "settings": settings, "before": before,
               "first": first, "first_log": first_log, "second": second, "second_log": second_log}
    finally:
        fake.stop()


def drive_outputs(fake: FakeGoogle, root: str) -> dict[str, bytes]:
    """Every file under the output folder by its relative path."""
    def walk(folder: str, prefix: str) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for item in fake.drive.files.values():
            if folder in item.meta.get("parents", []):
                path = f"{prefix}{item.meta['name']}"
                if item.meta["mimeType"] == FOLDER:
                    found.update(walk(item.meta["id"], path + "/"))
                else:
                    found[path] = item.content
        return found
    return walk(root, "")


def local_outputs(workspace: Path) -> dict[str, bytes]:
    root = workspace / "ataskaitos"
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*")
            if path.is_file() and path.relative_to(root).parts[0] != FEEDBACK_FOLDER}


def test_every_job_succeeds_on_google(google_runs: dict[str, Any], demo_run: tuple[Path, RunReport]) -> None:
    _, local = demo_run
    assert [(run.job, run.ok) for run in google_runs["first"].jobs] == [(run.job, run.ok) for run in local.jobs]
    assert all(run.ok for run in google_runs["first"].jobs), [run.error for run in google_runs["first"].jobs]


def test_uploaded_documents_equal_local_outputs(google_runs: dict[str, Any], demo_run: tuple[Path, RunReport]) -> None:
    workspace, _ = demo_run
    expected = local_outputs(workspace)
    uploaded = drive_outputs(google_runs["fake"], google_runs["loaded"].folder_id)
    assert sorted(uploaded) == sorted(expected)
    different = [path for path in expected if uploaded[path] != expected[path]]
    assert different == []


def test_requests_per_spreadsheet_and_per_output(google_runs: dict[str, Any]) -> None:
    log = google_runs["first_log"]
    by_sheet = Counter((entry.target, entry.kind) for entry in log if entry.api == "sheets")
    spreadsheets = {source.spreadsheet_id for source in google_runs["loaded"].sources.values()}
    read = {entry.target for entry in log if entry.api == "sheets"}
    assert read <= spreadsheets
    for spreadsheet in read:
        # metadata, then (only when feedback changes) the notes and colours of the cells to mark
        assert by_sheet[(spreadsheet, "spreadsheets.get")] == 1 + by_sheet[(spreadsheet, "spreadsheets.batchUpdate")]
        assert by_sheet[(spreadsheet, "values.batchGet")] == 1
        assert by_sheet[(spreadsheet, "spreadsheets.batchUpdate")] <= 1
    assert {entry.kind for entry in log if entry.api == "sheets"} <= {
        "spreadsheets.get", "values.batchGet", "spreadsheets.batchUpdate"}
    outputs = sum(len(run.published) for run in google_runs["first"].jobs)
    uploads = [entry for entry in log if entry.kind in ("files.create (upload)", "files.update (upload)")]
    assert len(uploads) == outputs  # one request per document, and folders listed once each
    folders = sum(1 for item in google_runs["fake"].drive.files.values() if item.meta["mimeType"] == FOLDER)
    lists = sum(1 for entry in log if entry.kind == "files.list")
    assert lists + sum(1 for entry in log if entry.kind == "files.create") <= folders + 1
    ids = sum(1 for entry in log if entry.kind == "files.generateIds")
    assert 0 < ids <= 8  # ids for every create, fetched in growing batches


def test_unchanged_second_run_writes_nothing(google_runs: dict[str, Any]) -> None:
    log = google_runs["second_log"]
    writes = [(entry.api, entry.kind) for entry in log if entry.write]
    assert writes == []
    assert all(not item.written for run in google_runs["second"].jobs for item in run.published)
    assert all(not item.written for item in google_runs["second"].feedback)


def test_feedback_lands_in_the_right_cells(google_runs: dict[str, Any]) -> None:
    fake, before = google_runs["fake"], google_runs["before"]
    results = google_runs["first"].results
    checked = 0
    for name, result in results.items():
        book = fake.books[google_runs["loaded"].sources[name].spreadsheet_id]
        klaidos = book.sheet_by_title("Klaidos")
        assert klaidos is not None, name
        listed = [row for (row, col) in klaidos.cells if col == 0 and row >= 5]
        assert len(listed) == len(result.problems) or not result.problems
        for problem in result.problems:
            tab = result.tabs.get(problem.tab)
            if problem.row is None or problem.column is None or tab is None or tab.layout is None:
                continue
            header = tab.raw.cells[tab.layout.header_index]
            col = next(i for i, cell in enumerate(header) if str(cell).strip().casefold()
                       == problem.column.strip().casefold())
            cell = book.sheet_by_title(problem.tab).get(problem.row - 1, col)
            assert cell is not None and problem.message in (cell.note or ""), (name, problem)
            assert cell.format and "backgroundColor" in cell.format
            checked += 1
    assert checked > 0
    for spreadsheet_id, original in before.items():  # what people typed is untouched
        for sheet in original.sheets:
            now = fake.books[spreadsheet_id].sheet_by_title(sheet.title)
            assert {key: c.entered for key, c in now.cells.items() if c.entered} == \
                   {key: c.entered for key, c in sheet.cells.items() if c.entered}
