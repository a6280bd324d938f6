"""`veiklos_planas`: the annual activity plan; some actual values are computed from the other sheets."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from automations.lt import QUARTERS, number
from sheets_schema.base import RowIssue, Severity, SheetModel
from sheets_schema.spec import WorkbookSpec
from sheets_schema.types import Amount, AmountOrUnknown, Count, Text, choice

# Figures the suite computes for the plan's year (automations/indicators.py has one function per name).
AUTO_FIGURES: dict[str, str] = {
    "Įvykę renginiai": "Lapo „Renginiai“ eilutės, kurių būsena „įvyko“.",
    "Renginių dalyviai": "Įvykusių renginių „Dalyviai“ suma.",
    "Parodos": "Lapo „Parodos“ parodos, veikusios per metus.",
    "Ekskursijos": "Lapo „Ekskursijos“ metų eilučių skaičius.",
    "Ekskursijų dalyviai": "Lapo „Ekskursijos“ „Dalyviai“ suma.",
    "Zaosės lankytojai": "Lankytojų žurnalo „Lankytojai iš viso“ suma vietoje „J. Urbšio sodyba (Zaosė)“.",
    "Nuomos užsakymai": "Nuomos užsakymai, kurių būsena „įvykdyta“.",
    "Nuomos pajamos, Eur": (
        "Įvykdytų nuomos užsakymų kaina su PVM (valandos × tarifas × savaitgalio koeficientas, atėmus lengvatą)."
    ),
    "Įvykę mokymai": "Mokymai, pasibaigę per metus, kuriuose bent vienas dalyvis „Dalyvavo“ – Taip.",
    "Apmokyti asmenys": "Skirtingi metų mokymų dalyviai (vardas, pavardė ir biblioteka), kurių „Dalyvavo“ – Taip.",
    "Suteiktos konsultacijos": "Lapo „Konsultacijos“ metų eilučių skaičius.",
    "Publikacijos": "Lapo „Publikacijos“ metų eilučių skaičius.",
    "Vykdomi projektai": "Projektai, kurių būsena „vykdoma“ arba „baigta“ ir kurie vyko per metus.",
    "Teritorijos registruoti vartotojai": (
        "Teritorijos bibliotekų „Registruoti vartotojai“ suma (naujausia metinė statistika)."
    ),
    "Teritorijos apsilankymai": "Teritorijos bibliotekų „Apsilankymai (fiziniai)“ suma (naujausia metinė statistika).",
    "Teritorijos išduotis": "Teritorijos bibliotekų „Išduotis (fiz. vnt.)“ suma (naujausia metinė statistika).",
    "Teritorijos renginiai": "Teritorijos bibliotekų „Renginiai“ suma (naujausia metinė statistika).",
}


class Priemone(SheetModel):
    tab = "Priemonės"

    metai: Count = Field(alias="Metai", description="Plano metai, pvz. 2026.")
    tikslas: Text = Field(alias="Tikslas")
    uzdavinys: Text = Field(alias="Uždavinys")
    priemone: Text = Field(alias="Priemonė")
    rodiklis: Text = Field(alias="Rodiklis", description="Kuo matuojamas priemonės įvykdymas.")
    mato_vnt: Text | None = Field(None, alias="Mato vnt.", description="Pvz. vnt., asm., proc.")
    planine: Amount = Field(alias="Planinė reikšmė")
    faktine: AmountOrUnknown = Field(
        None, alias="Faktinė reikšmė", description="Pildoma ranka, jei „Automatinis rodiklis“ tuščias."
    )
    automatinis: choice(*AUTO_FIGURES) | None = Field(
        None, alias="Automatinis rodiklis",
        description="Pasirinkus rodiklį, faktinė reikšmė apskaičiuojama iš kitų lentelių.",
    )
    ketvirtis: choice(*QUARTERS, "visi metai") | None = Field(None, alias="Ketvirtis")
    atsakingas_padalinys: Text = Field(alias="Atsakingas padalinys")
    lesos: Amount | None = Field(None, alias="Lėšos, Eur")
    finansavimo_saltinis: Text | None = Field(None, alias="Finansavimo šaltinis")
    pastabos: Text | None = Field(None, alias="Pastabos")

    def checks(self) -> Iterator[RowIssue]:
        if self.automatinis is not None and self.faktine is not None:
            yield RowIssue("faktine", "automatinis_rodiklis",
                           f"faktinė reikšmė apskaičiuojama automatiškai („{self.automatinis}“): įrašyta "
                           f"{number(self.faktine, 2)} bus pakeista apskaičiuota; ištrinkite ją arba išvalykite "
                           "„Automatinis rodiklis“", Severity.WARNING)


WORKBOOK = WorkbookSpec(
    name="veiklos_planas",
    title="Metinis veiklos planas",
    tabs=(Priemone,),
)
