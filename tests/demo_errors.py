"""The rows the demo (seed 2026, built on 2026-11-22) breaks on purpose, written out.

Recounts in tests leave these rows out; taking them from the project's own validator would
let a validator that stopped flagging a row also take it out of the expected figure. Each
recount checks that the run flagged exactly these rows, then uses this list.
"""

from __future__ import annotations

from typing import Any

from sheets_schema.base import Severity

DEMO_ERROR_ROWS: dict[tuple[str, str], set[int]] = {
    ("apdovanojimai", "Vertinimai"): {13},
    ("apklausos", "Formos atsakymai 1"): set(),
    ("apklausos", "Formos atsakymai 2"): {19, 31},
    ("apklausos", "Formos atsakymai 3"): set(),
    ("komisijos", "Nariai"): {5},
    ("komisijos", "Sprendimai"): {25},
    ("konsultacijos", "Konsultacijos"): {165},
    ("kvalifikacija", "Dalyviai"): {137, 275},
    ("lankytojai", "Lankytojai"): {199, 361},
    ("nuoma", "Užsakymai"): {12, 31, 42, 88},
    ("renginiai", "Renginiai"): {100, 245},
    ("renginiai", "Ekskursijos"): set(),
    ("teritorijos_statistika", "Formos atsakymai 1"): {492, 560},
    ("veiklos_planas", "Priemonės"): {8},
    ("viesinimas", "Publikacijos"): {202},
}


def error_rows(report: Any, workbook: str, tab: str) -> set[int]:
    """The demo's broken rows of a tab, as listed above, after checking the run flagged exactly those."""
    flagged = {p.row for p in report.results[workbook].problems
               if p.tab == tab and p.severity is Severity.ERROR and p.row is not None}
    expected = DEMO_ERROR_ROWS[(workbook, tab)]
    assert flagged == expected, (workbook, tab, sorted(flagged))
    return set(expected)
