"""The survey workbook: answer tabs named by the register, typed by their own headers, read from a form or a sheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from automations.backends.base import Backend, InputError
from automations.tables import RawSheet
from automations.validation import validate_workbook
from sheets_schema import workbook
from sheets_schema.apklausos import answer_model, is_question, parse_scale
from sheets_schema.base import Severity
from sheets_schema.references import References

REGISTER = ["Kodas", "Pavadinimas", "Nuo", "Iki", "Tikslinė grupė", "Formos ID", "Atsakymų lapas", "Atsakingas"]
HEADER = ["Laiko žymė", "Biblioteka", "Amžiaus grupė", "Lytis", "Kaip vertinate? (1–5)", "Ką skaitote?"]


class MemoryBackend(Backend):
    """Tabs and forms held in memory; records what was read where."""

    name = "memory"

    def __init__(self, tabs: dict[str, list[list]], forms: dict[str, list[list]] | None = None) -> None:
        self.tabs, self.forms, self.reads = tabs, forms or {}, []

    def read_tabs(self, workbook: str, tabs: Sequence[str]) -> dict[str, RawSheet | InputError]:
        self.reads.append(("tabs", tuple(tabs)))
        return {tab: RawSheet(tab, self.tabs[tab]) if tab in self.tabs else InputError("lapas nerastas", "nera_lapo")
                for tab in tabs}

    def read_form(self, workbook: str, form_id: str, tab: str) -> RawSheet | InputError | None:
        self.reads.append(("form", form_id))
        return RawSheet(tab, self.forms[form_id]) if form_id in self.forms else None

    def publish(self, path, content):  # pragma: no cover - not used
        raise NotImplementedError

    def fetch(self, path):  # pragma: no cover
        return None

    def write_feedback(self, feedback):  # pragma: no cover
        return None


def at(day: int, hour: int = 10, second: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, 0, second)


def register(*rows: list) -> list[list]:
    return [REGISTER, *rows]


REFS = References(pd.DataFrame([
    {"kodas": "BIR-SVB", "pavadinimas": "Biržų SVB", "savivaldybe": "Biržų rajono", "tipas": "SVB", "aktyvi": True},
    {"kodas": "PAS-SVB", "pavadinimas": "Pasvalio SVB", "savivaldybe": "Pasvalio rajono", "tipas": "SVB",
     "aktyvi": True}]))


def test_answer_tabs_are_named_by_the_register_and_typed_by_their_own_header():
    backend = MemoryBackend({
        "Apklausos": register(["APK-2026-01", "Tyrimas 2026", "2026-03-01", "2026-03-31", None, None,
                               "Formos atsakymai 2", "Rasa"]),
        "Formos atsakymai 2": [[*HEADER, "El. pašto adresas"],
                               [at(2), "BIR-SVB", "30–64", "moteris", 5, "romanus", "a@b.lt"],
                               [at(3), "Pasvalio SVB", "14-29", None, "7", None, None],  # scale 7: error
                               [at(4), "Kupiškio filialas", None, None, 4, None, None]],  # unknown library: error
    })
    result = validate_workbook(workbook("apklausos"), backend, REFS)
    model = result.spec.tab("Formos atsakymai 2")
    assert [(name, model.model_fields[name].alias) for name in model.model_fields if is_question(name)] == [
        ("q01", "Kaip vertinate? (1–5)"), ("q02", "Ką skaitote?")]
    assert "El. pašto adresas" in model.headers()  # read (for double submissions), never a question
    errors = {(p.row, p.rule) for p in result.problems if p.severity is Severity.ERROR}
    assert errors == {(3, "skale"), (4, "nezinoma_biblioteka")}
    kept = result.frame("Formos atsakymai 2")
    assert kept["_row"].tolist() == [2] and kept["q01"].tolist() == [5]
    assert result.spec.tab("Formos atsakymai 2").model_fields["amziaus_grupe"]  # "14-29" read as "14–29"


def test_a_register_form_id_is_read_from_the_form_and_its_tab_has_no_cells_to_mark():
    form = [HEADER, [at(2), "BIR-SVB", "30–64", "moteris", "4", "detektyvus"]]
    backend = MemoryBackend({"Apklausos": register(
        ["APK-2026-01", "Tyrimas 2026", "2026-03-01", "2026-03-31", None, "1FAIpQL-form", "Formos atsakymai 1", None],
        ["APK-2026-02", "Kitas 2026", "2026-03-01", "2026-03-31", None, None, "Formos atsakymai 2", None]),
        "Formos atsakymai 2": [HEADER, [at(5), "PAS-SVB", None, None, 3, None]]}, forms={"1FAIpQL-form": form})
    result = validate_workbook(workbook("apklausos"), backend, REFS)
    assert ("form", "1FAIpQL-form") in backend.reads and ("tabs", ("Formos atsakymai 2",)) in backend.reads
    assert result.tabs["Formos atsakymai 1"].form and not result.tabs["Formos atsakymai 2"].form
    assert result.frame("Formos atsakymai 1")["q01"].tolist() == [4]
    assert not [p for p in result.problems if p.severity is Severity.ERROR]


def test_same_respondent_within_a_minute_is_a_warning_and_counts_once_answers_outside_the_dates_warn():
    row = ["BIR-SVB", "30–64", "moteris", 5, "romanus"]
    backend = MemoryBackend({
        "Apklausos": register(["APK-2026-01", "Tyrimas 2026", "2026-03-01", "2026-03-31", None, None,
                               "Formos atsakymai 1", None]),
        "Formos atsakymai 1": [HEADER, [at(2), *row], [at(2, second=40), *row], [at(2, 11), *row],
                               [dt.datetime(2026, 4, 2, 9), "BIR-SVB", None, None, 3, None]]})
    result = validate_workbook(workbook("apklausos"), backend, REFS)
    warnings = {(p.row, p.rule) for p in result.problems if p.severity is Severity.WARNING}
    assert warnings == {(3, "pateikta_dukart"), (5, "ne_apklausos_laiku")}
    assert result.frame("Formos atsakymai 1")["_row"].tolist() == [2, 4, 5]  # an hour later: a new answer


def test_register_rules_and_a_missing_answer_tab():
    backend = MemoryBackend({"Apklausos": register(
        ["APK-26-1", "Tyrimas", "2026-03-31", "2026-03-01", None, None, "Formos atsakymai 9", None],
        ["APK-2026-02", "Kitas", "2026-03-01", "2026-03-31", None, None, "formos atsakymai 9", None])})
    result = validate_workbook(workbook("apklausos"), backend, REFS)
    rules = {(p.tab, p.rule) for p in result.problems}
    assert {("Apklausos", "kodo_formatas"), ("Apklausos", "pabaiga_ankstesne"), ("Apklausos", "pasikartoja"),
            ("formos atsakymai 9", "nera_lapo")} <= rules  # the first row has errors: only the second names a tab


@given(st.one_of(st.integers(-5, 12), st.sampled_from(["3", " 4 ", "5,0", "2.0", "6", "0", "x", "", "4,5"])))
def test_a_scale_answer_is_a_whole_number_from_1_to_5(value):
    try:
        parsed = parse_scale(value)
    except PydanticCustomError as error:
        assert "1 iki 5" in str(error)
        return
    assert 1 <= parsed <= 5 and str(parsed) in str(value).replace(",0", "").replace(".0", "").strip()


def test_personal_columns_never_become_questions():
    model = answer_model("Formos atsakymai 3", [*HEADER, "Vardas ir pavardė", "Telefonas", "E-mail"])
    assert [name for name in model.model_fields if is_question(name)] == ["q01", "q02"]


@pytest.mark.parametrize("header", ["Laiko žymė", "biblioteka", " Amžiaus  grupė "])
def test_fixed_columns_are_not_questions_whatever_their_spacing(header):
    assert not any(is_question(name) for name in answer_model("X", [header]).model_fields)


def test_references_helper_knows_codes_and_names():
    assert isinstance(REFS, References) and REFS.library_code("biržų svb") == "BIR-SVB"


def test_init_writes_blank_workbooks_for_the_three_new_sheets_and_they_validate_clean(tmp_path):
    from openpyxl import load_workbook

    from automations.backends.local import LocalBackend
    from automations.config import load_settings
    from automations.workspace import create_workspace

    create_workspace(tmp_path)
    tabs = {name: load_workbook(tmp_path / f"{name}.xlsx").sheetnames for name in
            ("apklausos", "komisijos", "apdovanojimai")}
    assert tabs == {"apklausos": ["Sąrašai", "Apklausos", "Formos atsakymai 1"],
                    "komisijos": ["Sąrašai", "Komisijos", "Nariai", "Posėdžiai", "Sprendimai"],
                    "apdovanojimai": ["Sąrašai", "Konkursai", "Nominacijos", "Kriterijai", "Vertinimai",
                                      "Vertintojai"]}
    header = [cell.value for cell in load_workbook(tmp_path / "apklausos.xlsx")["Formos atsakymai 1"][1]]
    assert header == ["Laiko žymė", "Biblioteka", "Amžiaus grupė", "Lytis"]
    backend = LocalBackend(load_settings(tmp_path))
    for name in tabs:
        assert validate_workbook(workbook(name), backend).problems == [], name
