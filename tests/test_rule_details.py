"""Small literal scenarios for the rule and figure functions that `bench/mutation.py` measures.

Each test pins a detail a deliberate mistake (a mutant) would change while the end-to-end tests
stay green: a rounding mode, a boundary, which of two rows wins, which status a line keeps.
Expected values are written out by hand (Lithuanian grammar, the calendar, arithmetic done here),
never asked of the project's own formatters or period helpers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import stat
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from figures_support import figures, rows
from hostile_support import blank_workspace
from openpyxl import Workbook

from automations import register
from automations.backends.base import Published
from automations.backends.local import LocalBackend
from automations.config import load_settings
from automations.domain.rows import money_total, overlapping, total, within
from automations.domain.visitors import places_table
from automations.errors import BackendError
from automations.files import atomic_write
from automations.job import Job, Output
from automations.lt import money, money_in_words, number
from automations.periods import Period
from automations.register import NOT_REISSUED, Entry, RegisterError, assign_numbers, read_register
from automations.runner import JobRun, run_jobs
from automations.validation import TabResult, WorkbookResult, _apply_explanations, _keep_good_rows
from sheets_schema.base import Problem, Severity, make_problem
from sheets_schema.nuoma import WORKBOOK as RENTALS
from sheets_schema.nuoma import Patalpa, Uzsakymas
from sheets_schema.references import References
from sheets_schema.spec import RuleContext
from sheets_schema.teritorijos_statistika import WORKBOOK as STATISTICS
from sheets_schema.teritorijos_statistika import Ataskaita, Biblioteka, Savivaldybe

NBSP = "\xa0"
PERIOD = Period(dt.date(2026, 1, 1), dt.date(2026, 11, 22), "2026 m.", "2026")


# ---------------------------------------------------------------- money
@pytest.mark.parametrize(("value", "shown"), [
    (Decimal("2.005"), "2,01 Eur"),  # half up, not half even (which gives 2,00)
    (Decimal("2.015"), "2,02 Eur"),
    ("0.125", "0,13 Eur"),
    (0.125, "0,13 Eur"),  # a float is taken as it prints, not as its binary value (0,12)
    (Decimal("1234.5"), f"1{NBSP}234,50 Eur"),
    (7, "7,00 Eur"),
    (Decimal("-3.455"), "-3,46 Eur"),
])
def test_money_is_rounded_half_up_to_the_cent_with_a_no_break_space(value, shown):
    assert money(value) == shown


def test_no_amount_is_shown_blank_not_as_zero():
    assert money(None) == ""
    assert number(None) == "" and number(float("nan")) == ""


@pytest.mark.parametrize(("value", "words"), [
    (Decimal("123.45"), "vienas šimtas dvidešimt trys eurai 45 ct"),
    (Decimal("21"), "dvidešimt vienas euras 00 ct"),
    (Decimal("1"), "vienas euras 00 ct"),
    (Decimal("2.005"), "du eurai 01 ct"),
    (Decimal("0.5"), "nulis eurų 50 ct"),
    (Decimal("10.10"), "dešimt eurų 10 ct"),
    (Decimal("11"), "vienuolika eurų 00 ct"),
    (Decimal("19.99"), "devyniolika eurų 99 ct"),
    (Decimal("101"), "vienas šimtas vienas euras 00 ct"),
    (Decimal("111"), "vienas šimtas vienuolika eurų 00 ct"),
    (Decimal("112"), "vienas šimtas dvylika eurų 00 ct"),
    (Decimal("120"), "vienas šimtas dvidešimt eurų 00 ct"),
    (9.995, "dešimt eurų 00 ct"),
])
def test_money_in_words_agrees_with_the_number(value, words):
    assert money_in_words(value) == words


@pytest.mark.parametrize(("value", "decimals", "shown"), [
    (1234, 0, f"1{NBSP}234"), (1234567, 0, f"1{NBSP}234{NBSP}567"), (3.456, 1, "3,5"), (3.44, 1, "3,4"),
    (Decimal("2.5"), 2, "2,50"), (0, 0, "0"), (999, 0, "999"),
])
def test_numbers_use_a_decimal_comma_and_no_break_spaces(value, decimals, shown):
    assert number(value, decimals) == shown


def test_a_number_too_large_to_format_is_shown_as_it_is_or_named():
    assert number(float("inf")) in {"inf", "∞"}
    assert number(2 ** 40000) == "(labai didelis skaičius)"
    assert number(2 ** 100) == "1267650600228229401496703205376"  # beyond babel: digits as they are


# ---------------------------------------------------------------- rows of a period
def _dated(*days: dt.date | None) -> pd.DataFrame:
    return pd.DataFrame({"data": list(days), "n": range(len(days))})


def test_a_period_holds_its_first_and_last_day_and_never_a_blank_date():
    frame = _dated(dt.date(2025, 12, 31), dt.date(2026, 1, 1), dt.date(2026, 11, 22), dt.date(2026, 11, 23), None)
    assert list(within(frame, "data", PERIOD)["n"]) == [1, 2]
    assert within(frame.iloc[0:0], "data", PERIOD).empty


def test_a_stay_touching_the_period_at_either_end_counts_and_an_open_end_runs_on():
    frame = pd.DataFrame({
        "nuo": [dt.date(2025, 12, 1), dt.date(2025, 12, 1), dt.date(2026, 11, 22), dt.date(2026, 11, 23),
                dt.date(2025, 1, 1), None, dt.date(2026, 5, 1)],
        "iki": [dt.date(2025, 12, 31), dt.date(2026, 1, 1), dt.date(2026, 12, 31), dt.date(2026, 12, 1),
                None, dt.date(2026, 5, 1), dt.date(2026, 5, 2)]})
    kept = overlapping(frame, "nuo", "iki", PERIOD)
    assert list(kept.index) == [1, 2, 4, 6]


def test_rows_keep_their_own_index_labels():
    frame = pd.DataFrame({"nuo": [dt.date(2026, 2, 1), dt.date(2027, 2, 1)], "iki": [None, None]}, index=[7, 3])
    assert list(overlapping(frame, "nuo", "iki", PERIOD).index) == [7]


def test_a_count_column_adds_numbers_only():
    frame = pd.DataFrame({"n": [3, None, "nežinoma", 4.0, "2"]})
    assert total(frame, "n") == 9
    assert isinstance(total(frame, "n"), int)


def test_money_adds_to_the_cent_without_float_drift():
    values = pd.Series([Decimal("0.10"), Decimal("0.20"), None, Decimal("10.005")])
    assert money_total(values) == Decimal("10.305")
    assert str(money_total(pd.Series([], dtype=object))) == "0.00"


# ---------------------------------------------------------------- the certificate register
PREFIX = "PAVB-KT"


def _entry(number: str, name: str, library: str = "Biržų VB", code: str = "MK-1",
           issued: dt.date | None = dt.date(2026, 3, 1), status: str = register.ISSUED) -> Entry:
    return Entry(number, code, name, library, issued, status)


def _new(name: str, library: str = "Biržų VB", code: str = "MK-1", issued: dt.date = dt.date(2026, 5, 5)) -> Entry:
    return Entry("", code, name, library, issued)


def _numbers(entries: list[Entry]) -> list[tuple[str, str, str]]:
    return [(entry.number, entry.name, entry.status) for entry in entries]


def test_known_people_keep_number_and_date_new_ones_get_the_next_numbers():
    previous = [_entry("PAVB-KT-2026-0001", "Ona Onaitė"), _entry("PAVB-KT-2026-0002", "Jonas Jonaitis")]
    current = [_new("Petras Petraitis"), _new("jonas  JONAITIS"), _new("Rūta Rūtaitė")]
    result = assign_numbers(previous, current, PREFIX, 2026)
    assert _numbers(result) == [
        ("PAVB-KT-2026-0001", "Ona Onaitė", NOT_REISSUED),
        ("PAVB-KT-2026-0002", "jonas  JONAITIS", "išduotas"),  # the current spelling, the old number
        ("PAVB-KT-2026-0003", "Petras Petraitis", "išduotas"),
        ("PAVB-KT-2026-0004", "Rūta Rūtaitė", "išduotas")]
    assert result[1].issued == dt.date(2026, 3, 1)  # first issued, not reissued today
    assert result[2].issued == dt.date(2026, 5, 5)


def test_numbers_continue_after_the_highest_of_this_year_and_sort_by_length_then_text():
    previous = [_entry("PAVB-KT-2026-0009", "A"), _entry("PAVB-KT-2025-0040", "B"), _entry("KITAS-2026-0050", "C"),
                _entry("PAVB-KT-2026-10000", "D")]
    result = assign_numbers(previous, [_new("E")], PREFIX, 2026)
    assert [entry.number for entry in result] == [
        "KITAS-2026-0050", "PAVB-KT-2025-0040", "PAVB-KT-2026-0009", "PAVB-KT-2026-10000", "PAVB-KT-2026-10001"]
    assert assign_numbers([], [_new("A"), _new("B")], "X", 2027, digits=3)[1].number == "X-2027-002"


def test_a_person_listed_twice_gets_one_number():
    result = assign_numbers([], [_new("Ona Onaitė"), _new("Ona Onaitė", issued=dt.date(2026, 6, 6))], PREFIX, 2026)
    assert _numbers(result) == [("PAVB-KT-2026-0001", "Ona Onaitė", "išduotas")]
    assert result[0].issued == dt.date(2026, 5, 5)


def test_a_library_typed_differently_keeps_the_number_only_when_that_leaves_no_doubt():
    previous = [_entry("PAVB-KT-2026-0001", "Ona Onaitė", library="Biržų r. SVB")]
    moved = assign_numbers(previous, [_new("Ona Onaitė", library="Biržų rajono SVB")], PREFIX, 2026)
    assert _numbers(moved) == [("PAVB-KT-2026-0001", "Ona Onaitė", "išduotas")]
    assert moved[0].library == "Biržų rajono SVB" and moved[0].issued == dt.date(2026, 3, 1)
    # two namesakes now, from two libraries neither of which is on record: nobody can tell who had 0001
    doubt = assign_numbers(previous, [_new("Ona Onaitė", library="A"), _new("Ona Onaitė", library="B")], PREFIX, 2026)
    assert _numbers(doubt) == [("PAVB-KT-2026-0001", "Ona Onaitė", NOT_REISSUED),
                               ("PAVB-KT-2026-0002", "Ona Onaitė", "išduotas"),
                               ("PAVB-KT-2026-0003", "Ona Onaitė", "išduotas")]
    # two register lines for the name: neither is taken on a guess
    two = [*previous, _entry("PAVB-KT-2026-0002", "Ona Onaitė", library="Pasvalio VB")]
    guessed = assign_numbers(two, [_new("Ona Onaitė", library="Rokiškio VB")], PREFIX, 2026)
    assert [entry.status for entry in guessed] == [NOT_REISSUED, NOT_REISSUED, "išduotas"]
    assert guessed[2].number == "PAVB-KT-2026-0003"


def test_an_exact_match_wins_over_a_name_only_match_and_another_training_is_another_person():
    previous = [_entry("PAVB-KT-2026-0001", "Ona Onaitė", library="A"), _entry("PAVB-KT-2026-0002", "Ona Onaitė",
                                                                                library="B")]
    result = assign_numbers(previous, [_new("Ona Onaitė", library="B"), _new("Ona Onaitė", code="MK-2")],
                            PREFIX, 2026)
    assert _numbers(result) == [("PAVB-KT-2026-0001", "Ona Onaitė", NOT_REISSUED),
                                ("PAVB-KT-2026-0002", "Ona Onaitė", "išduotas"),
                                ("PAVB-KT-2026-0003", "Ona Onaitė", "išduotas")]
    assert result[2].code == "MK-2"


def test_a_line_no_longer_listed_keeps_its_number_even_without_a_date():
    previous = [_entry("PAVB-KT-2026-0001", "Ona Onaitė", issued=None)]
    again = assign_numbers(previous, [_new("Ona Onaitė")], PREFIX, 2026)
    assert again[0].issued == dt.date(2026, 5, 5)  # no date on record: today's
    gone = assign_numbers(previous, [], PREFIX, 2026)
    assert _numbers(gone) == [("PAVB-KT-2026-0001", "Ona Onaitė", NOT_REISSUED)]


def _register_bytes(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_register_is_read_from_its_header_row_on():
    content = _register_bytes([
        ["Sertifikatų registras"], [],
        ["Nr.", "Mokymų kodas", "Vardas, pavardė", "Biblioteka", "Išdavimo data", "Būsena"],
        [" PAVB-KT-2026-0001 ", "MK-1", "Ona Onaitė", "Biržų VB", dt.datetime(2026, 3, 1), "išduotas"],
        [None, "MK-1", "be numerio", None, None, None],
        ["PAVB-KT-2026-0002", None, "Jonas Jonaitis", None, "ne data", None],
        ["PAVB-KT-2026-0003", "MK-2", "Rūta", "VB", dt.date(2026, 4, 2), NOT_REISSUED]])
    entries = read_register(content)
    assert entries == [
        Entry("PAVB-KT-2026-0001", "MK-1", "Ona Onaitė", "Biržų VB", dt.date(2026, 3, 1), "išduotas"),
        Entry("PAVB-KT-2026-0002", "", "Jonas Jonaitis", "", None, "išduotas"),
        Entry("PAVB-KT-2026-0003", "MK-2", "Rūta", "VB", dt.date(2026, 4, 2), NOT_REISSUED)]
    assert read_register(None) == []


def test_a_short_row_is_padded_and_an_unreadable_register_stops_the_numbering():
    assert read_register(_register_bytes([["Nr."], ["PAVB-KT-2026-0001", "MK-1"]])) == [
        Entry("PAVB-KT-2026-0001", "MK-1", "", "", None, "išduotas")]
    with pytest.raises(RegisterError, match="cannot be opened"):
        read_register(b"PK\x03\x04 half a register")
    with pytest.raises(RegisterError, match="no header row"):
        read_register(_register_bytes([["Numeris", "Vardas"], ["PAVB-KT-2026-0001", "Ona"]]))
    with pytest.raises(RegisterError, match="is empty"):
        read_register(_register_bytes([]))


# ---------------------------------------------------------------- the runner's guards
class _FailingBackend(LocalBackend):
    """Local outputs, except that the paths named in ``refuse`` cannot be written."""

    def __init__(self, settings, refuse: dict[str, str]) -> None:
        super().__init__(settings)
        self.refuse = refuse

    def publish(self, path: str, content: bytes) -> Published:
        if path in self.refuse:
            raise BackendError(self.refuse[path])
        return super().publish(path, content)


def _run_probe(tmp_path, produce, refuse: dict[str, str] | None = None, minutes: float = 60.0,
               year: int | None = None) -> tuple[JobRun, Path]:
    workspace = blank_workspace(tmp_path)
    settings = load_settings(workspace)
    settings.schedule.max_job_minutes = minutes
    backend = _FailingBackend(settings, refuse or {})
    job = Job("bandymas", "a probe", ("projektai",), produce)
    report = run_jobs(settings, [job], year=year, backend=backend, on_date=dt.date(2026, 11, 22), force=True)
    return report.jobs[0], workspace / "ataskaitos"


def _two_documents(ctx) -> None:
    ctx.output("Bandymas", "pirmas.txt", b"1")
    ctx.output("Bandymas", "antras.txt", b"2")
    ctx.output("Bandymas", "trecias.txt", b"3")


def test_documents_that_cannot_be_written_fail_the_job_and_never_keep_the_others_back(tmp_path, caplog):
    refuse = {"2026/Bandymas/pirmas.txt": "diskas pilnas", "2026/Bandymas/antras.txt": "nėra teisių"}
    run, outputs = _run_probe(tmp_path, _two_documents, refuse)
    assert (run.ok, run.error) == (False, "2 of 3 documents not written: diskas pilnas")
    assert (outputs / "2026/Bandymas/trecias.txt").read_bytes() == b"3"
    assert [(p.path, p.written) for p in run.published] == [("2026/Bandymas/trecias.txt", True)]
    assert [o.path for o in run.sent] == ["2026/Bandymas/trecias.txt"]
    assert "job bandymas: diskas pilnas; nėra teisių" in caplog.messages


def test_a_document_kept_from_last_time_is_listed_as_published_and_not_written(tmp_path):
    def produce(ctx) -> None:
        ctx.outputs.append(Output("2026/Bandymas/senas.docx", None, hashlib.sha256(b"senas").hexdigest()))

    run, outputs = _run_probe(tmp_path, produce)
    assert run.ok and run.error == ""
    assert run.published == [Published("2026/Bandymas/senas.docx", str(outputs / "2026/Bandymas/senas.docx"), False)]
    assert [o.path for o in run.sent] == ["2026/Bandymas/senas.docx"]


def test_a_failing_backend_and_a_failing_job_are_reported_each_in_their_words(tmp_path, caplog):
    def backend_fails(ctx) -> None:
        raise BackendError("Drive nepasiekiamas")

    run, _ = _run_probe(tmp_path / "a", backend_fails)
    assert (run.ok, run.error) == (False, "Drive nepasiekiamas")
    assert "job bandymas failed: Drive nepasiekiamas" in caplog.messages

    def job_fails(ctx) -> None:
        raise ValueError("blogas skaičius")

    caplog.clear()
    run, _ = _run_probe(tmp_path / "b", job_fails)
    assert (run.ok, run.error) == (False, "ValueError: blogas skaičius")
    assert caplog.messages[-1].startswith("job bandymas failed: ValueError: blogas skaičius\nTraceback")
    assert 'raise ValueError("blogas skaičius")' in caplog.messages[-1]


def test_a_job_over_its_time_limit_fails_naming_itself(tmp_path):
    run, _ = _run_probe(tmp_path, lambda ctx: time.sleep(1.5), minutes=0.005)
    assert not run.ok and run.error.startswith("job bandymas did not finish within 0.3 s")
    assert 0.2 < run.seconds < 1.4


def test_an_unreadable_input_stops_the_job_before_it_runs(tmp_path, caplog):
    called = []
    workspace = tmp_path
    (workspace / "ataskaitos").mkdir(parents=True)

    def produce(ctx) -> None:
        called.append(ctx)

    blank_workspace(workspace)
    for name in ("projektai", "konsultacijos"):
        (workspace / f"{name}.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    settings = load_settings(workspace)
    job = Job("bandymas", "a probe", ("projektai", "konsultacijos"), produce)
    run = run_jobs(settings, [job], backend=LocalBackend(settings), on_date=dt.date(2026, 11, 22), force=True).jobs[0]
    assert called == [] and not run.ok and run.seconds == 0.0 and run.published == []
    assert run.error.startswith("inputs could not be read: projektai: ")
    assert run.error.count("; konsultacijos: ") == 1
    assert f"job bandymas not run: {run.error}" in caplog.messages
    assert not (settings.state_path / "runs" / "bandymas.json").exists()  # no manifest of a run that did not run


def test_a_year_asked_for_is_the_jobs_year_and_said_to_be_asked_for(tmp_path):
    seen = []
    _run_probe(tmp_path / "a", lambda ctx: seen.append((ctx.year, ctx.year_given)), year=2025)
    _run_probe(tmp_path / "b", lambda ctx: seen.append((ctx.year, ctx.year_given)))
    assert seen == [(2025, True), (2026, False)]


# ---------------------------------------------------------------- the figure registry
TOURS = [{"data": dt.date(2025, 3, 3), "dalyviai": 11, "vieta": "Centriniai rūmai", "grupes_tipas": "mokiniai"},
         {"data": dt.date(2025, 11, 22), "dalyviai": 12, "vieta": "Centriniai rūmai", "grupes_tipas": "mokiniai"},
         {"data": dt.date(2025, 11, 23), "dalyviai": 13, "vieta": "Centriniai rūmai", "grupes_tipas": "mokiniai"},
         {"data": dt.date(2026, 2, 10), "dalyviai": 20, "vieta": "Centriniai rūmai", "grupes_tipas": "mokiniai"},
         {"data": dt.date(2026, 11, 22), "dalyviai": 30, "vieta": "Centriniai rūmai", "grupes_tipas": "mokiniai"},
         {"data": dt.date(2026, 12, 1), "dalyviai": 40, "vieta": "Centriniai rūmai", "grupes_tipas": "mokiniai"}]


def _tours(today: dt.date = dt.date(2026, 11, 22)):
    return figures(today, renginiai={"Ekskursijos": rows(*TOURS)})


def test_a_figure_counts_from_the_first_of_january_to_the_report_date_inclusive():
    counted = _tours()
    held = counted.get("ekskursijos.ivykusios", 2026)
    assert (held.value, held.rows, held.period.start, held.period.end) == (2, 2, dt.date(2026, 1, 1),
                                                                            dt.date(2026, 11, 22))
    assert held.plain() == 2 and isinstance(held.plain(), int)
    assert list(counted.rows("ekskursijos.dalyviai", 2026)["dalyviai"]) == [20, 30]
    assert list(counted.rows("ekskursijos.dalyviai", 2025)["dalyviai"]) == [11, 12, 13]  # a past year: all of it


def test_last_year_is_counted_over_the_same_stretch_and_compared():
    counted = _tours()
    before = counted.previous("ekskursijos.dalyviai", 2026)
    assert (before.value, before.period.start, before.period.end) == (23, dt.date(2025, 1, 1), dt.date(2025, 11, 22))
    comparison = counted.compared("ekskursijos.dalyviai", 2026)
    assert (comparison.previous, comparison.current) == (23, 50)
    assert comparison.change == pytest.approx(27 / 23 * 100)
    # nothing counted last year: no change to show, rather than +∞ or a change from 0
    empty_before = figures(dt.date(2026, 11, 22), renginiai={"Ekskursijos": rows(*TOURS[3:])})
    assert empty_before.compared("ekskursijos.dalyviai", 2026).previous is None


def test_an_empty_period_is_compared_with_an_empty_stretch_of_last_year():
    counted = _tours()
    nothing = Period(dt.date(2026, 3, 1), dt.date(2026, 2, 28), "-", "-")
    assert counted.same_period_before(nothing).end == dt.date(2025, 3, 1)
    assert counted.same_period_before(nothing).start == dt.date(2025, 1, 1)
    leap = Period(dt.date(2024, 1, 1), dt.date(2024, 2, 29), "-", "-")
    assert counted.same_period_before(leap).end == dt.date(2023, 2, 28)
    one_day = Period(dt.date(2026, 5, 5), dt.date(2026, 5, 5), "-", "-")
    assert counted.same_period_before(one_day).end == dt.date(2025, 5, 5)


def test_figures_without_rows_of_their_own_say_so():
    counted = _tours()
    with pytest.raises(ValueError, match=r"figure teritorija\.isduotis has no rows of its own"):
        counted.selected("teritorija.isduotis", 2026)
    with pytest.raises(ValueError, match=r"figure teritorija\.isduotis compares like for like itself: use compared"):
        counted.previous("teritorija.isduotis", 2026)
    comparison = counted.compared("teritorija.pateike", 2026)
    assert comparison.previous is None


def test_money_figures_are_plain_floats_and_blank_values_stay_blank():
    finances = rows({"metai": 2026, "rusis": "pajamos", "faktas": Decimal("100.10"), "planas": Decimal("90")},
                    {"metai": 2026, "rusis": "išlaidos", "faktas": Decimal("7.5"), "planas": None},
                    {"metai": 2025, "rusis": "pajamos", "faktas": Decimal("1"), "planas": None})
    counted = figures(dt.date(2026, 11, 22), veiklos_planas={"Finansai": finances})
    income = counted.get("finansai.pajamos", 2026)
    assert income.value == Decimal("100.10") and income.plain() == 100.1 and isinstance(income.plain(), float)
    awaiting = counted.get("teritorija.registruoti_vartotojai", 2026)
    assert awaiting.plain() is None


def test_months_after_the_report_date_are_blank_never_zero():
    table = _tours().by_month({"ekskursijos": "ekskursijos.ivykusios", "dalyviai": "ekskursijos.dalyviai"}, 2026)
    body = table.frame
    assert list(body["menuo"])[:2] == ["sausis", "vasaris"] and body["menuo"].iloc[12] == "Iš viso"
    assert [None if pd.isna(v) else int(v) for v in body["dalyviai"]] == [
        0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 30, None, 50]
    assert [None if pd.isna(v) else int(v) for v in body["ekskursijos"]] == [
        0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, None, 2]
    assert table.cells[(12, "dalyviai")].value == 50 and set(table.cells) == {(12, "ekskursijos"), (12, "dalyviai")}
    past = _tours(dt.date(2027, 1, 10)).by_month({"dalyviai": "ekskursijos.dalyviai"}, 2026)
    assert [int(v) for v in past.frame["dalyviai"]] == [0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 30, 40, 90]
    with pytest.raises(ValueError, match="do not count from the same rows"):
        _tours().by_month({"a": "ekskursijos.dalyviai", "b": "renginiai.ivyke"}, 2026)


# ---------------------------------------------------------------- visitors
ZAOSE = "J. Urbšio sodyba (Zaosė)"


def _visits(*records: tuple) -> pd.DataFrame:
    return rows(*[{"data": day, "vieta": place, "is_viso": total_, "vaikai": children, "renginiuose": events}
                  for day, place, total_, children, events in records])


VISITS = _visits(
    (dt.date(2025, 6, 1), "Centriniai rūmai", 1000, 1, 1),  # last year
    (dt.date(2026, 1, 1), "Centriniai rūmai", 10, 4, 2),
    (dt.date(2026, 1, 1), "Vaikų ir jaunimo skyrius", 5, 5, 0),  # the same day in another building
    (dt.date(2026, 1, 2), "Centriniai rūmai", 0, 0, 0),  # open, nobody came: not a day with visitors
    (dt.date(2026, 3, 3), "J. Miltinio palikimo studijų centras", "nežinoma", None, None),
    (dt.date(2026, 3, 4), "J. Miltinio palikimo studijų centras", 3, None, None),
    (dt.date(2026, 5, 5), ZAOSE, 40, 10, 20),
    (dt.date(2026, 5, 6), ZAOSE, 60, 0, 0),
    (dt.date(2026, 11, 23), ZAOSE, 500, 0, 0),  # after the report date
    (None, "Centriniai rūmai", 700, 0, 0),  # no date: never counted
)


def test_visitors_count_the_year_so_far_with_and_without_zaose():
    counted = figures(dt.date(2026, 11, 22), lankytojai={"Lankytojai": VISITS})
    values = {name: counted.get(f"lankytojai.{name}", 2026).value for name in (
        "biblioteka", "biblioteka_vaikai", "biblioteka_renginiuose", "biblioteka_dienos", "zaose", "zaose_vaikai",
        "zaose_renginiuose", "zaose_dienos", "su_zaose")}
    assert values == {"biblioteka": 18, "biblioteka_vaikai": 9, "biblioteka_renginiuose": 2, "biblioteka_dienos": 2,
                      "zaose": 100, "zaose_vaikai": 10, "zaose_renginiuose": 20, "zaose_dienos": 2, "su_zaose": 118}
    assert counted.get("lankytojai.biblioteka", 2025).value == 1000
    assert counted.get("lankytojai.zaose_dienos", 2025).value == 0


def test_the_places_table_lists_every_building_then_their_total_then_zaose():
    counted = figures(dt.date(2026, 11, 22), lankytojai={"Lankytojai": VISITS})
    table = counted_table = places_table(counted, 2026)
    frame = table.frame
    assert list(frame["vieta"]) == ["Centriniai rūmai", "Vaikų ir jaunimo skyrius",
                                    "J. Miltinio palikimo studijų centras", "Biblioteka iš viso (be Zaosės)", ZAOSE]
    assert [int(v) for v in frame["lankytojai"]] == [10, 5, 3, 18, 100]
    assert [int(v) for v in frame["dienos"]] == [1, 1, 1, 2, 2]
    assert [int(v) for v in frame["vaikai"]] == [4, 5, 0, 9, 10]
    assert list(frame["vidurkis"]) == [10.0, 5.0, 3.0, 9.0, 50.0]
    assert str(frame["lankytojai"].dtype) == "Int64"
    assert counted_table.cells[(4, "lankytojai")].id == "lankytojai.zaose"
    assert counted_table.cells[(3, "dienos")].id == "lankytojai.biblioteka_dienos"
    assert {key for key in table.cells if key[0] == 4} == {(4, "lankytojai"), (4, "vaikai"), (4, "renginiuose"),
                                                           (4, "dienos")}
    assert places_table(figures(dt.date(2026, 11, 22), lankytojai={"Lankytojai": VISITS.iloc[0:0]}), 2026).frame[
        "lankytojai"].tolist() == [0, 0, 0, 0, 0]


# ---------------------------------------------------------------- the territory statistics form
KEYS = ("registruoti_vartotojai", "apsilankymai", "isduotis", "fondas", "renginiai", "renginiu_dalyviai")


def _tab(model, *records: dict) -> pd.DataFrame:
    names = list(model.model_fields)
    return pd.DataFrame([{**dict.fromkeys(names), "_row": index + 2, "_valid": True, **record}
                         for index, record in enumerate(records)])


def _form(code: str, year: int, stamp: dt.datetime, **values: object) -> dict:
    return {"biblioteka": code, "metai": year, "laiko_zyme": stamp, **dict.fromkeys(KEYS, 1000), **values}


LIBRARIES = [{"kodas": "BIR", "pavadinimas": "Biržų VB", "savivaldybe": "Biržų rajono", "tipas": "SVB", "aktyvi": True},
             {"kodas": "PAS", "pavadinimas": "Pasvalio VB", "savivaldybe": "Pasvalio rajono", "tipas": "SVB",
              "aktyvi": True}]


def _statistics_rules(*answers: dict, libraries: list[dict] = LIBRARIES, refs: References | None = None,
                      towns: tuple[dict, ...] = ()) -> tuple[list[tuple], RuleContext]:
    ctx = RuleContext(STATISTICS, {"Bibliotekos": _tab(Biblioteka, *libraries),
                                   "Savivaldybės": _tab(Savivaldybe, *towns),
                                   "Formos atsakymai 1": _tab(Ataskaita, *answers)})
    found = [(p.rule, p.row, p.column, p.severity.value) for p in STATISTICS.rules(ctx, refs or References())]
    return found, ctx


def test_a_library_is_known_by_its_code_or_name_from_the_references_or_the_workbooks_own_list():
    stamp = dt.datetime(2026, 1, 20)
    found, ctx = _statistics_rules(_form("BIR", 2025, stamp), _form("pasvalio  vb", 2025, stamp),
                                   _form("Kiemo biblioteka", 2025, stamp), _form(None, 2025, stamp))
    assert found == [("nezinoma_biblioteka", 4, "Biblioteka", "klaida")]
    assert [None if pd.isna(code) else code for code in ctx.tabs["Formos atsakymai 1"]["kodas"]] == [
        "BIR", "PAS", None, None]
    problem = next(iter(STATISTICS.rules(ctx, References())))
    assert problem.message.endswith(": biblioteka „Kiemo biblioteka“ nerasta lape „Bibliotekos“: įrašykite jos "
                                    "kodą arba tikslų pavadinimą")
    assert problem.value == "Kiemo biblioteka"
    # a library left out of the workbook's own list, or marked invalid there, is unknown
    invalid = [LIBRARIES[0], {**LIBRARIES[1], "_valid": False}]
    assert _statistics_rules(_form("PAS", 2025, stamp), libraries=invalid)[0] == [
        ("nezinoma_biblioteka", 2, "Biblioteka", "klaida")]
    # validated beside the references, the references decide
    refs = References(pd.DataFrame([LIBRARIES[1]]))
    assert _statistics_rules(_form("BIR", 2025, stamp), refs=refs)[0] == [
        ("nezinoma_biblioteka", 2, "Biblioteka", "klaida")]


def test_codes_and_a_municipalitys_year_may_not_repeat():
    towns = ({"savivaldybe": "Biržų rajono", "metai": 2025, "gyventojai": 1},
             {"savivaldybe": "Biržų rajono", "metai": 2024, "gyventojai": 1},
             {"savivaldybe": "biržų  rajono", "metai": 2025, "gyventojai": 1})
    found, _ = _statistics_rules(libraries=[*LIBRARIES, {**LIBRARIES[0], "pavadinimas": "Kita"}], towns=towns)
    assert found == [("pasikartoja", 4, "Kodas", "klaida"), ("pasikartoja", 4, "Savivaldybė", "klaida")]


def test_the_latest_answer_of_a_library_and_year_wins_and_the_others_are_set_aside():
    found, ctx = _statistics_rules(
        _form("BIR", 2025, dt.datetime(2026, 1, 25, 8, 0)),  # row 2: the latest
        _form("BIR", 2025, dt.datetime(2026, 1, 20, 9, 30)),  # row 3
        _form("Biržų VB", 2025, dt.datetime(2026, 1, 21)),  # row 4: the same library by name
        _form("BIR", 2024, dt.datetime(2026, 1, 22)),  # row 5: another year
        _form("PAS", 2025, dt.datetime(2026, 1, 22)),  # row 6: another library
        _form("BIR", 2025, None))  # row 7: no time stamp: not compared
    assert [f for f in found if f[0] == "pakeista"] == [("pakeista", 3, "Laiko žymė", "pastaba"),
                                                        ("pakeista", 4, "Laiko žymė", "pastaba")]
    assert ctx.dropped("Formos atsakymai 1") == {3, 4}
    notes = {p.row: p for p in STATISTICS.rules(ctx, References()) if p.rule == "pakeista"}
    assert notes[3].message.endswith(": šį atsakymą pakeitė vėlesnis (2 eilutė, 2026-01-25 08:00); jis neskaičiuojamas")
    assert notes[3].value == dt.datetime(2026, 1, 20, 9, 30) and notes[3].drop_row


def test_a_change_of_more_than_30_percent_on_last_year_or_the_very_same_value_is_questioned():
    last = _form("BIR", 2024, dt.datetime(2025, 1, 20), registruoti_vartotojai=1000, apsilankymai=1000,
                 isduotis=1000, fondas=1000, renginiai=0, renginiu_dalyviai=None)
    now = _form("BIR", 2025, dt.datetime(2026, 1, 20), registruoti_vartotojai=1300, apsilankymai=699,
                isduotis=1301, fondas=1000, renginiai=0, renginiu_dalyviai=500)
    found, ctx = _statistics_rules(last, now)
    assert found == [("metinis_pokytis", 3, "Apsilankymai (fiziniai)", "įspėjimas"),
                     ("metinis_pokytis", 3, "Išduotis (fiz. vnt.)", "įspėjimas"),
                     ("kaip_pernai", 3, "Fondas metų pabaigoje (fiz. vnt.)", "įspėjimas")]
    messages = [p.message for p in STATISTICS.rules(ctx, References())]
    assert messages[0].endswith(": pokytis nuo 2024 m. (1\xa0000) yra −30 proc.; daugiau nei ±30 proc. – "
                                "patikrinkite arba paaiškinkite")
    assert ": pokytis nuo 2024 m. (1\xa0000) yra +30 proc.;" in messages[1]
    assert messages[2].endswith(": reikšmė tokia pati kaip 2024 m. (1\xa0000); ar ji tikrai atnaujinta?")
    assert [p.value for p in STATISTICS.rules(ctx, References())] == [699, 1301, 1000]


def test_last_year_is_only_an_accepted_answer_of_the_same_library():
    last = _form("BIR", 2024, dt.datetime(2025, 1, 20), isduotis=100)
    superseded = _form("BIR", 2024, dt.datetime(2025, 1, 10), isduotis=1000)
    other = _form("PAS", 2024, dt.datetime(2025, 1, 20), isduotis=1000)
    now = _form("BIR", 2025, dt.datetime(2026, 1, 20), isduotis=1000)
    found, _ = _statistics_rules(superseded, other, last, now)
    loans = "Išduotis (fiz. vnt.)"
    assert [f for f in found if f[2] == loans] == [("metinis_pokytis", 5, loans, "įspėjimas")]
    invalid = {**last, "_valid": False}
    assert [f for f in _statistics_rules(invalid, now)[0] if f[2] == loans] == []
    # two years back is not last year
    assert _statistics_rules(_form("BIR", 2023, dt.datetime(2024, 1, 20)),
                             _form("BIR", 2025, dt.datetime(2026, 1, 20)))[0] == []
    # an unknown value either year compares nothing
    unknown = _statistics_rules(_form("BIR", 2024, dt.datetime(2025, 1, 20), isduotis=None, fondas=5),
                                _form("BIR", 2025, dt.datetime(2026, 1, 20), fondas=None))[0]
    assert {f[2] for f in unknown} == {"Registruoti vartotojai", "Apsilankymai (fiziniai)", "Renginiai",
                                       "Renginių dalyviai"}


# ---------------------------------------------------------------- explanations and the rows jobs may use
FORM = "Formos atsakymai 1"


def _problem(tab: str, row: int | None, severity: Severity, rule: str = "r", drop_row: bool = False) -> Problem:
    return make_problem("teritorijos_statistika", tab, row, None, None, rule, "žinutė", severity, drop_row)


def test_a_filled_explanation_clears_that_rows_warnings_only():
    frames = {FORM: pd.DataFrame({"_row": [2, 3, 4], "paaiskinimas": ["Prijungti filialai", None, "Remontas"]}),
              "Bibliotekos": pd.DataFrame({"_row": [2, 3], "kodas": ["A", "B"]})}
    problems = [_problem(FORM, 2, Severity.WARNING, "santykis"), _problem(FORM, 2, Severity.WARNING, "metinis_pokytis"),
                _problem(FORM, 2, Severity.ERROR, "neigiamas"), _problem(FORM, 2, Severity.NOTE, "pakeista"),
                _problem(FORM, 3, Severity.WARNING, "santykis"), _problem(FORM, 4, Severity.WARNING, "kaip_pernai"),
                _problem("Bibliotekos", 2, Severity.WARNING, "x"), _problem(FORM, None, Severity.WARNING, "tab")]
    kept = _apply_explanations(STATISTICS, frames, problems)
    assert [(p.tab, p.row, p.rule) for p in kept] == [
        (FORM, 2, "neigiamas"), (FORM, 2, "pakeista"), (FORM, 3, "santykis"), ("Bibliotekos", 2, "x"),
        (FORM, None, "tab")]
    assert _apply_explanations(STATISTICS, {FORM: frames[FORM].iloc[0:0]}, problems[:1]) == problems[:1]
    assert _apply_explanations(STATISTICS, {}, problems[:1]) == problems[:1]


def test_rows_with_errors_or_set_aside_are_left_out_of_what_jobs_use():
    frame = pd.DataFrame({"_row": [2, 3, 4, 5, 6], "_valid": [True, True, True, False, True], "n": [1, 2, 3, 4, 5]})
    other = pd.DataFrame({"_row": [2, 3], "_valid": [True, True], "n": [7, 8]})
    result = WorkbookResult(STATISTICS, {FORM: TabResult(Ataskaita, frame.iloc[0:0]),
                                         "Bibliotekos": TabResult(Biblioteka, other.iloc[0:0])},
                            [_problem(FORM, 2, Severity.ERROR), _problem(FORM, 3, Severity.WARNING),
                             _problem(FORM, 4, Severity.NOTE, drop_row=True), _problem(FORM, 6, Severity.NOTE),
                             _problem(FORM, None, Severity.ERROR), _problem("Bibliotekos", 6, Severity.ERROR)])
    _keep_good_rows(result, {FORM: frame, "Bibliotekos": other})
    kept = result.tabs[FORM].frame
    assert kept["n"].tolist() == [2, 5] and kept.index.tolist() == [0, 1] and "_valid" not in kept.columns
    assert result.tabs[FORM].all_rows["n"].tolist() == [1, 2, 3, 4, 5]
    assert result.tabs["Bibliotekos"].frame["n"].tolist() == [7, 8]


# ---------------------------------------------------------------- writing outputs
def test_an_output_is_written_whole_with_the_umasks_mode_and_nothing_left_beside_it(tmp_path):
    target = tmp_path / "naujas" / "aplankas" / "ataskaita.xlsx"
    previous = os.umask(0o027)
    try:
        atomic_write(target, b"visa ataskaita")
    finally:
        os.umask(previous)
    assert target.read_bytes() == b"visa ataskaita"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [path.name for path in target.parent.iterdir()] == ["ataskaita.xlsx"]
    atomic_write(target, b"kita")
    assert target.read_bytes() == b"kita" and len(list(target.parent.iterdir())) == 1


def test_a_write_that_fails_midway_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "ataskaita.xlsx"
    target.write_bytes(b"vakarykste")

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, b"siandien")
    assert target.read_bytes() == b"vakarykste" and [p.name for p in tmp_path.iterdir()] == ["ataskaita.xlsx"]


# ---------------------------------------------------------------- bookings
def _bookings(*times: tuple[str, str, str]) -> list[tuple[int, str]]:
    rooms = _tab(Patalpa, {"patalpa": "Salė", "vietu_skaicius": 80, "jaunimo_erdve": False},
                 {"patalpa": "Klasė", "vietu_skaicius": 80, "jaunimo_erdve": False})
    bookings = _tab(Uzsakymas, *[{"uzsakymo_nr": f"NUOM-2026-{n:03d}", "busena": "patvirtinta", "patalpa": room,
                                  "data": dt.date(2026, 3, 5), "paraiskos_data": dt.date(2026, 1, 10),
                                  "nuo": dt.time.fromisoformat(start), "iki": dt.time.fromisoformat(end)}
                                 for n, (room, start, end) in enumerate(times, 1)])
    ctx = RuleContext(RENTALS, {"Patalpos": rooms, "Užsakymai": bookings})
    return [(p.row, p.column, p.value) for p in RENTALS.rules(ctx, References()) if p.rule == "persidengia"]


def test_an_overlap_is_flagged_on_both_bookings_at_their_start_time():
    assert _bookings(("Salė", "10:00", "12:00"), ("Salė", "11:59", "13:00")) == [
        (2, "Nuo", dt.time(10)), (3, "Nuo", dt.time(11, 59))]
    assert _bookings(("Salė", "10:00", "12:00"), ("Salė", "12:00", "13:00"), ("Salė", "09:00", "10:00")) == []
    # a zero-length booking (an error of its own) overlaps nothing, even inside another one
    assert _bookings(("Salė", "10:00", "12:00"), ("Salė", "11:00", "11:00")) == []
    # rooms apart, listed in sheet order whatever the room
    assert _bookings(("Salė", "10:00", "12:00"), ("Klasė", "10:00", "12:00"), ("Klasė", "11:00", "12:00"),
                     ("Salė", "11:00", "11:30")) == [
        (2, "Nuo", dt.time(10)), (5, "Nuo", dt.time(11)), (3, "Nuo", dt.time(10)), (4, "Nuo", dt.time(11))]


# ---------------------------------------------------------------- the register rebuilt from certificates
def _certificate(number: str, code: str, name: str, library: str, digest: str, issued: str = "2026-03-01",
                 core: str | None = None) -> bytes:
    xml = core if core is not None else (
        '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:identifier>{number}</dc:identifier><dc:subject>{code}</dc:subject><dc:title>{name}</dc:title>"
        f"<cp:category>{library}</cp:category><cp:keywords>{digest}</cp:keywords>"
        f"<dc:description>{issued}</dc:description></cp:coreProperties>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("docProps/core.xml", xml)
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _digest(code: str, name: str, library: str) -> str:
    return hashlib.sha256("\x1f".join(part.casefold() for part in (code, name, library)).encode()).hexdigest()


def test_a_certificate_carries_its_register_line():
    content = _certificate("PAVB-KT-2026-0007", "MK-1", "Ona Onaitė", "Biržų VB", "abc")
    assert register.certificate_entry(content, "PAVB-KT-2026-0007") == (
        Entry("PAVB-KT-2026-0007", "MK-1", "Ona Onaitė", "Biržų VB", dt.date(2026, 3, 1)), "abc")
    assert register.certificate_entry(content, "PAVB-KT-2026-0008") is None  # renamed: not this number's
    undated = _certificate("PAVB-KT-2026-0007", "MK-1", "Ona", "VB", "abc", issued="")
    assert register.certificate_entry(undated, "PAVB-KT-2026-0007")[0].issued is None
    for broken in (_certificate("N", "MK-1", "Ona", "VB", ""), _certificate("N", "MK-1", "Ona", "VB", "d", "kovo 1"),
                   _certificate("N", "", "", "", "", core="<neuždarytas"), b"PK\x03\x04 ne archyvas"):
        assert register.certificate_entry(broken, "N") is None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert register.certificate_entry(buffer.getvalue(), "N") is None  # no properties at all
    assert register.key_digest(("mk-1", "ona onaitė", "biržų vb")) == _digest("MK-1", "Ona Onaitė", "Biržų VB")


def test_a_lost_register_is_rebuilt_from_the_certificates_so_no_number_is_given_twice():
    folder = "2026/Kvalifikacija/Sertifikatai"
    current = [_new("Jonas Jonaitis"), _new("Petras Petraitis"), _new("Ieva Ievaitė", library="A"),
               _new("Ieva Ievaitė", library="B")]
    files = {
        f"{folder}/PAVB-KT-2026-0001 Ona Onaitė.docx": _certificate("PAVB-KT-2026-0001", "MK-1", "Ona", "VB", "x"),
        f"{folder}/PAVB-KT-2026-0002 Jonas Jonaitis.docx": _certificate(  # as spelled then; the list's spelling wins
            "PAVB-KT-2026-0002", "mk-1", "JONAS JONAITIS", "Biržų VB", _digest("MK-1", "Jonas Jonaitis", "Biržų VB")),
        f"{folder}/PAVB-KT-2026-0003 Petras Petraitis.docx": b"an older certificate without properties",
        f"{folder}/PAVB-KT-2026-0004 Rūta Rūtaitė.docx": _certificate(
            "PAVB-KT-2026-0004", "MK-9", "Rūta Rūtaitė", "Pasvalio VB", _digest("MK-9", "Rūta Rūtaitė", "Pasvalio VB"),
            issued="2026-02-02"),
        f"{folder}/PAVB-KT-2026-0005 Ieva Ievaitė.docx": None,  # cannot be fetched; two Ievas: whose is it?
        f"{folder}/PAVB-KT-2026-0006.docx": None,
        f"{folder}/PAVB-KT-2026-0002 Jonas Jonaitis (kopija).docx": None,  # the number again: once is enough
        f"{folder}/PAVB-KT-2025-0009 Ona.docx": None, f"{folder}/Sąrašas.docx": None,
        f"{folder}/PAVB-KT-2026-00010 Ona.docx": None}
    fetched = []

    def fetch(path: str) -> bytes | None:
        fetched.append(path.rsplit("/", 1)[-1])
        return files[path]

    previous = [_entry("PAVB-KT-2026-0001", "Ona Onaitė")]
    rebuilt = register.recover(previous, list(files), fetch, current, PREFIX, 2026)
    assert [(e.number, e.code, e.name, e.library, e.issued, e.status) for e in rebuilt] == [
        ("PAVB-KT-2026-0001", "MK-1", "Ona Onaitė", "Biržų VB", dt.date(2026, 3, 1), "išduotas"),
        ("PAVB-KT-2026-0002", "MK-1", "Jonas Jonaitis", "Biržų VB", dt.date(2026, 3, 1), "išduotas"),
        ("PAVB-KT-2026-0003", "MK-1", "Petras Petraitis", "Biržų VB", dt.date(2026, 5, 5), "išduotas"),
        ("PAVB-KT-2026-0004", "MK-9", "Rūta Rūtaitė", "Pasvalio VB", dt.date(2026, 2, 2), "išduotas"),
        ("PAVB-KT-2026-0005", "", "Ieva Ievaitė", "", None, NOT_REISSUED),
        ("PAVB-KT-2026-0006", "", "", "", None, NOT_REISSUED),
        ("PAVB-KT-2026-00010", "", "Ona", "", None, NOT_REISSUED)]
    assert "PAVB-KT-2026-0001 Ona Onaitė.docx" not in fetched  # on record already: not even opened
    assert "Sąrašas.docx" not in fetched and "PAVB-KT-2025-0009 Ona.docx" not in fetched
    # the numbers then continue after the highest one found
    numbered = assign_numbers(rebuilt, [_new("Nauja Naujienė")], PREFIX, 2026)
    assert next(e.number for e in numbered if e.name == "Nauja Naujienė") == "PAVB-KT-2026-0011"
    assert register.issued(rebuilt) == rebuilt[:4]


# ---------------------------------------------------------------- details the first mutation run let through
def _spooled(folder: Path, path: str, content: bytes, fingerprint: str | None = None) -> Output:
    """A finished document as a job leaves it: waiting in a file, with its digest."""
    stored = folder / f"spool-{len(list(folder.glob('spool-*')))}"
    stored.write_bytes(content)
    return Output(path, stored, hashlib.sha256(content).hexdigest(), fingerprint=fingerprint)


def test_a_rerun_knows_last_runs_rendered_documents_and_the_programs_basis(tmp_path):
    seen = []

    def produce(ctx) -> None:
        seen.append((dict(ctx.previous), ctx.basis))
        ctx.outputs.append(_spooled(tmp_path, "2026/Bandymas/pazyma.docx", b"docx", fingerprint="f1"))
        ctx.outputs.append(_spooled(tmp_path, "2026/Bandymas/lentele.xlsx", b"xlsx"))  # not from a template

    workspace = blank_workspace(tmp_path)
    settings = load_settings(workspace)
    job = Job("bandymas", "a probe", ("projektai",), produce)
    for _ in range(2):
        run_jobs(settings, [job], backend=LocalBackend(settings), on_date=dt.date(2026, 11, 22), force=True)
    (first, basis), (second, basis_again) = seen
    assert first == {} and list(second) == ["2026/Bandymas/pazyma.docx"]
    assert second["2026/Bandymas/pazyma.docx"]["fingerprint"] == "f1"
    assert second["2026/Bandymas/pazyma.docx"]["sha256"] == hashlib.sha256(b"docx").hexdigest()
    assert isinstance(basis, str) and len(basis) >= 16 and basis == basis_again


def test_huge_numbers_at_the_edge_of_printing():
    assert number(2 ** 9999) == "(labai didelis skaičius)"  # 10 000 bits: too long to print
    assert number(2 ** 9998) == str(2 ** 9998)  # 9 999 bits: its digits as they are


def test_a_register_with_a_repeated_line_keeps_the_number_once():
    previous = [_entry("PAVB-KT-2026-0001", "Ona Onaitė"), _entry("PAVB-KT-2026-0001", "Ona Onaitė", library="X")]
    assert _numbers(assign_numbers(previous, [], PREFIX, 2026)) == [("PAVB-KT-2026-0001", "Ona Onaitė", NOT_REISSUED)]
    three = [_entry("X-2027-005", "A")]
    assert assign_numbers(three, [_new("B")], "X", 2027, digits=3)[1].number == "X-2027-006"
    assert Entry("N", " MK-1 ", "Ona  Onaitė", "Biržų\tVB", None).key == ("mk-1", "ona onaitė", "biržų vb")


def test_register_errors_say_exactly_what_is_wrong():
    with pytest.raises(RegisterError, match=r"^the certificate register is empty$"):
        read_register(_register_bytes([]))
    with pytest.raises(RegisterError, match=r"^the certificate register has no header row starting with 'Nr\.'$"):
        read_register(_register_bytes([["Numeris"]]))


def test_one_answer_alone_does_not_stop_the_search_for_repeated_ones():
    found, _ = _statistics_rules(
        _form("PAS", 2025, dt.datetime(2026, 1, 5)),  # alone, and the earliest: looked at first
        _form("BIR", 2025, dt.datetime(2026, 1, 25)), _form("BIR", 2025, dt.datetime(2026, 1, 20)))
    assert [f[:2] for f in found if f[0] == "pakeista"] == [("pakeista", 4)]


def test_last_year_means_its_accepted_answer_even_when_a_superseded_one_is_lower_in_the_sheet():
    loans = "Išduotis (fiz. vnt.)"
    found, _ = _statistics_rules(_form("BIR", 2024, dt.datetime(2025, 1, 20), isduotis=1000),
                                 _form("BIR", 2024, dt.datetime(2025, 1, 10), isduotis=2000),  # superseded
                                 _form("BIR", 2025, dt.datetime(2026, 1, 20), isduotis=2000))
    assert [f for f in found if f[2] == loans] == [("metinis_pokytis", 4, loans, "įspėjimas")]


def test_small_values_are_compared_too_and_the_change_is_said_in_whole_percent():
    found, ctx = _statistics_rules(
        _form("BIR", 2024, dt.datetime(2025, 1, 20), renginiai=1, fondas=1, isduotis=1000),
        _form("BIR", 2025, dt.datetime(2026, 1, 20), renginiai=1, fondas=5, isduotis=2000))
    picked = {f[2]: f[0] for f in found}
    assert picked["Renginiai"] == "kaip_pernai" and picked["Fondas metų pabaigoje (fiz. vnt.)"] == "metinis_pokytis"
    loans = next(p for p in STATISTICS.rules(ctx, References()) if p.column == "Išduotis (fiz. vnt.)")
    assert "yra +100 proc.;" in loans.message
    fund = next(p for p in STATISTICS.rules(ctx, References()) if p.column == "Fondas metų pabaigoje (fiz. vnt.)")
    assert "yra +400 proc.;" in fund.message


def test_kept_rows_have_the_sheets_columns_only():
    frame = pd.DataFrame({"_row": [2, 3], "_valid": [True, True], "n": [1, 2]})
    result = WorkbookResult(STATISTICS, {FORM: TabResult(Ataskaita, frame.iloc[0:0])}, [])
    _keep_good_rows(result, {FORM: frame})
    assert list(result.tabs[FORM].frame.columns) == ["_row", "n"]


def test_the_temporary_file_is_named_as_such_beside_the_target(tmp_path, monkeypatch):
    target = tmp_path / "ataskaita.xlsx"
    moves = []
    real_replace = os.replace

    def replace(source: str, destination: object) -> None:
        moves.append(Path(source))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", replace)
    previous = os.umask(0o002)
    try:
        atomic_write(target, b"x")
    finally:
        os.umask(previous)
    assert moves[0].parent == tmp_path and moves[0].name.startswith(".tmp-")
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


def test_a_failed_clean_up_never_hides_why_the_write_failed(tmp_path, monkeypatch):
    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    def locked(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "fsync", full)
    monkeypatch.setattr(os, "unlink", locked)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(tmp_path / "ataskaita.xlsx", b"x")


def test_months_start_on_their_first_day_and_an_asked_period_bounds_rows_and_totals():
    first_of_november = _tours(dt.date(2026, 11, 1)).by_month({"dalyviai": "ekskursijos.dalyviai"}, 2026)
    assert [None if pd.isna(v) else int(v) for v in first_of_november.frame["dalyviai"]][9:] == [0, 0, None, 20]
    spring = Period(dt.date(2026, 2, 11), dt.date(2026, 3, 31), "2026 m. vasario 11 d.–kovo 31 d.", "2026-pavasaris")
    table = _tours().by_month({"dalyviai": "ekskursijos.dalyviai"}, 2026, spring)
    assert [None if pd.isna(v) else int(v) for v in table.frame["dalyviai"]] == [0, 0, 0, *[None] * 9, 0]
    assert table.cells[(12, "dalyviai")].period == spring


def test_a_breakdown_lists_only_places_some_figure_counts():
    counted = figures(dt.date(2026, 11, 22), lankytojai={"Lankytojai": VISITS})
    library = counted.breakdown({"lankytojai": "lankytojai.biblioteka"}, 2026, "vieta")
    assert list(library.frame["vieta"]) == ["Centriniai rūmai", "J. Miltinio palikimo studijų centras",
                                            "Vaikų ir jaunimo skyrius", "Iš viso"]
    both = counted.breakdown({"biblioteka": "lankytojai.biblioteka", "zaose": "lankytojai.zaose"}, 2026, "vieta")
    assert len(both.frame) == 5 and ZAOSE in set(both.frame["vieta"])
    everything = counted.breakdown({"visi": "lankytojai.su_zaose"}, 2026, "vieta")
    assert [int(v) for v in everything.frame["visi"]] == [10, 3, 100, 5, 118]


def test_a_day_with_a_single_visitor_is_a_day_with_visitors_and_the_table_is_numbered_in_order():
    one = figures(dt.date(2026, 11, 22), lankytojai={"Lankytojai": _visits((dt.date(2026, 4, 4), ZAOSE, 1, 0, 0))})
    assert one.get("lankytojai.zaose_dienos", 2026).value == 1
    assert places_table(one, 2026).frame.index.tolist() == [0, 1, 2, 3, 4]
