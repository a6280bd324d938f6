"""`kvalifikacija`: trainings for librarians, their participants and the training-needs survey."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from automations.lt import QUARTERS, number
from sheets_schema.base import Problem, RowIssue, Severity, SheetModel
from sheets_schema.nuoma import Email
from sheets_schema.references import References
from sheets_schema.renginiai import Format
from sheets_schema.rules import unique
from sheets_schema.spec import RuleContext, WorkbookSpec
from sheets_schema.types import Amount, Count, Date, DateTime, Text, Time, YesNo, choice, given, text_key

COMPETENCE_AREAS = (
    "skaitmeninis raštingumas",
    "medijų ir informacinis raštingumas",
    "dirbtinis intelektas",
    "skaitymo skatinimas",
    "paslaugos vaikams ir jaunimui",
    "fondo formavimas ir LIBIS",
    "kraštotyra ir paveldas",
    "projektų vadyba",
    "vadyba ir lyderystė",
    "komunikacija",
    "prieinamumas",
    "kita",
)
CODE_RE = re.compile(r"KT-\d{4}-\d{3}")


class Mokymai(SheetModel):
    tab = "Mokymai"

    kodas: Text = Field(alias="Kodas", description="Unikalus kodas, pvz. KT-2026-001.")
    pavadinimas: Text = Field(alias="Pavadinimas")
    forma: choice(
        "seminaras", "mokymai", "kursai", "konferencija", "stažuotė", "pažintinis vizitas", "darbo stebėjimas"
    ) = Field(alias="Forma")
    budas: Format = Field(alias="Būdas")
    organizatorius: Text | None = Field(None, alias="Organizatorius")
    lektorius: Text | None = Field(None, alias="Lektorius", description="Vardas ir pavardė (keli – per kablelį).")
    kompetenciju_sritis: choice(*COMPETENCE_AREAS) = Field(alias="Kompetencijų sritis")
    data_nuo: Date = Field(alias="Data nuo")
    data_iki: Date | None = Field(None, alias="Data iki", description="Kelių dienų mokymams – paskutinė diena.")
    pradzia: Time | None = Field(None, alias="Pradžia")
    pabaiga: Time | None = Field(None, alias="Pabaiga")
    vieta: Text | None = Field(None, alias="Vieta")
    trukme: Amount = Field(alias="Trukmė, akad. val.", description="Akademinės valandos (1 akad. val. = 45 min).")
    tiksline_grupe: Text | None = Field(None, alias="Tikslinė grupė")
    vietu_skaicius: Count | None = Field(None, alias="Vietų skaičius", description="Kiek dalyvių galima priimti.")
    pazymejimas: YesNo | None = Field(None, alias="Pažymėjimas", description="Taip – dalyviams išduodami pažymėjimai.")
    lektoriaus_lytis: choice("moteris", "vyras") | None = Field(
        None, alias="Lektoriaus lytis",
        description="Tik jei iš vardo neaišku: lemia žodį „Lektorė“ ar „Lektorius“ pažymėjime ir kalendoriuje.")

    def checks(self) -> Iterator[RowIssue]:
        if not CODE_RE.fullmatch(self.kodas):
            yield RowIssue("kodas", "kodo_formatas",
                           f"kodas „{self.kodas}“ turi būti toks kaip KT-2026-001 (KT, metai ir triženklis numeris)")
        if self.data_iki is not None and self.data_iki < self.data_nuo:
            yield RowIssue("data_iki", "pabaiga_ankstesne",
                           f"pabaigos data ({self.data_iki}) negali būti ankstesnė už pradžią ({self.data_nuo})")
        if self.pradzia is not None and self.pabaiga is not None and self.pabaiga <= self.pradzia:
            yield RowIssue("pabaiga", "pabaiga_ankstesne",
                           f"pabaiga ({self.pabaiga:%H:%M}) turi būti vėliau nei pradžia ({self.pradzia:%H:%M})")
        if self.trukme <= 0:
            yield RowIssue("trukme", "trukme_nulis", "trukmė turi būti didesnė už 0 akad. val.")


class Dalyvis(SheetModel):
    tab = "Dalyviai"
    personal = frozenset({"vardas_pavarde", "el_pastas"})

    mokymu_kodas: Text = Field(alias="Mokymų kodas", description="Mokymų kodas iš lapo „Mokymai“, pvz. KT-2026-001.")
    vardas_pavarde: Text = Field(alias="Vardas, pavardė")
    biblioteka: Text = Field(alias="Biblioteka", description="Bibliotekos kodas arba pavadinimas.")
    pareigos: Text | None = Field(None, alias="Pareigos")
    el_pastas: Email | None = Field(None, alias="El. paštas")
    dalyvavo: YesNo | None = Field(None, alias="Dalyvavo")
    isklausyta: Amount | None = Field(
        None, alias="Išklausyta, akad. val.", description="Ne daugiau nei mokymų trukmė; pažymėjimui."
    )

    def checks(self) -> Iterator[RowIssue]:
        if self.dalyvavo is False and self.isklausyta:
            yield RowIssue("isklausyta", "nedalyvavo_bet_valandos",
                           f"pažymėta, kad nedalyvavo, bet įrašyta {number(self.isklausyta, 2)} akad. val.: "
                           "pataisykite „Dalyvavo“ arba ištrinkite valandas", Severity.WARNING)


class Poreikis(SheetModel):
    tab = "Poreikiai"
    form = True

    laiko_zyme: DateTime = Field(alias="Laiko žymė", description="Formos pateikimo laikas (pildoma automatiškai).")
    biblioteka: Text = Field(alias="Biblioteka / padalinys")
    pareigos: Text | None = Field(None, alias="Pareigos")
    kompetenciju_sritys: Text = Field(
        alias="Kompetencijų sritys", description="Viena ar kelios sritys, atskirtos kableliais."
    )
    prioritetas: choice("1", "2", "3") | None = Field(None, alias="Prioritetas", description="1 – svarbiausia.")
    pageidaujama_forma: Text | None = Field(None, alias="Pageidaujama forma")
    ketvirtis: choice(*QUARTERS) | None = Field(None, alias="Pageidaujamas ketvirtis")
    komentaras: Text | None = Field(None, alias="Komentaras")

    @field_validator("kompetenciju_sritys")
    @classmethod
    def _areas(cls, value: str) -> str:
        """``Kraštotyra ir paveldas, komunikacija`` → the areas in list order, each once, canonical spelling."""
        lookup = {area.casefold(): area for area in COMPETENCE_AREAS}
        chosen = set()
        for part in filter(None, (piece.strip() for piece in value.split(","))):
            area = lookup.get(" ".join(part.split()).casefold())
            if area is None:
                raise PydanticCustomError(
                    "sritis", "„{value}“ nėra kompetencijų sritis; galimos: {allowed}",
                    {"value": part, "allowed": ", ".join(COMPETENCE_AREAS)},
                )
            chosen.add(area)
        if not chosen:
            raise PydanticCustomError("sritis", "pasirinkite bent vieną kompetencijų sritį", {"value": value})
        return ", ".join(area for area in COMPETENCE_AREAS if area in chosen)


def rules(ctx: RuleContext, refs: References) -> Iterator[Problem]:
    yield from unique(ctx, "Mokymai", ["kodas"])
    # a person is name + library: namesakes from two libraries in one training are two people
    library = {"biblioteka": lambda text: refs.library_code(text) or text_key(text)}
    repeated = list(unique(ctx, "Dalyviai", ["vardas_pavarde", "mokymu_kodas", "biblioteka"], identity=library))
    yield from repeated
    people = ctx.frame("Dalyviai")
    if people is None:
        return
    trainings: dict[str, dict] = {}
    frame = ctx.frame("Mokymai")
    for training in [] if frame is None else frame.dropna(subset=["kodas"]).to_dict("records"):
        trainings.setdefault(text_key(training["kodas"]), training)
    seats_taken: dict[str, int] = {}
    repeated_rows = {problem.row for problem in repeated}
    for person in people.sort_values("_row").to_dict("records"):
        yield from _library(ctx, person, refs)
        if not given(person["mokymu_kodas"]):
            continue
        code = text_key(person["mokymu_kodas"])
        training = trainings.get(code)
        if training is None:
            yield ctx.problem("Dalyviai", person["_row"], "mokymu_kodas", person["mokymu_kodas"], "nezinomi_mokymai",
                              f"mokymų kodas „{person['mokymu_kodas']}“ nerastas lape „Mokymai“")
            continue
        heard, length = person["isklausyta"], training["trukme"]
        if given(heard) and given(length) and heard > length:
            yield ctx.problem("Dalyviai", person["_row"], "isklausyta", heard, "isklausyta_per_daug",
                              f"išklausyta {number(heard, 2)} akad. val., o mokymai {training['kodas']} trunka "
                              f"{number(length, 2)} akad. val.")
        if person["_row"] in repeated_rows:
            continue
        taken = seats_taken[code] = seats_taken.get(code, 0) + 1
        seats = training["vietu_skaicius"]
        if given(seats) and taken == seats + 1:
            yield ctx.problem("Dalyviai", person["_row"], "mokymu_kodas", person["mokymu_kodas"], "per_daug_dalyviu",
                              f"mokymuose {training['kodas']} yra {number(seats)} vietų: nuo šios eilutės "
                              "dalyviai netelpa", Severity.WARNING)


def _library(ctx: RuleContext, person: dict, refs: References) -> Iterator[Problem]:
    library = person["biblioteka"]
    if refs.loaded and given(library) and refs.library_code(library) is None:
        yield ctx.problem("Dalyviai", person["_row"], "biblioteka", library, "nezinoma_biblioteka",
                          f"biblioteka „{library}“ nerasta teritorijos bibliotekų sąraše; jei dalyvis ne iš "
                          "teritorijos, tai gerai, kitaip įrašykite bibliotekos kodą ar tikslų pavadinimą",
                          Severity.WARNING)


WORKBOOK = WorkbookSpec(
    name="kvalifikacija",
    title="Kvalifikacijos tobulinimas",
    tabs=(Mokymai, Dalyvis, Poreikis),
    rules=rules,
    reference_tabs=("Mokymai",),
)
