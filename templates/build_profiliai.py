"""Template of a library's (or a municipality's) profile (`profiliai.docx`): one or two pages."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from templates.build import heading, new_document, paragraph, save

INDICATORS = ("Rodiklis", "{{ metai }} m.", "Pokytis per metus, proc.", "Pokytis nuo {{ pradzia }} m., proc.",
              "Grupės mediana", "Grupės Q1–Q3", "Vieta", "Ketvirtis")
INDICATOR_WIDTHS_MM = (41, 19, 15, 18, 17, 29, 15, 16)  # 170 mm: the page between its margins
ATTENTION = ("Rodiklis", "Tarp panašių bibliotekų", "Pokytis per metus, proc.", "Pokytis nuo {{ pradzia }} m., proc.")
ATTENTION_WIDTHS_MM = (66, 48, 28, 28)
CELL_MARGIN_TWIPS = "57"  # 1 mm each side, so numbers stay on one line


def loop_table(document: DocumentType, headers: Sequence[str], widths_mm: Sequence[float], rows: str,
               left_aligned: set[int]) -> None:
    """A table drawn by the template itself: a header row repeated on a new page, then one row per item of
    ``rows`` (``{%tr for %}``). A hundred and more profiles a night: rows from a loop cost a fraction of building
    each table cell by cell, and staff can restyle the table in Word."""
    table = document.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), CELL_MARGIN_TWIPS)
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(flag)
    cells = [list(table.rows[0].cells), [table.rows[1].cells[0]], list(table.rows[2].cells), [table.rows[3].cells[0]]]
    texts = [headers, (f"{{%tr for eilute in {rows} %}}",),
             tuple(f"{{{{ eilute[{index}] }}}}" for index in range(len(headers))), ("{%tr endfor %}",)]
    for number, (row_cells, row_texts) in enumerate(zip(cells, texts, strict=True)):
        for index, (cell, text) in enumerate(zip(row_cells, row_texts, strict=False)):
            run = cell.paragraphs[0].add_run(text)
            run.bold = number == 0
            run.font.size = Pt(8.5)
            if number == 2 and index not in left_aligned:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)


def item(document: DocumentType, text: str, *, size: float = 9, italic: bool = False, bold: bool = False) -> None:
    """A paragraph of a list or a note: close to its neighbours, so a profile stays within two pages."""
    paragraph(document, text, size=size, italic=italic, bold=bold)
    spacing = document.paragraphs[-1].paragraph_format
    spacing.space_before, spacing.space_after = Pt(0), Pt(2)


def listing(document: DocumentType, name: str, title: str) -> None:
    """A bold title and a bulleted list, both only when the list has items."""
    paragraph(document, f"{{%p if {name} %}}")
    item(document, title, bold=True)
    paragraph(document, "{%p endif %}")
    paragraph(document, f"{{%p for eilute in {name} %}}")
    item(document, "• {{ eilute }}")
    paragraph(document, "{%p endfor %}")


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
    loop_table(document, INDICATORS, INDICATOR_WIDTHS_MM, "rodikliai", {0, 7})
    paragraph(document, "{%p for pastaba in pastabos %}")
    item(document, "{{ pastaba }}", italic=True, size=8)
    paragraph(document, "{%p endfor %}")
    heading(document, "Penkerių metų pokyčiai", level=2)
    paragraph(document, "{{ grafikas }}", center=True)
    item(document, "{{ grafiko_pastaba }}", italic=True, size=8)
    heading(document, "Į ką atkreipti dėmesį", level=2)
    item(document, "{{ demesio_ivadas }}")
    paragraph(document, "{%p if demesio %}")
    loop_table(document, ATTENTION, ATTENTION_WIDTHS_MM, "demesio", {0, 1})
    paragraph(document, "{%p endif %}")
    listing(document, "ispejimai", "Neištaisyti įspėjimai (paaiškinkite arba pataisykite):")
    listing(document, "paaiskinimai", "Bibliotekos paaiškinimai:")
    item(document, "{{ paaiskinimas }}", italic=True, size=8)
    paragraph(document, "{%p else %}")
    paragraph(document, "{{ nepateikta }}", bold=True)
    paragraph(document, "{%p endif %}")
    return [save(document, "profiliai", folder)]
