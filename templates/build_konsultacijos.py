"""Template of the consultations summary (`konsultacijos.docx`)."""

from __future__ import annotations

from pathlib import Path

from templates.build import heading, new_document, paragraph, save, title_block


def build(folder: Path) -> list[Path]:
    document = new_document()
    title_block(document, "Metodinių konsultacijų suvestinė", "{{ metai }} m.")
    heading(document, "1. Santrauka")
    paragraph(document, "{{ santrauka }}")
    paragraph(document, "{{ grafikas }}", center=True)
    heading(document, "2. Pagal savivaldybes")
    paragraph(document, "{{p savivaldybes }}")
    heading(document, "3. Pagal temas")
    paragraph(document, "{{p temos }}")
    heading(document, "4. Pagal konsultavimo būdą")
    paragraph(document, "{{p budai }}")
    heading(document, "5. Pagal mėnesius")
    paragraph(document, "{{p menesiai }}")
    heading(document, "6. Bibliotekos, negavusios konsultacijų")
    paragraph(document, "{%p for biblioteka in be_konsultaciju %}")
    paragraph(document, "• {{ biblioteka }}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p if not be_konsultaciju %}")
    paragraph(document, "Konsultuotos visos aktyvios teritorijos bibliotekos.")
    paragraph(document, "{%p endif %}")
    paragraph(document, "Išsami suvestinė pagal bibliotekas – skaičiuoklėje „Konsultacijos {{ metai }}.xlsx“.",
              italic=True, size=9)
    paragraph(document, "{{ istaiga.short_name }} Regiono bibliotekų strateginės plėtros skyrius", italic=True, size=9)
    return [save(document, "konsultacijos", folder)]
