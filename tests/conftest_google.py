"""Fixtures for the Google backend's tests: the loopback imitation, a backend wired to it, loaders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_google import FakeGoogle, LoopbackTransport, anonymous_identity
from fake_google.loader import LoadedWorkspace, google_settings, load_workspace
from fake_google.quota import VirtualClock

from automations.backends.google import GoogleBackend
from automations.config import Settings
from automations.workspace import create_workspace

RECORDINGS = Path(__file__).resolve().parents[2] / "shared" / "google-recordings"
SERVICE_ACCOUNT = "automations@pavb-test.iam.gserviceaccount.com"


@pytest.fixture
def fake_google() -> Iterator[FakeGoogle]:
    """A fresh imitation on 127.0.0.1, a free port."""
    fake = FakeGoogle().start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def clock() -> VirtualClock:
    """The backend's clock in tests: time passes only when it waits, so minutes cost nothing."""
    return VirtualClock()


@pytest.fixture
def sleeps(clock: VirtualClock) -> list[float]:
    """Every wait (backoff, quota pacing) the backend asked for; it never really sleeps in tests."""
    return clock.slept


@pytest.fixture
def make_google_backend(fake_google: FakeGoogle, clock: VirtualClock) -> Callable[..., GoogleBackend]:
    """``make_google_backend(settings)``: a GoogleBackend talking to the imitation, on the virtual clock."""
    def make(settings: Settings, **kwargs: Any) -> GoogleBackend:
        kwargs.setdefault("identity", anonymous_identity(SERVICE_ACCOUNT))
        return GoogleBackend(settings, LoopbackTransport(fake_google.base_url), sleep=clock.sleep, clock=clock,
                             **kwargs)
    return make


@pytest.fixture
def small_workspace(tmp_path: Path) -> Path:
    """Blank input workbooks (headers only) from ``automations init``."""
    workspace = tmp_path / "small"
    create_workspace(workspace)
    return workspace


@pytest.fixture
def load_into_google(fake_google: FakeGoogle) -> Callable[..., tuple[Settings, LoadedWorkspace]]:
    """``load_into_google(workspace, forms=False, **google_settings)`` -> (settings, loaded ids)."""
    def load(workspace: Path, forms: bool = False, **google: Any) -> tuple[Settings, LoadedWorkspace]:
        loaded = load_workspace(fake_google, workspace, forms=forms)
        return google_settings(workspace, loaded, **google), loaded
    return load


DEMO_TODAY = dt.date(2026, 11, 22)
