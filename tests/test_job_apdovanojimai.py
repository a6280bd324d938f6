"""Awards: weighted results with conflicts left out, ties, winners, missing scores, stable diploma numbers."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from communication_support import all_text
from figures_support import figures, rows
from openpyxl import load_workbook
from pydantic_core import PydanticCustomError
from regional_support import published, run_once, table
from test_schema_apklausos import MemoryBackend

from automations.domain.awards import jury, missing, nominations, results, scored
from automations.register import read_register
from automations.validation import validate_workbook
from sheets_schema import workbook
from sheets_schema.apdovanojimai import parse_weight
from sheets_schema.base import Severity
from sheets_schema.references import References

YEAR = 2026
TODAY = dt.date(2026, 11, 22)
REFS = References(pd.DataFrame([
    {"kodas": code, "pavadinimas": name, "savivaldybe": "Biržų rajono", "tipas": "SVB", "aktyvi": True}
    for code, name in (("B1", "Biržų SVB"), ("B2", "Pasvalio SVB"), ("B3", "Rokiškio SVB"))]))
CONTEST = "Ad astra 2026"


def nominated(*candidates: tuple[str, str, str]) -> pd.DataFrame:
    return rows(*[{"laiko_zyme": dt.datetime(2026, 9, 1 + i), "konkursas": CONTEST, "kategorija": category,
                   "kandidatas": name, "biblioteka": library, "pareigos": None, "pagrindimas": "Puikiai dirba",
                   "teikejas": f"Teikėjas {i}", "teikejo_el_pastas": None}
                  for i, (category, name, library) in enumerate(candidates)])


CRITERIA = rows({"konkursas": CONTEST, "kriterijus": "Inovatyvumas", "svoris": Decimal("0.6"), "balai_nuo": 1,
                 "balai_iki": 10},
                {"konkursas": CONTEST, "kriterijus": "Nauda", "svoris": Decimal("0.4"), "balai_nuo": 1,
                 "balai_iki": 10})
JURORS = rows({"konkursas": CONTEST, "vertintojas": "Ona", "vertintojo_biblioteka": "B1", "pareigos": None,
               "vaidmuo": "pirmininkas", "el_pastas": None},
              {"konkursas": CONTEST, "vertintojas": "Petras", "vertintojo_biblioteka": "Pasvalio SVB", "pareigos": None,
               "vaidmuo": None, "el_pastas": None})


def marks(*scores: tuple[str, str, str, int]) -> pd.DataFrame:
    return rows(*[{"konkursas": CONTEST, "vertintojas": juror, "vertintojo_biblioteka": None, "kandidatas": who,
                   "kriterijus": criterion, "balas": value, "komentaras": None}
                  for juror, who, criterion, value in scores])


def test_weighted_scores_leave_out_the_conflict_show_the_tie_and_name_the_winners():
    candidates = nominations(nominated(("metų bibliotekininkas", "Rūta", "Biržų SVB"),
                                       ("metų bibliotekininkas", "Asta", "B3"),
                                       ("metų bibliotekininkas", "Lina", "B3"),
                                       ("metų bibliotekininkas", "Rūta", "B1")), REFS)  # Rūta twice: merged
    assert candidates["nr"].tolist() == ["K-01", "K-02", "K-03"]
    assert candidates.loc[0, "teikejai"] == "Teikėjas 0; Teikėjas 3"
    scores = marks(("Ona", "Rūta", "Inovatyvumas", 10), ("Ona", "Rūta", "Nauda", 10),  # Ona is from Rūta's library
                   ("Petras", "Rūta", "Inovatyvumas", 8), ("Petras", "Rūta", "Nauda", 6),
                   ("Ona", "Asta", "Inovatyvumas", 9), ("Ona", "Asta", "Nauda", 5),
                   ("Petras", "Asta", "Inovatyvumas", 7), ("Petras", "Asta", "Nauda", 7),
                   ("Ona", "Lina", "Inovatyvumas", 9), ("Ona", "Lina", "Nauda", 3),
                   ("Petras", "Lina", "Inovatyvumas", 7), ("Petras", "Lina", "Nauda", 9))
    panel = jury(JURORS, scores)
    counted = scored(scores, candidates, panel, REFS)
    assert counted["konfliktas"].tolist() == [True, True] + [False] * 10
    ranked = results(candidates, CRITERIA, counted, winners=1).set_index("nr")
    # Rūta: only Petras counts: 0,6 × 8 + 0,4 × 6 = 7,2; Asta: 0,6 × 8 + 0,4 × 6 = 7,2; Lina: 0,6 × 8 + 0,4 × 6 = 7,2
    assert ranked["bendras"].tolist() == pytest.approx([7.2, 7.2, 7.2])
    assert ranked.loc["K-01", "vertintojai"] == 1 and ranked.loc["K-02", "vertintojai"] == 2
    assert ranked["vieta"].tolist() == [1, 1, 1] and ranked["lygus"].all() and ranked["laimetojas"].all()
    assert ranked.loc["K-02", "sv:Inovatyvumas"] == pytest.approx(0.6 * 8)
    # with Ona's conflicting 10s counted Rūta would have won alone: the rule matters
    alone = results(candidates, CRITERIA, counted.assign(konfliktas=False), winners=1).set_index("nr")
    assert alone["laimetojas"].tolist() == [True, False, False]


def test_winners_per_category_and_missing_scores():
    candidates = nominations(nominated(("metų biblioteka", "Biržų SVB", "B1"),
                                       ("metų biblioteka", "Rokiškio SVB", "B3"), ("kita", "Projektas", "B3")), REFS)
    scores = marks(("Petras", "Biržų SVB", "Inovatyvumas", 9), ("Petras", "Biržų SVB", "Nauda", 9),
                   ("Petras", "Rokiškio SVB", "Inovatyvumas", 4), ("Petras", "Rokiškio SVB", "Nauda", 4),
                   ("Ona", "Rokiškio SVB", "Inovatyvumas", 5), ("Ona", "Projektas", "Inovatyvumas", 6))
    panel = jury(JURORS, scores)
    counted = scored(scores, candidates, panel, REFS)
    ranked = results(candidates, CRITERIA, counted, winners=1)
    assert ranked["bendras"].tolist()[:2] == pytest.approx([9.0, 0.6 * 4.5 + 0.4 * 4])
    assert ranked["vieta"].tolist()[:2] == [1, 2] and pd.isna(ranked["vieta"].iloc[2])  # K-03 has no "Nauda" at all
    assert ranked[["nr", "laimetojas"]].values.tolist() == [["K-01", True], ["K-02", False], ["K-03", False]]
    lacking = missing(candidates, panel, CRITERIA, counted, REFS)
    # Ona is never asked to score Biržų SVB, her own library
    assert lacking[["vertintojas", "nr", "truksta"]].values.tolist() == [
        ["Ona", "K-02", "Nauda"], ["Ona", "K-03", "Nauda"], ["Petras", "K-03", "Inovatyvumas, Nauda"]]


@pytest.mark.parametrize(("typed", "weight"), [("0,25", Decimal("0.25")), ("25 %", Decimal("0.25")), (0.125,
                                                Decimal("0.125")), (1, Decimal(1))])
def test_a_weight_is_a_share_of_one(typed, weight):
    assert parse_weight(typed) == weight


@pytest.mark.parametrize("typed", ["25", "-0,1", "daug"])
def test_a_weight_that_is_not_a_share_is_refused(typed):
    with pytest.raises(PydanticCustomError):
        parse_weight(typed)


def test_the_rules_of_the_awards_workbook():
    backend = MemoryBackend({
        "Konkursai": [["Konkursas", "Nominacijų terminas", "Vertinimo terminas"],
                      [CONTEST, "2026-09-30", "2026-10-31"]],
        "Nominacijos": [["Laiko žymė", "Konkursas", "Kategorija", "Kandidatas", "Biblioteka", "Pagrindimas",
                         "Teikėjas"],
                        ["2026-09-01 10:00", CONTEST, "kita", "Rūta", "B1", "Gerai", "A"],
                        ["2026-09-02 10:00", CONTEST, "kita", " rūta ", "B1", "Puikiai", "B"],
                        ["2026-10-02 10:00", CONTEST, "metų bibliotekininkas", "Rūta", "B1", "Gerai", "C"]],
        "Kriterijai": [["Konkursas", "Kriterijus", "Svoris", "Balai nuo", "Balai iki"],
                       [CONTEST, "Inovatyvumas", "0,5", 1, 10], [CONTEST, "Nauda", "0,4", 1, 10]],
        "Vertinimai": [["Konkursas", "Vertintojas", "Vertintojo biblioteka", "Kandidatas", "Kriterijus", "Balas"],
                       [CONTEST, "Ona", "B2", "Rūta (kita)", "Nauda", 11],
                       [CONTEST, "Ona", "Biržų SVB", "Rūta (kita)", "Inovatyvumas", 5],
                       [CONTEST, "Ona", "B2", "Rūta", "Inovatyvumas", 5]],
        "Vertintojai": [["Konkursas", "Vertintojas"], [CONTEST, "Ona"]]})
    result = validate_workbook(workbook("apdovanojimai"), backend, REFS)
    found = {(p.tab, p.row, p.rule, p.severity) for p in result.problems}
    assert found == {("Kriterijai", 2, "svoriai_ne_1", Severity.ERROR),
                     ("Kriterijai", 3, "svoriai_ne_1", Severity.ERROR),
                     ("Nominacijos", 3, "nominuotas_dukart", Severity.NOTE),
                     ("Nominacijos", 4, "po_termino", Severity.WARNING),
                     ("Vertinimai", 2, "balas_uz_ribu", Severity.ERROR),
                     ("Vertinimai", 3, "interesu_konfliktas", Severity.WARNING),
                     ("Vertinimai", 4, "kandidatas_neaiskus", Severity.ERROR)}


def test_award_figures_over_small_frames():
    contest = rows({"konkursas": CONTEST, "nominaciju_terminas": dt.date(2026, 9, 30),
                    "vertinimo_terminas": dt.date(2026, 10, 31), "apdovanojimo_data": None, "laimetoju_sk": None})
    books = {"Konkursai": contest, "Nominacijos": nominated(("kita", "Rūta", "B1"), ("kita", "Asta", "B2"),
                                                             ("kita", "Rūta", "B1")),
             "Kriterijai": CRITERIA, "Vertintojai": JURORS,
             "Vertinimai": marks(("Petras", "Rūta", "Inovatyvumas", 9), ("Petras", "Rūta", "Nauda", 9),
                                 ("Petras", "Asta", "Inovatyvumas", 5), ("Petras", "Asta", "Nauda", 5))}
    libraries = {"Bibliotekos": REFS.libraries.assign(_row=range(2, 5))}
    before = figures(dt.date(2026, 10, 31), apdovanojimai=books, teritorijos_statistika=libraries)
    after = figures(dt.date(2026, 11, 1), apdovanojimai=books, teritorijos_statistika=libraries)
    assert before.get("apdovanojimai.nominacijos", 2026).value == 2  # Rūta nominated twice: one candidate
    assert before.get("apdovanojimai.apdovanoti", 2026).value == 0  # not decided before the scoring deadline
    assert after.get("apdovanojimai.apdovanoti", 2026).value == 1


@pytest.fixture(scope="module")
def produced(demo_source: Path, tmp_path_factory: pytest.TempPathFactory):
    workspace = tmp_path_factory.mktemp("apdovanojimai") / "demo"
    shutil.copytree(demo_source, workspace)
    return workspace, run_once(workspace, "apdovanojimai"), run_once(workspace, "apdovanojimai")


def test_scoring_sheets_missing_scores_results_protocol_and_diplomas(produced):
    workspace, report, again = produced
    assert not any(item.written for item in published(again, "apdovanojimai").values())
    files = {Path(path).name: workspace / "ataskaitos" / path for path in published(report, "apdovanojimai")}
    sheets = [name for name in files if "Vertinimo lapai" in str(files[name])]
    assert len(sheets) == 7
    diplomas = sorted(name for name in files if name.startswith("PAVB-AD-2026-"))
    assert [name[:15] for name in diplomas] == [f"PAVB-AD-2026-{n:02d}" for n in range(1, len(diplomas) + 1)]
    assert len(diplomas) == 6  # one per category, two for the tie in „kita“
    protocol = all_text(files[f"Rezultatų protokolas {CONTEST}.docx"])
    assert "Lygūs balai: kita, 1 vieta" in protocol and "Neįskaičiuoti balai (interesų konfliktas)" in protocol
    result_rows = table(files[f"Vertinimo rezultatai {CONTEST}.xlsx"], "Rezultatai", "Kategorija")
    assert sum(row["Laimėtojas"] == "Taip" for row in result_rows) == 6
    nominees = {row[3] for row in load_workbook(workspace / "apdovanojimai.xlsx")["Nominacijos"].iter_rows(
        min_row=2, values_only=True) if row[3]}
    for name, path in files.items():  # names only in the protocol, the diplomas, the register, a juror's own sheet
        if name.startswith(("Trūkstami", "Vertinimo rezultatai")):
            text = all_text(path)
            assert not [who for who in nominees if who in text], name
    missing_rows = table(files[f"Trūkstami vertinimai {CONTEST}.xlsx"], "Kas ko nevertino", "Vertintojas")
    per_juror = pd.Series([row["Vertintojas"] for row in missing_rows]).value_counts()
    assert per_juror.tolist() == [5, 1]  # one juror has not scored the 5 projects; the chair's score 12 is out


def test_a_jurors_sheet_leaves_out_the_candidates_of_the_jurors_library(produced):
    workspace, _, _ = produced
    book = load_workbook(workspace / "apdovanojimai.xlsx")
    jury_libs = {r[1]: r[2] for r in book["Vertintojai"].iter_rows(min_row=2, values_only=True) if r[1]}
    nominees = [(r[3], r[4]) for r in book["Nominacijos"].iter_rows(min_row=2, values_only=True) if r[3]]
    for juror, library in jury_libs.items():
        path = workspace / "ataskaitos" / str(YEAR) / f"Vertinimo lapai {CONTEST}" / f"{juror}.xlsx"
        listed = {row["Kandidatas"] for row in table(path, "Kandidatai", "Nr.")}
        own = {name for name, lib in nominees if lib == library}
        assert not listed & own, juror
        assert len(listed) + len(own - listed) >= 29


def test_diploma_numbers_stay_when_a_nomination_is_added(demo_source: Path, tmp_path: Path):
    workspace = tmp_path / "demo"
    shutil.copytree(demo_source, workspace)
    register = workspace / "ataskaitos" / "2026" / "Apdovanojimai" / "Diplomų registras 2026.xlsx"
    run_once(workspace, "apdovanojimai")
    first = {entry.key: entry.number for entry in read_register(register.read_bytes())}
    book = load_workbook(workspace / "apdovanojimai.xlsx")
    nomination = [cell.value for cell in book["Nominacijos"][2]]
    header = [cell.value for cell in book["Nominacijos"][1]]
    added = dict(zip(header, nomination, strict=False))
    added.update({"Kategorija": "metų projektas", "Kandidatas": "Naujas projektas „Šviesa“"})
    book["Nominacijos"].append([added.get(h) for h in header])  # nominated late, not yet scored
    jurors = [r[1] for r in book["Vertintojai"].iter_rows(min_row=2, values_only=True) if r[1]]
    criteria = [r[1] for r in book["Kriterijai"].iter_rows(min_row=2, values_only=True) if r[1]]
    scores = book["Vertinimai"]
    run_once(workspace, "apdovanojimai")
    assert {entry.key: entry.number for entry in read_register(register.read_bytes())} == first
    for juror in jurors:  # now everyone gives the new project full marks: it wins its category
        for criterion in criteria:
            scores.append([CONTEST, juror, None, "Naujas projektas „Šviesa“", criterion, 10, None])
    book.save(workspace / "apdovanojimai.xlsx")
    assert run_once(workspace, "apdovanojimai").ok
    after = {entry.key: (entry.number, entry.status) for entry in read_register(register.read_bytes())}
    assert {key: number for key, (number, _) in after.items() if key in first} == first  # nobody renumbered
    new = [number for key, (number, _) in after.items() if key not in first]
    assert new == [f"PAVB-AD-2026-{len(first) + 1:02d}"]
    assert sum(status == "neišduotas iš naujo" for _, status in after.values()) == 1  # the former project winner


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_opens_the_protocol_and_a_diploma(produced, tmp_path: Path):
    workspace, report, _ = produced
    paths = published(report, "apdovanojimai")
    for path in (next(p for p in paths if "Rezultatų protokolas" in p), next(p for p in paths if "PAVB-AD" in p)):
        source = workspace / "ataskaitos" / path
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                       check=True, capture_output=True, timeout=180)
        assert (tmp_path / f"{source.stem}.pdf").stat().st_size > 5000, path
