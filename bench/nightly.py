"""The nightly run's speed beside its floors, measured in one run (issue 15).

Prints, for the seeded demo workspace:

- the first `automations run --all` (a fresh workspace), and an unchanged rerun, with the
  rerun's share of the first and how many files the rerun wrote (target: ≤ 10 %, none);
- 1 000 certificates rendered by the project (`render_docx`) beside the floor of rendering
  the template's document part once per certificate and copying the other zip members as they
  were compressed once (target: ≤ 5 s for 1 000);
- start-up: `automations --help` and `automations jobs` beside `import pandas, pydantic`.

    python bench/nightly.py [--repeat 3] [--certificates 1000]

Times are wall-clock seconds, min of ``--repeat``; the machine's load moves them, the ratios
within one run much less.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from docxtpl import DocxTemplate

from automations.render.docx import DEFAULT_TEMPLATES, jinja_environment, render_docx
from automations.render.zips import compressed_member, write_zip

TODAY = "2026-11-22"
CLI = [sys.executable, "-m", "automations.cli"]


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def run(*args: str) -> None:
    subprocess.run([*CLI, *args, "--today", TODAY], check=False, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def nightly(folder: Path, repeat: int) -> None:
    firsts, reruns, written = [], [], []
    for number in range(repeat):
        workspace = folder / f"demo{number}"
        run("demo", "--workspace", str(workspace))  # builds the inputs (and runs once: discarded)
        shutil.rmtree(workspace / "ataskaitos")
        shutil.rmtree(workspace / ".automations")
        firsts += timed(lambda workspace=workspace: run("run", "--all", "--workspace", str(workspace)), 1)
        stamp = time.time()
        time.sleep(0.01)
        reruns += timed(lambda workspace=workspace: run("run", "--all", "--workspace", str(workspace)), 1)
        written.append(sum(1 for path in (workspace / "ataskaitos").rglob("*")
                           if path.is_file() and path.stat().st_mtime > stamp))
    first, again = min(firsts), min(reruns)
    print(f"run --all, first run:      {first:6.2f} s (median {statistics.median(firsts):.2f})")
    print(f"run --all, unchanged rerun: {again:6.2f} s = {again / first:.1%} of the first; files written: "
          f"{max(written)}")


def certificate_context(number: int) -> dict:
    return {"istaiga": {"name": "Panevėžio apskrities Gabrielės Petkevičaitės-Bitės viešoji biblioteka",
                        "short_name": "PAVB", "director": "Direktorė"},
            "siandien": dt.date(2026, 11, 22), "metai": 2026, "numeris": f"PAVB-KT-2026-{number:04d}",
            "vardas": f"Dalyvė Nr. {number}", "biblioteka": "Biržų r. savivaldybės viešoji biblioteka",
            "forma_vietininkas": "seminare", "pavadinimas": "Dirbtinis intelektas bibliotekoje",
            "datos": "2026 m. kovo 5 d.", "vieta": "PAVB", "valandos": "6", "sritis": "dirbtinis intelektas",
            "lektorius": "Simona Mockutė", "isduota": dt.date(2026, 3, 5)}


def floor_renderer(template: Path) -> Callable[[dict], bytes]:
    """The floor: the template's document part compiled once; each certificate renders and compresses only
    that part, the other zip members are copied as compressed once."""
    document = DocxTemplate(str(template))
    document.render_init()
    xml = document.patch_xml(document.get_xml())
    compiled = jinja_environment().from_string(xml)
    with zipfile.ZipFile(template) as source:
        members = [info.filename if info.filename == "word/document.xml"
                   else compressed_member(info.filename, source.read(info)) for info in source.infolist()]

    def render(context: dict) -> bytes:
        return write_zip([compressed_member(item, compiled.render(context).encode()) if isinstance(item, str)
                          else item for item in members])

    return render


def certificates(count: int, repeat: int) -> None:
    template = DEFAULT_TEMPLATES / "pazymejimas.docx"
    contexts = [certificate_context(number) for number in range(1, count + 1)]
    project = min(timed(lambda: [render_docx(template, context) for context in contexts], repeat))
    render = floor_renderer(template)
    floor = min(timed(lambda: [render(context) for context in contexts], repeat))
    print(f"{count} certificates:         {project:6.2f} s ({project / count * 1000:.1f} ms each); "
          f"floor {floor:.2f} s; ratio {project / floor:.1f}×")


def startup(repeat: int) -> None:
    def command(*args: str) -> float:
        return min(timed(lambda: subprocess.run([*CLI, *args], check=False, stdout=subprocess.DEVNULL), repeat))

    floor = min(timed(lambda: subprocess.run([sys.executable, "-c", "import pandas, pydantic"], check=False),
                      repeat))
    with tempfile.TemporaryDirectory() as folder:
        jobs = command("jobs", "--workspace", folder)
    helped = command("--help")
    print(f"automations --help:        {helped:6.2f} s; automations jobs: {jobs:.2f} s; "
          f"floor `import pandas, pydantic`: {floor:.2f} s; jobs/floor {jobs / floor:.1f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--skip-nightly", action="store_true", help="only certificates and start-up")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    startup(args.repeat)
    certificates(args.certificates, args.repeat)
    if not args.skip_nightly:
        with tempfile.TemporaryDirectory() as folder:
            nightly(Path(folder), args.repeat)


if __name__ == "__main__":
    main()
