"""Library profiles on the demo: one per active library and municipality, checked against the input workbook."""

from __future__ import annotations

import re
import statistics as stat
from pathlib import Path

import pytest
from communication_support import all_text, to_pdf
from demo_errors import error_rows  # the demo's broken rows, written out
from docx import Document
from figures_support import figures
from profiles_support import SCHOOLS, TODAY, answer, suspect, territory
from regional_support import norm, num, published, sheet_rows, table

from automations.config import load_settings
from automations.domain import peers
from automations.domain.profile_notes import Notes
from automations.domain.profiles import Line, Profile, attention
from automations.job import JobContext
from jobs.profiliai_word import library_context, municipality_context

YEAR = 2025
FOLDER = Path("ataskaitos/2025/Bibliotekų profiliai")
HAS_OFFICE = __import__("shutil").which("soffice") is not None


def _pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf.read_bytes()))


@pytest.fixture(scope="module")
def demo(demo_run) -> dict:
    """The demo's libraries, their latest 2025 answers read straight from the input, and the profiles written."""
    workspace, report = demo_run
    source = workspace / "teritorijos_statistika.xlsx"
    libraries = {row["Kodas"]: row for _, row in sheet_rows(source, "Bibliotekos")
                 if str(row["Aktyvi"]).strip().casefold() != "ne"
                 and str(row["Tipas"]).strip() != "apskrities biblioteka"}  # the Library itself is no territory one
    by_name = {norm(row["Pavadinimas"]): code for code, row in libraries.items()} | {norm(c): c for c in libraries}
    latest: dict[str, tuple] = {}
    for number, row in sheet_rows(source, "Formos atsakymai 1"):
        code = by_name.get(norm(row["Biblioteka"]))
        if code and str(row["Metai"]).strip() == str(YEAR) and (code not in latest or row["Laiko žymė"] >=
                                                                 latest[code][1]["Laiko žymė"]):
            latest[code] = (number, row)
    errors = error_rows(report, "teritorijos_statistika", "Formos atsakymai 1")
    files = {Path(path).name: Path(item.location) for path, item in published(report, "profiliai").items()}
    return {"workspace": workspace, "report": report, "libraries": libraries, "latest": latest, "errors": errors,
            "files": files, "answers": [row for _, row in sheet_rows(source, "Formos atsakymai 1")]}


def _profile(demo: dict, code: str) -> Path:
    return next(path for name, path in demo["files"].items() if name.startswith(f"{code} "))


def test_a_profile_for_every_active_library_and_municipality_and_one_workbook(demo: dict) -> None:
    names = set(demo["files"])
    assert {name.split(" ")[0] for name in names if name.endswith(".docx") and "-" in name.split(" ")[0]} == set(
        demo["libraries"])
    municipalities = {row["Savivaldybė"] for row in demo["libraries"].values()}
    assert {f"{name} savivaldybė.docx" for name in municipalities} <= names
    assert len(names) == len(demo["libraries"]) + len(municipalities) + 1
    assert f"Bibliotekų palyginimas {YEAR}.xlsx" in names


def test_missing_and_rejected_reports_get_a_one_line_profile(demo: dict) -> None:
    missing = set(demo["libraries"]) - set(demo["latest"])
    rejected = {code for code, (number, _) in demo["latest"].items() if number in demo["errors"]}
    assert len(missing) >= 4 and len(rejected) == 1
    for code in demo["libraries"]:
        document = Document(_profile(demo, code))
        text = all_text(_profile(demo, code))
        if code in missing | rejected:
            assert not document.tables and not document.inline_shapes, code
            assert f"{YEAR} m. statistikos ataskaita {'nepateikta' if code in missing else 'nepriimta'}" in text
        else:  # the indicators, and what to look at (when anything is)
            assert len(document.tables) in (1, 2) and len(document.inline_shapes) == 1, code
            rows = len(document.tables[0].rows) - 1
            assert rows == (21 if code.endswith("-SVB") else 17), code


def test_the_cover_carries_the_librarys_address_and_no_one_elses(demo: dict) -> None:
    personal = {str(row["El. pašto adresas"]).strip() for row in demo["answers"] if row["El. pašto adresas"]}
    assert personal
    for code, library in demo["libraries"].items():
        text = all_text(_profile(demo, code))
        typed = [part.strip() for part in str(library["El. paštas"]).split(";")]
        if all(re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", part) for part in typed):
            assert f"El. paštas: {'; '.join(typed)}" in text, code
        else:  # the demo's mistyped address is not used: the cover says so and the warning is listed
            assert "nenurodytas arba netaisyklingas" in text and "nėra el. pašto adresas" in text
        assert not [address for address in personal if address in text and address not in typed], code


def test_a_profile_shows_the_accepted_answer_and_holds_out_the_mistyped_loans(demo: dict) -> None:
    problems = demo["report"].results["teritorijos_statistika"].problems
    typo_rows = {p.row for p in problems if p.rule == "santykis" and p.column == "Išduotis (fiz. vnt.)"}
    checked = 0
    for code, (number, row) in demo["latest"].items():
        if number in demo["errors"]:
            continue
        cells = {cells[0]: cells for cells in ([c.text for c in r.cells] for r in
                                               Document(_profile(demo, code)).tables[0].rows)}
        assert num(cells["Registruoti vartotojai"][1]) == num(row["Registruoti vartotojai"]), code
        loans = cells["Išduotis (fiz. vnt.)"]
        if number in typo_rows:
            assert loans[1].endswith("*") and loans[7] == "tikrinama" and loans[6] == "–"
            assert "Tikrinama: Išduotis (fiz. vnt.)" in all_text(_profile(demo, code))
        else:
            assert num(loans[1]) == num(row["Išduotis (fiz. vnt.)"]), code
        checked += 1
    assert checked >= 100


def test_the_peer_workbook_ranks_and_quartiles_recounted(demo: dict) -> None:
    path = demo["files"][f"Bibliotekų palyginimas {YEAR}.xlsx"]
    rows = table(path, "Bibliotekos", "Kodas")
    assert {row["Kodas"] for row in rows} == set(demo["libraries"])
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault((row["Palyginimo grupė"], row["Rodiklis"]), []).append(row)
    assert len({group for group, _ in groups}) == 3  # SVB, and school libraries in the demo's two size bands
    for (group, indicator), members in groups.items():
        counted = [row for row in members if row["Reikšmė"] is not None and row["Tikrinama"] != "Taip"]
        values = [row["Reikšmė"] for row in counted]
        quartiles = stat.quantiles(values, n=4, method="inclusive")
        for row in members:
            assert [row["Grupės Q1"], row["Grupės mediana"], row["Grupės Q3"]] == pytest.approx(quartiles), (
                group, indicator)
            if row in counted:
                assert row["Vieta"] == 1 + sum(value > row["Reikšmė"] for value in values)
                assert row["Vieta grupėje"] == f"{row['Vieta']} iš {len(values)}"
                lowest = row["Reikšmė"] < quartiles[0]
                assert (row["Ketvirtis (1 – apatinis)"] == 1) == lowest
                assert ("apatinis grupės ketvirtis" in (row["Į ką atkreipti dėmesį"] or "")) == lowest
            else:
                assert row["Vieta"] is None
    municipalities = table(path, "Savivaldybės", "Savivaldybė")
    assert len({row["Savivaldybė"] for row in municipalities}) == 12


def test_municipality_profiles_quote_the_registrys_territory_totals(demo: dict) -> None:
    manifest = (demo["workspace"] / ".automations" / "runs" / "profiliai.json").read_text(encoding="utf-8")
    for name in ("Utenos rajono savivaldybė.docx", "Biržų rajono savivaldybė.docx"):
        text = all_text(demo["files"][name])
        assert "Visos teritorijos bibliotekose: registruotų vartotojų – " in text
        assert name in manifest
    assert '"teritorija.registruoti_vartotojai"' in manifest


@pytest.mark.skipif(not HAS_OFFICE, reason="LibreOffice is not installed")
def test_the_longest_profiles_open_in_libreoffice_and_fit_on_two_pages(demo: dict, tmp_path: Path) -> None:
    documents = [path for path in demo["files"].values() if path.suffix == ".docx"]
    longest = sorted(documents, key=lambda path: len(all_text(path)), reverse=True)
    chosen = [*longest[:3], *[path for path in longest if "savivaldybė" in path.name][:2], longest[-1]]
    for path in chosen:
        pdf = to_pdf(path, tmp_path)
        assert pdf is not None and 1 <= _pages(pdf) <= 2, path.name
    assert _pages(tmp_path / f"{longest[-1].stem}.pdf") == 1  # a one-line profile


def _crowded_profile() -> Profile:
    """Every indicator at its widest and worth a look for every reason (counts of millions, held-out values)."""
    lines = []
    for index, indicator in enumerate(peers.indicators_for(peers.SVB)):
        wide = 123.45 if indicator.is_ratio else 2_328_630.0
        place = {"grupeje": 12, "q1": wide / 3, "mediana": wide / 2, "q3": wide / 1.5, "vieta": 12, "ketvirtis": 1}
        lines.append(Line(indicator, wide, index % 5 == 0, place, -12.3, -45.6, 2023))
    trend = {indicator.key: [1.0, None, 3.0, 4.0, 5.0] for indicator in peers.ABSOLUTE}
    profile = Profile("PNR-SVB", peers.SVB, "Savivaldybių viešosios bibliotekos, 10 000 ir daugiau vartotojų", lines,
                      trend, list(range(2021, 2026)))
    profile.attention = attention(lines, 10)
    return profile


def _crowded_notes(count: int) -> dict[str, Notes]:
    name = "Panevėžio r. Krekenavos Mykolo Antanaičio gimnazijos biblioteka"
    warning = ("Išduotis (fiz. vnt.)", "pokytis nuo 2024 m. (221 085) yra +953 proc.; daugiau nei ±30 proc. – "
                                       "patikrinkite arba paaiškinkite")
    statuses = ["nepateikta"] * 5 + ["yra klaidų"] * 4
    return {f"PNR-MOK-{n:02d}": Notes(f"{name} {n}", "Biržų rajono", peers.SVB if n == 0 else peers.SCHOOL,
                                      statuses[n] if n < len(statuses) else "yra įspėjimų", (f"info{n}@panrvb.lt",),
                                      31, [warning] * 6, "Remontas ir perkraustymas. " * 30) for n in range(count)}


@pytest.mark.skipif(not HAS_OFFICE, reason="LibreOffice is not installed")
def test_crowded_profiles_still_fit_on_two_pages(tmp_path: Path) -> None:
    """Every list at its longest: each indicator flagged, warnings for every library, long explanations."""
    codes = ["BIR-SVB", *SCHOOLS]
    answers = [answer(code, year) for code in codes for year in (2024, 2025)]
    stub = territory(answers, codes, [suspect(answers, code, 2025, column) for code in codes
                                      for column in ("Išduotis (fiz. vnt.)", "Renginiai", "Apsilankymai (fiziniai)",
                                                     "Fondas metų pabaigoje (fiz. vnt.)")])
    counted = figures(TODAY, teritorijos_statistika=stub)
    notes = _crowded_notes(18)
    notes.update({code: Notes(f"Biblioteka {code}", "Biržų rajono", peers.SCHOOL, "yra įspėjimų", (), None,
                              [("Renginiai", "pokytis")]) for code in codes})
    contexts = {"biblioteka": library_context(_crowded_profile(), notes["PNR-MOK-12"], "PNR-MOK-12", YEAR, 10, 60),
                "savivaldybe": municipality_context(counted, _crowded_profile(), "Biržų rajono", notes, YEAR, 10,
                                                    12)}
    job = JobContext(load_settings(tmp_path), None, YEAR, TODAY, {}, counted)
    for name, context in contexts.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(job.docx("profiliai", context, year=YEAR).content)
        text = all_text(path)
        assert "… ir dar " in text, name  # the lists were cut, and say so
        pdf = to_pdf(path, tmp_path)
        assert pdf is not None and _pages(pdf) == 2, name
