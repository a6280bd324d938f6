"""Templates of the advance invoice (`nuomos_saskaita.docx`) and the VAT invoice (`pvm_saskaita.docx`) of a rental.

Both receive the rental documents' context (see ``build_nuoma.py``); the VAT invoice also
``pvm_saskaitos_nr`` and ``pvm_saskaitos_data`` (its own series, kept in the register).
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocumentType

from templates.build import new_document, paragraph, save
from templates.build_nuoma import parties_table


def _amounts(document: DocumentType, payable: str) -> None:
    paragraph(document, "{{p eilutes }}")
    paragraph(document, "Suma be PVM: {{ neto|eur }}", right=True)
    paragraph(document, "{% if be_pvm %}PVM neapskaičiuojamas{% else %}PVM {{ pvm_tarifas }}: {{ pvm|eur }}"
                        "{% endif %}", right=True)
    paragraph(document, payable + ": {{ bruto|eur }}", bold=True, right=True)
    paragraph(document, "Suma žodžiais: {{ bruto|zodziais }}.")


def _issuer(document: DocumentType) -> None:
    paragraph(document, "")
    paragraph(document, "Sąskaitą išrašė: {{ saskaita_israse }}  ____________________ (parašas)")


def advance_invoice() -> DocumentType:
    document = new_document()
    paragraph(document, "IŠANKSTINĖ SĄSKAITA", bold=True, size=14, center=True)
    paragraph(document, "Serija ir Nr. {{ saskaitos_nr }}", bold=True, center=True)
    paragraph(document, "{{ saskaitos_data|data }}", center=True)
    paragraph(document, "Užsakymo Nr. {{ uzsakymo_nr }}{% if sutarties_nr %}, sutarties Nr. {{ sutarties_nr }}"
                        "{% endif %}", italic=True, size=9, right=True)
    parties_table(document, "Pardavėjas", "Pirkėjas")
    paragraph(document, "")
    _amounts(document, "Iš viso mokėti")
    paragraph(document, "Apmokėti iki {{ apmoketi_iki|data }} (ne vėliau kaip likus {{ mokejimo_dienos }} iki "
                        "nuomos) į sąskaitą {{ istaiga.bank_account }} ({{ istaiga.bank }}); mokėjimo paskirtyje "
                        "nurodykite {{ saskaitos_nr }}.")
    paragraph(document, "Išankstinė sąskaita nėra PVM sąskaita faktūra{% if not be_pvm %}: ji išrašoma suteikus "
                        "paslaugą{% endif %}.", italic=True, size=9)
    _issuer(document)
    return document


def vat_invoice() -> DocumentType:
    document = new_document()
    paragraph(document, "PVM SĄSKAITA FAKTŪRA", bold=True, size=14, center=True)
    paragraph(document, "Serija ir Nr. {{ pvm_saskaitos_nr }}", bold=True, center=True)
    paragraph(document, "{{ pvm_saskaitos_data|data }}", center=True)
    paragraph(document, "Užsakymo Nr. {{ uzsakymo_nr }}{% if sutarties_nr %}, sutarties Nr. {{ sutarties_nr }}"
                        "{% endif %}; išankstinė sąskaita {{ saskaitos_nr }}", italic=True, size=9, right=True)
    parties_table(document, "Pardavėjas", "Pirkėjas")
    paragraph(document, "")
    paragraph(document, "Paslaugos suteikimo data: {{ data|data }}")
    _amounts(document, "Iš viso su PVM")
    paragraph(document, "{% if apmoketa %}Apmokėta {{ apmoketa|data }} pagal išankstinę sąskaitą {{ saskaitos_nr }}."
                        "{% else %}Mokėti į sąskaitą {{ istaiga.bank_account }} ({{ istaiga.bank }}), mokėjimo "
                        "paskirtyje nurodant {{ pvm_saskaitos_nr }}.{% endif %}")
    _issuer(document)
    return document


def build(folder: Path) -> list[Path]:
    return [save(advance_invoice(), "nuomos_saskaita", folder), save(vat_invoice(), "pvm_saskaita", folder)]
