"""Templates of the survey job: the survey report (`apklausos_ataskaita.docx`) and a library's page
(`apklausos_biblioteka.docx`)."""

from __future__ import annotations

from pathlib import Path

from templates.build import heading, new_document, paragraph, save, title_block
from templates.tables import loop_table


def build(folder: Path) -> list[Path]:
    return [report(folder), library_page(folder)]


def _note(document, text: str) -> None:
    paragraph(document, text, italic=True, size=9)


def report(folder: Path) -> Path:
    document = new_document()
    title_block(document, "{{ pavadinimas }}", "Apklausos ataskaita ({{ kodas }})")
    heading(document, "1. Apklausa")
    paragraph(document, "Apklausos laikotarpis – {{ laikotarpis }}{% if tiksline_grupe %} Tikslinė grupė – "
                        "{{ tiksline_grupe }}.{% endif %}{% if atsakingas %} Atsakinga(-s) – {{ atsakingas }}."
                        "{% endif %}")
    paragraph(document, "{{ santrauka }}")
    paragraph(document, "{%p if ankstesne %}")
    paragraph(document, "Rezultatai lyginami su ankstesne tos pačios apklausos banga – „{{ ankstesne }}“.")
    paragraph(document, "{%p endif %}")
    heading(document, "2. Kas atsakė")
    paragraph(document, "Pagal savivaldybes", bold=True)
    paragraph(document, "{{p savivaldybes }}")
    paragraph(document, "Daugiausia atsakymų surinkusios bibliotekos", bold=True)
    paragraph(document, "{{p bibliotekos }}")
    _note(document, "„Atsakė, proc.“ – atsakymų dalis nuo bibliotekos registruotų vartotojų (naujausi teritorijos "
                    "statistikos duomenys); tuščia, kai vartotojų skaičius nežinomas. Visos bibliotekos – "
                    "skaičiuoklėje.")
    paragraph(document, "Pagal amžiaus grupes", bold=True)
    paragraph(document, "{{p amzius }}")
    paragraph(document, "{{ grafikas_savaites }}", center=True)
    heading(document, "3. Vertinimai skalėje nuo 1 iki 5")
    paragraph(document, "{%p if skales %}")
    paragraph(document, "{{p skales }}")
    paragraph(document, "{{ grafikas_skales }}", center=True)
    _note(document, "Vidurkis – atsakiusiųjų į klausimą; „4–5, proc.“ – kiek atsakiusiųjų vertino 4 arba 5.")
    paragraph(document, "{%p else %}")
    paragraph(document, "Šioje apklausoje vertinimo skalėje klausimų nebuvo.", italic=True)
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p if palyginimas %}")
    paragraph(document, "Palyginimas su ankstesne banga", bold=True)
    paragraph(document, "{{p palyginimas }}")
    paragraph(document, "{%p endif %}")
    heading(document, "4. Klausimai")
    paragraph(document, "{%p for k in klausimai %}")
    heading(document, "{{ k.nr }}. {{ k.antraste }}", 2)
    _note(document, "{{ k.pastaba }}")
    paragraph(document, "{{p k.lentele }}")
    paragraph(document, "{%p if k.grafikas %}")
    paragraph(document, "{{ k.grafikas }}", center=True)
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p if k.pagal_amziu %}")
    paragraph(document, "Pagal amžiaus grupes", bold=True)
    paragraph(document, "{{p k.pagal_amziu }}")
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p endfor %}")
    heading(document, "5. Atviri atsakymai")
    paragraph(document, "{%p for a in atviri %}")
    heading(document, "{{ a.antraste }}", 2)
    paragraph(document, "Dažniausi žodžiai: {{ a.zodziai }}.", italic=True)
    paragraph(document, "{%p for b in a.bibliotekos %}")
    paragraph(document, "{{ b.biblioteka }}", bold=True)
    paragraph(document, "{%p for t in b.atsakymai %}")
    paragraph(document, "– {{ t }}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p endfor %}")
    _note(document, "Atsakymuose įrašyti vardai, el. pašto adresai ir telefonai pakeisti žymomis [vardas], "
                    "[el. paštas], [telefonas]. Dažniausi žodžiai – pirmam įspūdžiui: jungtukai, įvardžiai ir "
                    "panašūs žodžiai neskaičiuojami, skirtingos žodžio formos skaičiuojamos atskirai.")
    return save(document, "apklausos_ataskaita", folder)


def library_page(folder: Path) -> Path:
    document = new_document()
    paragraph(document, "{{ biblioteka }}", bold=True, size=14, center=True)
    paragraph(document, "{{ pavadinimas }}: jūsų bibliotekos vartotojų atsakymai", bold=True, size=12, center=True)
    paragraph(document, "Parengta {{ siandien|data }}", italic=True, center=True)
    paragraph(document, "Apklausos laikotarpis – {{ laikotarpis }} Jūsų bibliotekos vartotojų atsakymų – "
                        "{{ atsakymai }} "
                        "(iš viso apklausoje – {{ visi_atsakymai }}){% if atsake_proc %}; tai {{ atsake_proc }} "
                        "registruotų vartotojų{% endif %}.")
    paragraph(document, "{%p if skales %}")
    paragraph(document, "Vertinimai (1–5)", bold=True)
    loop_table(document, ["Klausimas", "Jūsų vartotojai", "Visi", "Jūsų 4–5"],
               ["s.klausimas", "s.jusu", "s.visi", "s.dalis"], "s in skales", [95, 25, 20, 25])
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p if pasirinkimai %}")
    paragraph(document, "Dažniausi pasirinkimai", bold=True)
    paragraph(document, "{%p for p in pasirinkimai %}")
    paragraph(document, "{{ p }}", size=9)
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p if zodziai %}")
    paragraph(document, "Dažniausi žodžiai atviruose atsakymuose: {{ zodziai }}.")
    paragraph(document, "{%p endif %}")
    _note(document, "Suvestinė parengta iš apklausos atsakymų, kuriuose nurodyta jūsų biblioteka; asmenų duomenų joje "
                    "nėra. Visa apklausos ataskaita – {{ istaiga.short_name }} Regiono bibliotekų strateginės plėtros "
                    "skyriuje.")
    return save(document, "apklausos_biblioteka", folder)
