"""The nightly first run now beside an earlier version, in one paired run (issue 15: "≤ 50 % of today").

Checks out ``--baseline`` (default: 62d62af, the version issue 15 measured) into a scratch git worktree
with its own virtual environment, builds each version's seeded demo workspace with that version, then
times a first `automations run --all` (outputs and run state removed) of each, alternating the two for
``--rounds`` rounds so the machine's load falls on both alike. Prints per job the best time of each and
their ratio, and totals over the jobs both versions have (the later version has more jobs; they are
listed apart, not compared).

    python bench/paired.py [--baseline 62d62af] [--rounds 2] [--keep DIR]

``--keep DIR`` keeps the worktree, its environment and the workspaces between runs (the environment
takes a minute or two to install).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
TODAY = "2026-11-22"
JOB_LINE = re.compile(r"^(\w+): ok, .* in ([0-9.]+) s$", re.MULTILINE)


def baseline_cli(folder: Path, commit: str) -> list[str]:
    """The baseline's `automations` command, checked out and installed once into ``folder``."""
    source, environment = folder / "source", folder / "venv"
    if not source.exists():
        subprocess.run(["git", "-C", str(REPOSITORY), "worktree", "add", "--detach", str(source), commit],
                       check=True, capture_output=True)
    command = environment / "bin" / "automations"
    if not command.exists():
        venv.create(environment, with_pip=True)
        subprocess.run([str(environment / "bin" / "pip"), "install", "-q", "-e", str(source)], check=True)
    return [str(command)]


def first_run(cli: list[str], workspace: Path) -> tuple[float, dict[str, float]]:
    """Wall time of `run --all` on the workspace's inputs with no earlier outputs or state, and each job's."""
    for produced in ("ataskaitos", ".automations"):
        shutil.rmtree(workspace / produced, ignore_errors=True)
    started = time.perf_counter()
    done = subprocess.run([*cli, "run", "--all", "--workspace", str(workspace), "--today", TODAY],
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    return seconds, {job: float(took) for job, took in JOB_LINE.findall(done.stdout)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="62d62af")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="paired-"))
    folder.mkdir(parents=True, exist_ok=True)
    versions = {"baseline": baseline_cli(folder / "baseline", args.baseline),
                "now": [sys.executable, "-m", "automations.cli"]}
    workspaces = {name: folder / f"workspace-{name}" for name in versions}
    for name, cli in versions.items():
        if not (workspaces[name] / "renginiai.xlsx").exists():
            # exit 1: the demo's deliberately broken rows are reported; its inputs are there all the same
            subprocess.run([*cli, "demo", "--workspace", str(workspaces[name]), "--today", TODAY],
                           capture_output=True, check=False)
            if not (workspaces[name] / "renginiai.xlsx").exists():
                sys.exit(f"{name}: `automations demo` built no workspace in {workspaces[name]}")
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; baseline {args.baseline}")
    best: dict[str, tuple[float, dict[str, float]]] = {}
    for _ in range(args.rounds):
        for name, cli in versions.items():
            result = first_run(cli, workspaces[name])
            if name not in best or result[0] < best[name][0]:
                best[name] = result
    report(best)
    if args.keep is None:
        subprocess.run(["git", "-C", str(REPOSITORY), "worktree", "remove", "--force",
                        str(folder / "baseline" / "source")], check=False)
        shutil.rmtree(folder, ignore_errors=True)


def report(best: dict[str, tuple[float, dict[str, float]]]) -> None:
    (before_total, before), (now_total, now) = best["baseline"], best["now"]
    common = [job for job in now if job in before]
    print(f"\n{'job':<22} {'baseline':>9} {'now':>7} {'ratio':>7}")
    for job in common:
        print(f"{job:<22} {before[job]:8.1f}s {now[job]:6.1f}s {now[job] / before[job]:7.0%}")
    shared_before, shared_now = sum(before[job] for job in common), sum(now[job] for job in common)
    print(f"{'jobs in both':<22} {shared_before:8.1f}s {shared_now:6.1f}s {shared_now / shared_before:7.0%}")
    added = [job for job in now if job not in before]
    print(f"jobs added since: {', '.join(f'{job} {now[job]:.1f} s' for job in added) or 'none'} "
          f"({sum(now[job] for job in added):.1f} s)")
    print(f"whole `run --all` (process, all jobs): baseline {before_total:.1f} s, now {now_total:.1f} s "
          f"({now_total / before_total:.0%})")


if __name__ == "__main__":
    main()
