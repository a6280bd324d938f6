"""Template of the annual activity report (`metine_ataskaita.docx`), in the order of a library's annual report."""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_BREAK

from templates.build import heading, new_document, paragraph, save, table_of_contents


def _page_break(document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _note(document, text: str) -> None:
    paragraph(document, text, italic=True, size=9)


def regional_work(document) -> None:
    """Sections 10–12: user-needs surveys, commissions and working groups, awards for librarians."""
    heading(document, "10. Vartotojų poreikių apklausos")
    paragraph(document, "{%p if apklausos %}")
    paragraph(document, "{{ apklausu_santrauka }}")
    paragraph(document, "{{p apklausos_lentele }}")
    _note(document, "Atsakymai, gauti per metus iki ataskaitos dienos (be klaidų ir dvigubų pateikimų); išsamūs "
                    "rezultatai – kiekvienos apklausos ataskaitoje.")
    paragraph(document, "{%p else %}")
    paragraph(document, "Vartotojų poreikių apklausų atsakymų šiais metais dar nėra.", italic=True)
    paragraph(document, "{%p endif %}")
    heading(document, "11. Komisijos ir darbo grupės")
    paragraph(document, "{{ komisiju_santrauka }}")
    paragraph(document, "{{p komisijos_lentele }}")
    heading(document, "12. Bibliotekininkų apdovanojimai")
    paragraph(document, "{{ apdovanojimu_santrauka }}")
    paragraph(document, "{{p apdovanojimai_lentele }}")
    _note(document, "Laimėtojų vardai – konkurso rezultatų protokole.")


def build(folder: Path) -> list[Path]:
    document = new_document()
    paragraph(document, "{{ istaiga.name|upper }}", bold=True, size=13, center=True)
    paragraph(document, "{{ metai }} METŲ VEIKLOS ATASKAITA", bold=True, size=18, center=True)
    paragraph(document, "Parengta {{ siandien|data }}; duomenys iki {{ duomenys_iki|data }}", italic=True,
              center=True)
    heading(document, "Turinys")
    table_of_contents(document)
    _page_break(document)

    heading(document, "1. Pagrindiniai veiklos rodikliai")
    paragraph(document, "{{ santrauka }}")
    paragraph(document, "{{p rodikliai }}")
    _note(document, "Pokytis – lyginant su ta pačia {{ pernai }} m. dalimi; „nėra duomenų“ – tų metų lentelėse įrašų "
                    "nėra. Skaičiuojama tai, kas įvyko iki ataskaitos dienos; suplanuota – atskirai.")

    heading(document, "2. Teritorijos bibliotekų statistika")
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

    heading(document, "3. Renginiai, parodos ir ekskursijos")
    heading(document, "Renginiai", 2)
    paragraph(document, "{{p renginiai_pagal_tipa }}")
    paragraph(document, "{{ grafikas_renginiai }}", center=True)
    heading(document, "Parodos", 2)
    paragraph(document, "{{p parodos_pagal_tipa }}")
    heading(document, "Ekskursijos", 2)
    paragraph(document, "{{p ekskursijos_pagal_grupe }}")
    paragraph(document, "Iš jų užsienio grupių ir delegacijų: {{ uzsienio_grupes }}.")

    heading(document, "4. Lankytojai ir J. Urbšio sodyba Zaosėje")
    paragraph(document, "{{p lankytojai_pagal_vieta }}")
    paragraph(document, "{{ grafikas_zaose }}", center=True)

    heading(document, "5. Patalpų nuoma")
    paragraph(document, "Pagal patalpas", bold=True)
    paragraph(document, "{{p nuoma_pagal_patalpa }}")
    paragraph(document, "Pagal nuomininkų tipą", bold=True)
    paragraph(document, "{{p nuoma_pagal_nuomininka }}")
    _note(document, "Įvykdyti užsakymai iki ataskaitos dienos; pajamos pagal kainoraštį, atėmus lengvatas, be PVM ir "
                    "su PVM. Patvirtintų būsimų užsakymų – {{ nuoma_patvirtinta }} (be PVM – "
                    "{{ nuoma_patvirtinta_suma }}), į pajamas jie neįtraukti.")

    heading(document, "6. Kvalifikacijos tobulinimas")
    paragraph(document, "Teritorijos bibliotekininkų dalyvavimų mokymuose – {{ dalyvavimai }}, išklausyta "
                        "akad. val. – {{ akad_val }}.")
    paragraph(document, "Pagal kompetencijų sritis", bold=True)
    paragraph(document, "{{p mokymai_pagal_sriti }}")
    paragraph(document, "Pagal savivaldybes", bold=True)
    paragraph(document, "{{p mokymai_pagal_savivaldybe }}")

    heading(document, "7. Metodinės konsultacijos")
    paragraph(document, "Konsultuota teritorijos bibliotekų – {{ konsultuota_bibliotekos }}; aktyvių bibliotekų, "
                        "negavusių konsultacijų, – {{ be_konsultaciju }}.")
    paragraph(document, "Pagal temas", bold=True)
    paragraph(document, "{{p konsultacijos_pagal_tema }}")
    paragraph(document, "{{ grafikas_konsultacijos }}", center=True)
    paragraph(document, "Pagal konsultavimo būdą", bold=True)
    paragraph(document, "{{p konsultacijos_pagal_buda }}")

    heading(document, "8. Projektai")
    paragraph(document, "Vykdytų projektų – {{ vykdomi_projektai }}.")
    paragraph(document, "{{p projektai_pagal_busena }}")

    heading(document, "9. Viešinimas")
    paragraph(document, "{{p viesinimas_pagal_kanala }}")
    paragraph(document, "{{ grafikas_viesinimas }}", center=True)

    regional_work(document)

    heading(document, "13. Veiklos plano vykdymas")
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

    _page_break(document)
    heading(document, "Priedas. Duomenų šaltiniai")
    _note(document, "Kiekvienas ataskaitoje rodomas skaičius: iš kurios darbaknygės ir lapo, kas skaičiuojama ir "
                    "kiek eilučių (tik eilutės be klaidų). Visi rodikliai – skaičiuoklėje „Rodiklių registras "
                    "{{ metai }}.xlsx“.")
    paragraph(document, "{{p saltiniai }}")
    return [save(document, "metine_ataskaita", folder)]
