"""`projektai`: projects the Library prepares, runs or joins as a partner."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import Field

from automations.lt import money
from sheets_schema.base import RowIssue, Severity, SheetModel
from sheets_schema.spec import WorkbookSpec
from sheets_schema.types import Amount, Date, Text, choice

BUDGET_TOLERANCE = Decimal(1)  # Eur: rounding in grant agreements


class Projektas(SheetModel):
    tab = "Projektai"

    pavadinimas: Text = Field(alias="Pavadinimas")
    finansuotojas: choice(
        "Lietuvos kultūros taryba", "Kultūros ministerija", "Erasmus+", "Interreg", "savivaldybė", "LNB", "kita"
    ) = Field(alias="Finansuotojas")
    kvietimas: Text | None = Field(None, alias="Kvietimas", description="Kvietimo ar programos pavadinimas.")
    vaidmuo: choice("vykdytojas", "partneris") = Field(alias="Vaidmuo")
    partneriai: Text | None = Field(None, alias="Partneriai")
    busena: choice("rengiama", "pateikta", "finansuota", "nefinansuota", "vykdoma", "baigta") = Field(alias="Būsena")
    paraiskos_data: Date | None = Field(None, alias="Paraiškos data", description="Kada paraiška pateikta.")
    pradzia: Date | None = Field(None, alias="Pradžia")
    pabaiga: Date | None = Field(None, alias="Pabaiga", description="Vėliau nei pradžia.")
    biudzetas: Amount | None = Field(None, alias="Biudžetas, Eur", description="Visas projekto biudžetas.")
    skirta: Amount | None = Field(None, alias="Skirta, Eur", description="Finansuotojo skirta suma.")
    nuosavas_inasas: Amount | None = Field(
        None, alias="Nuosavas įnašas, Eur", description="Skirta ir nuosavas įnašas kartu turi sudaryti biudžetą."
    )
    ataskaitos_terminas: Date | None = Field(None, alias="Ataskaitos terminas")
    atsakingas: Text | None = Field(None, alias="Atsakingas")

    def checks(self) -> Iterator[RowIssue]:
        if self.pradzia is not None and self.pabaiga is not None and self.pabaiga <= self.pradzia:
            yield RowIssue("pabaiga", "pabaiga_ankstesne",
                           f"pabaiga ({self.pabaiga}) turi būti vėliau nei pradžia ({self.pradzia})")
        if self.skirta is None or self.biudzetas is None:
            return
        if self.skirta > self.biudzetas:
            yield RowIssue("skirta", "skirta_virsija",
                           f"skirta suma ({money(self.skirta)}) negali būti didesnė už biudžetą "
                           f"({money(self.biudzetas)})")
        elif self.nuosavas_inasas is not None and (
            abs(self.skirta + self.nuosavas_inasas - self.biudzetas) > BUDGET_TOLERANCE
        ):
            yield RowIssue("nuosavas_inasas", "biudzetas_nesutampa",
                           f"skirta ({money(self.skirta)}) ir nuosavas įnašas ({money(self.nuosavas_inasas)}) "
                           f"kartu sudaro {money(self.skirta + self.nuosavas_inasas)}, o biudžetas – "
                           f"{money(self.biudzetas)}", Severity.WARNING)


WORKBOOK = WorkbookSpec(
    name="projektai",
    title="Projektai",
    tabs=(Projektas,),
)
