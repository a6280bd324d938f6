"""What does a notification run of the demo workspace cost, and how fast do messages go out?

Builds the demo workspace (inputs only), then times the parts of ``automations notify``:
validating every workbook, planning the letters (all builders), and rendering and delivering
every due message to a real SMTP server on localhost (aiosmtpd, from the test extras); then a
second run, which must deliver nothing. Run from the repository root: ``python bench/notify_run.py``.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from notify_support import Recorder, serve_smtp  # noqa: E402

from automations.backends.local import LocalBackend  # noqa: E402
from automations.config import load_settings  # noqa: E402
from automations.demo import build_demo  # noqa: E402
from automations.notify import run_notify  # noqa: E402
from automations.notify.inputs import Inputs  # noqa: E402
from automations.notify.service import build_plan, chosen_kinds  # noqa: E402
from automations.validation import validate_all  # noqa: E402
from sheets_schema import WORKBOOK_NAMES  # noqa: E402

TODAY = dt.date(2026, 11, 23)  # a Monday: the digest is due too


def main() -> None:
    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder) / "demo"
        build_demo(workspace, 2026, TODAY)
        recorder = Recorder()
        for port in serve_smtp(recorder):
            text = (workspace / "automations.toml").read_text(encoding="utf-8").replace('deliver = "outbox"', "")
            (workspace / "automations.toml").write_text(
                text + f'\n[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n', encoding="utf-8")
            settings = load_settings(workspace)

            started = time.perf_counter()
            results = validate_all(LocalBackend(settings), list(WORKBOOK_NAMES))
            validated = time.perf_counter() - started
            started = time.perf_counter()
            plan = build_plan(Inputs(settings, TODAY, results), chosen_kinds(settings))
            planned = time.perf_counter() - started

            started = time.perf_counter()
            first = run_notify(settings, TODAY, results=results)
            sending = time.perf_counter() - started
            started = time.perf_counter()
            second = run_notify(settings, TODAY, results=results)
            again = time.perf_counter() - started

    print(f"validate all {len(WORKBOOK_NAMES)} workbooks: {validated:.2f} s")
    print(f"plan: {len(plan.letters)} letters considered, {len(plan.unreachable)} without address, "
          f"in {planned * 1000:.0f} ms")
    print(f"first run: {first.sent} messages delivered over SMTP ({len(recorder.received)} received), "
          f"{first.failed} failed, in {sending:.2f} s "
          f"({sending / max(first.sent, 1) * 1000:.0f} ms per message incl. planning)")
    print(f"second run: {second.sent} delivered, {len(second.due)} due, in {again:.2f} s")


if __name__ == "__main__":
    main()
