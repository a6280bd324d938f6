"""What a certificate says, and which trainings earn the Library's numbered certificate."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from automations.config import CertificateSettings, Institution
from automations.register import Entry
from jobs.kvalifikacija import certificate_context, certified, heard_text, own_training, place_text

PAVB = Institution()


def test_hours_heard_of_the_programme():
    assert heard_text(7, 7) == "išklausė 7 akad. val. programą"
    assert heard_text(None, 7) == "išklausė 7 akad. val. programą"
    assert heard_text(3, 7) == "išklausė 3 akad. val. iš 7 akad. val. programos"
    assert heard_text(3.5, 8) == "išklausė 3,5 akad. val. iš 8 akad. val. programos"


def test_remote_places_read_as_remote():
    assert place_text("nuotolinis", "Zoom") == "nuotoliniu būdu (Zoom)"
    assert place_text("nuotolinis", None) == "nuotoliniu būdu"
    assert place_text("mišrus", "PAVB Konferencijų salė") == "PAVB Konferencijų salė ir nuotoliniu būdu"
    assert place_text("kontaktinis", "Tartu viešoji biblioteka") == "Tartu viešoji biblioteka"


def test_the_librarys_own_trainings_are_told_from_others():
    assert own_training(None, PAVB) and own_training("", PAVB)
    assert own_training("PAVB Regiono bibliotekų strateginės plėtros skyrius", PAVB)
    assert own_training(PAVB.name, PAVB)
    assert not own_training("Lietuvos nacionalinė Martyno Mažvydo biblioteka", PAVB)
    assert not own_training("Lietuvos bibliotekininkų draugija", PAVB)
    assert not own_training("PAVBX mokymų centras", PAVB)  # a name that merely starts alike


def _attended() -> pd.DataFrame:
    return pd.DataFrame([
        {"kodas": "KT-2026-001", "organizatorius": "PAVB Regiono skyrius", "valandos": 8.0, "trukme": 8},
        {"kodas": "KT-2026-001", "organizatorius": "PAVB Regiono skyrius", "valandos": 3.0, "trukme": 8},
        {"kodas": "KT-2026-002", "organizatorius": "Lietuvos bibliotekininkų draugija", "valandos": 6.0,
         "trukme": 6}])


def test_only_own_trainings_unless_configured_and_the_attendance_threshold():
    assert list(certified(_attended(), PAVB, CertificateSettings()).index) == [0, 1]
    assert list(certified(_attended(), PAVB, CertificateSettings(other_organisers=True)).index) == [0, 1, 2]
    assert list(certified(_attended(), PAVB, CertificateSettings(min_attendance=75)).index) == [0]


def test_certificate_names_the_organiser_and_agrees_with_the_lecturer():
    course = {"forma": "seminaras", "pavadinimas": "Skaitmeninis raštingumas", "data_nuo": dt.date(2026, 3, 5),
              "pabaigos_data": dt.date(2026, 3, 5), "budas": "nuotolinis", "vieta": "Zoom", "valandos": 3.0,
              "trukme": 7, "kompetenciju_sritis": "skaitmeninis raštingumas", "lektorius": "Simona Mockutė",
              "lektoriaus_lytis": None, "organizatorius": "Lietuvos bibliotekininkų draugija"}
    context = certificate_context(Entry("PAVB-KT-2026-0001", "KT-2026-001", "Rasa Kairytė", "BIR-SVB",
                                        dt.date(2026, 3, 5)), course)
    assert context["lektorius_vaidmuo"] == "Lektorė" and context["vieta"] == "nuotoliniu būdu (Zoom)"
    assert context["valandos"] == "išklausė 3 akad. val. iš 7 akad. val. programos"
    assert context["organizatorius"] == "Lietuvos bibliotekininkų draugija"
    assert certificate_context(Entry("N", "K", "V", "B", None), {**course, "lektoriaus_lytis": "vyras"})[
        "lektorius_vaidmuo"] == "Lektorius"
