"""Templates of the annual activity plan and its execution (`veiklos_planas.docx`, `veiklos_plano_vykdymas.docx`)."""

from __future__ import annotations

from pathlib import Path

from templates.build import approval_block, heading, new_document, paragraph, save


def _goals(document) -> None:
    """Goal → task → a table of measures, numbered 1., 1.1., 1.1.1."""
    paragraph(document, "{%p for tikslas in tikslai %}")
    heading(document, "{{ tikslas.nr }} tikslas. {{ tikslas.pavadinimas }}", 1)
    paragraph(document, "{%p for uzdavinys in tikslas.uzdaviniai %}")
    heading(document, "{{ uzdavinys.nr }} uždavinys. {{ uzdavinys.pavadinimas }}", 2)
    paragraph(document, "{{p uzdavinys.lentele }}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p endfor %}")


def build(folder: Path) -> list[Path]:
    document = new_document(landscape=True)
    approval_block(document, "patvirtinimas")
    paragraph(document, "{{ istaiga.name|upper }}", bold=True, size=13, center=True)
    paragraph(document, "{{ metai }} METŲ VEIKLOS PLANAS", bold=True, size=14, center=True)
    paragraph(document, "{% if not patvirtinimas %}Projektas, parengtas {{ siandien|data }}{% endif %}", italic=True,
              center=True)
    paragraph(document, "Priemonių – {{ priemoniu_sk }}; numatytos lėšos iš viso – {{ lesos }}.", italic=True)
    _goals(document)
    paragraph(document, "Terminas – ketvirtis, iki kurio pabaigos priemonė turi būti įvykdyta. Bazinė reikšmė – "
                        "pradinė rodiklio reikšmė (automatiniams rodikliams – ankstesnių metų apskaičiuota).",
              italic=True, size=9)
    plan = save(document, "veiklos_planas", folder)

    document = new_document(landscape=True)
    paragraph(document, "{{ istaiga.name|upper }}", bold=True, size=13, center=True)
    paragraph(document, "{{ metai }} METŲ VEIKLOS PLANO VYKDYMAS", bold=True, size=14, center=True)
    paragraph(document, "Būklė {{ siandien|data }}", center=True)
    heading(document, "Santrauka")
    paragraph(document, "Priemonių plane – {{ priemoniu_sk }}; pasibaigusių ketvirčių – {{ ketvirciai }}.")
    paragraph(document, "{{p busenos }}")
    paragraph(document, "Tikėtina dalis: ketvirčio priemonė turi būti įvykdyta tam ketvirčiui pasibaigus; visų metų "
                        "priemonė – po 25 proc. už kiekvieną pasibaigusį ketvirtį. Automatiniai rodikliai "
                        "apskaičiuojami iš kitų lentelių (šaltiniai – skaičiuoklėje).", italic=True, size=9)
    _goals(document)
    heading(document, "Atsiliekančios priemonės ir priežastys")
    paragraph(document, "{%p for priezastis in atsilieka %}")
    paragraph(document, "• {{ priezastis }}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p if not atsilieka %}")
    paragraph(document, "Atsiliekančių priemonių nėra.", italic=True)
    paragraph(document, "{%p endif %}")
    execution = save(document, "veiklos_plano_vykdymas", folder)
    return [plan, execution]
