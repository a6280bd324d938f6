"""`lankytojai`: the daily visitor log of the Library's places (counts only, no names)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from automations.lt import number
from sheets_schema.base import Problem, RowIssue, Severity, SheetModel
from sheets_schema.references import References
from sheets_schema.renginiai import Place
from sheets_schema.rules import unique
from sheets_schema.spec import RuleContext, WorkbookSpec
from sheets_schema.types import Count, Date, Text, choice

# A day is suspicious above max(3 × the place's 95th percentile, 50), once the place has 20 days of data.
MIN_DAYS = 20
PEAK_FACTOR = 3
PEAK_FLOOR = 50


class Lankytojai(SheetModel):
    tab = "Lankytojai"

    data: Date = Field(alias="Data")
    vieta: Place = Field(alias="Vieta")
    is_viso: Count = Field(alias="Lankytojai iš viso", description="Visi tos dienos lankytojai; nedirbus – 0.")
    vaikai: Count | None = Field(None, alias="iš jų vaikai")
    renginiuose: Count | None = Field(None, alias="iš jų renginiuose", description="Atėję į renginius.")
    ekskursijos: Count | None = Field(None, alias="Ekskursijos", description="Ekskursijų skaičius tą dieną.")
    ekskursiju_dalyviai: Count | None = Field(None, alias="Ekskursijų dalyviai")
    skaiciavimo_budas: choice("skaitiklis", "rankinis", "registracijos žurnalas") | None = Field(
        None, alias="Skaičiavimo būdas"
    )
    pastabos: Text | None = Field(None, alias="Pastabos")

    def checks(self) -> Iterator[RowIssue]:
        yield from self.part_of("vaikai", "is_viso")
        yield from self.part_of("renginiuose", "is_viso")
        yield from self.part_of("ekskursiju_dalyviai", "is_viso")
        if self.ekskursiju_dalyviai and not self.ekskursijos:
            yield RowIssue("ekskursijos", "truksta_ekskursiju",
                           f"įrašyta {self.ekskursiju_dalyviai} ekskursijų dalyvių: įrašykite ir ekskursijų "
                           "skaičių (bent 1)")


def rules(ctx: RuleContext, refs: References) -> Iterator[Problem]:
    yield from unique(ctx, "Lankytojai", ["data", "vieta"])
    yield from unusual_days(ctx)


def unusual_days(ctx: RuleContext) -> Iterator[Problem]:
    """A day far above the place's usual peaks is probably mistyped (an extra zero, a year's total)."""
    import pandas as pd

    frame = ctx.frame("Lankytojai")
    if frame is None:
        return
    counted = frame.loc[frame["_valid"] & ~frame["_row"].isin(ctx.dropped("Lankytojai"))]
    counted = counted.assign(_count=pd.to_numeric(counted["is_viso"], errors="coerce")).dropna(
        subset=["vieta", "_count"])
    for place, days in counted.groupby("vieta", sort=False):
        if len(days) < MIN_DAYS:
            continue
        usual = days["_count"].quantile(0.95)
        limit = max(PEAK_FACTOR * usual, PEAK_FLOOR)
        for row in days.loc[days["_count"] > limit].to_dict("records"):
            yield ctx.problem("Lankytojai", row["_row"], "is_viso", row["is_viso"], "neiprastai_daug",
                              f"{number(row['_count'])} lankytojų per dieną – daug daugiau nei įprasta vietoje "
                              f"„{place}“ (95 proc. dienų – iki {number(usual)}); patikrinkite skaičių",
                              Severity.WARNING)


WORKBOOK = WorkbookSpec(
    name="lankytojai",
    title="Lankytojų apskaita",
    tabs=(Lankytojai,),
    rules=rules,
)
