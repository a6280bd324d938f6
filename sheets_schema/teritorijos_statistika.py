"""`teritorijos_statistika`: yearly statistics the territory libraries submit through a form."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import Field

from automations.lt import number, signed_percent
from sheets_schema.base import Problem, RowIssue, Severity, SheetModel
from sheets_schema.contacts import mistyped
from sheets_schema.references import COUNTIES, MUNICIPALITIES, References
from sheets_schema.rules import latest_submission_wins, unique
from sheets_schema.spec import RuleContext, WorkbookSpec
from sheets_schema.types import (
    Amount,
    Count,
    CountOrUnknown,
    DateTime,
    Text,
    YesNo,
    choice,
    given,
)

if TYPE_CHECKING:
    import pandas as pd

Municipality = choice(*MUNICIPALITIES)
COUNTY_LIBRARY = "apskrities biblioteka"  # the Library itself: fills the same form, is not a territory library


class Biblioteka(SheetModel):
    tab = "Bibliotekos"

    kodas: Text = Field(alias="Kodas", description="Trumpas unikalus kodas, pvz. PNR-SVB arba PNR-MOK-03.")
    pavadinimas: Text = Field(alias="Pavadinimas", description="Visas bibliotekos pavadinimas.")
    savivaldybe: Municipality = Field(alias="Savivaldybė", description="Savivaldybė, kurioje veikia biblioteka.")
    tipas: choice("SVB", "mokyklos biblioteka", COUNTY_LIBRARY) = Field(
        alias="Tipas", description="„apskrities biblioteka“ – pati PAVB: jos atsakymas nesumuojamas su teritorija, "
                                   "o rodomas metinės ataskaitos skyriuje apie Biblioteką.")
    padaliniu_skaicius: Count | None = Field(None, alias="Padalinių skaičius", description="Filialų skaičius.")
    aktyvi: YesNo | None = Field(None, alias="Aktyvi", description="Ne – jei biblioteka nebeveikia.")
    el_pastas: Text | None = Field(
        None, alias="El. paštas",
        description="Bibliotekos el. pašto adresas (keli – atskirti kabliataškiu): čia siunčiami pranešimai "
                    "apie klaidas ir priminimai.",
    )

    def checks(self) -> Iterator[RowIssue]:
        # a warning, not an error: a mistyped contact must not drop the library from the list others point to
        bad = mistyped(self.el_pastas)
        if bad:
            yield RowIssue("el_pastas", "el_pastas",
                           f"„{', '.join(bad)}“ nėra el. pašto adresas (tikėtasi vardas@biblioteka.lt); "
                           "kol adresas netaisyklingas, pranešimai šiuo adresu nesiunčiami", Severity.WARNING)


class Savivaldybe(SheetModel):
    tab = "Savivaldybės"

    savivaldybe: Municipality = Field(alias="Savivaldybė")
    apskritis: choice(*COUNTIES) = Field(alias="Apskritis")
    metai: Count = Field(alias="Metai", description="Metai, kurių gyventojų skaičius įrašytas.")
    gyventojai: Count = Field(alias="Gyventojai", description="Gyventojų skaičius metų pradžioje.")

    def checks(self) -> Iterator[RowIssue]:
        expected = MUNICIPALITIES[self.savivaldybe]
        if self.apskritis != expected:
            yield RowIssue("apskritis", "apskritis",
                           f"{self.savivaldybe} savivaldybė priklauso {expected} apskričiai, ne {self.apskritis}")


# Ratio bands from national practice: outside them a figure is probably mistyped.
RATIO_BANDS = (
    ("isduotis", "registruoti_vartotojai", 3, 60, "Išduotis vienam vartotojui"),
    ("apsilankymai", "registruoti_vartotojai", 2, 60, "Apsilankymai vienam vartotojui"),
    ("renginiu_dalyviai", "renginiai", 1, 300, "Dalyviai vienam renginiui"),
)
KEY_INDICATORS = (
    "registruoti_vartotojai",
    "apsilankymai",
    "isduotis",
    "fondas",
    "renginiai",
    "renginiu_dalyviai",
)


class Ataskaita(SheetModel):
    tab = "Formos atsakymai 1"
    form = True
    personal = frozenset({"el_pastas"})  # the submitter's address
    explanation_field = "paaiskinimas"

    laiko_zyme: DateTime = Field(alias="Laiko žymė", description="Formos pateikimo laikas (pildoma automatiškai).")
    el_pastas: Text | None = Field(None, alias="El. pašto adresas")
    biblioteka: Text = Field(alias="Biblioteka",
                             description="Bibliotekos kodas arba pavadinimas iš lapo „Bibliotekos“.")
    metai: Count = Field(alias="Metai", description="Ataskaitiniai metai.")
    registruoti_vartotojai: CountOrUnknown = Field(alias="Registruoti vartotojai")
    vaikai_vartotojai: CountOrUnknown = Field(alias="iš jų vaikai (iki 14 m.)")
    nauji_vartotojai: CountOrUnknown = Field(None, alias="Naujai užregistruoti vartotojai")
    apsilankymai: CountOrUnknown = Field(alias="Apsilankymai (fiziniai)")
    virtualus_apsilankymai: CountOrUnknown = Field(None, alias="Virtualūs apsilankymai")
    isduotis: CountOrUnknown = Field(alias="Išduotis (fiz. vnt.)")
    isduotis_vaikams: CountOrUnknown = Field(None, alias="iš jos vaikams")
    fondas: CountOrUnknown = Field(alias="Fondas metų pabaigoje (fiz. vnt.)")
    gauta: CountOrUnknown = Field(None, alias="Gauta per metus (fiz. vnt.)")
    nurasyta: CountOrUnknown = Field(None, alias="Nurašyta per metus (fiz. vnt.)")
    renginiai: CountOrUnknown = Field(alias="Renginiai")
    renginiu_dalyviai: CountOrUnknown = Field(alias="Renginių dalyviai")
    parodos: CountOrUnknown = Field(None, alias="Parodos")
    mokymai: CountOrUnknown = Field(None, alias="Mokymai vartotojams")
    mokymu_dalyviai: CountOrUnknown = Field(None, alias="Mokymų dalyviai")
    darbuotojai: CountOrUnknown = Field(alias="Darbuotojai (asm.)")
    etatai: Amount | None = Field(None, alias="Etatai")
    bibliotekininkai: CountOrUnknown = Field(None, alias="Profesionalūs bibliotekininkai")
    tobule_darbuotojai: CountOrUnknown = Field(None, alias="Kvalifikaciją tobulinę darbuotojai")
    kompiuterizuotos_vietos: CountOrUnknown = Field(None, alias="Vartotojų kompiuterizuotos darbo vietos")
    paaiskinimas: Text | None = Field(
        None, alias="Paaiškinimas",
        description="Paaiškinkite neįprastus pokyčius: užpildytas paaiškinimas panaikina įspėjimus.",
    )

    def checks(self) -> Iterator[RowIssue]:
        yield from self.part_of("vaikai_vartotojai", "registruoti_vartotojai")
        yield from self.part_of("nauji_vartotojai", "registruoti_vartotojai")
        yield from self.part_of("isduotis_vaikams", "isduotis")
        yield from self.part_of("bibliotekininkai", "darbuotojai")
        yield from self.part_of("tobule_darbuotojai", "darbuotojai")
        if self.etatai is not None and self.darbuotojai is not None and self.etatai > self.darbuotojai:
            yield RowIssue("etatai", "dalis_didesne",
                           f"etatų ({number(self.etatai, 2)}) negali būti daugiau nei darbuotojų ({self.darbuotojai})")
        if None not in (self.nurasyta, self.fondas) and self.nurasyta > self.fondas + (self.gauta or 0):
            available = self.fondas + (self.gauta or 0)
            yield RowIssue("nurasyta", "nurasyta_per_daug",
                           f"nurašyta ({number(self.nurasyta)}) daugiau nei fondas ir gauta kartu "
                           f"({number(available)})")
        for part, total, low, high, label in RATIO_BANDS:
            numerator, denominator = getattr(self, part), getattr(self, total)
            if numerator is None or not denominator:
                continue
            ratio = numerator / denominator
            if not low <= ratio <= high:
                yield RowIssue(
                    part, "santykis",
                    f"{label.lower()} {number(ratio, 1)} yra už įprastų ribų ({low}–{high}); patikrinkite skaičių "
                    "arba užpildykite „Paaiškinimas“",
                    Severity.WARNING,
                )


def rules(ctx: RuleContext, refs: References) -> Iterator[Problem]:
    yield from unique(ctx, "Bibliotekos", ["kodas"])
    yield from unique(ctx, "Savivaldybės", ["savivaldybe", "metai"])
    answers = ctx.frame("Formos atsakymai 1")
    if answers is None:
        return
    if not refs.loaded:  # validating the reference workbook itself: use its own list
        libraries = ctx.frame("Bibliotekos")
        if libraries is not None:
            refs = References(libraries.loc[libraries["_valid"], ["kodas", "pavadinimas", "savivaldybe", "tipas",
                                                                    "aktyvi"]])
    answers["kodas"] = answers["biblioteka"].map(refs.library_code)
    for row in answers.loc[answers["kodas"].isna() & answers["biblioteka"].notna()].to_dict("records"):
        yield ctx.problem("Formos atsakymai 1", row["_row"], "biblioteka", row["biblioteka"], "nezinoma_biblioteka",
                          f"biblioteka „{row['biblioteka']}“ nerasta lape „Bibliotekos“: įrašykite jos kodą arba "
                          "tikslų pavadinimą")
    yield from latest_submission_wins(ctx, "Formos atsakymai 1", ["kodas", "metai"], "laiko_zyme")
    yield from year_over_year(ctx, answers)


def year_over_year(ctx: RuleContext, answers: pd.DataFrame) -> Iterator[Problem]:
    """±30 % against last year's accepted figure, or exactly the same figure: both warnings."""
    current = answers.loc[answers["_valid"] & ~answers["_row"].isin(ctx.dropped("Formos atsakymai 1"))]
    by_key = {(row["kodas"], row["metai"]): row for row in current.to_dict("records") if row["kodas"]}
    for (code, year), row in by_key.items():
        previous = by_key.get((code, year - 1))
        if previous is None:
            continue
        for name in KEY_INDICATORS:
            now, before = row[name], previous[name]
            if not given(now) or not given(before):
                continue
            if now == before and now > 0:
                yield ctx.problem("Formos atsakymai 1", row["_row"], name, now, "kaip_pernai",
                                  f"reikšmė tokia pati kaip {year - 1} m. ({number(before)}); ar ji tikrai atnaujinta?",
                                  Severity.WARNING)
            elif before > 0 and abs(now - before) / before > 0.30:
                change = (now - before) / before * 100
                yield ctx.problem("Formos atsakymai 1", row["_row"], name, now, "metinis_pokytis",
                                  f"pokytis nuo {year - 1} m. ({number(before)}) yra {signed_percent(change, 0)}; "
                                  "daugiau nei ±30 proc. – patikrinkite arba paaiškinkite", Severity.WARNING)


WORKBOOK = WorkbookSpec(
    name="teritorijos_statistika",
    title="Teritorijos bibliotekų metinė statistika",
    tabs=(Biblioteka, Savivaldybe, Ataskaita),
    rules=rules,
    reference_tabs=("Bibliotekos",),
)
