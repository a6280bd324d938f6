"""`veiklos_planas`: the annual activity plan; some actual values are computed from the other sheets."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from automations.lt import QUARTERS, number
from sheets_schema.base import Problem, RowIssue, SheetModel
from sheets_schema.references import References
from sheets_schema.rules import unique
from sheets_schema.spec import RuleContext, WorkbookSpec
from sheets_schema.types import Amount, AmountOrUnknown, Count, Date, Text, choice, text_key

# Names of the figures the suite computes for the plan's year (`Automatinis rodiklis`); each is one
# figure of the registry (automations/domain/registry.py checks that the two lists agree).
AUTO_FIGURES: tuple[str, ...] = (
    "Įvykę renginiai", "Renginių dalyviai", "Tiesioginės transliacijos", "Parodos", "Ekskursijos",
    "Ekskursijų dalyviai", "Bibliotekos lankytojai (be Zaosės)", "Zaosės lankytojai", "Zaosės dienos su lankytojais",
    "Nuomos užsakymai", "Nuomos pajamos be PVM, Eur", "Nuomos pajamos su PVM, Eur", "Nuomos pajamos, Eur",
    "Įvykę mokymai", "Apmokyti asmenys", "Mokymų poreikių apklausos dalyviai", "Parengtas kitų metų mokymų planas",
    "Suteiktos konsultacijos", "Konsultuotos bibliotekos", "Metodinės išvykos į bibliotekas", "Publikacijos",
    "Naujienlaiškiai", "Vykdomi projektai", "Teritorijos registruoti vartotojai", "Teritorijos apsilankymai",
    "Teritorijos išduotis", "Teritorijos renginiai",
    "Apklausos atliktos", "Apklausų respondentai", "Komisijų posėdžiai", "Įvykdyti sprendimai", "Nominacijos",
    "Apdovanoti specialistai",
)

# Units of whole things: 6,3 events or 2,5 people is a typing mistake.
COUNT_UNITS = frozenset({"vnt.", "vnt", "asm.", "asm", "egz.", "egz", "fiz. vnt.", "kart.", "kartai", "d.", "dienos"})


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
    pastabos: Text | None = Field(None, alias="Pastabos", description="Kodėl priemonė atsilieka ar kas pakeista.")
    bazine: Amount | None = Field(
        None, alias="Bazinė reikšmė",
        description="Pradinė rodiklio reikšmė (paprastai praėjusių metų); tuščia – automatiniam rodikliui imama "
                    "praėjusių metų apskaičiuota reikšmė.")

    def checks(self) -> Iterator[RowIssue]:
        if text_key(self.mato_vnt) in COUNT_UNITS:
            for name in ("planine", "faktine", "bazine"):
                value = getattr(self, name)
                if value is not None and value != value.to_integral_value():
                    yield RowIssue(name, "sveikas_skaicius",
                                   f"„{self.mato_vnt}“ skaičiuojami vienetais, todėl reikšmė turi būti sveikasis "
                                   f"skaičius (įrašyta {number(value, 2)})")


FINANCE_KINDS = ("pajamos", "išlaidos")
TEXT_SECTIONS = ("įvadas", "problemos", "prioritetai")
DOCUMENTS = ("veiklos planas", "veiklos ataskaita")


class Finansai(SheetModel):
    """The year's money as the annual report shows it (no other sheet holds it)."""

    tab = "Finansai"

    metai: Count = Field(alias="Metai")
    rusis: choice(*FINANCE_KINDS) = Field(alias="Rūšis")
    straipsnis: Text = Field(alias="Straipsnis", description="Pvz. valstybės biudžeto lėšos, pajamos už paslaugas, "
                                                             "projektų lėšos; darbo užmokestis, prekės ir paslaugos.")
    planas: Amount | None = Field(None, alias="Planas, Eur")
    faktas: Amount = Field(alias="Faktas, Eur", description="Gauta (pajamos) arba panaudota (išlaidos) per metus.")
    pastabos: Text | None = Field(None, alias="Pastabos")


class Tekstas(SheetModel):
    """What only people can write in the annual report: the introduction, the problems, next year's priorities."""

    tab = "Ataskaitos tekstai"

    metai: Count = Field(alias="Metai")
    skyrius: choice(*TEXT_SECTIONS) = Field(alias="Skyrius", description="Kurioje ataskaitos dalyje spausdinama.")
    tekstas: Text = Field(alias="Tekstas", description="Viena pastraipa ar punktas; kelios eilutės – keli punktai.")


class Tvirtinimas(SheetModel):
    """Who approved the plan or the report, when and under which number."""

    tab = "Tvirtinimas"

    metai: Count = Field(alias="Metai")
    dokumentas: choice(*DOCUMENTS) = Field(alias="Dokumentas")
    data: Date = Field(alias="Data", description="Įsakymo (tvirtinimo) data.")
    numeris: Text = Field(alias="Nr.", description="Įsakymo ar registracijos numeris, pvz. V-12.")
    tvirtino: Text | None = Field(None, alias="Tvirtino", description="Pvz. direktorė Vardenė Pavardenė.")


def rules(ctx: RuleContext, refs: References) -> Iterator[Problem]:
    yield from unique(ctx, "Tvirtinimas", ["metai", "dokumentas"])


WORKBOOK = WorkbookSpec(
    name="veiklos_planas",
    title="Metinis veiklos planas",
    tabs=(Priemone, Finansai, Tekstas, Tvirtinimas),
    rules=rules,
)
