"""Issue 13 item 8: quota. ``Retry-After`` is honoured up to a limit, reads are paced below Google's
60 per minute per user without drawing 429s, and the run says how long it waited.

The imitation enforces Sheets' per-user quotas on a virtual clock the backend shares, so a
hundred spreadsheets' worth of minutes pass in milliseconds.
"""

from __future__ import annotations

import pytest
from fake_google.quota import Quota
from test_google_sheets import event_row, events_spreadsheet, settings_for

from automations.backends.google_quota import Pacer, Waits
from automations.job import Job
from automations.runner import run_jobs

SPREADSHEETS = 100


def test_retry_after_is_honoured_beyond_the_backoff_cap(fake_google, make_google_backend, load_into_google,
                                                        small_workspace, sleeps) -> None:
    settings, _ = load_into_google(small_workspace)
    fake_google.fail_next(1, 429, headers={"Retry-After": "60"})
    backend = make_google_backend(settings)
    backend.read_tabs("renginiai", ["Renginiai"])
    assert sleeps == [60.0]  # not cut to the 32 s backoff cap
    assert "waited 60.0 s" in backend.activity() and "for 1 retries" in backend.activity()


def test_retry_after_is_capped_by_the_setting(fake_google, make_google_backend, load_into_google, small_workspace,
                                              sleeps) -> None:
    settings, _ = load_into_google(small_workspace)
    settings.google.max_retry_after_seconds = 20
    fake_google.fail_next(1, 429, headers={"Retry-After": "3600"})
    make_google_backend(settings).read_tabs("renginiai", ["Renginiai"])
    assert sleeps == [20.0]


def _many(fake, count: int) -> list[str]:
    return [events_spreadsheet(fake, event_row()) for _ in range(count)]


def _read_all(backend, ids: list[str]) -> None:
    for spreadsheet_id in ids:
        backend.sheets.read("renginiai", spreadsheet_id, ["Renginiai", "Parodos"])


def test_a_hundred_spreadsheets_stay_under_the_read_quota(fake_google, make_google_backend, clock,
                                                          tmp_path) -> None:
    ids = _many(fake_google, SPREADSHEETS)
    fake_google.quota = Quota(reads_per_minute=60, writes_per_minute=60, clock=clock)
    backend = make_google_backend(settings_for(tmp_path, ids[0]))
    _read_all(backend, ids)
    reads = [entry for entry in fake_google.log if entry.api == "sheets"]
    assert len(reads) == 2 * SPREADSHEETS and all(entry.status == 200 for entry in reads)
    assert fake_google.quota.refused == 0
    waits = backend.api.policy.waits
    assert waits.retries == 0 and waits.paced > 0
    assert clock.now >= (2 * SPREADSHEETS - 50) / 50 * 60 - 1  # 50 reads a minute, as configured
    assert f"pacing {waits.pacing_seconds:.1f} s" in backend.activity()


def test_without_pacing_the_same_reads_draw_429s(fake_google, make_google_backend, clock, tmp_path) -> None:
    ids = _many(fake_google, SPREADSHEETS)
    fake_google.quota = Quota(reads_per_minute=60, writes_per_minute=60, clock=clock)
    settings = settings_for(tmp_path, ids[0])
    settings.google.sheets_reads_per_minute = 0
    backend = make_google_backend(settings)
    _read_all(backend, ids)
    assert fake_google.quota.refused > 0 and backend.api.policy.waits.retries == fake_google.quota.refused


def test_the_run_reports_what_it_waited(fake_google, make_google_backend, load_into_google, small_workspace) -> None:
    settings, _ = load_into_google(small_workspace)
    fake_google.fail_next(2, 503)
    job = Job("renginiu", "reads renginiai", ("renginiai",), lambda ctx: None)
    report = run_jobs(settings, [job], backend=make_google_backend(settings))
    assert report.jobs[0].ok
    assert report.activity.startswith("Google: ") and "backoff" in report.activity and "2 retries" in report.activity


@pytest.mark.parametrize("limit", [1, 5, 60])
def test_the_pacer_never_lets_a_minute_hold_more_than_its_limit(limit: int) -> None:
    now = [0.0]
    sent: list[float] = []
    pacer = Pacer(limit, lambda: now[0], lambda seconds: now.__setitem__(0, now[0] + seconds), Waits())
    for index in range(5 * limit):
        now[0] += 0.25 * (index % 3)  # requests arrive unevenly
        pacer()
        sent.append(now[0])
    assert all(sum(1 for t in sent if start <= t < start + 60) <= limit for start in sent)
