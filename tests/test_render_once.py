"""A template prepared once renders the very bytes the general path renders, and follows edits."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document

import automations.job as job_module
from automations.render import render_once
from automations.render.charts import sparklines
from automations.render.docx import DEFAULT_TEMPLATES, DocImage, DocTable, render_docx
from automations.render.render_once import prepared

HOSTILE = "Rock & <Roll> </w:t></w:r> {{ x }} „Ąčęėįšųūž“\nantra eilutė\tstulpelis"
PROPERTIES = {"author": "Panevėžio apskrities Gabrielės Petkevičaitės-Bitės viešoji biblioteka",
              "title": "Pažymėjimas PAVB-KT-2026-0007", "created": dt.date(2026, 3, 5),
              "modified": dt.date(2026, 3, 5), "language": "lt-LT", "identifier": "PAVB-KT-2026-0007"}


def _general(template: Path, context: dict, properties: dict, monkeypatch: pytest.MonkeyPatch) -> bytes:
    with monkeypatch.context() as patch:
        patch.setattr(render_once, "prepared", lambda _: None)
        return render_docx(template, context, properties)


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    return "\n".join([p.text for p in document.paragraphs]
                     + [cell.text for table in document.tables for row in table.rows for cell in row.cells])


def test_the_demo_documents_render_to_the_same_bytes_both_ways(demo_workspace: Path, run_job,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Certificates, rental papers, diplomas, invitations and protocols of the demo, each compared."""
    compared: dict[str, int] = {}

    def both_ways(template: Path, context: dict, properties: dict | None = None) -> bytes:
        once = render_docx(template, context, properties)
        assert once == _general(template, context, properties or {}, monkeypatch), template.name
        compared[template.stem] = compared.get(template.stem, 0) + 1
        return once

    monkeypatch.setattr(job_module, "render_docx", both_ways)
    for job in ("kvalifikacija", "nuoma", "apdovanojimai", "komisijos"):
        run_job(demo_workspace, job)
    assert {"pazymejimas", "nuomos_sutartis", "nuomos_saskaita", "pvm_saskaita", "panaudos_sutartis",
            "apdovanojimai_diplomas", "komisijos_kvietimas"} <= set(compared)
    assert compared["pazymejimas"] > 20
    assert prepared(DEFAULT_TEMPLATES / "pazymejimas.docx") is not None
    assert prepared(DEFAULT_TEMPLATES / "metine_ataskaita.docx") is None  # its contents per document


def test_user_text_arrives_as_text_with_its_line_breaks() -> None:
    template = DEFAULT_TEMPLATES / "pazymejimas.docx"
    institution = {"name": "PAVB", "short_name": "PAVB", "director": "Vida Bukauskienė", "director_title": "Direktorė"}
    content = render_docx(template, {"vardas": HOSTILE, "numeris": "PAVB-KT-2026-0007", "istaiga": institution,
                                     "isduota": dt.date(2026, 3, 5), "pavadinimas": "Skaitmeninis raštingumas"},
                          PROPERTIES)
    text = _text(content)
    assert "Rock & <Roll> </w:t></w:r> {{ x }} „Ąčęėįšųūž“" in text and "antra eilutė" in text
    assert "PAVB-KT-2026-0007" in text
    document = Document(io.BytesIO(content))
    assert document.core_properties.title == "Pažymėjimas PAVB-KT-2026-0007"
    assert document.core_properties.created.date() == dt.date(2026, 3, 5)
    assert zipfile.ZipFile(io.BytesIO(content)).testzip() is None


def test_an_edited_template_is_prepared_again(tmp_path: Path) -> None:
    template = tmp_path / "pazymejimas.docx"
    shutil.copy(DEFAULT_TEMPLATES / "pazymejimas.docx", template)
    context = {"vardas": "Ona Onaitė", "istaiga": {"name": "PAVB"}, "isduota": dt.date(2026, 3, 5)}
    first = render_docx(template, context, PROPERTIES)
    edited = Document(str(template))
    edited.add_paragraph("Pastaba, įrašyta Word'e: {{ vardas }} dalyvavo.")
    edited.save(str(template))
    stat = template.stat()
    os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = render_docx(template, context, PROPERTIES)
    assert "Pastaba, įrašyta Word'e: Ona Onaitė dalyvavo." in _text(second)
    assert "Pastaba" not in _text(first)


def test_generated_tables_arrive_the_same_both_ways(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    template = tmp_path / "lentele.docx"
    document = Document()
    document.add_paragraph("{{ vardas }}")
    document.add_paragraph("{{p lentele }}")
    document.save(str(template))
    context = {"vardas": "Ona Onaitė",
               "lentele": DocTable(["Tema", "Konsultacijos"], [["Skaitmeninimas", "12"]], numeric={1})}
    content = render_docx(template, context, PROPERTIES)
    assert content == _general(template, context, PROPERTIES, monkeypatch)
    assert "Skaitmeninimas" in _text(content) and "Ona Onaitė" in _text(content)


def _chart(title: str, values: list[float]) -> DocImage:
    return DocImage(sparklines([(title, ["2025", "2026"], values)]), 120)


def test_pictures_arrive_the_same_both_ways_each_image_stored_once(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Charts placed as python-docx places them: the first free rId and image number, the png content type,
    media after the body's parts; the same chart twice is one image shown twice."""
    template = tmp_path / "grafikai.docx"
    shutil.copy(DEFAULT_TEMPLATES / "pazymejimas.docx", template)
    edited = Document(str(template))
    edited.add_paragraph("{{ pirmas }} ir {{ antras }}, ir vėl {{ pirmas }}")
    edited.save(str(template))
    context = {"vardas": "Ona Onaitė", "istaiga": {"name": "PAVB"}, "isduota": dt.date(2026, 3, 5),
               "pirmas": _chart("Išduotis", [1, 2]), "antras": _chart("Vartotojai", [3, 2])}
    content = render_docx(template, context, PROPERTIES)
    assert content == _general(template, context, PROPERTIES, monkeypatch)
    document = Document(io.BytesIO(content))
    shown = [shape._inline.graphic.graphicData.pic.blipFill.blip.embed for shape in document.inline_shapes]
    assert len(shown) == 3 and shown[0] == shown[2] != shown[1]
    images = [name for name in zipfile.ZipFile(io.BytesIO(content)).namelist() if name.startswith("word/media/")]
    assert images == ["word/media/image1.png", "word/media/image2.png"]
    assert document.part.related_parts[shown[1]].blob == context["antras"].png


def test_a_picture_in_the_footer_goes_the_general_way(tmp_path: Path) -> None:
    template = tmp_path / "porastė.docx"
    document = Document()
    document.add_paragraph("{{ vardas }}")
    document.sections[0].footer.paragraphs[0].text = "{{ logotipas }}"
    document.save(str(template))
    content = render_docx(template, {"vardas": "Ona", "logotipas": _chart("Logo", [1, 1])}, PROPERTIES)
    footer = Document(io.BytesIO(content)).sections[0].footer
    assert len(footer.part.rels) == 1 and next(iter(footer.part.rels.values())).reltype.endswith("/image")
