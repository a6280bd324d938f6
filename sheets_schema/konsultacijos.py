"""`konsultacijos`: methodological consultations given to the territory libraries."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from automations.lt import number
from sheets_schema.base import Problem, RowIssue, Severity, SheetModel
from sheets_schema.references import References
from sheets_schema.spec import RuleContext, WorkbookSpec
from sheets_schema.types import Count, Date, Text, choice

WORKDAY_MINUTES = 480


class Konsultacija(SheetModel):
    tab = "Konsultacijos"

    data: Date = Field(alias="Data")
    biblioteka: Text = Field(alias="Biblioteka", description="Teritorijos bibliotekos kodas arba pavadinimas.")
    tema: choice(
        "statistika ir ataskaitos", "LIBIS", "fondo formavimas", "renginiai", "skaitymo skatinimas",
        "projektų rengimas", "kraštotyra ir skaitmeninimas", "teisės aktai", "asmens duomenys", "vadyba",
        "erdvių pritaikymas", "kita",
    ) = Field(alias="Tema")
    budas: choice("telefonu", "el. paštu", "nuotoliniu", "vietoje bibliotekoje", "PAVB patalpose") = Field(
        alias="Būdas"
    )
    trukme: Count | None = Field(None, alias="Trukmė, min", description="Konsultacijos trukmė minutėmis.")
    konsultantas: Text = Field(alias="Konsultantas", description="PAVB darbuotojas, suteikęs konsultaciją.")
    gavejo_pareigos: Text | None = Field(None, alias="Gavėjo pareigos")
    rezultatas: Text | None = Field(None, alias="Rezultatas")

    def checks(self) -> Iterator[RowIssue]:
        if self.trukme is not None and self.trukme > WORKDAY_MINUTES:
            yield RowIssue("trukme", "per_ilga",
                           f"{number(self.trukme)} min yra ilgiau nei darbo diena ({WORKDAY_MINUTES} min); "
                           "patikrinkite, ar trukmė įrašyta minutėmis", Severity.WARNING)


def rules(ctx: RuleContext, refs: References) -> Iterator[Problem]:
    frame = ctx.frame("Konsultacijos")
    if frame is None or not refs.loaded:
        return
    for row in frame.dropna(subset=["biblioteka"]).to_dict("records"):
        if refs.library_code(row["biblioteka"]) is None:
            yield ctx.problem("Konsultacijos", row["_row"], "biblioteka", row["biblioteka"], "nezinoma_biblioteka",
                              f"biblioteka „{row['biblioteka']}“ nerasta teritorijos bibliotekų sąraše: įrašykite "
                              "jos kodą arba tikslų pavadinimą")


WORKBOOK = WorkbookSpec(
    name="konsultacijos",
    title="Metodinės konsultacijos",
    tabs=(Konsultacija,),
    rules=rules,
)
