"""Template of the annual activity report (`metine_ataskaita.docx`), in the order of a library's annual report."""

from __future__ import annotations

from pathlib import Path

from templates.build import approval_block, heading, new_document, paragraph, save, table_of_contents


def _note(document, text: str) -> None:
    paragraph(document, text, italic=True, size=9)


def regional_work(document, number: int) -> None:
    """Three sections from ``number``: user-needs surveys, commissions and working groups, awards for librarians."""
    heading(document, f"{number}. Vartotojų poreikių apklausos")
    paragraph(document, "{%p if apklausos %}")
    paragraph(document, "{{ apklausu_santrauka }}")
    paragraph(document, "{{p apklausos_lentele }}")
    _note(document, "Atsakymai, gauti per metus iki ataskaitos dienos (be klaidų ir dvigubų pateikimų); išsamūs "
                    "rezultatai – kiekvienos apklausos ataskaitoje.")
    paragraph(document, "{%p else %}")
    paragraph(document, "Vartotojų poreikių apklausų atsakymų šiais metais dar nėra.", italic=True)
    paragraph(document, "{%p endif %}")
    heading(document, f"{number + 1}. Komisijos ir darbo grupės")
    paragraph(document, "{{ komisiju_santrauka }}")
    paragraph(document, "{{p komisijos_lentele }}")
    heading(document, f"{number + 2}. Bibliotekininkų apdovanojimai")
    paragraph(document, "{{ apdovanojimu_santrauka }}")
    paragraph(document, "{{p apdovanojimai_lentele }}")
    _note(document, "Laimėtojų vardai – konkurso rezultatų protokole.")


def _introduction(document) -> None:
    heading(document, "Įvadas", new_page=True)
    paragraph(document, "{%p for pastraipa in ivadas %}")
    paragraph(document, "{{ pastraipa }}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p if not ivadas %}")
    paragraph(document, "{{ istaiga.name }} – Panevėžio ir Utenos apskričių teritorijos bibliotekų metodinis centras. "
                        "Ataskaitoje apžvelgiami {{ metai }} m. Bibliotekos ir teritorijos bibliotekų veiklos "
                        "rezultatai, finansai, problemos ir kitų metų prioritetai.")
    paragraph(document, "{%p endif %}")


def _own_library(document, number: int) -> None:
    heading(document, f"{number}. Bibliotekos vartotojai, fondas ir darbuotojai")
    paragraph(document, "{%p if biblioteka %}")
    paragraph(document, "{{ bibliotekos_santrauka }}")
    paragraph(document, "{%p for dalis in bibliotekos_lenteles %}")
    heading(document, "{{ dalis.pavadinimas }}", 2)
    paragraph(document, "{{p dalis.lentele }}")
    paragraph(document, "{%p endfor %}")
    _note(document, "Bibliotekos metinės statistikos formos duomenys ({{ bibliotekos_metai }} m.; tą pačią formą "
                    "pildo teritorijos bibliotekos). Pokytis – lyginant su ankstesniais metais.")
    paragraph(document, "{%p else %}")
    paragraph(document, "Bibliotekos metinės statistikos formos atsakymo dar nėra (lape „Bibliotekos“ Bibliotekos "
                        "tipas – „apskrities biblioteka“).", italic=True)
    paragraph(document, "{%p endif %}")


def _finances(document, number: int) -> None:
    heading(document, f"{number}. Finansai")
    paragraph(document, "{%p if finansai %}")
    heading(document, "Lėšos", 2)
    paragraph(document, "{{p pajamos }}")
    heading(document, "Išlaidos", 2)
    paragraph(document, "{{p islaidos }}")
    _note(document, "Pagal lapą „Finansai“ (veiklos plano darbaknygė): planuota ir gauta ar panaudota per metus.")
    paragraph(document, "{%p else %}")
    paragraph(document, "Finansų duomenys dar neįrašyti (veiklos plano darbaknygės lapas „Finansai“).", italic=True)
    paragraph(document, "{%p endif %}")


def _review(document, number: int) -> None:
    heading(document, f"{number}. Problemos ir {{{{ kiti_metai }}}} m. prioritetai")
    heading(document, "Problemos", 2)
    paragraph(document, "{%p for problema in problemos %}")
    paragraph(document, "• {{ problema }}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p if not problemos %}")
    paragraph(document, "Esminių problemų nenurodyta.", italic=True)
    paragraph(document, "{%p endif %}")
    heading(document, "{{ kiti_metai }} m. prioritetai", 2)
    paragraph(document, "{%p for prioritetas in prioritetai %}")
    paragraph(document, "• {{ prioritetas }}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p if not prioritetai %}")
    paragraph(document, "Prioritetai bus nustatyti kitų metų veiklos plane.", italic=True)
    paragraph(document, "{%p endif %}")


def _signature(document) -> None:
    paragraph(document, "")
    paragraph(document, "{{ istaiga.director_title }}\t\t\t\t\t{{ istaiga.director or '______________________' }}")


def build(folder: Path) -> list[Path]:
    document = new_document()
    approval_block(document, "patvirtinimas")
    paragraph(document, "")
    paragraph(document, "{{ istaiga.name|upper }}", bold=True, size=13, center=True)
    paragraph(document, "{{ metai }} METŲ VEIKLOS ATASKAITA", bold=True, size=18, center=True)
    paragraph(document, "Parengta {{ siandien|data }}; duomenys iki {{ duomenys_iki|data }}", italic=True,
              center=True)
    heading(document, "Turinys")
    table_of_contents(document)

    _introduction(document)
    heading(document, "1. Pagrindiniai veiklos rodikliai")
    paragraph(document, "{{ santrauka }}")
    paragraph(document, "{{p rodikliai }}")
    _note(document, "Pokytis – lyginant su ta pačia {{ pernai }} m. dalimi; „nėra duomenų“ – tų metų lentelėse įrašų "
                    "nėra. Skaičiuojama tai, kas įvyko iki ataskaitos dienos; suplanuota – atskirai.")

    _own_library(document, 2)

    heading(document, "3. Teritorijos bibliotekų statistika")
    paragraph(document, "{%p if teritorija %}")
    paragraph(document, "Naujausia teritorijos bibliotekų statistika – {{ teritorijos_metai }} m.: priimtos "
                        "{{ pateike }} iš {{ bibliotekos }} aktyvių bibliotekų (Panevėžio ir Utenos apskritys) "
                        "ataskaitos. Išsami analizė – regiono statistikos ataskaitoje.")
    paragraph(document, "{%p if su_ispejimais %}")
    paragraph(document, "Ataskaitos su nepaaiškintais įspėjimais (neįprastas pokytis ar santykis; tokie skaičiai į "
                        "sumas neįtraukti, kol bus paaiškinti): {{ su_ispejimais|join('; ') }}.")
    paragraph(document, "{%p endif %}")
    paragraph(document, "{{p teritorijos_rodikliai }}")
    paragraph(document, "{%p for pastaba in teritorijos_pastabos %}")
    _note(document, "{{ pastaba }}")
    paragraph(document, "{%p endfor %}")
    heading(document, "Savivaldybės", 2)
    paragraph(document, "{{p savivaldybes }}")
    paragraph(document, "{{ grafikas_teritorija }}", center=True)
    paragraph(document, "{%p else %}")
    paragraph(document, "Teritorijos bibliotekų metinės statistikos dar nėra.", italic=True)
    paragraph(document, "{%p endif %}")

    heading(document, "4. Renginiai, parodos ir ekskursijos")
    heading(document, "Renginiai", 2)
    paragraph(document, "{{p renginiai_pagal_tipa }}")
    paragraph(document, "{{ grafikas_renginiai }}", center=True)
    heading(document, "Parodos", 2)
    paragraph(document, "{{p parodos_pagal_tipa }}")
    heading(document, "Ekskursijos", 2)
    paragraph(document, "{{p ekskursijos_pagal_grupe }}")
    paragraph(document, "Iš jų užsienio grupių ir delegacijų: {{ uzsienio_grupes }}.")

    heading(document, "5. Lankytojai ir J. Urbšio sodyba Zaosėje")
    paragraph(document, "{{p lankytojai_pagal_vieta }}")
    paragraph(document, "{{ grafikas_zaose }}", center=True)

    heading(document, "6. Patalpų nuoma")
    paragraph(document, "Pagal patalpas", bold=True)
    paragraph(document, "{{p nuoma_pagal_patalpa }}")
    paragraph(document, "Pagal nuomininkų tipą", bold=True)
    paragraph(document, "{{p nuoma_pagal_nuomininka }}")
    _note(document, "Įvykdyti užsakymai iki ataskaitos dienos; pajamos pagal kainoraštį, atėmus lengvatas, be PVM ir "
                    "su PVM. Patvirtintų būsimų užsakymų – {{ nuoma_patvirtinta }} (be PVM – "
                    "{{ nuoma_patvirtinta_suma }}), į pajamas jie neįtraukti.")

    heading(document, "7. Kvalifikacijos tobulinimas")
    paragraph(document, "Teritorijos bibliotekininkų dalyvavimų mokymuose – {{ dalyvavimai }}, išklausyta "
                        "akad. val. – {{ akad_val }}.")
    paragraph(document, "Pagal kompetencijų sritis", bold=True)
    paragraph(document, "{{p mokymai_pagal_sriti }}")
    paragraph(document, "Pagal savivaldybes", bold=True)
    paragraph(document, "{{p mokymai_pagal_savivaldybe }}")

    heading(document, "8. Metodinės konsultacijos")
    paragraph(document, "Konsultuota teritorijos bibliotekų – {{ konsultuota_bibliotekos }}; aktyvių bibliotekų, "
                        "negavusių konsultacijų, – {{ be_konsultaciju }}.")
    paragraph(document, "Pagal temas", bold=True)
    paragraph(document, "{{p konsultacijos_pagal_tema }}")
    paragraph(document, "{{ grafikas_konsultacijos }}", center=True)
    paragraph(document, "Pagal konsultavimo būdą", bold=True)
    paragraph(document, "{{p konsultacijos_pagal_buda }}")

    heading(document, "9. Projektai")
    paragraph(document, "Vykdytų projektų – {{ vykdomi_projektai }}.")
    paragraph(document, "{{p projektai_pagal_busena }}")

    heading(document, "10. Viešinimas")
    paragraph(document, "{{p viesinimas_pagal_kanala }}")
    paragraph(document, "{{ grafikas_viesinimas }}", center=True)

    regional_work(document, 11)

    heading(document, "14. Veiklos plano vykdymas")
    paragraph(document, "Priemonių plane – {{ plano_priemones }}.")
    paragraph(document, "{{p plano_busenos }}")
    paragraph(document, "Priemonės", bold=True)
    paragraph(document, "{{p plano_vykdymas }}")
    paragraph(document, "{%p if plano_atsilikimo_priezastys %}")
    paragraph(document, "Atsiliekančių priemonių priežastys", bold=True)
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p for priezastis in plano_atsilikimo_priezastys %}")
    paragraph(document, "• {{ priezastis }}")
    paragraph(document, "{%p endfor %}")

    _finances(document, 15)
    _review(document, 16)
    _signature(document)

    heading(document, "Priedas. Duomenų šaltiniai", new_page=True)
    _note(document, "Kiekvienas ataskaitoje rodomas skaičius: iš kurios darbaknygės ir lapo, kas skaičiuojama ir "
                    "kiek eilučių (tik eilutės be klaidų). Visi rodikliai – skaičiuoklėje „Rodiklių registras "
                    "{{ metai }}.xlsx“.")
    paragraph(document, "{{p saltiniai }}")
    return [save(document, "metine_ataskaita", folder)]
