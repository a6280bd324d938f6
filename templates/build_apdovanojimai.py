"""Templates of the awards job: the results protocol and a winner's diploma."""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from templates.build import heading, new_document, paragraph, save
from templates.build_kvalifikacija import _page_border as page_border
from templates.tables import loop_table


def build(folder: Path) -> list[Path]:
    return [protocol(folder), diploma(folder)]


def protocol(folder: Path) -> Path:
    document = new_document(landscape=True)
    paragraph(document, "{{ istaiga.name|upper }}", bold=True, size=11, center=True)
    paragraph(document, "{{ konkursas|upper }}", bold=True, size=12, center=True)
    paragraph(document, "VERTINIMO KOMISIJOS REZULTATŲ PROTOKOLAS", bold=True, size=14, center=True)
    paragraph(document, "{{ siandien|data }}", center=True)
    paragraph(document, "Panevėžys", center=True)
    heading(document, "1. Vertinimo komisija", 2)
    loop_table(document, ["Vardas, pavardė", "Biblioteka", "Vaidmuo"], ["v.vardas", "v.biblioteka", "v.vaidmuo"],
               "v in komisija", [60, 120, 30], numeric_from=3)
    heading(document, "2. Vertinimo tvarka", 2)
    paragraph(document, "Nominacijų pateikta iki {{ nominaciju_terminas|data }}; kandidatų – {{ kandidatu }} "
                        "(tas pats kandidatas toje pačioje kategorijoje vertintas vieną kartą); vertinimo terminas – "
                        "{{ vertinimo_terminas|data }}")
    paragraph(document, "Kiekvienas komisijos narys vertino kandidatus pagal kriterijus. Kriterijaus rezultatas – "
                        "vertinusiųjų narių balų vidurkis, padaugintas iš kriterijaus svorio; bendras balas – šių "
                        "rezultatų suma. Narys nevertino kandidatų iš savo bibliotekos; tokie balai į rezultatus "
                        "neįskaičiuoti (interesų konfliktas). Kategorijoje laimi {{ laimetoju_sk }} geriausiai "
                        "įvertinti (-as) kandidatai; lygūs balai rodomi.")
    loop_table(document, ["Kriterijus", "Svoris", "Balai"], ["k.kriterijus", "k.svoris", "k.balai"],
               "k in kriterijai", [110, 25, 30])
    heading(document, "3. Rezultatai", 2)
    paragraph(document, "{%p for k in kategorijos %}")
    paragraph(document, "{{ k.kategorija }}", bold=True)
    paragraph(document, "{{p k.lentele }}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "Stulpeliuose prie kriterijų – svertinis rezultatas (vidurkis × svoris).", italic=True, size=9)
    paragraph(document, "{%p if lygus %}")
    paragraph(document, "Lygūs balai: {{ lygus|join('; ') }}.", bold=True)
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p if konfliktai %}")
    paragraph(document, "Neįskaičiuoti balai (interesų konfliktas): {{ konfliktai|join('; ') }}.", size=9)
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p if truksta %}")
    paragraph(document, "Iki termino nepateikti vertinimai: {{ truksta|join('; ') }}.", size=9)
    paragraph(document, "{%p endif %}")
    heading(document, "4. Laimėtojai", 2)
    paragraph(document, "{%p for l in laimetojai %}")
    paragraph(document, "{{ l }}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p if apdovanojimo_data %}")
    paragraph(document, "Apdovanojimų įteikimo data – {{ apdovanojimo_data|data }}")
    paragraph(document, "{%p endif %}")
    paragraph(document, "")
    paragraph(document, "{%p for v in komisija %}")
    paragraph(document, "{{ v.vaidmuo|capitalize }}\t\t______________\t\t{{ v.vardas }}")
    paragraph(document, "{%p endfor %}")
    return save(document, "apdovanojimai_protokolas", folder)


def diploma(folder: Path) -> Path:
    document = new_document(landscape=True)
    section = document.sections[0]
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)
    section.left_margin = section.right_margin = Mm(30)
    page_border(document)
    section.header.paragraphs[0].text = ""
    paragraph(document, "{{ istaiga.name }}", bold=True, size=12, center=True)
    paragraph(document, "")
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("DIPLOMAS")
    run.bold, run.font.size, run.font.color.rgb = True, Pt(34), RGBColor(0x7F, 0x60, 0x00)
    paragraph(document, "Nr. {{ numeris }}", size=12, center=True)
    paragraph(document, "")
    paragraph(document, "{{ kandidatas }}", bold=True, size=24, center=True)
    paragraph(document, "{% if kandidatas != biblioteka %}{{ biblioteka }}{% endif %}", italic=True, size=12,
              center=True)
    paragraph(document, "")
    paragraph(document, "konkurso „{{ konkursas }}“ laimėtojas (-a)", size=14, center=True)
    paragraph(document, "nominacijoje „{{ kategorija }}“", bold=True, size=16, center=True)
    paragraph(document, "")
    paragraph(document, "")
    paragraph(document, "{{ istaiga.director }}\t\t\t\t\t______________________", size=11)
    paragraph(document, "Panevėžys, {{ data|data }}", size=10)
    return save(document, "apdovanojimai_diplomas", folder)
