"""Template of the projects overview (`projektai.docx`): what is due comes first."""

from __future__ import annotations

from pathlib import Path

from templates.build import heading, new_document, paragraph, save, title_block


def build(folder: Path) -> list[Path]:
    document = new_document()
    title_block(document, "Projektų apžvalga")
    heading(document, "1. Artėjantys terminai")
    paragraph(document, "Ataskaitų terminai ir projektų pabaigos per {{ dienos|kiekis('artimiausią dieną', "
                        "'artimiausias dienas', 'artimiausių dienų') }}.", italic=True,
              size=9)
    paragraph(document, "{%p if terminu_sk %}")
    paragraph(document, "{{p terminai }}")
    paragraph(document, "{%p else %}")
    paragraph(document, "Per {{ dienos|kiekis('artimiausią dieną', 'artimiausias dienas', 'artimiausių dienų') }} "
                        "terminų nėra.")
    paragraph(document, "{%p endif %}")
    heading(document, "2. Biudžeto neatitikimai")
    paragraph(document, "{%p for eilute in neatitikimai %}")
    paragraph(document, "• {{ eilute }}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p if not neatitikimai %}")
    paragraph(document, "Visų projektų skirta suma ir nuosavas įnašas sutampa su biudžetu.")
    paragraph(document, "{%p endif %}")
    heading(document, "3. {{ metai }} m. projektai pagal būseną")
    paragraph(document, "{{p busenos }}")
    heading(document, "4. Pagal finansuotoją")
    paragraph(document, "{{p finansuotojai }}")
    paragraph(document, "{{ grafikas }}", center=True)
    heading(document, "5. Projektų sąrašas")
    paragraph(document, "{{p projektai }}")
    paragraph(document, "{{ istaiga.short_name }} Regiono bibliotekų strateginės plėtros skyrius", italic=True, size=9)
    return [save(document, "projektai", folder)]
