"""What does a night of library profiles cost on the demo workspace (115 libraries, 12 municipalities)?

Builds the demo workspace (inputs only), validates it once, then times the parts of the
`profiliai` job: the registry's consolidation of five years, the peer placement of every library
and municipality, one trend chart, one Word profile, and the whole job with its workbook. Run
from the repository root: ``python bench/profiles_run.py``.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from automations.backends.local import LocalBackend  # noqa: E402
from automations.config import load_settings  # noqa: E402
from automations.demo import build_demo  # noqa: E402
from automations.domain import profiles  # noqa: E402
from automations.domain.territory import statistics  # noqa: E402
from automations.job import JobContext  # noqa: E402
from automations.runner import validate_with_figures  # noqa: E402
from jobs import all_jobs  # noqa: E402
from jobs.profiliai_word import trend_chart  # noqa: E402

TODAY = dt.date(2026, 11, 22)
YEAR = 2025


def _timed(label: str, action: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = action()
    print(f"{label:<58} {time.perf_counter() - started:7.2f} s")
    return result


def main() -> None:
    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder) / "demo"
        build_demo(workspace, 2026, TODAY)
        settings = load_settings(workspace)
        backend = LocalBackend(settings)
        results, figures = _timed("validate teritorijos_statistika", lambda: validate_with_figures(
            settings, backend, ["teritorijos_statistika"], TODAY))
        _timed("registry consolidation, five years", lambda: [statistics(figures, year)
                                                              for year in range(YEAR - 4, YEAR + 1)])
        level = profiles.library_level(figures, YEAR)
        found = _timed("peers, changes, trends: 115 libraries", lambda: profiles.profiles(
            level, YEAR, settings.peers.size_bands, settings.peers.fall_percent))
        _timed("peers, changes, trends: 12 municipalities", lambda: profiles.profiles(
            profiles.municipality_level(figures, YEAR), YEAR, {}, settings.peers.fall_percent))
        _timed("one trend chart (11 sparklines)", lambda: trend_chart(found["UTE-SVB"]))
        context = JobContext(settings, backend, YEAR, TODAY, results, figures, True)
        _timed("the whole job: 127 profiles and the peer workbook", lambda: all_jobs()["profiliai"].produce(context))
        sizes = [len(output.content) for output in context.outputs]
        print(f"{len(sizes)} documents, {sum(sizes) / 1e6:.1f} MB, the largest {max(sizes) / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
