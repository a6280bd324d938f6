"""Templates of the commissions job: an invitation to a meeting, a protocol draft, the decision tracker."""

from __future__ import annotations

from pathlib import Path

from templates.build import heading, new_document, paragraph, save, title_block
from templates.tables import loop_table


def build(folder: Path) -> list[Path]:
    return [invitation(folder), protocol(folder), tracker(folder)]


def invitation(folder: Path) -> Path:
    document = new_document()
    paragraph(document, "{{ komisija|upper }}", bold=True, size=12, center=True)
    paragraph(document, "KVIETIMAS Į POSĖDĮ NR. {{ nr }}", bold=True, size=14, center=True)
    paragraph(document, "{{ siandien|data }}", center=True)
    paragraph(document, "")
    paragraph(document, "Kviečiame dalyvauti posėdyje, kuris vyks {{ data|data }}{% if laikas %} {{ laikas }} val."
                        "{% endif %}")
    paragraph(document, "Vieta / būdas: {{ vieta }}")
    heading(document, "Darbotvarkė", 2)
    paragraph(document, "{%p for klausimas in darbotvarke %}")
    paragraph(document, "{{ loop.index }}. {{ klausimas }}")
    paragraph(document, "{%p endfor %}")
    heading(document, "Kviečiami nariai", 2)
    loop_table(document, ["Vardas, pavardė", "Biblioteka", "Vaidmuo"], ["n.vardas", "n.biblioteka", "n.vaidmuo"],
               "n in nariai", [50, 90, 30], numeric_from=3)
    paragraph(document, "")
    paragraph(document, "Jei negalite dalyvauti, praneškite sekretoriui{% if sekretorius %} ({{ sekretorius }})"
                        "{% endif %}. Kvorumas – daugiau kaip pusė narių ({{ reikia }} iš {{ nariu }}).", italic=True,
              size=9)
    paragraph(document, "")
    paragraph(document, "Pirmininkas (-ė)\t\t\t\t\t{{ pirmininkas }}")
    return save(document, "komisijos_kvietimas", folder)


def protocol(folder: Path) -> Path:
    document = new_document()
    paragraph(document, "{{ istaiga.name|upper }}", bold=True, size=11, center=True)
    paragraph(document, "{{ komisija|upper }}", bold=True, size=12, center=True)
    paragraph(document, "POSĖDŽIO PROTOKOLAS", bold=True, size=14, center=True)
    paragraph(document, "{{ data|data }} Nr. {{ nr }}", center=True)
    paragraph(document, "Panevėžys", center=True)
    paragraph(document, "PROJEKTAS – papildykite ir pasirašykite", italic=True, size=9, center=True)
    paragraph(document, "")
    paragraph(document, "Posėdis vyko {{ data|data }}{% if laikas %} nuo {{ laikas }} val.{% endif %}")
    paragraph(document, "Vieta / būdas: {{ vieta }}")
    paragraph(document, "Posėdžio pirmininkas – {{ pirmininkas }}, sekretorius – {{ sekretorius or '________' }}.")
    paragraph(document, "Dalyvavo {{ dalyvavo_nariu }} iš {{ nariu }} narių: {{ dalyvavo|join(', ') }}. "
                        "{% if kvorumas %}Kvorumas yra (reikia ne mažiau kaip {{ reikia }}).{% else %}KVORUMO NĖRA "
                        "(reikia ne mažiau kaip {{ reikia }}): posėdžio sprendimai neteisėti.{% endif %}")
    paragraph(document, "{%p if sveciai %}")
    paragraph(document, "Kiti dalyviai: {{ sveciai }}.")
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p if nedalyvavo %}")
    paragraph(document, "Nedalyvavo: {{ nedalyvavo|join(', ') }}.")
    paragraph(document, "{%p endif %}")
    heading(document, "DARBOTVARKĖ", 2)
    paragraph(document, "{%p for klausimas in darbotvarke %}")
    paragraph(document, "{{ loop.index }}. {{ klausimas }}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p for klausimas in darbotvarke %}")
    heading(document, "{{ loop.index }}. {{ klausimas }}", 2)
    paragraph(document, "SVARSTYTA: ____________________________________________________________")
    paragraph(document, "NUTARTA: ______________________________________________________________")
    paragraph(document, "{%p endfor %}")
    heading(document, "Užregistruoti posėdžio sprendimai", 2)
    paragraph(document, "{%p if sprendimai %}")
    loop_table(document, ["Nr.", "Sprendimas", "Atsakingas", "Terminas"],
               ["s.nr", "s.sprendimas", "s.atsakingas", "s.terminas"], "s in sprendimai", [10, 95, 40, 25],
               numeric_from=4)
    paragraph(document, "{%p else %}")
    paragraph(document, "Sprendimų lape „Sprendimai“ dar neįrašyta.", italic=True)
    paragraph(document, "{%p endif %}")
    paragraph(document, "")
    paragraph(document, "Posėdžio pirmininkas\t\t______________\t\t{{ pirmininkas }}")
    paragraph(document, "Posėdžio sekretorius\t\t______________\t\t{{ sekretorius or '' }}")
    return save(document, "komisijos_protokolas", folder)


def tracker(folder: Path) -> Path:
    document = new_document(landscape=True)
    title_block(document, "Komisijų ir darbo grupių sprendimų vykdymas", "{{ laikotarpis }}")
    paragraph(document, "{{ santrauka }}")
    heading(document, "1. Komisijos ir darbo grupės")
    paragraph(document, "{{p komisijos }}")
    paragraph(document, "Lankomumas – dalyvavusių narių dalis nuo tą dieną buvusių narių (posėdžiai su įrašytais "
                        "dalyviais).", italic=True, size=9)
    heading(document, "2. Neįvykdyti sprendimai")
    paragraph(document, "Pirmiausia – vėluojantys (terminas praėjo), toliau – pagal terminą.", italic=True, size=9)
    paragraph(document, "{%p if atviri_sk %}")
    paragraph(document, "{{p atviri }}")
    paragraph(document, "{%p else %}")
    paragraph(document, "Neįvykdytų sprendimų nėra.")
    paragraph(document, "{%p endif %}")
    heading(document, "3. Artimiausi posėdžiai")
    paragraph(document, "{%p for p in artimiausi %}")
    paragraph(document, "• {{ p }}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p if not artimiausi %}")
    paragraph(document, "Suplanuotų posėdžių nėra.", italic=True)
    paragraph(document, "{%p endif %}")
    paragraph(document, "{{ istaiga.short_name }} Regiono bibliotekų strateginės plėtros skyrius", italic=True, size=9)
    return save(document, "komisijos_sprendimai", folder)
