"""Templates of the qualification job: the training schedule, the certificate, the draft training plan."""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from templates.build import heading, new_document, paragraph, save, title_block


def build(folder: Path) -> list[Path]:
    return [schedule(folder), certificate(folder), training_plan(folder)]


def schedule(folder: Path) -> Path:
    document = new_document(landscape=True)
    title_block(document, "Kvalifikacijos tobulinimo renginių grafikas", "{{ ketvirtis }}")
    paragraph(document, "Teritorijos bibliotekų darbuotojus kviečiame tobulinti kvalifikaciją {{ istaiga.short_name }} "
                        "organizuojamuose renginiuose. Registruotis galima, kol yra laisvų vietų; nuotolinių "
                        "renginių nuorodos siunčiamos užsiregistravusiems.")
    heading(document, "Ateinančio ketvirčio renginiai")
    paragraph(document, "{%p if ateinantys %}")
    paragraph(document, "{{p lentele_ketvirtis }}")
    paragraph(document, "{%p else %}")
    paragraph(document, "Renginių šiam ketvirčiui dar nesuplanuota.", italic=True)
    paragraph(document, "{%p endif %}")
    heading(document, "{{ metai }} m. renginiai")
    paragraph(document, "{{p lentele_metai }}")
    paragraph(document, "Trukmė nurodoma akademinėmis valandomis (1 akad. val. = 45 min). Grafiką kalendoriuje galima "
                        "prenumeruoti (failas „{{ kalendorius }}“).", italic=True, size=9)
    paragraph(document, "{{ istaiga.short_name }} Regiono bibliotekų strateginės plėtros skyrius, {{ istaiga.email }}",
              italic=True, size=9)
    return save(document, "mokymu_grafikas", folder)


def _page_border(document) -> None:
    """A double frame around the page: the look of a printed certificate."""
    section = document.sections[0]
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for side in ("top", "left", "bottom", "right"):
        border = OxmlElement(f"w:{side}")
        for key, value in (("val", "double"), ("sz", "18"), ("space", "24"), ("color", "1F4E79")):
            border.set(qn(f"w:{key}"), value)
        borders.append(border)
    section._sectPr.append(borders)


def certificate(folder: Path) -> Path:
    document = new_document(landscape=True, page_numbers=False)  # one page: no page number
    section = document.sections[0]
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)
    section.left_margin = section.right_margin = Mm(30)
    _page_border(document)
    section.header.paragraphs[0].text = ""  # the institution is named in the body
    paragraph(document, "{{ istaiga.name }}", bold=True, size=12, center=True)
    paragraph(document, "")
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("PAŽYMĖJIMAS")
    run.bold, run.font.size, run.font.color.rgb = True, Pt(32), RGBColor(0x1F, 0x4E, 0x79)
    paragraph(document, "Nr. {{ numeris }}", size=12, center=True)
    paragraph(document, "")
    paragraph(document, "{{ vardas }}", bold=True, size=24, center=True)
    paragraph(document, "{{ biblioteka }}", italic=True, size=12, center=True)
    paragraph(document, "")
    paragraph(document, "dalyvavo kvalifikacijos tobulinimo {{ forma_vietininkas }}", size=13, center=True)
    paragraph(document, "„{{ pavadinimas }}“", bold=True, size=16, center=True)
    paragraph(document, "{{ datos }}{% if vieta %}, {{ vieta }}{% endif %}", size=12, center=True)
    paragraph(document, "ir {{ valandos }}", size=13, center=True)
    paragraph(document, "Organizatorius – {{ organizatorius or istaiga.name }}. Kompetencijų sritis: {{ sritis }}."
                        "{% if lektorius %} {{ lektorius_vaidmuo }}: {{ lektorius }}.{% endif %}",
              italic=True, size=10, center=True)
    paragraph(document, "")
    paragraph(document, "")
    paragraph(document, "{{ istaiga.director_title }} {{ istaiga.director }}\t\t\t\t\t______________________",
              size=11)
    paragraph(document, "Panevėžys, {{ isduota|data }}", size=10)
    return save(document, "pazymejimas", folder)


def training_plan(folder: Path) -> Path:
    document = new_document()
    title_block(document, "Kvalifikacijos tobulinimo poreikių analizė", "ir {{ kiti_metai }} m. mokymų plano projektas")
    heading(document, "1. Apklausa")
    paragraph(document, "{{ santrauka }}")
    heading(document, "2. Poreikiai pagal kompetencijų sritis")
    paragraph(document, "Sritys surikiuotos pagal svertinį balą: pirmo prioriteto pasirinkimas – 3 balai, antro – 2, "
                        "trečio arba nenurodyto – 1.", italic=True, size=9)
    paragraph(document, "{{p reitingas }}")
    paragraph(document, "{{ grafikas }}", center=True)
    heading(document, "3. Pagal bibliotekų tipą")
    paragraph(document, "{{p pagal_tipa }}")
    heading(document, "4. Pageidaujamas ketvirtis")
    paragraph(document, "{{p pagal_ketvirti }}")
    heading(document, "5. {{ kiti_metai }} m. mokymų plano projektas")
    paragraph(document, "Labiausiai pageidaujamos sritys paskirstytos į ketvirčius pagal dažniausiai nurodytą "
                        "ketvirtį (ne daugiau kaip {{ per_ketvirti|kiekis('renginys', 'renginiai', 'renginių') }} per "
                        "ketvirtį). "
                        "Stulpelis „Šiemet“ rodo, kiek tos srities mokymų jau įvyko {{ metai }} m.",
              italic=True, size=9)
    paragraph(document, "{{p planas }}")
    paragraph(document, "Projektas aptariamas skyriuje ir tikslinamas sudarant metinį veiklos planą.", italic=True,
              size=9)
    return save(document, "mokymu_planas", folder)
