"""Letter templates: every default renders, a workspace copy wins, a broken copy falls back, user text is inert."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from notify_support import write_workspace

from automations.config import load_settings
from automations.notify.letters import Letter
from automations.notify.message import compose
from automations.notify.render import DEFAULT_LETTERS, LetterRenderer
from sheets_schema.contacts import addresses, split_addresses

TODAY = dt.date(2026, 2, 5)
PROBLEM = {"sunkumas": "klaida", "klaida": True, "stulpelis": "Renginiai", "reiksme": "12",
           "kas_negerai": "Privalomas laukas neužpildytas"}
CONTEXTS = {
    "klaidos": {"biblioteka": "Biblioteka", "zinoma": True, "klaidu": 1, "ispejimu": 0, "metai": 2025,
                "terminas": dt.date(2026, 2, 10), "formos_nuoroda": "https://forms.gle/x",
                "atsakymai": [{"eilute": 7, "pateikta": "2026-01-20 09:15", "metai": 2025, "problemos": [PROBLEM]}]},
    "klaidu_neliko": {"biblioteka": "Biblioteka", "metai": 2025, "terminas": dt.date(2026, 2, 10),
                      "formos_nuoroda": None},
    "priminimas_statistika": {"biblioteka": "Biblioteka", "metai": 2025, "terminas": dt.date(2026, 2, 10),
                              "pavelavo": False, "paskutinis": True, "formos_nuoroda": None},
    "projekto_terminas": {"projektas": "Projektas", "kas": "projekto pabaiga", "data": dt.date(2026, 2, 12),
                          "finansuotojas": None, "busena": "vykdoma", "atsakingas": "Rūta",
                          "savaites_diena": "ketvirtadienis"},
    "mokymu_priminimas": {"kodas": "KT-2026-001", "pavadinimas": "Mokymai", "forma": "seminaras",
                          "budas": "nuotolinis",
                          "datos": "2026 m. vasario 7 d.", "laikas": "", "vieta": None, "lektorius": None,
                          "organizatorius": None, "trukme": "6", "vardas": "Rūta Rūtaitė"},
    "komisijos_kvietimas": {"komisija": "Metodinė taryba", "nr": 3, "data": dt.date(2026, 2, 12),
                            "savaites_diena": "ketvirtadienis", "laikas": "10:00", "vieta": "PAVB",
                            "darbotvarke": ["Planas", "Kiti klausimai"], "pirmininkas": "Rūta",
                            "sekretorius": None, "vardas": "Asta"},
    "savaitine_santrauka": {"diena": TODAY, "iki": dt.date(2026, 2, 19), "dienu": 14, "rinkiniai": [],
                            "statistika": None, "terminai": [], "paleidimai": [],
                            "laiskai": {"issiusta": 0, "nepavyko": 0, "nuo": None}},
}


def _letter(template: str, **changes) -> Letter:
    return Letter("x", "x/1", "info@example.lt", template, {**CONTEXTS[template], **changes})


@pytest.fixture
def settings(tmp_path: Path):
    return load_settings(write_workspace(tmp_path / "ws"))


def test_every_default_template_has_its_pair_and_renders(settings) -> None:
    names = {path.stem for path in DEFAULT_LETTERS.glob("*.txt") if not path.stem.startswith("_")}
    assert names == set(CONTEXTS)
    renderer = LetterRenderer(settings, TODAY)
    for name in names:
        rendered = renderer.render(_letter(name))
        assert rendered.subject and "\n" not in rendered.subject and "{{" not in rendered.text
        assert rendered.html.startswith("<!DOCTYPE html>") and 'lang="lt"' in rendered.html
        assert settings.institution.name in rendered.text and settings.institution.name in rendered.html
        assert "\n\n\n" not in rendered.text, name


def test_user_text_is_escaped_in_html_and_never_breaks_a_header(settings) -> None:
    hostile = "Biblioteka <script>alert(1)</script> & Co\nBcc: visi@example.lt"
    renderer = LetterRenderer(settings, TODAY)
    rendered = renderer.render(_letter("klaidos", biblioteka=hostile))
    assert "<script>" not in rendered.html and "&lt;script&gt;" in rendered.html and "&amp; Co" in rendered.html
    assert "\n" not in rendered.subject and "<script>alert(1)</script>" in rendered.text
    message = compose(settings, _letter("klaidos", biblioteka=hostile), rendered, dt.datetime(2026, 2, 5, 2, 0))
    assert message["Bcc"] is None and "Bcc: visi" in message["Subject"]


def test_the_workspace_copy_wins(settings) -> None:
    folder = settings.workspace / "sablonai" / "laiskai"
    folder.mkdir(parents=True)
    (folder / "klaidu_neliko.txt").write_text("Tema: Puiku, {{ biblioteka }}!\nViskas gerai.\n", encoding="utf-8")
    rendered = LetterRenderer(settings, TODAY).render(_letter("klaidu_neliko"))
    assert rendered.subject == "Puiku, Biblioteka!" and rendered.text == "Viskas gerai.\n"
    assert "ačiū, kad pataisėte" in rendered.html  # the HTML part was not edited: the default is used


@pytest.mark.parametrize("broken", ["Tema: {{ biblioteka \nTekstas\n", "Sveiki\n", "Tema: {{ bibliotka }}\nx\n"])
def test_a_broken_copy_is_reported_and_the_default_used(settings, broken: str,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    folder = settings.workspace / "sablonai" / "laiskai"
    folder.mkdir(parents=True)
    (folder / "klaidu_neliko.txt").write_text(broken, encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="automations"):
        rendered = LetterRenderer(settings, TODAY).render(_letter("klaidu_neliko"))
    assert rendered.subject == "Ačiū, klaidų neliko – Biblioteka"
    assert "klaidu_neliko" in caplog.text and "default template is used" in caplog.text


@given(st.lists(st.from_regex(r"[a-z][a-z0-9.]{0,8}@[a-z]{1,8}\.(lt|com|eu)", fullmatch=True), min_size=1,
                max_size=4), st.sampled_from([", ", "; ", " ", "\n", " ;"]))
def test_a_cell_of_several_addresses_splits_into_each(found: list[str], separator: str) -> None:
    cell = separator.join(found)
    assert split_addresses(cell)[1] == []
    assert addresses(cell) == list(dict.fromkeys(found))


@pytest.mark.parametrize("cell", ["info(at)biblioteka.lt", "biblioteka@mokykla", "@x.lt", "vardas pavarde"])
def test_what_is_not_an_address_is_set_aside(cell: str) -> None:
    assert addresses(cell) == [] and split_addresses(cell)[1]


@pytest.mark.parametrize(("cell", "usable", "wrong"), [
    ("Biblioteka <info@panrvb.lt>", ["info@panrvb.lt"], []),
    ("info@panrvb.lt; direktore(at)panrvb.lt", ["info@panrvb.lt"], ["direktore(at)panrvb.lt"]),
    ("info@panrvb.lt; direktore@panrvb", ["info@panrvb.lt"], ["direktore@panrvb"]),
    ("(Info@PANRVB.LT).", ["Info@panrvb.lt"], []),
    ("nėra", [], ["nėra"]),
])
def test_labels_beside_an_address_are_no_mistake(cell: str, usable: list[str], wrong: list[str]) -> None:
    from sheets_schema.contacts import mistyped

    assert addresses(cell) == usable and mistyped(cell) == wrong
