"""Shared fixtures: a demo workspace built once per session, and a helper to run jobs on a copy."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from conftest_google import *  # noqa: F403  (the Google imitation's fixtures)

from automations.config import load_settings
from automations.runner import RunReport, run_jobs
from jobs import all_jobs

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def no_environment_leaks():
    """A test that changes the environment (and does not use monkeypatch) fails, and the change is undone."""
    before = dict(os.environ)
    yield
    changed = sorted(name for name in set(os.environ) | set(before)
                     if os.environ.get(name) != before.get(name) and name != "PYTEST_CURRENT_TEST")
    for name in changed:
        if name in before:
            os.environ[name] = before[name]
        else:
            del os.environ[name]
    assert not changed, f"the test left the environment changed: {changed}"


@pytest.fixture(scope="session")
def demo_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeded demo inputs (no outputs yet); copy before changing anything."""
    from automations.demo import build_demo

    path = tmp_path_factory.mktemp("demo-source")
    build_demo(path, seed=2026, today=TODAY)
    return path


@pytest.fixture
def demo_workspace(demo_source: Path, tmp_path: Path) -> Path:
    """A private copy of the demo workspace for one test."""
    target = tmp_path / "demo"
    shutil.copytree(demo_source, target)
    return target


@pytest.fixture(scope="session")
def demo_run(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunReport]:
    """Every job run once on a copy of the demo workspace (shared, read-only for tests)."""
    target = tmp_path_factory.mktemp("demo-run") / "demo"
    shutil.copytree(demo_source, target)
    report = run_jobs(load_settings(target), list(all_jobs().values()), on_date=TODAY)
    return target, report


def _run_job(workspace: Path, name: str, year: int | None = None, today: dt.date = TODAY) -> RunReport:
    return run_jobs(load_settings(workspace), [all_jobs()[name]], year=year, on_date=today)


@pytest.fixture
def run_job():
    """``run_job(workspace, name, year=None, today=TODAY)`` runs one job on the local backend."""
    return _run_job
