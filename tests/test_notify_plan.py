"""Who is told what: the message builders on small real workbooks, and the sent-message state."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from notify_support import LIBRARIES, TODAY, answer, inputs_for, settings_for, standard_answers, write_workspace

from automations.notify import run_notify
from automations.notify.builders import digest, problems, projects, statistics, training
from automations.notify.letters import Letter, NoAddress, Policy, reminder_phase
from automations.notify.state import State


def _letters(items) -> list[Letter]:
    return [item for item in items if isinstance(item, Letter)]


def _missing(items) -> list[NoAddress]:
    return [item for item in items if isinstance(item, NoAddress)]


# --- reminder windows ------------------------------------------------------------------------

@pytest.mark.parametrize(("today", "expected"), [
    (dt.date(2026, 2, 2), None), (dt.date(2026, 2, 3), 7), (dt.date(2026, 2, 8), 7), (dt.date(2026, 2, 9), 1),
    (dt.date(2026, 2, 10), 1), (dt.date(2026, 2, 11), None)])
def test_reminder_phase_windows(today: dt.date, expected: int | None) -> None:
    assert reminder_phase(today, dt.date(2026, 2, 10), [7, 1]) == expected


@given(st.integers(-30, 60), st.lists(st.integers(0, 40), min_size=1, max_size=4, unique=True))
def test_reminder_phase_is_the_nearest_reached_day_until_the_deadline(offset: int, days: list[int]) -> None:
    deadline = dt.date(2026, 6, 1)
    phase = reminder_phase(deadline - dt.timedelta(days=offset), deadline, days)
    if offset < 0 or offset > max(days):
        assert phase is None
    else:
        assert phase == min(day for day in days if day >= offset)


# --- statistics reminders --------------------------------------------------------------------

@pytest.mark.parametrize(("today", "stage"), [
    (dt.date(2026, 1, 20), None), (dt.date(2026, 2, 3), "7"), (dt.date(2026, 2, 9), "1"), (dt.date(2026, 2, 10), "1"),
    (dt.date(2026, 2, 11), "pavelavo"), (dt.date(2026, 11, 22), "pavelavo")])
def test_statistics_reminders_before_the_deadline_the_day_before_and_once_late(tmp_path: Path, today: dt.date,
                                                                               stage: str | None) -> None:
    letters = _letters(statistics.reminder_letters(inputs_for(write_workspace(tmp_path), today)))
    if stage is None:
        assert letters == []
        return
    # ROK-SVB is the only active library without a 2025 answer: PNR's answer has an error but counts as submitted,
    # the unknown library's answer belongs to nobody, and the inactive school is never reminded
    assert {letter.address for letter in letters} == {"info@rokiskiobiblioteka.lt"}
    assert letters[0].key == f"statistika/2025/{stage}" and letters[0].policy is Policy.ONCE
    context = letters[0].context
    assert context["paskutinis"] == (stage == "1") and context["pavelavo"] == (stage == "pavelavo")


def test_statistics_deadline_days_and_the_late_reminder_are_settings(tmp_path: Path) -> None:
    workspace = write_workspace(tmp_path, settings='[figures]\nstatistics_deadline = "03-01"\n'
                                                   '[notify]\nstatistics_reminder_days = [10]\n'
                                                   'statistics_overdue_reminder = false\n')
    assert _letters(statistics.reminder_letters(inputs_for(workspace, dt.date(2026, 2, 18)))) == []
    letters = _letters(statistics.reminder_letters(inputs_for(workspace, dt.date(2026, 2, 19))))
    assert [letter.key for letter in letters] == ["statistika/2025/10"]
    assert letters[0].context["terminas"] == dt.date(2026, 3, 1) and not letters[0].context["paskutinis"]
    assert _letters(statistics.reminder_letters(inputs_for(workspace, dt.date(2026, 3, 2)))) == []


def test_a_missing_library_is_reminded_at_last_years_submitter_or_listed_without_address(tmp_path: Path) -> None:
    libraries = [dict(lib, **{"El. paštas": None}) if lib["Kodas"] in {"ROK-SVB", "KUP-SVB"} else lib
                 for lib in LIBRARIES]
    answers = [*standard_answers()[:2], answer("ROK-SVB", dt.datetime(2025, 1, 30, 9, 0), "vedeja@rokiskis.lt",
                                               year=2024)]
    items = list(statistics.reminder_letters(inputs_for(write_workspace(tmp_path, answers, libraries=libraries))))
    assert [letter.address for letter in _letters(items)] == ["vedeja@rokiskis.lt"]
    assert [item.about for item in _missing(items)] == ["Kupiškio rajono savivaldybės viešoji biblioteka"]


# --- problems to libraries -------------------------------------------------------------------

def test_each_library_gets_only_its_own_rows(tmp_path: Path) -> None:
    letters = _letters(problems.problem_letters(inputs_for(write_workspace(tmp_path))))
    sent = {(letter.address, letter.template) for letter in letters if letter.policy is not Policy.FOLLOW_UP}
    assert sent == {("info@panrvb.lt", "klaidos"), ("statistika@panrvb.lt", "klaidos"),
                    ("info@birzubiblioteka.lt", "klaidos"), ("ruta@birzubiblioteka.lt", "klaidos"),
                    ("mokytoja@mielagenai.lt", "klaidos")}
    for letter in (letter for letter in letters if letter.template == "klaidos"):
        rows = {answer_["eilute"] for answer_ in letter.context.get("atsakymai", [])}
        expected = {"info@panrvb.lt": {2}, "statistika@panrvb.lt": {2}, "info@birzubiblioteka.lt": {3},
                    "ruta@birzubiblioteka.lt": {3}, "mokytoja@mielagenai.lt": {5}}.get(letter.address, set())
        assert rows == expected, letter.address
    pnr = next(letter for letter in letters if letter.address == "info@panrvb.lt")
    assert pnr.context["klaidu"] == 1 and pnr.context["ispejimu"] == 0
    problem = pnr.context["atsakymai"][0]["problemos"][0]
    assert problem["stulpelis"] == "iš jų vaikai (iki 14 m.)" and problem["reiksme"] == "9\u00a0100"
    assert problem["kas_negerai"].startswith("„iš jų vaikai (iki 14 m.)“ (9\u00a0100) negali būti didesnis")
    # a clean library is only offered a follow-up, sent solely if it was told about problems before
    kup = [letter for letter in letters if letter.address == "info@kupiskiovb.lt"]
    assert [(letter.template, letter.policy) for letter in kup] == [("klaidu_neliko", Policy.FOLLOW_UP)]


def test_a_superseded_answer_is_not_reported_and_an_unknown_library_is_resolved_by_a_later_answer(
        tmp_path: Path) -> None:
    answers = [*standard_answers(),
               answer("PNR-SVB", dt.datetime(2026, 1, 25, 8, 0), "statistika@panrvb.lt"),  # corrects row 2
               answer("IGN-MOK-06", dt.datetime(2026, 1, 26, 8, 0), "mokytoja@mielagenai.lt")]  # the right code
    letters = _letters(problems.problem_letters(inputs_for(write_workspace(tmp_path, answers))))
    assert not [letter for letter in letters if letter.address.endswith("panrvb.lt") and letter.template == "klaidos"]
    teacher = [letter for letter in letters if letter.address == "mokytoja@mielagenai.lt"]
    assert {(letter.template, letter.key) for letter in teacher} == {
        ("klaidu_neliko", "klaidos/teritorijos_statistika/2025/?mokytoja@mielagenai.lt"),
        ("klaidu_neliko", "klaidos/teritorijos_statistika/2025/IGN-MOK-06")}


def test_a_new_season_never_thanks_for_an_error_nobody_fixed(tmp_path: Path) -> None:
    workspace = write_workspace(tmp_path)
    first = run_notify(settings_for(workspace), TODAY)
    assert any(outcome.letter.address == "info@panrvb.lt" for outcome in first.outcomes)
    next_season = run_notify(settings_for(workspace), dt.date(2027, 1, 10))
    assert not [outcome for outcome in next_season.outcomes if outcome.letter.kind == "klaidos"]


def test_editing_a_template_does_not_resend(tmp_path: Path) -> None:
    workspace = write_workspace(tmp_path)
    run_notify(settings_for(workspace), TODAY)
    edited = workspace / "sablonai" / "laiskai"
    edited.mkdir(parents=True)
    (edited / "klaidos.txt").write_text("Tema: Kita tema {{ biblioteka }}\nLabas.\n", encoding="utf-8")
    assert run_notify(settings_for(workspace), TODAY).outcomes == []


# --- projects and trainings ------------------------------------------------------------------

def _project(title: str, deadline: dt.date, responsible: str | None, status: str = "vykdoma") -> dict:
    return {"Pavadinimas": title, "Finansuotojas": "Lietuvos kultūros taryba", "Vaidmuo": "vykdytojas",
            "Būsena": status, "Pradžia": dt.date(2026, 1, 1), "Pabaiga": dt.date(2026, 12, 31),
            "Ataskaitos terminas": deadline, "Atsakingas": responsible}


def test_project_deadlines_within_fourteen_days_go_to_the_responsible_person(tmp_path: Path) -> None:
    rows = [_project("Knygų kelias", TODAY + dt.timedelta(days=10), "Jolanta  kriaučiūnienė"),
            _project("Tolimas", TODAY + dt.timedelta(days=20), "Jolanta Kriaučiūnienė"),
            _project("Atmestas", TODAY + dt.timedelta(days=3), "Jolanta Kriaučiūnienė", "nefinansuota"),
            _project("Su adresu", TODAY + dt.timedelta(days=1), "rasa.d@pavb.lt"),
            _project("Be adreso", TODAY + dt.timedelta(days=5), "Darius Malinauskas")]
    workspace = write_workspace(tmp_path, settings='[notify.people]\n"Jolanta Kriaučiūnienė" = "jolanta.k@pavb.lt"\n',
                                extra={"projektai": {"Projektai": rows}})
    items = list(projects.deadline_letters(inputs_for(workspace)))
    letters = _letters(items)
    assert sorted((letter.address, letter.context["projektas"]) for letter in letters) == [
        ("jolanta.k@pavb.lt", "Knygų kelias"), ("rasa.d@pavb.lt", "Su adresu")]
    assert all(letter.key.endswith("/14") and letter.context["kas"] == "ataskaitos terminas" for letter in letters)
    assert [item.about for item in _missing(items)] == ["projektas „Be adreso“ (ataskaitos terminas 2026-02-10)"]


def _training(code: str, start: dt.date) -> dict:
    return {"Kodas": code, "Pavadinimas": f"Mokymai {code}", "Forma": "seminaras", "Būdas": "kontaktinis",
            "Kompetencijų sritis": "komunikacija", "Data nuo": start, "Trukmė, akad. val.": 6, "Vieta": "PAVB",
            "Pradžia": "10:00", "Pabaiga": "15:00"}


def _participant(code: str, name: str, address: str | None, attended: str | None = None) -> dict:
    return {"Mokymų kodas": code, "Vardas, pavardė": name, "Biblioteka": "PNR-SVB", "El. paštas": address,
            "Dalyvavo": attended}


def test_training_participants_with_an_address_are_reminded_two_days_before(tmp_path: Path) -> None:
    trainings = [_training("KT-2026-001", TODAY + dt.timedelta(days=2)),
                 _training("KT-2026-002", TODAY + dt.timedelta(days=3)), _training("KT-2026-003", TODAY)]
    people = [_participant("KT-2026-001", "Rūta Rūtaitė", "ruta@panrvb.lt"),
              _participant("KT-2026-001", "Be Adreso", None),
              _participant("KT-2026-001", "Atsisakė Dalyvauti", "atsisake@panrvb.lt", "Ne"),
              _participant("KT-2026-002", "Per Anksti", "anksti@panrvb.lt"),
              _participant("KT-2026-003", "Jau Šiandien", "siandien@panrvb.lt")]
    workspace = write_workspace(tmp_path, extra={"kvalifikacija": {"Mokymai": trainings, "Dalyviai": people}})
    items = list(training.reminder_letters(inputs_for(workspace)))
    letters = _letters(items)
    assert [(letter.address, letter.context["vardas"]) for letter in letters] == [("ruta@panrvb.lt", "Rūta Rūtaitė")]
    assert letters[0].context["datos"] == "2026 m. vasario 7 d." and letters[0].context["laikas"] == "10:00–15:00"
    assert [item.reason for item in _missing(items)] == ["1 užsiregistravę dalyviai be el. pašto adreso"]
    assert _letters(training.reminder_letters(inputs_for(workspace, TODAY + dt.timedelta(days=1))))[0].address == \
        "ruta@panrvb.lt"  # the day before, if the first night was missed


# --- the managers' digest --------------------------------------------------------------------

def test_digest_once_a_week_with_counts_and_names_but_no_contact_details(tmp_path: Path) -> None:
    workspace = write_workspace(tmp_path, settings='[notify]\nmanagers = ["direktore@pavb.lt"]\n'
                                                   'digest_weekday = "thursday"\n')
    runs = workspace / ".automations" / "runs"
    runs.mkdir(parents=True)
    (runs / "projektai.json").write_text(json.dumps({
        "job": "projektai", "finished": "2026-02-05T02:03:04", "ok": False, "error": "inputs could not be read",
        "inputs": {"projektai": {"problems": {"klaida": 1}}}, "outputs": []}), encoding="utf-8")
    assert _letters(digest.digest_letters(inputs_for(workspace, dt.date(2026, 2, 4)))) == []  # a Wednesday
    inputs = inputs_for(workspace)
    inputs.runs = json.loads("[" + (runs / "projektai.json").read_text(encoding="utf-8") + "]")
    letters = _letters(digest.digest_letters(inputs))
    assert [(letter.address, letter.key, letter.policy) for letter in letters] == [
        ("direktore@pavb.lt", "santrauka/2026-W06", Policy.ONCE)]
    context = letters[0].context
    assert context["statistika"]["nepateike"] == ["Rokiškio rajono savivaldybės Juozo Keliuočio viešoji biblioteka"]
    assert context["statistika"]["su_klaidomis"] == ["Panevėžio rajono savivaldybės viešoji biblioteka"]
    assert context["terminai"][0]["kas"] == "statistikos terminas" and context["terminai"][0]["liko"] == "5 dienos"
    assert context["paleidimai"] == [{"darbas": "projektai", "baigta": "2026-02-05 02:03", "ok": False,
                                      "klaida": "inputs could not be read", "dokumentu": 0, "nauju": 0, "klaidu": 1}]
    flat = json.dumps(context, ensure_ascii=False, default=str)
    assert "@" not in flat  # counts and names only


def test_digest_goes_once_per_week(tmp_path: Path) -> None:
    workspace = write_workspace(tmp_path, settings='[notify]\nmanagers = ["direktore@pavb.lt"]\n'
                                                   'kinds = ["santrauka"]\n')
    sent = [run_notify(settings_for(workspace), day).sent for day in
            (dt.date(2026, 2, 2), dt.date(2026, 2, 3), dt.date(2026, 2, 8), dt.date(2026, 2, 9))]
    assert sent == [1, 0, 0, 1]


# --- the state -------------------------------------------------------------------------------

def _letter(policy: Policy, facts: dict) -> Letter:
    return Letter("klaidos", "klaidos/x", "Info@Example.lt", "klaidos", facts, policy)


def test_state_policies_and_giving_up(tmp_path: Path) -> None:
    state = State(tmp_path / "state.json", "smtp")
    when = dt.datetime(2026, 2, 5, 2, 0)
    first, changed = _letter(Policy.ON_CHANGE, {"a": 1}), _letter(Policy.ON_CHANGE, {"a": 2})
    assert state.is_due(first, 3) and not state.is_due(_letter(Policy.FOLLOW_UP, {"a": 1}), 3)
    state.mark_sent(first, when)
    assert not state.is_due(first, 3) and state.is_due(changed, 3)
    assert state.is_due(_letter(Policy.FOLLOW_UP, {"thanks": True}), 3)
    assert not state.is_due(_letter(Policy.ONCE, {"a": 3}), 3)
    for attempt in (1, 2, 3):
        assert state.is_due(changed, 3)
        assert state.mark_failed(changed, when) == attempt
    assert not state.is_due(changed, 3)  # given up on this content
    assert state.is_due(_letter(Policy.ON_CHANGE, {"a": 4}), 3)  # new content is tried afresh
    state.save()
    again = State(tmp_path / "state.json", "smtp")
    assert not again.is_due(first, 3) and State(tmp_path / "state.json", "outbox").is_due(first, 3)
    again.prune(dt.date(2030, 1, 1))
    assert again.is_due(_letter(Policy.ONCE, {}), 3)


def test_a_damaged_state_file_stops_sending_rather_than_resend_everything(tmp_path: Path) -> None:
    from automations.notify.state import StateError

    workspace = write_workspace(tmp_path)
    state = workspace / ".automations" / "notify" / "state.json"
    state.parent.mkdir(parents=True)
    state.write_text("{not json", encoding="utf-8")
    with pytest.raises(StateError, match="cannot be read"):
        run_notify(settings_for(workspace), TODAY)
    assert not (workspace / "siunciami_laiskai").exists()


def test_a_mistyped_library_address_is_a_warning_and_the_library_stays_known(tmp_path: Path) -> None:
    libraries = [dict(lib, **{"El. paštas": "info(at)panrvb.lt"}) if lib["Kodas"] == "PNR-SVB" else lib
                 for lib in LIBRARIES]
    inputs = inputs_for(write_workspace(tmp_path, libraries=libraries))
    warning = [problem for problem in inputs.problems("teritorijos_statistika") if problem.rule == "el_pastas"]
    assert len(warning) == 1 and warning[0].tab == "Bibliotekos" and warning[0].row == 2
    assert "info(at)panrvb.lt" in warning[0].message and warning[0].severity.value == "įspėjimas"
    letters = _letters(problems.problem_letters(inputs))
    assert {letter.address for letter in letters if letter.template == "klaidos" and "PNR" in letter.key} == {
        "statistika@panrvb.lt"}  # the library is still known; only the submitter's address is usable
