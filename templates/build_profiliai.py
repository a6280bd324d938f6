"""Template of a library's (or a municipality's) profile (`profiliai.docx`): one or two pages."""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from templates.build import heading, new_document, paragraph, save

HEADERS = ("Rodiklis", "{{ metai }} m.", "Pokytis per metus, proc.", "Pokytis nuo {{ pradzia }} m., proc.",
           "Grupės mediana", "Grupės Q1–Q3", "Vieta", "Ketvirtis")
WIDTHS_MM = (42, 20, 15, 19, 17, 26, 15, 16)  # 170 mm: the page between its margins
LEFT_ALIGNED = {0, 7}


def indicator_table(document: DocumentType) -> None:
    """The indicators table, drawn by the template itself: a header row repeated on a new page, then one row per
    indicator (``{%tr for %}``). A hundred and more profiles a night: rows from a loop cost a fraction of building
    each table cell by cell."""
    table = document.add_table(rows=4, cols=len(HEADERS))
    table.style = "Table Grid"
    table.autofit = False
    header = table.rows[0]
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(flag)
    cells = [list(header.cells), [table.rows[1].cells[0]], list(table.rows[2].cells), [table.rows[3].cells[0]]]
    texts = [HEADERS, ("{%tr for eilute in rodikliai %}",),
             tuple(f"{{{{ eilute[{index}] }}}}" for index in range(len(HEADERS))), ("{%tr endfor %}",)]
    for row_cells, row_texts, bold in zip(cells, texts, (True, False, False, False), strict=True):
        for index, (cell, text) in enumerate(zip(row_cells, row_texts, strict=False)):
            run = cell.paragraphs[0].add_run(text)
            run.bold = bold
            run.font.size = Pt(8.5)
            if index not in LEFT_ALIGNED and bold is False and len(row_cells) > 1:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS_MM, strict=True):
            cell.width = Mm(width)
    for column, width in zip(table.columns, WIDTHS_MM, strict=True):
        column.width = Mm(width)


def item(document: DocumentType, text: str, *, size: float = 9, italic: bool = False, bold: bool = False) -> None:
    """A paragraph of a list or a note: close to its neighbours, so a profile stays within two pages."""
    paragraph(document, text, size=size, italic=italic, bold=bold)
    spacing = document.paragraphs[-1].paragraph_format
    spacing.space_before, spacing.space_after = Pt(0), Pt(2)


def build(folder: Path) -> list[Path]:
    document = new_document()
    paragraph(document, "{{ antraste }}, {{ metai }} m.", bold=True, size=15)
    paragraph(document, "{{ pavadinimas }}", bold=True, size=13)
    item(document, "{{ apie }}", size=9.5)
    item(document, "El. paštas: {{ el_pastas }}", size=9.5)
    paragraph(document, "Parengta {{ siandien|data }} · {{ istaiga.short_name }} Regiono bibliotekų strateginės "
                        "plėtros skyrius", italic=True, size=8.5)
    paragraph(document, "{%p if pateikta %}")
    paragraph(document, "{%p for eilute in sudetis %}")
    item(document, "{{ eilute }}")
    paragraph(document, "{%p endfor %}")
    heading(document, "Rodikliai tarp panašių bibliotekų", level=2)
    item(document, "{{ grupe }}", size=9.5)
    indicator_table(document)
    paragraph(document, "{%p for pastaba in tikrinami %}")
    item(document, "{{ pastaba }}", italic=True, size=8)
    paragraph(document, "{%p endfor %}")
    heading(document, "Penkerių metų pokyčiai", level=2)
    paragraph(document, "{{ grafikas }}", center=True)
    item(document, "{{ grafiko_pastaba }}", italic=True, size=8)
    heading(document, "Į ką atkreipti dėmesį", level=2)
    item(document, "{{ demesio_ivadas }}")
    paragraph(document, "{%p for eilute in demesio %}")
    item(document, "• {{ eilute }}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p if ispejimai %}")
    item(document, "Neištaisyti įspėjimai (paaiškinkite arba pataisykite):", bold=True)
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p for eilute in ispejimai %}")
    item(document, "• {{ eilute }}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p if paaiskinimai %}")
    item(document, "Bibliotekos paaiškinimai:", bold=True)
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p for eilute in paaiskinimai %}")
    item(document, "• {{ eilute }}")
    paragraph(document, "{%p endfor %}")
    item(document, "{{ paaiskinimas }}", italic=True, size=8)
    paragraph(document, "{%p else %}")
    paragraph(document, "{{ nepateikta }}", bold=True)
    paragraph(document, "{%p endif %}")
    return [save(document, "profiliai", folder)]
