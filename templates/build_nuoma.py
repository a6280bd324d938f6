"""Templates of the rental contract (`nuomos_sutartis.docx`) and the free-use agreement (`panaudos_sutartis.docx`).

Both receive the context of ``automations.domain.rental_documents.document_context``: the booking,
the room, the price (Decimal amounts: use the ``eur`` and ``zodziais`` filters), the renter as a
party (``nuomininko_duomenys``, ``pasirasantis``) and who signs for the Library
(``nuomotojo_atstovas``). The invoices are in ``build_nuoma_saskaitos.py``.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocumentType
from docx.shared import Pt

from templates.build import heading, new_document, paragraph, save

BLANK = "______________________"


def _cell_lines(cell, lines: list[str]) -> None:
    """Lines of a requisites block; ``{%p ... %}`` lines stand alone, as docxtpl needs."""
    first = True
    for line in lines:
        para = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        run = para.add_run(line)
        run.font.size = Pt(9.5)


def parties_table(document: DocumentType, left_title: str, right_title: str) -> None:
    """The Library's and the renter's requisites side by side (shared with the invoices)."""
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    _cell_lines(table.rows[0].cells[0], [
        left_title, "{{ istaiga.name }}", "Juridinio asmens kodas {{ istaiga.company_code }}",
        "{%p if istaiga.vat_code %}", "PVM mokėtojo kodas {{ istaiga.vat_code }}", "{%p endif %}",
        "{{ istaiga.address }}", "A. s. {{ istaiga.bank_account }}, {{ istaiga.bank }}",
        "El. paštas {{ istaiga.email }}{% if istaiga.phone %}, tel. {{ istaiga.phone }}{% endif %}",
    ])
    _cell_lines(table.rows[0].cells[1], [
        right_title, "{{ nuomininkas }}",
        "{%p if imones_kodas %}", "Juridinio asmens kodas {{ imones_kodas }}", "{%p endif %}",
        "{%p if pvm_kodas %}", "PVM mokėtojo kodas {{ pvm_kodas }}", "{%p endif %}",
        "{%p if nuomininko_adresas %}", "{{ nuomininko_adresas }}", "{%p endif %}",
        "{%p if kontaktinis_asmuo %}", "Kontaktinis asmuo {{ kontaktinis_asmuo }}", "{%p endif %}",
        "{%p if telefonas %}", "Tel. {{ telefonas }}", "{%p endif %}",
        "{%p if el_pastas %}", "El. paštas {{ el_pastas }}", "{%p endif %}",
    ])


def _opening(document: DocumentType, title: str) -> None:
    paragraph(document, title, bold=True, size=14, center=True)
    paragraph(document, "Nr. {{ sutarties_nr or '" + BLANK + "' }}", center=True)
    paragraph(document, "Panevėžys, 20___ m. ____________________ d.", center=True)
    paragraph(document, "Užsakymo Nr. {{ uzsakymo_nr }}", italic=True, size=9, right=True)


def _parties(document: DocumentType, giver: str, taker: str) -> None:
    heading(document, "1. Sutarties šalys", 2)
    paragraph(document, "{{ istaiga.name }}, juridinio asmens kodas {{ istaiga.company_code }}, buveinė "
                        "{{ istaiga.address }} (toliau – " + giver + "), kurio vardu veikia {{ nuomotojo_atstovas }}, "
                        "ir {{ nuomininko_duomenys }} (toliau – " + taker + "){% if pasirasantis %}, kurio vardu "
                        "veikia {{ pasirasantis }}{% endif %}, toliau kartu vadinami Šalimis, sudarė šią sutartį.")


def _object(document: DocumentType, verb: str) -> None:
    heading(document, "2. Sutarties dalykas", 2)
    paragraph(document, "2.1. " + verb + " patalpą „{{ patalpa }}“ ({{ adresas }}, {{ vietos }} vietų) "
                        "{{ data|data }} ({{ savaites_diena }}) {{ laikas }}, iš viso {{ valandos }} val."
                        "{% if iranga %} Kartu perduodama patalpos įranga: {{ iranga }}.{% endif %}")
    paragraph(document, "2.2. Paskirtis: {{ paskirtis }}.{% if dalyviai %} Numatomas dalyvių skaičius – "
                        "{{ dalyviai }}.{% endif %}")
    paragraph(document, "2.3. Į sutarties laiką įskaičiuotas pasiruošimas renginiui ir patalpos sutvarkymas po jo.")


def _handover(document: DocumentType, number: int, giver: str, taker: str, taker_dative: str) -> None:
    heading(document, f"{number}. Patalpos ir įrangos perdavimas ir grąžinimas", 2)
    paragraph(document, f"{number}.1. {giver} atsakingas darbuotojas sutarto laiko pradžioje perduoda {taker_dative} "
                        "patalpą{% if iranga %} ir įrangą{% endif %} tvarkingą ir veikiančią; Šalys kartu apžiūri jos "
                        "būklę, o pastebėti trūkumai užrašomi prieš pradedant naudotis.")
    paragraph(document, f"{number}.2. Sutarto laiko pabaigoje {taker} grąžina patalpą"
                        "{% if iranga %} ir įrangą{% endif %} tokios pat būklės, kokios gavo, atsižvelgiant į "
                        "normalų nusidėvėjimą; Šalys kartu patikrina jos būklę. Pastebėti trūkumai ir žala "
                        f"užrašomi, ir {taker} juos atlygina.")


def _cancellation(document: DocumentType, number: int, giver: str, taker: str, refund: bool) -> None:
    heading(document, f"{number}. Sutarties nutraukimas ir atšaukimas", 2)
    refund_text = (", ir sumokėta suma grąžinama per 10 darbo dienų" if refund else "")
    paragraph(document, f"{number}.1. {taker} gali atsisakyti sutarties raštu (el. paštu) ne vėliau kaip likus "
                        "{{ mokejimo_dienos }} iki sutarto laiko" + refund_text + ".")
    paragraph(document, f"{number}.2. {giver} gali atšaukti sutartį, jei patalpa neatidėliotinai reikalinga "
                        "valstybės ar savivaldybės institucijų renginiams, dėl avarijos, patalpos gedimo ar "
                        "nenugalimos jėgos aplinkybių, raštu pranešęs kuo anksčiau, bet ne vėliau kaip prieš 2 darbo "
                        "dienas (avarijos ar nenugalimos jėgos atveju – nedelsiant); tada jis pasiūlo kitą laiką"
                        + (" arba grąžina visą sumokėtą sumą" if refund else "") + ", o kitų nuostolių neatlygina.")
    paragraph(document, f"{number}.3. {giver} gali nutraukti naudojimąsi patalpa nedelsdamas, jei {taker} ją "
                        "naudoja ne pagal paskirtį, viršija leistiną dalyvių skaičių ar pažeidžia vidaus tvarkos, "
                        "priešgaisrinės saugos ar viešosios tvarkos reikalavimus"
                        + ("; tada sumokėta suma negrąžinama." if refund else "."))


def _final(document: DocumentType, number: int) -> None:
    heading(document, f"{number}. Baigiamosios nuostatos", 2)
    paragraph(document, f"{number}.1. Sutartis įsigalioja, kai ją pasirašo abi Šalys, ir galioja, kol Šalys "
                        "įvykdo savo įsipareigojimus.")
    paragraph(document, f"{number}.2. Ginčai sprendžiami derybomis, o nepavykus susitarti – Lietuvos Respublikos "
                        "teismuose.")
    paragraph(document, f"{number}.3. Šalių asmens duomenys tvarkomi tik šiai sutarčiai vykdyti, laikantis "
                        "Bendrojo duomenų apsaugos reglamento.")
    paragraph(document, f"{number}.4. Sutartis sudaryta dviem vienodą teisinę galią turinčiais egzemplioriais, po "
                        "vieną kiekvienai Šaliai.")


def _signatures(document: DocumentType, number: int, giver: str, taker: str) -> None:
    heading(document, f"{number}. Šalių rekvizitai ir parašai", 2)
    parties_table(document, giver, taker)
    paragraph(document, "")
    paragraph(document, giver + ": {{ nuomotojo_parasas }}  ____________________ (parašas)")
    paragraph(document, taker + ": {{ nuomininko_parasas }}  ____________________ (parašas)")


def contract() -> DocumentType:
    document = new_document()
    _opening(document, "PATALPŲ NUOMOS SUTARTIS")
    _parties(document, "Nuomotojas", "Nuomininkas")
    _object(document, "Nuomotojas išnuomoja, o Nuomininkas išsinuomoja")
    heading(document, "3. Kaina ir atsiskaitymo tvarka", 2)
    paragraph(document, "3.1. Nuomos kaina apskaičiuota pagal {% if istaiga.price_list %}{{ istaiga.price_list }}"
                        "{% else %}Nuomotojo patvirtintą patalpų nuomos paslaugų kainoraštį{% endif %}: "
                        "{{ valandos }} val. × {{ tarifas|eur }} už valandą"
                        "{% if savaitgalis %} × savaitgalio koeficientas {{ koeficientas }}{% endif %} = "
                        "{{ bazine|eur }}{% if lengvata %}; taikoma lengvata „{{ lengvata }}“ ({{ nuolaidos_proc }}), "
                        "nuolaida {{ nuolaidos_suma|eur }}{% endif %}.")
    paragraph(document, "3.2. Mokėtina suma – {{ bruto|eur }} ({{ bruto|zodziais }}){% if be_pvm %}, PVM "
                        "neapskaičiuojamas{% else %}, iš jų suma be PVM {{ neto|eur }} ir PVM {{ pvm_tarifas }} "
                        "{{ pvm|eur }}{% endif %}.")
    paragraph(document, "3.3. Nuomininkas sumoka pagal išankstinę sąskaitą Nr. {{ saskaitos_nr }} ne vėliau kaip "
                        "likus {{ mokejimo_dienos }} iki nuomos dienos, t. y. iki {{ apmoketi_iki|data }}, į "
                        "Nuomotojo sąskaitą {{ istaiga.bank_account }} ({{ istaiga.bank }}). Neapmokėjus laiku, "
                        "Nuomotojas gali laikyti užsakymą atšauktu.")
    heading(document, "4. Šalių įsipareigojimai", 2)
    paragraph(document, "4.1. Nuomotojas įsipareigoja nuomos metu suteikti tvarkingą patalpą su joje esančia įranga "
                        "ir užtikrinti patekimą į ją.")
    paragraph(document, "4.2. Nuomininkas įsipareigoja naudoti patalpą tik 2.2 punkte nurodytam tikslui, laikytis "
                        "Nuomotojo vidaus tvarkos, priešgaisrinės saugos ir viešosios tvarkos reikalavimų, neviršyti "
                        "leistino dalyvių skaičiaus ({{ vietos }}) ir sutartu laiku patalpą atlaisvinti.")
    paragraph(document, "4.3. Nuomininkas atlygina žalą, dėl jo ar renginio dalyvių kaltės padarytą patalpai ar "
                        "Nuomotojo turtui, ir neperleidžia teisės naudotis patalpa tretiesiems asmenims.")
    _handover(document, 5, "Nuomotojo", "Nuomininkas", "Nuomininkui")
    _cancellation(document, 6, "Nuomotojas", "Nuomininkas", refund=True)
    _final(document, 7)
    _signatures(document, 8, "Nuomotojas", "Nuomininkas")
    return document


def free_use() -> DocumentType:
    """A free booking (the youth discount in a youth space) is lent, not rented: a panaudos sutartis."""
    document = new_document()
    _opening(document, "PATALPŲ PANAUDOS SUTARTIS")
    _parties(document, "Panaudos davėjas", "Panaudos gavėjas")
    _object(document, "Panaudos davėjas perduoda neatlygintinai naudotis, o Panaudos gavėjas priima")
    heading(document, "3. Naudojimosi sąlygos", 2)
    paragraph(document, "3.1. Patalpa suteikiama neatlygintinai{% if lengvata %}, taikant lengvatą "
                        "„{{ lengvata }}“{% endif %} pagal {% if istaiga.price_list %}{{ istaiga.price_list }}"
                        "{% else %}Panaudos davėjo patvirtintą patalpų nuomos paslaugų kainoraštį{% endif %}; "
                        "mokėti nereikia, sąskaita neišrašoma.")
    paragraph(document, "3.2. Panaudos gavėjas naudoja patalpą tik 2.2 punkte nurodytam tikslui, laikosi Panaudos "
                        "davėjo vidaus tvarkos, priešgaisrinės saugos ir viešosios tvarkos reikalavimų, neviršija "
                        "leistino dalyvių skaičiaus ({{ vietos }}), neperleidžia teisės naudotis patalpa tretiesiems "
                        "asmenims ir atlygina dėl jo ar renginio dalyvių kaltės padarytą žalą.")
    _handover(document, 4, "Panaudos davėjo", "Panaudos gavėjas", "Panaudos gavėjui")
    _cancellation(document, 5, "Panaudos davėjas", "Panaudos gavėjas", refund=False)
    _final(document, 6)
    _signatures(document, 7, "Panaudos davėjas", "Panaudos gavėjas")
    return document


def build(folder: Path) -> list[Path]:
    return [save(contract(), "nuomos_sutartis", folder), save(free_use(), "panaudos_sutartis", folder)]
