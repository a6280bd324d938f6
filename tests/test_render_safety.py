"""User text in generated documents and file names: escaped, never executed, never a path."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from communication_support import frame_of
from docx import Document
from hypothesis import given
from hypothesis import strategies as st

from automations.lt import safe_filename
from automations.periods import month
from automations.render.docx import DocTable, render_docx, template_path
from jobs.renginiu_programa import programme_context
from sheets_schema.renginiai import Paroda, Renginys

HOSTILE = "Rock & <Roll> </w:t></w:r> {{ istaiga }} {% if x %} „Ąčęėįšųūž“ 'x' \"y\""


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))  # opening it at all proves the XML survived
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_markup_and_template_tags_in_user_text_arrive_as_plain_text() -> None:
    events = frame_of(Renginys, [{
        "Data": "2026-12-03", "Pradžia": "17:30", "Pabaiga": "19:00", "Pavadinimas": HOSTILE, "Tipas": "paskaita",
        "Forma": "kontaktinis", "Vieta": "Salė <b>", "Organizatorius": "Komunikacijos skyrius",
        "Tikslinė grupė": "suaugusieji", "Būsena": "planuojamas", "Partneriai": "A & B"}])
    exhibitions = frame_of(Paroda, [])
    context = programme_context(events, exhibitions, month(2026, 12))
    text = _text(render_docx(template_path("renginiu_programa"), {**context, "istaiga": {"name": "PAVB"},
                                                                   "siandien": dt.date(2026, 11, 22)}))
    assert HOSTILE in text and "Salė <b>" in text and "A & B" in text


def test_table_cells_and_filters_keep_user_text_as_it_was_typed(tmp_path: Path) -> None:
    template = Document()
    template.add_paragraph("Pavadinimas: {{ pavadinimas }}; suma: {{ suma|eur }}")
    template.add_paragraph("{{p lentele }}")
    template.save(tmp_path / "bandymas.docx")
    table = DocTable(["Pavadinimas", "Kiekis"], [[HOSTILE, "1\u00a0234"]], numeric={1})
    text = _text(render_docx(tmp_path / "bandymas.docx", {"pavadinimas": HOSTILE, "suma": 1234.5, "lentele": table}))
    assert f"Pavadinimas: {HOSTILE}; suma: 1\u00a0234,50 Eur" in text
    assert HOSTILE in text.split("\n", 1)[1]  # the table cell, apart from the paragraph


@given(st.text(max_size=300))
def test_file_names_from_user_text_are_safe_everywhere(text: str) -> None:
    name = safe_filename(text)
    assert name and len(name) <= 120
    assert not set(name) & set('\\/:*?"<>|') and all(ord(c) >= 32 and c != "\x7f" for c in name)
    assert not name.startswith((" ", ".")) and not name.endswith((" ", "."))
    assert name.split(".")[0].strip().upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}


def test_file_names_keep_lithuanian_letters_and_refuse_devices() -> None:
    assert safe_filename("Aldona Baranauskaitė / Šiaulių r.") == "Aldona Baranauskaitė Šiaulių r"
    assert safe_filename("../../etc/passwd") == "etc passwd"
    assert safe_filename("nul") == "_nul" and safe_filename("COM1.docx") == "_COM1.docx"
    assert safe_filename("  ...  ") == "be pavadinimo"
