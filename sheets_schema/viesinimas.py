"""`viesinimas`: publicity: what was published where, and the content plan."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sheets_schema.base import RowIssue, SheetModel
from sheets_schema.spec import WorkbookSpec
from sheets_schema.types import Count, Date, Text, choice

Channel = choice(
    "pavb.lt", "Facebook", "Instagram", "YouTube", "naujienlaiškis", "regioninė spauda", "nacionalinė spauda",
    "interneto portalas", "radijas", "televizija",
)


class Publikacija(SheetModel):
    tab = "Publikacijos"

    data: Date = Field(alias="Data")
    kanalas: Channel = Field(alias="Kanalas")
    ziniasklaidos_priemone: Text | None = Field(
        None, alias="Žiniasklaidos priemonė", description="Laikraštis, portalas ar stotis, pvz. „Sekundė“."
    )
    tipas: choice(
        "pranešimas spaudai", "anonsas", "straipsnis", "interviu", "reportažas", "įrašas", "tiesioginė transliacija"
    ) = Field(alias="Tipas")
    pavadinimas: Text = Field(alias="Pavadinimas")
    nuoroda: Text | None = Field(None, alias="Nuoroda")
    susijes_renginys: Text | None = Field(None, alias="Susijęs renginys", description="Renginio pavadinimas.")
    pasiekiamumas: Count | None = Field(None, alias="Pasiekiamumas", description="Kiek žmonių pasiekė (reach).")
    isitraukimas: Count | None = Field(
        None, alias="Įsitraukimas", description="Reakcijos, komentarai, dalinimaisi; ne daugiau nei pasiekiamumas."
    )
    iniciatorius: choice("biblioteka", "žiniasklaida") | None = Field(None, alias="Iniciatorius")

    def checks(self) -> Iterator[RowIssue]:
        yield from self.part_of("isitraukimas", "pasiekiamumas")


class TurinioPlanas(SheetModel):
    tab = "Turinio planas"

    planuojama_data: Date = Field(alias="Planuojama data")
    kanalas: Channel = Field(alias="Kanalas")
    tema: Text = Field(alias="Tema")
    formatas: Text | None = Field(None, alias="Formatas", description="Pvz. įrašas, vaizdo įrašas, straipsnis.")
    atsakingas: Text | None = Field(None, alias="Atsakingas")
    busena: choice("planuojama", "rengiama", "suderinta", "publikuota", "atšaukta") | None = Field(
        None, alias="Būsena"
    )
    susijes_renginys: Text | None = Field(None, alias="Susijęs renginys")


WORKBOOK = WorkbookSpec(
    name="viesinimas",
    title="Viešinimas",
    tabs=(Publikacija, TurinioPlanas),
)
