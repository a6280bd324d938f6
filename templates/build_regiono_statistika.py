"""Template of the regional statistics analysis (`regiono_statistika.docx`)."""

from __future__ import annotations

from pathlib import Path

from templates.build import heading, new_document, paragraph, save, title_block


def build(folder: Path) -> list[Path]:
    document = new_document()
    title_block(document, "Regiono bibliotekų statistikos analizė", "{{ metai }} m.")
    heading(document, "1. Pagrindiniai rodikliai")
    paragraph(document, "{{ santrauka }}")
    paragraph(document, "{{p rodikliai }}")
    paragraph(document, "{{ palyginimas }}", italic=True, size=9)
    paragraph(document, "{%p for pastaba in tikrinami %}")
    paragraph(document, "{{ pastaba }}", italic=True, size=9)
    paragraph(document, "{%p endfor %}")
    heading(document, "2. Savivaldybės")
    paragraph(document, "{{p savivaldybes }}")
    paragraph(document, "{{ grafikas }}", center=True)
    heading(document, "3. Didžiausi pokyčiai")
    paragraph(document, "Didžiausi augimai", bold=True)
    paragraph(document, "{{p augimai }}")
    paragraph(document, "Didžiausi sumažėjimai", bold=True)
    paragraph(document, "{{p kritimai }}")
    heading(document, "4. Ataskaitų būsena")
    paragraph(document, "Ataskaitos nepateikė:", bold=True)
    paragraph(document, "{%p for biblioteka in nepateike %}")
    paragraph(document, "• {{ biblioteka }}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p if not nepateike %}")
    paragraph(document, "Ataskaitas pateikė visos bibliotekos.")
    paragraph(document, "{%p endif %}")
    paragraph(document, "Ataskaitose tebėra klaidų (jos neįtrauktos į sumas):", bold=True)
    paragraph(document, "{%p for biblioteka in su_klaidomis %}")
    paragraph(document, "• {{ biblioteka }}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p if not su_klaidomis %}")
    paragraph(document, "Klaidų neliko.")
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p if su_ispejimais %}")
    paragraph(document, "Neįprasti, nepaaiškinti skaičiai (įspėjimai): įtartini skaičiai į sumas neįtraukti, kol "
                        "biblioteka jų nepaaiškins ar nepataisys:", bold=True)
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p for biblioteka in su_ispejimais %}")
    paragraph(document, "• {{ biblioteka }}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "")
    paragraph(document, "{{ istaiga.short_name }} Regiono bibliotekų strateginės plėtros skyrius", italic=True, size=9)
    return [save(document, "regiono_statistika", folder)]
