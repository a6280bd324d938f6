"""Word tables filled by a template loop: a header row, then one row per item of a list in the context.

A ``{%tr for … %}`` row costs the renderer nothing, unlike a table built from data for each
document, so documents made by the dozen (a page per library, a protocol per meeting) use these.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt


def loop_table(document, headers: list[str], fields: list[str], loop: str, widths_mm: list[float],
               numeric_from: int = 1) -> None:
    """A table whose rows come from a template loop (``{%tr for … %}``): cheaper to fill than a built table."""
    table = document.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    for index, header in enumerate(headers):
        run = table.rows[0].cells[index].paragraphs[0].add_run(header)
        run.bold, run.font.size = True, Pt(9)
        cell = table.rows[2].cells[index].paragraphs[0]
        cell.add_run("{{ " + fields[index] + " }}").font.size = Pt(9)
        if index >= numeric_from:
            cell.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for " + loop + " %}")
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    table.autofit = False  # Word reads the cell widths, LibreOffice the table grid: set both
    for column, width in zip(table.columns, widths_mm, strict=False):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)
