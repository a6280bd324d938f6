"""One truth for every figure: the whole demo rendered, each figure one value in every document, recounted by hand."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from communication_support import all_text
from demo_errors import error_rows  # the demo's broken rows, written out
from openpyxl import load_workbook
from regional_support import independent_figures

TODAY = dt.date(2026, 11, 22)
ZAOSE = "J. Urbšio sodyba (Zaosė)"


def _shown(workspace: Path) -> list[tuple[str, dict]]:
    """(output path, figure as printed) for every figure every document printed, from the run manifests."""
    found = []
    for manifest in sorted((workspace / ".automations" / "runs").glob("*.json")):
        for output in json.loads(manifest.read_text(encoding="utf-8"))["outputs"]:
            found += [(output["path"], shown) for shown in output["figures"]]
    return found


def test_each_figure_has_one_value_in_every_document(demo_run):
    workspace, report = demo_run
    assert report.ok, [run.error for run in report.jobs if not run.ok]
    values: dict[tuple, set] = defaultdict(set)
    documents: dict[tuple, set] = defaultdict(set)
    for path, shown in _shown(workspace):
        key = (shown["id"], shown["from"], shown["to"])
        values[key].add(shown["value"])
        documents[key].add(path)
    assert {key: found for key, found in values.items() if len(found) > 1} == {}
    shared = {key[0] for key, paths in documents.items() if len(paths) >= 3}
    assert {"renginiai.ivyke", "ekskursijos.ivykusios", "parodos.veikusios", "lankytojai.zaose",
            "nuoma.pajamos_be_pvm", "teritorija.registruoti_vartotojai", "teritorija.isduotis"} <= shared


def test_every_recorded_figure_is_really_printed_in_its_document(demo_run):
    workspace, _ = demo_run
    by_path: dict[str, list[dict]] = defaultdict(list)
    for path, shown in _shown(workspace):
        by_path[path].append(shown)
    assert len(by_path) >= 12
    for path, figures in by_path.items():
        file = workspace / "ataskaitos" / path
        if file.suffix == ".docx":
            text = all_text(file)
            missing = [shown["text"] for shown in figures if shown["text"] not in text]
        else:
            cells = {round(float(cell), 2) for sheet in load_workbook(file, data_only=True).worksheets
                     for row in sheet.iter_rows(values_only=True) for cell in row
                     if isinstance(cell, int | float) and not isinstance(cell, bool)}
            missing = [shown for shown in figures if shown["value"] is not None
                       and round(float(shown["value"]), 2) not in cells]
        assert not missing, (path, missing[:5])


def _frame(workspace: Path, workbook: str, tab: str) -> pd.DataFrame:
    frame = pd.read_excel(workspace / f"{workbook}.xlsx", sheet_name=tab, engine="openpyxl")
    frame.index = frame.index + 2  # sheet row numbers
    return frame


def _dates(column: pd.Series) -> pd.Series:
    """Date cells and dates typed as text (2026-03-05, 2026.03.05, 2026/03/05); blank stays blank."""
    text = column.astype(str).str.replace(r"[./]", "-", regex=True)
    return pd.to_datetime(text, errors="coerce", format="mixed").dt.date


def _numbers(column: pd.Series) -> pd.Series:
    text = column.astype(str).str.replace("\u00a0", "").str.replace(" ", "").str.replace(",", ".")
    return pd.to_numeric(text.where(text.str.casefold() != "nežinoma"), errors="coerce")


def _registry(workspace: Path) -> dict[str, dict]:
    path = workspace / "ataskaitos" / "2026" / "Metinė ataskaita" / "Rodiklių registras 2026.xlsx"
    rows = list(load_workbook(path, data_only=True)["Rodikliai"].iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == "Rodiklio id")
    return {row[0]: dict(zip(rows[start], row, strict=False)) for row in rows[start + 1:] if row[0]}


def test_the_demos_key_figures_recounted_with_pandas(demo_run):
    workspace, report = demo_run
    registry = _registry(workspace)
    expected = independent_figures(workspace, report, 2026, TODAY)
    for figure_id, value in expected.items():
        assert registry[figure_id]["Reikšmė"] == pytest.approx(value, abs=0.005), figure_id

    shows = _frame(workspace, "renginiai", "Parodos")
    start, end = _dates(shows["Nuo"]), _dates(shows["Iki"])
    opened = (start <= TODAY) & (end >= dt.date(2026, 1, 1))
    assert registry["parodos.veikusios"]["Reikšmė"] == opened.sum()
    assert registry["parodos.lankytojai"]["Reikšmė"] == _numbers(shows.loc[opened, "Lankytojai"]).sum()

    log = _frame(workspace, "lankytojai", "Lankytojai")
    log = log.drop(index=list(error_rows(report, "lankytojai", "Lankytojai")))
    when = _dates(log["Data"])
    log = log.loc[(when >= dt.date(2026, 1, 1)) & (when <= TODAY)].assign(_n=_numbers(log["Lankytojai iš viso"]))
    zaose = log.loc[log["Vieta"] == ZAOSE]
    assert registry["lankytojai.su_zaose"]["Reikšmė"] == log["_n"].sum()
    assert registry["lankytojai.zaose_dienos"]["Reikšmė"] == _dates(zaose.loc[zaose["_n"] > 0, "Data"]).nunique()
    library = log.loc[log["Vieta"] != ZAOSE]
    assert registry["lankytojai.biblioteka_dienos"]["Reikšmė"] == _dates(library.loc[library["_n"] > 0,
                                                                                     "Data"]).nunique()

    trainings = _frame(workspace, "kvalifikacija", "Mokymai")
    last = _dates(trainings["Data iki"]).fillna(_dates(trainings["Data nuo"]))
    held = {str(code).strip().casefold() for code, day in zip(trainings["Kodas"], last, strict=True)
            if dt.date(2026, 1, 1) <= day <= TODAY}
    people = _frame(workspace, "kvalifikacija", "Dalyviai")
    people = people.drop(index=list(error_rows(report, "kvalifikacija", "Dalyviai")))
    came = people.loc[people["Dalyvavo"].astype(str).str.strip().str.casefold().eq("taip")
                      & people["Mokymų kodas"].astype(str).str.strip().str.casefold().isin(held)]
    persons = {(" ".join(str(name).split()).casefold(), " ".join(str(lib).split()).casefold())
               for name, lib in zip(came["Vardas, pavardė"], came["Biblioteka"], strict=True)}
    assert registry["mokymai.asmenys"]["Reikšmė"] == len(persons)


def test_territory_users_and_loans_with_their_like_for_like_change_recounted(demo_run):
    workspace, report = demo_run
    registry = _registry(workspace)
    problems = report.results["teritorijos_statistika"].problems
    errors = error_rows(report, "teritorijos_statistika", "Formos atsakymai 1")
    answers = _frame(workspace, "teritorijos_statistika", "Formos atsakymai 1")
    libraries = _frame(workspace, "teritorijos_statistika", "Bibliotekos")
    def key(text: object) -> str:
        return " ".join(str(text).split()).casefold()

    codes = {key(name): code for code, name in zip(libraries["Kodas"], libraries["Pavadinimas"], strict=True)}
    codes.update({key(code): code for code in libraries["Kodas"]})
    territorial = (libraries["Aktyvi"].astype(str).str.casefold() != "ne") & (
        libraries["Tipas"] != "apskrities biblioteka")  # the Library's own answer is not the territory's
    active = set(libraries.loc[territorial, "Kodas"])
    answers["kodas"] = [codes.get(key(value)) for value in answers["Biblioteka"]]
    answers["stamp"] = pd.to_datetime(answers["Laiko žymė"], errors="coerce")
    answers = answers.loc[answers["kodas"].isin(active) & ~answers.index.isin(errors)]
    latest = answers.sort_values("stamp").groupby(["kodas", "Metai"]).tail(1)
    suspect = {(p.row, p.column) for p in problems if p.severity == "įspėjimas"
               and p.rule in ("santykis", "metinis_pokytis")}
    for figure_id, column in (("teritorija.registruoti_vartotojai", "Registruoti vartotojai"),
                              ("teritorija.isduotis", "Išduotis (fiz. vnt.)")):
        kept = latest.assign(value=_numbers(latest[column]))
        kept.loc[[(row, column) in suspect for row in kept.index], "value"] = float("nan")
        now = kept.loc[kept["Metai"] == 2025].set_index("kodas")["value"]
        before = kept.loc[kept["Metai"] == 2024].set_index("kodas")["value"]
        both = pd.concat([now.rename("now"), before.rename("before")], axis=1).dropna()
        row = registry[figure_id]
        assert row["Reikšmė"] == now.sum(), figure_id
        assert row["Pokytis, proc."] == pytest.approx((both["now"].sum() - both["before"].sum())
                                                      / both["before"].sum() * 100), figure_id
    assert "Utenos" in registry["teritorija.isduotis"]["Neįtraukti tikrinami duomenys"]  # the demo's typo'd loans


def test_rental_income_with_and_without_vat_agree_to_the_cent(demo_run):
    workspace, _ = demo_run
    registry = _registry(workspace)
    net, vat, gross = (Decimal(str(registry[f"nuoma.{name}"]["Reikšmė"])) for name in ("pajamos_be_pvm", "pvm",
                                                                                            "pajamos_su_pvm"))
    assert net + vat == gross and vat > 0
