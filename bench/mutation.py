"""Mutation testing of the rule and figure modules: how many deliberate small mistakes the tests catch.

mutmut (3.x) copies the packages into ``./mutants``, rewrites every function of the modules listed
in ``[tool.mutmut] only_mutate`` (pyproject.toml) into many variants (``<`` for ``<=``, a string
changed, an argument dropped, ...), and runs, for each variant ("mutant"), only those tests of
``pytest_add_cli_args_test_selection`` that reached the mutated function. A mutant is *killed*
when a test fails, *survives* when all pass, *times out* when the tests hang (a hang caught is a
mistake caught). This script picks the functions that hold the rules and figures (``TARGETS``),
runs mutmut on exactly those, and prints per module and in total: mutants generated, killed,
survived, timed out, not reached by any selected test, and the share killed ((killed + timed out)
/ generated). Surviving mutants that are equivalent or harmless are listed, with why, in
``bench/mutation_survivors.md``. Target (issue 17): ≥ 85 % killed.

    pip install mutmut==3.8.1         # not a test dependency: only this script uses it
    python bench/mutation.py [--jobs 2] [--only lt,nuoma] [--survivors] [--keep]

Run from a checkout with the project installed (``pip install -e '.[test]'``); a whole run takes
about 15 minutes on 2 shared cores. ``./mutants`` is deleted first (mutmut would otherwise keep
stale copies of unmutated files) and, unless ``--keep``, afterwards.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
TARGET_SHARE = 85.0


@dataclass(frozen=True)
class Target:
    """A module and the functions of it whose mistakes the tests must catch (mutmut's mangled names)."""

    label: str
    module: str
    functions: tuple[str, ...]

    def globs(self) -> list[str]:
        return [f"{self.module}.{function}__mutmut_*" for function in self.functions]

    def owns(self, mutant: str) -> bool:
        return any(fnmatch.fnmatchcase(mutant, pattern) for pattern in self.globs())


def _methods(cls: str, *names: str) -> tuple[str, ...]:
    return tuple(f"xǁ{cls}ǁ{name}" for name in names)


TARGETS = (
    Target("lt", "automations.lt", ("x_number", "x_money", "x_money_in_words", "x__euro_word")),
    Target("rows", "automations.domain.rows", ("x_within", "x_overlapping", "x_total", "x_money_total")),
    Target("register", "automations.register",
           ("x_entry_key", "x_number_pattern", "x_read_register", "x_assign_numbers", "x__number_order", "x_issued",
            "x_key_digest", "x_certificate_entry", "x_recover")),
    Target("runner", "automations.runner", ("x__run_one", "x__produce", "x__publish_each")),
    Target("local", "automations.backends.local", ("x_atomic_write",)),
    Target("validation", "automations.validation", ("x__apply_explanations", "x__keep_good_rows")),
    Target("rules", "sheets_schema.rules", ("x_latest_submission_wins",)),
    Target("nuoma", "sheets_schema.nuoma", ("x_overlaps", "x__overlap")),
    Target("teritorijos_statistika", "sheets_schema.teritorijos_statistika", ("x_rules", "x_year_over_year")),
    Target("figures", "automations.domain.figures",
           (*_methods("Figure", "counted", "of"), *_methods("Measured", "plain"),
            *_methods("Figures", "period", "same_period_before", "selected", "rows", "get", "compared", "previous",
                      "by_month"), "x__counted_by_any")),
    Target("visitors", "automations.domain.visitors",
           ("x_log_rows", "x_in_library", "x_in_zaose", "x_days_with_visitors", "x_average", "x_places_table")),
)


def _status_names() -> dict:
    try:
        from mutmut.stats import status_by_exit_code
    except ImportError:
        sys.exit("mutmut is not installed: pip install mutmut==3.8.1")
    return status_by_exit_code


def run_mutmut(targets: list[Target], jobs: int, log: Path) -> int:
    """mutmut on the targets' functions only; its progress (a spinner) goes to the log file."""
    shutil.rmtree(MUTANTS, ignore_errors=True)
    command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs),
               *[pattern for target in targets for pattern in target.globs()]]
    with log.open("w", encoding="utf-8") as stream:
        return subprocess.run(command, cwd=ROOT, stdout=stream, stderr=subprocess.STDOUT, check=False).returncode


def results() -> dict[str, int | None]:
    """Every mutant mutmut generated, with its test run's exit code (None: not run)."""
    found: dict[str, int | None] = {}
    for meta in MUTANTS.rglob("*.meta"):
        found.update(json.loads(meta.read_text("utf-8"))["exit_code_by_key"])
    return found


def tally(targets: list[Target], codes: dict[str, int | None]) -> list[tuple[str, Counter, list[str]]]:
    status_by_exit_code = _status_names()
    rows = []
    for target in targets:
        counts: Counter = Counter()
        survivors = []
        for mutant, code in sorted(codes.items(), key=lambda item: _natural(item[0])):
            if not target.owns(mutant):
                continue
            status = status_by_exit_code[code]
            counts["generated"] += 1
            counts[status] += 1
            if status != "killed" and status != "timeout":
                survivors.append(f"{mutant} ({status})")
        rows.append((target.label, counts, survivors))
    return rows


def _natural(name: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name))


def share(counts: Counter) -> float:
    return 100.0 * (counts["killed"] + counts["timeout"]) / counts["generated"] if counts["generated"] else 0.0


def table(rows: list[tuple[str, Counter, list[str]]]) -> str:
    columns = ("generated", "killed", "survived", "timeout", "no tests")
    lines = [f"{'module':<24}" + "".join(f"{name:>11}" for name in columns) + f"{'killed %':>10}"]
    total: Counter = Counter()
    for label, counts, _ in rows:
        total.update(counts)
        lines.append(f"{label:<24}" + "".join(f"{counts[name]:>11}" for name in columns) + f"{share(counts):>9.1f}%")
    lines.append(f"{'total':<24}" + "".join(f"{total[name]:>11}" for name in columns) + f"{share(total):>9.1f}%")
    other = total["generated"] - sum(total[name] for name in columns[1:])
    if other:
        lines.append(f"({other} mutants ended otherwise: suspicious, segfault or not checked)")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once (default 2)")
    parser.add_argument("--only", help="comma-separated target labels, e.g. lt,nuoma")
    parser.add_argument("--survivors", action="store_true", help="list every mutant not killed")
    parser.add_argument("--keep", action="store_true", help="keep ./mutants (for `mutmut show NAME`)")
    args = parser.parse_args()
    chosen = [t for t in TARGETS if not args.only or t.label in args.only.split(",")]
    if not chosen:
        parser.error(f"no target among: {', '.join(t.label for t in TARGETS)}")
    _status_names()
    log = ROOT / "mutation.log"
    started = time.perf_counter()
    code = run_mutmut(chosen, args.jobs, log)
    codes = results()
    rows = tally(chosen, codes)
    if code != 0 or not any(counts["generated"] for _, counts, _ in rows):
        print(log.read_text("utf-8", errors="replace")[-4000:])
        print(f"mutmut failed (exit code {code}); its output is in {log}")
        return 2
    print(f"mutation testing: {len(chosen)} modules, {time.perf_counter() - started:.0f} s, {args.jobs} at once")
    print(table(rows))
    if args.survivors:
        for label, _, survivors in rows:
            for name in survivors:
                print(f"  {label}: {name}")
    if not args.keep:
        shutil.rmtree(MUTANTS, ignore_errors=True)
        log.unlink(missing_ok=True)
    total: Counter = sum((counts for _, counts, _ in rows), Counter())
    return 0 if share(total) >= TARGET_SHARE else 1


if __name__ == "__main__":
    sys.exit(main())
