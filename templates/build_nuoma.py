"""Templates of the rental contract (`nuomos_sutartis.docx`) and the advance invoice (`nuomos_saskaita.docx`).

Both receive the same context from ``jobs.nuoma.document_context``: the booking, the room, the
price (Decimal amounts: use the ``eur`` and ``zodziais`` filters) and the renter's details.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocumentType
from docx.shared import Pt

from templates.build import heading, new_document, paragraph, save

BLANK = "______________________"


def _cell_lines(cell, lines: list[str]) -> None:
    """Lines of a signature block; ``{%p ... %}`` lines stand alone, as docxtpl needs."""
    first = True
    for line in lines:
        para = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        run = para.add_run(line)
        run.font.size = Pt(9.5)


def _parties_table(document: DocumentType, left_title: str, right_title: str) -> None:
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    _cell_lines(table.rows[0].cells[0], [
        left_title, "{{ istaiga.name }}", "Juridinio asmens kodas {{ istaiga.company_code }}",
        "{%p if istaiga.vat_code %}", "PVM mokėtojo kodas {{ istaiga.vat_code }}", "{%p endif %}",
        "{{ istaiga.address }}", "A. s. {{ istaiga.bank_account or '" + BLANK + "' }}",
        "{%p if istaiga.bank %}", "{{ istaiga.bank }}", "{%p endif %}",
        "El. paštas {{ istaiga.email }}{% if istaiga.phone %}, tel. {{ istaiga.phone }}{% endif %}",
    ])
    _cell_lines(table.rows[0].cells[1], [
        right_title, "{{ nuomininkas }}",
        "{%p if imones_kodas %}", "Juridinio asmens kodas {{ imones_kodas }}", "{%p endif %}",
        "{%p if pvm_kodas %}", "PVM mokėtojo kodas {{ pvm_kodas }}", "{%p endif %}",
        "{%p if kontaktinis_asmuo %}", "Kontaktinis asmuo {{ kontaktinis_asmuo }}", "{%p endif %}",
        "{%p if telefonas %}", "Tel. {{ telefonas }}", "{%p endif %}",
        "{%p if el_pastas %}", "El. paštas {{ el_pastas }}", "{%p endif %}",
    ])


def contract() -> DocumentType:
    document = new_document()
    paragraph(document, "PATALPŲ NUOMOS SUTARTIS", bold=True, size=14, center=True)
    paragraph(document, "Nr. {{ sutarties_nr or '" + BLANK + "' }}", center=True)
    paragraph(document, "Panevėžys, 20___ m. ____________________ d.", center=True)
    paragraph(document, "Užsakymo Nr. {{ uzsakymo_nr }}", italic=True, size=9, right=True)
    heading(document, "1. Sutarties šalys", 2)
    paragraph(document, "{{ istaiga.name }}, juridinio asmens kodas {{ istaiga.company_code }}, buveinė "
                        "{{ istaiga.address }} (toliau – Nuomotojas), kurio vardu veikia {{ istaiga.director }}, ir "
                        "{% if juridinis %}{{ nuomininkas }}, juridinio asmens kodas {{ imones_kodas }} (toliau – "
                        "Nuomininkas), kurio vardu veikia {{ kontaktinis_asmuo or '" + BLANK + "' }}{% else %}"
                        "{{ nuomininkas }} (toliau – Nuomininkas){% endif %}, toliau kartu vadinami Šalimis, sudarė "
                        "šią sutartį.")
    heading(document, "2. Sutarties dalykas", 2)
    paragraph(document, "2.1. Nuomotojas išnuomoja, o Nuomininkas išsinuomoja patalpą „{{ patalpa }}“ ({{ adresas }}, "
                        "{{ vietos }} vietų) {{ data|data }} ({{ savaites_diena }}) {{ laikas }}, iš viso "
                        "{{ valandos }} val.")
    paragraph(document, "2.2. Nuomos paskirtis: {{ paskirtis }}.{% if dalyviai %} Numatomas dalyvių skaičius – "
                        "{{ dalyviai }}.{% endif %}")
    paragraph(document, "2.3. Į nuomos laiką įskaičiuotas pasiruošimas renginiui ir patalpos sutvarkymas po jo.")
    heading(document, "3. Kaina ir atsiskaitymo tvarka", 2)
    paragraph(document, "3.1. Nuomos kaina apskaičiuojama: {{ valandos }} val. × {{ tarifas|eur }} už valandą"
                        "{% if savaitgalis %} × savaitgalio koeficientas {{ koeficientas }}{% endif %} = "
                        "{{ bazine|eur }}{% if lengvata %}; taikoma lengvata „{{ lengvata }}“ ({{ nuolaidos_proc }}), "
                        "nuolaida "
                        "{{ nuolaidos_suma|eur }}{% endif %}.")
    paragraph(document, "3.2. Mokėtina suma – {{ bruto|eur }} ({{ bruto|zodziais }}){% if be_pvm %}, PVM "
                        "neapskaičiuojamas{% else %}, iš jų suma be PVM {{ neto|eur }} ir PVM {{ pvm_tarifas }} "
                        "{{ pvm|eur }}{% endif %}.")
    paragraph(document, "3.3. {% if nemokamai %}Taikant lengvatą patalpa suteikiama neatlygintinai, mokėti nereikia."
                        "{% else %}Nuomininkas sumoka pagal išankstinę sąskaitą Nr. {{ saskaitos_nr }} ne vėliau kaip "
                        "likus 5 darbo dienoms iki nuomos dienos, t. y. iki {{ apmoketi_iki|data }}, į Nuomotojo "
                        "sąskaitą {{ istaiga.bank_account or '" + BLANK + "' }}{% if istaiga.bank %} "
                        "({{ istaiga.bank }}){% endif %}.{% endif %}")
    paragraph(document, "3.4. Nuomininkui raštu atsisakius nuomos ne vėliau kaip likus 5 darbo dienoms iki nuomos "
                        "dienos, sumokėta suma grąžinama.")
    heading(document, "4. Šalių įsipareigojimai", 2)
    paragraph(document, "4.1. Nuomotojas įsipareigoja nuomos metu suteikti tvarkingą patalpą su joje esančia įranga ir "
                        "užtikrinti patekimą į ją.")
    paragraph(document, "4.2. Nuomininkas įsipareigoja naudoti patalpą tik 2.2 punkte nurodytam tikslui, laikytis "
                        "Nuomotojo vidaus tvarkos, priešgaisrinės saugos ir viešosios tvarkos reikalavimų, neviršyti "
                        "leistino dalyvių skaičiaus ({{ vietos }}) ir sutartu laiku patalpą atlaisvinti.")
    paragraph(document, "4.3. Nuomininkas atlygina žalą, dėl jo ar renginio dalyvių kaltės padarytą patalpai ar "
                        "Nuomotojo turtui, ir neperleidžia teisės naudotis patalpa tretiesiems asmenims.")
    heading(document, "5. Baigiamosios nuostatos", 2)
    paragraph(document, "5.1. Sutartis įsigalioja, kai ją pasirašo abi Šalys, ir galioja, kol Šalys įvykdo savo "
                        "įsipareigojimus.")
    paragraph(document, "5.2. Ginčai sprendžiami derybomis, o nepavykus susitarti – Lietuvos Respublikos teismuose.")
    paragraph(document, "5.3. Šalių asmens duomenys tvarkomi tik šiai sutarčiai vykdyti, laikantis Bendrojo duomenų "
                        "apsaugos reglamento.")
    paragraph(document, "5.4. Sutartis sudaryta dviem vienodą teisinę galią turinčiais egzemplioriais, po vieną "
                        "kiekvienai Šaliai.")
    heading(document, "6. Šalių rekvizitai ir parašai", 2)
    _parties_table(document, "Nuomotojas", "Nuomininkas")
    paragraph(document, "")
    paragraph(document, "Nuomotojo vardu: {{ istaiga.director }}  ____________________ (parašas)")
    paragraph(document, "Nuomininko vardu: {% if juridinis %}{{ kontaktinis_asmuo or '" + BLANK + "' }}{% else %}"
                        "{{ nuomininkas }}{% endif %}  ____________________ (parašas)")
    return document


def invoice() -> DocumentType:
    document = new_document()
    paragraph(document, "IŠANKSTINĖ SĄSKAITA", bold=True, size=14, center=True)
    paragraph(document, "Serija ir Nr. {{ saskaitos_nr }}", bold=True, center=True)
    paragraph(document, "{{ saskaitos_data|data }}", center=True)
    paragraph(document, "Užsakymo Nr. {{ uzsakymo_nr }}{% if sutarties_nr %}, sutarties Nr. {{ sutarties_nr }}"
                        "{% endif %}", italic=True, size=9, right=True)
    _parties_table(document, "Pardavėjas", "Pirkėjas")
    paragraph(document, "")
    paragraph(document, "{{p eilutes }}")
    paragraph(document, "Suma be PVM: {{ neto|eur }}", right=True)
    paragraph(document, "{% if be_pvm %}PVM neapskaičiuojamas{% else %}PVM {{ pvm_tarifas }}: {{ pvm|eur }}"
                        "{% endif %}", right=True)
    paragraph(document, "Iš viso mokėti: {{ bruto|eur }}", bold=True, right=True)
    paragraph(document, "Suma žodžiais: {{ bruto|zodziais }}.")
    paragraph(document, "{% if nemokamai %}Taikoma lengvata „{{ lengvata }}“: mokėti nereikia.{% else %}Apmokėti iki "
                        "{{ apmoketi_iki|data }} (ne vėliau kaip likus 5 darbo dienoms iki nuomos) į sąskaitą "
                        "{{ istaiga.bank_account or '" + BLANK + "' }}{% if istaiga.bank %} ({{ istaiga.bank }})"
                        "{% endif %}; mokėjimo paskirtyje nurodykite {{ saskaitos_nr }}.{% endif %}")
    paragraph(document, "")
    paragraph(document, "Sąskaitą išrašė: ____________________ (vardas, pavardė, parašas)")
    return document


def build(folder: Path) -> list[Path]:
    return [save(contract(), "nuomos_sutartis", folder), save(invoice(), "nuomos_saskaita", folder)]
