"""`renginiai`: events, exhibitions and excursions the Communication department runs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any

from babel import Locale
from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from sheets_schema.base import Problem, RowIssue, Severity, SheetModel
from sheets_schema.references import References
from sheets_schema.spec import RuleContext, WorkbookSpec
from sheets_schema.types import Amount, Count, Date, Text, Time, YesNo, choice, parse_text, similar_text, text_key

FORMATS = ("kontaktinis", "nuotolinis", "mišrus")  # also the `Būdas` of trainings
PLACES = (  # the Library's buildings; also the places of the visitor log
    "Centriniai rūmai",
    "Vaikų ir jaunimo skyrius",
    "J. Miltinio palikimo studijų centras",
    "J. Urbšio sodyba (Zaosė)",
)
Format = choice(*FORMATS)
Place = choice(*PLACES)

# Babel's territories are ISO 3166-1 alpha-2 plus a few reserved or grouping codes.
_NOT_ISO = {"AC", "CP", "CQ", "DG", "EA", "IC", "TA", "EU", "EZ", "QO", "UN", "XA", "XB", "XK", "ZZ"}
COUNTRY_CODES = frozenset(code for code in Locale("lt").territories if len(code) == 2 and code.isalpha()) - _NOT_ISO
_URL_RE = re.compile(r"(https?://|www\.)\S+\.\S+", re.IGNORECASE)


def parse_country(value: Any) -> str:
    code = parse_text(value).upper()
    if code not in COUNTRY_CODES:
        raise PydanticCustomError(
            "salis", "„{value}“ nėra šalies kodas: įrašykite dviejų raidžių ISO kodą, pvz. LT, LV, PL", {"value": code}
        )
    return code


CountryCode = Annotated[str, BeforeValidator(parse_country)]


class Renginys(SheetModel):
    tab = "Renginiai"
    explanation_field = "paaiskinimas"

    data: Date = Field(alias="Data")
    pradzia: Time = Field(alias="Pradžia", description="Renginio pradžia, pvz. 17:30.")
    pabaiga: Time | None = Field(None, alias="Pabaiga", description="Turi būti vėliau nei pradžia.")
    pavadinimas: Text = Field(alias="Pavadinimas")
    tipas: choice(
        "susitikimas su autoriumi", "knygos pristatymas", "paskaita", "seminaras", "konferencija",
        "edukacinis užsiėmimas", "literatūros vakaras", "koncertas", "kino peržiūra", "protmūšis",
        "parodos atidarymas", "akcija", "kita",
    ) = Field(alias="Tipas")
    forma: Format = Field(alias="Forma")
    vieta: Text = Field(alias="Vieta", description="Salė ar pastatas; nuotoliniam – platforma.")
    organizatorius: Text = Field(alias="Organizatorius", description="Skyrius, kuris organizuoja renginį.")
    partneriai: Text | None = Field(None, alias="Partneriai")
    tiksline_grupe: choice(
        "vaikai", "jaunimas", "suaugusieji", "senjorai", "šeimos", "specialistai", "visi"
    ) = Field(alias="Tikslinė grupė")
    dalyviai: Count | None = Field(
        None, alias="Dalyviai", description="Fiziškai dalyvavę; privaloma, kai renginys įvyko; nuotoliniam – 0."
    )
    vaikai: Count | None = Field(None, alias="iš jų vaikai", description="Ne daugiau nei dalyvių.")
    virtualus_dalyviai: Count | None = Field(None, alias="Virtualūs dalyviai", description="Stebėję internetu.")
    transliacija: YesNo | None = Field(None, alias="Tiesioginė transliacija")
    iejimas: choice("nemokamas", "mokamas", "registracija") | None = Field(None, alias="Įėjimas")
    kaina: Amount | None = Field(None, alias="Kaina, Eur", description="Privaloma, kai įėjimas mokamas.")
    nuoroda: Text | None = Field(None, alias="Nuoroda", description="Renginio puslapis, pvz. https://www.pavb.lt/...")
    atsakingas: Text | None = Field(None, alias="Atsakingas")
    busena: choice("planuojamas", "įvyko", "atšauktas") = Field(alias="Būsena")
    paaiskinimas: Text | None = Field(
        None, alias="Paaiškinimas", description="Užpildytas paaiškinimas panaikina eilutės įspėjimus."
    )

    def checks(self) -> Iterator[RowIssue]:
        if self.pabaiga is not None and self.pabaiga <= self.pradzia:
            yield RowIssue("pabaiga", "pabaiga_ankstesne",
                           f"pabaiga ({self.pabaiga:%H:%M}) turi būti vėliau nei pradžia ({self.pradzia:%H:%M})")
        if self.busena == "įvyko" and self.dalyviai is None:
            yield RowIssue("dalyviai", "truksta_dalyviu",
                           "renginys įvyko: įrašykite dalyvių skaičių (nuotoliniam renginiui – 0)")
        if self.forma == "nuotolinis" and self.dalyviai:
            yield RowIssue("dalyviai", "nuotolinis_dalyviai",
                           f"nuotoliniame renginyje fizinių dalyvių turi būti 0, o įrašyta {self.dalyviai}; "
                           "žiūrovus internetu įrašykite į „Virtualūs dalyviai“")
        yield from self.part_of("vaikai", "dalyviai")
        if self.iejimas == "mokamas" and self.kaina is None:
            yield RowIssue("kaina", "truksta_kainos", "įėjimas mokamas: įrašykite bilieto kainą eurais")
        if self.nuoroda is not None and not _URL_RE.fullmatch(self.nuoroda):
            yield RowIssue("nuoroda", "nuoroda",
                           f"„{self.nuoroda}“ nepanaši į interneto adresą: tikėtasi https://… arba www.…",
                           Severity.WARNING)


class Paroda(SheetModel):
    tab = "Parodos"

    pavadinimas: Text = Field(alias="Pavadinimas")
    tipas: choice("spaudinių", "dailės", "fotografijos", "virtuali", "kraštotyros") = Field(alias="Tipas")
    autorius: Text | None = Field(None, alias="Autorius / kuratorius")
    vieta: Text = Field(alias="Vieta")
    nuo: Date = Field(alias="Nuo", description="Parodos atidarymo data.")
    iki: Date = Field(alias="Iki", description="Paskutinė parodos diena; ne ankstesnė už „Nuo“.")
    eksponatu_sk: Count | None = Field(None, alias="Eksponatų sk.")
    lankytojai: Count | None = Field(None, alias="Lankytojai")
    organizatorius: Text | None = Field(None, alias="Organizatorius")
    nuoroda: Text | None = Field(None, alias="Nuoroda")

    def checks(self) -> Iterator[RowIssue]:
        if self.iki < self.nuo:
            yield RowIssue("iki", "pabaiga_ankstesne",
                           f"paroda negali baigtis ({self.iki}) anksčiau nei prasideda ({self.nuo})")


class Ekskursija(SheetModel):
    tab = "Ekskursijos"

    data: Date = Field(alias="Data")
    laikas: Time | None = Field(None, alias="Laikas", description="Pradžios laikas, pvz. 11:00.")
    vieta: Place = Field(alias="Vieta")
    grupe: Text = Field(alias="Grupė", description="Grupės pavadinimas (be asmenų vardų), pvz. Biržų gimnazijos 8a kl.")
    grupes_tipas: choice(
        "ikimokyklinukai", "mokiniai", "studentai", "senjorai", "bibliotekininkai", "užsienio delegacija",
        "turistai", "kita",
    ) = Field(alias="Grupės tipas")
    salis: CountryCode | None = Field(
        None, alias="Šalis", description="Dviejų raidžių ISO šalies kodas, pvz. LV, PL; tuščia – LT."
    )
    kalba: Text | None = Field(None, alias="Kalba", description="Ekskursijos kalba.")
    dalyviai: Count = Field(alias="Dalyviai")
    gidas: Text | None = Field(None, alias="Gidas")
    trukme: Count | None = Field(None, alias="Trukmė, min")

    def checks(self) -> Iterator[RowIssue]:
        if self.grupes_tipas == "užsienio delegacija" and self.salis in (None, "LT"):
            yield RowIssue("salis", "delegacijos_salis",
                           "užsienio delegacijai įrašykite jos šalies kodą (pvz. LV, PL), ne LT",
                           Severity.WARNING)


def rules(ctx: RuleContext, refs: References) -> Iterator[Problem]:
    yield from repeated_events(ctx)


def repeated_events(ctx: RuleContext) -> Iterator[Problem]:
    """One event typed twice: same day, start and place, and a near-identical title."""
    frame = ctx.frame("Renginiai")
    if frame is None:
        return
    present = frame.dropna(subset=["data", "pradzia", "vieta", "pavadinimas"]).sort_values("_row")
    earlier: dict[tuple, list[tuple[int, str]]] = {}
    places: dict[str, str] = {}  # a few places typed thousands of times: normalise each spelling once
    columns = (present[name].tolist() for name in ("_row", "data", "pradzia", "vieta", "pavadinimas"))
    for row_number, day, start, place, name in zip(*columns, strict=True):
        if place not in places:
            places[place] = text_key(place)
        seen = earlier.setdefault((day, start, places[place]), [])
        if seen:  # only a slot taken before needs the titles compared
            title = text_key(name)
            first = next((number for number, other in seen if similar_text(text_key(other), title)), None)
            if first is not None:
                yield ctx.problem("Renginiai", row_number, "pavadinimas", name, "dubliuotas_renginys",
                                  f"panašu, kad tas pats renginys įrašytas antrą kartą: žr. {first} eilutę (ta "
                                  "pati data, pradžia, vieta ir beveik tas pats pavadinimas)", Severity.WARNING)
        seen.append((row_number, name))


WORKBOOK = WorkbookSpec(
    name="renginiai",
    title="Renginiai, parodos ir ekskursijos",
    tabs=(Renginys, Paroda, Ekskursija),
    rules=rules,
)
