"""Template of the short communication report (`viesinimas.docx`): the last month and the year so far."""

from __future__ import annotations

from pathlib import Path

from templates.build import heading, new_document, paragraph, save, title_block


def _period(document, key: str, number: str) -> None:
    heading(document, f"{number}. {{{{ {key}.pavadinimas }}}}")
    paragraph(document, f"Publikacijų: {{{{ {key}.publikacijos }}}} (iš jų žiniasklaidos iniciatyva – "
                        f"{{{{ {key}.ziniasklaidos }}}}); bendras pasiekiamumas – {{{{ {key}.pasiekiamumas }}}}, "
                        f"įsitraukimas – {{{{ {key}.isitraukimas }}}}.")
    paragraph(document, f"Turinio plano įrašų: {{{{ {key}.planuota }}}}; publikuota – {{{{ {key}.publikuota }}}}, "
                        f"atšaukta – {{{{ {key}.atsaukta }}}}; plano vykdymas – {{{{ {key}.vykdymas }}}}.")
    paragraph(document, "Publikacijos pagal kanalus", bold=True)
    paragraph(document, f"{{{{p {key}.kanalai }}}}")
    paragraph(document, f"{{{{ {key}.grafikas }}}}", center=True)
    paragraph(document, "Daugiausia viešinti renginiai", bold=True)
    paragraph(document, f"{{{{p {key}.renginiai }}}}")


def build(folder: Path) -> list[Path]:
    document = new_document()
    title_block(document, "Komunikacijos ataskaita", "{{ menuo.pavadinimas }}")
    _period(document, "menuo", "1")
    _period(document, "metai_iki_siol", "2")
    paragraph(document, "")
    paragraph(document, "{{ istaiga.short_name }} Komunikacijos skyrius", italic=True, size=9)
    return [save(document, "viesinimas", folder)]
