"""Template of the monthly events programme (`renginiu_programa.docx`), ready for the press."""

from __future__ import annotations

from pathlib import Path

from templates.build import heading, new_document, paragraph, save


def build(folder: Path) -> list[Path]:
    document = new_document()
    paragraph(document, "Renginių programa", bold=True, size=18, center=True)
    paragraph(document, "{{ laikotarpis }}", bold=True, size=14, center=True)
    paragraph(document, "{{ istaiga.name }}", center=True)
    paragraph(document, "{%p if not dienos %}")
    paragraph(document, "Šį mėnesį renginių kol kas nesuplanuota.", italic=True)
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p for diena in dienos %}")
    heading(document, "{{ diena.data }}", 2)
    paragraph(document, "{%p for r in diena.renginiai %}")
    paragraph(document, "{{ r.laikas }}   {{ r.pavadinimas }}", bold=True)
    paragraph(document, "{{ r.apie }}. Vieta: {{ r.vieta }}"
                        "{% if r.forma %} ({{ r.forma }}){% endif %}. {{ r.iejimas }}."
                        "{% if r.partneriai %} Partneriai: {{ r.partneriai }}.{% endif %}")
    paragraph(document, "{%p if r.nuoroda %}")
    paragraph(document, "Daugiau informacijos: {{ r.nuoroda }}", italic=True, size=9)
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p endfor %}")
    heading(document, "Parodos")
    paragraph(document, "{%p for p in parodos %}")
    paragraph(document, "{{ p.pavadinimas }}", bold=True)
    paragraph(document, "{{ p.datos }}, {{ p.vieta }}.{% if p.autorius %} {{ p.autoriaus_vaidmuo }}: {{ p.autorius }}."
                        "{% endif %}{% if p.nuoroda %} {{ p.nuoroda }}{% endif %}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{%p if not parodos %}")
    paragraph(document, "Šį mėnesį parodų nėra.", italic=True)
    paragraph(document, "{%p endif %}")
    paragraph(document, "")
    paragraph(document, "Programa gali keistis; naujausia informacija – {{ istaiga.website }}. Teiraukitės "
                        "{{ istaiga.email }}{% if istaiga.phone %}, tel. {{ istaiga.phone }}{% endif %}.",
              italic=True, size=9)
    paragraph(document, "Parengta {{ siandien|data }}", italic=True, size=9)
    return [save(document, "renginiu_programa", folder)]
