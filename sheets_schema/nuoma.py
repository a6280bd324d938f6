"""`nuoma`: rental of library spaces: the price list of rooms and the bookings."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from automations.lt import number
from sheets_schema.base import Problem, RowIssue, Severity, SheetModel
from sheets_schema.contacts import EMAIL_PATTERN
from sheets_schema.references import References
from sheets_schema.rules import unique
from sheets_schema.spec import RuleContext, WorkbookSpec
from sheets_schema.types import Amount, Count, Date, Text, Time, YesNo, choice, given, parse_text, text_key

if TYPE_CHECKING:
    import pandas as pd

ORDER_NUMBER_RE = re.compile(r"NUOM-\d{4}-\d{3}")
LEGAL_ENTITIES = ("juridinis asmuo", "biudžetinė įstaiga", "NVO")
CONTRACT_STATES = ("sutartis pasirašyta", "įvykdyta")
CONFIRMED_STATES = ("patvirtinta", *CONTRACT_STATES)  # a contract is made for these
REPRESENTATION = ("įstatai", "nuostatai", "įgaliojimas")
YOUTH_DISCOUNT = "jaunimas 14–29"
YOUTH_CLOSING = dt.time(19, 0)
YOUTH_LEAD_DAYS = 30


def formatted(code: str, pattern: str, expected: str, ignore: str = r"[\s\u00a0]", upper: bool = False) -> Any:
    """A text cell in a fixed format; ``ignore`` characters are dropped from the stored value."""
    regex = re.compile(pattern)

    def validate(value: Any) -> str:
        typed = parse_text(value)
        text = re.sub(ignore, "", typed)
        text = text.upper() if upper else text
        if not regex.fullmatch(text):
            raise PydanticCustomError(code, "„{value}“ " + expected, {"value": typed})
        return text

    return Annotated[str, BeforeValidator(validate)]


Email = formatted("el_pastas", EMAIL_PATTERN, "nėra el. pašto adresas: tikėtasi vardas@imone.lt")
Phone = formatted("telefonas", r"\+370\d{8}",
                  "nėra telefono numeris: įrašykite +370 ir 8 skaitmenis, pvz. +370 612 34567", r"[\s\u00a0\-]")
CompanyCode = formatted("imones_kodas", r"\d{9}", "nėra įmonės kodas: jį sudaro lygiai 9 skaitmenys")
VatCode = formatted("pvm_kodas", r"LT(\d{9}|\d{12})",
                    "nėra PVM mokėtojo kodas: įrašykite LT ir 9 arba 12 skaitmenų, pvz. LT123456789", upper=True)


def _youth_dash(value: Any) -> Any:
    """`jaunimas 14-29` typed with a hyphen means the en-dash spelling of the list."""
    return re.sub(r"14\s*[-‐‑−—]\s*29", "14–29", value) if isinstance(value, str) else value


class Patalpa(SheetModel):
    tab = "Patalpos"

    patalpa: Text = Field(alias="Patalpa", description="Patalpos pavadinimas, kaip jis rašomas užsakymuose.")
    adresas: Text = Field(alias="Adresas")
    vietu_skaicius: Count = Field(alias="Vietų skaičius")
    tarifas: Amount = Field(alias="Tarifas, Eur/val.", description="Valandos kaina eurais be PVM.")
    savaitgalio_koeficientas: Amount | None = Field(
        None, alias="Savaitgalio koeficientas", description="Šeštadienio ir sekmadienio daugiklis; tuščia – 1,0."
    )
    jaunimo_erdve: YesNo | None = Field(
        None, alias="Jaunimo erdvė", description="Taip – renginiai iki 19:00, užsakoma prieš 30 d."
    )
    iranga: Text | None = Field(
        None, alias="Įranga", description="Įranga, perduodama kartu su patalpa (įrašoma į sutartį), pvz. "
                                          "projektorius, ekranas, įgarsinimas."
    )


class Uzsakymas(SheetModel):
    tab = "Užsakymai"
    personal = frozenset({"nuomininkas", "kontaktinis_asmuo", "el_pastas", "telefonas"})  # a renter may be a person

    uzsakymo_nr: Text = Field(alias="Užsakymo Nr.", description="Unikalus numeris, pvz. NUOM-2026-001.")
    paraiskos_data: Date = Field(alias="Paraiškos data", description="Kada gauta paraiška.")
    busena: choice("paraiška", "patvirtinta", *CONTRACT_STATES, "atšaukta") = Field(alias="Būsena")
    nuomininkas: Text = Field(alias="Nuomininkas", description="Įmonės, įstaigos ar asmens pavadinimas.")
    nuomininko_tipas: choice(*LEGAL_ENTITIES, "fizinis asmuo") = Field(alias="Nuomininko tipas")
    imones_kodas: CompanyCode | None = Field(
        None, alias="Įmonės kodas", description="9 skaitmenys; privaloma juridiniams asmenims, įstaigoms ir NVO."
    )
    pvm_kodas: VatCode | None = Field(None, alias="PVM mokėtojo kodas", description="LT ir 9 arba 12 skaitmenų.")
    kontaktinis_asmuo: Text | None = Field(None, alias="Kontaktinis asmuo")
    el_pastas: Email | None = Field(None, alias="El. paštas")
    telefonas: Phone | None = Field(None, alias="Telefonas", description="+370 ir 8 skaitmenys, pvz. +370 612 34567.")
    patalpa: Text = Field(alias="Patalpa", description="Patalpa iš lapo „Patalpos“.")
    paskirtis: Text = Field(alias="Paskirtis", description="Renginio ar veiklos pobūdis.")
    data: Date = Field(alias="Data", description="Nuomos diena.")
    nuo: Time = Field(alias="Nuo")
    iki: Time = Field(alias="Iki", description="Vėliau nei „Nuo“; jaunimo erdvėje – ne vėliau kaip 19:00.")
    dalyviu_sk: Count | None = Field(None, alias="Dalyvių sk.", description="Ne daugiau nei vietų patalpoje.")
    lengvata: Annotated[
        choice("nėra", YOUTH_DISCOUNT, "partnerio renginys", "labdaros organizacija"), BeforeValidator(_youth_dash)
    ] | None = Field(None, alias="Lengvata", description="„jaunimas 14–29“ taikoma tik jaunimo erdvėje.")
    pvm_tarifas: choice("0 %", "21 %") | None = Field(
        None, alias="PVM tarifas", description="Nuoma PVM neapmokestinama, nebent pasirinkta 21 %."
    )
    sutarties_nr: Text | None = Field(None, alias="Sutarties Nr.", description="Privaloma, kai sutartis pasirašyta.")
    apmoketa: Date | None = Field(None, alias="Apmokėta", description="Apmokėjimo data.")
    pastabos: Text | None = Field(None, alias="Pastabos")
    atstovas: Text | None = Field(
        None, alias="Atstovas", description="Kas pasirašo sutartį nuomininko vardu (vardas, pavardė); kontaktinis "
                                            "asmuo – tik kontaktams."
    )
    atstovo_pareigos: Text | None = Field(None, alias="Atstovo pareigos", description="Pvz. direktorius, pirmininkė.")
    atstovavimo_pagrindas: choice(*REPRESENTATION) | None = Field(
        None, alias="Atstovavimo pagrindas", description="Pagal ką veikia atstovas: įstatus, nuostatus ar įgaliojimą."
    )
    nuomininko_adresas: Text | None = Field(
        None, alias="Nuomininko adresas", description="Buveinė arba fizinio asmens gyvenamoji vieta (sutarčiai)."
    )

    def checks(self) -> Iterator[RowIssue]:
        yield from self.contract_party()
        if not ORDER_NUMBER_RE.fullmatch(self.uzsakymo_nr):
            yield RowIssue("uzsakymo_nr", "numerio_formatas",
                           f"užsakymo numeris „{self.uzsakymo_nr}“ turi būti toks kaip NUOM-2026-001 "
                           "(NUOM, metai ir triženklis eilės numeris)")
        if self.iki <= self.nuo:
            yield RowIssue("iki", "pabaiga_ankstesne",
                           f"pabaiga ({self.iki:%H:%M}) turi būti vėliau nei pradžia ({self.nuo:%H:%M})")
        if self.nuomininko_tipas in LEGAL_ENTITIES and self.imones_kodas is None:
            yield RowIssue("imones_kodas", "truksta_kodo",
                           f"nuomininkui, kurio tipas „{self.nuomininko_tipas}“, įrašykite 9 skaitmenų įmonės kodą")
        if self.busena in CONTRACT_STATES and self.sutarties_nr is None:
            yield RowIssue("sutarties_nr", "truksta_sutarties",
                           f"būsena „{self.busena}“: įrašykite sutarties numerį")

    def contract_party(self) -> Iterator[RowIssue]:
        """Who signs and how a private tenant is identified, once a contract is to be made (warnings)."""
        if self.busena not in CONFIRMED_STATES:
            return
        if self.nuomininko_tipas in LEGAL_ENTITIES and self.atstovas is None:
            yield RowIssue("atstovas", "truksta_atstovo",
                           "įrašykite, kas pasirašys sutartį nuomininko vardu (vardas, pavardė), jo pareigas ir "
                           "atstovavimo pagrindą; kontaktinis asmuo sutartyje nurodomas tik kontaktams",
                           Severity.WARNING)
        if self.nuomininko_tipas == "fizinis asmuo" and self.nuomininko_adresas is None:
            yield RowIssue("nuomininko_adresas", "truksta_adreso",
                           "fiziniam asmeniui įrašykite gyvenamosios vietos adresą: jis nurodomas sutartyje kartu su "
                           "vardu ir pavarde", Severity.WARNING)


def rules(ctx: RuleContext, refs: References) -> Iterator[Problem]:
    yield from unique(ctx, "Patalpos", ["patalpa"])
    yield from unique(ctx, "Užsakymai", ["uzsakymo_nr"])
    bookings = ctx.frame("Užsakymai")
    if bookings is None:
        return
    rooms_frame = ctx.frame("Patalpos")
    rooms: dict[str, dict] = {}
    for room in [] if rooms_frame is None else rooms_frame.dropna(subset=["patalpa"]).to_dict("records"):
        rooms.setdefault(text_key(room["patalpa"]), room)
    listed = ", ".join(room["patalpa"] for room in rooms.values()) or "lapas tuščias"
    for booking in bookings.dropna(subset=["patalpa"]).to_dict("records"):
        room = rooms.get(text_key(booking["patalpa"]))
        if room is None:
            yield ctx.problem("Užsakymai", booking["_row"], "patalpa", booking["patalpa"], "nezinoma_patalpa",
                              f"patalpa „{booking['patalpa']}“ nerasta lape „Patalpos“; galimos: {listed}")
        elif booking["busena"] != "atšaukta":
            yield from room_limits(ctx, booking, room)
    yield from overlaps(ctx, bookings)


def room_limits(ctx: RuleContext, booking: dict, room: dict) -> Iterator[Problem]:
    """Capacity, and the youth space's closing time, lead time and discount."""
    row, name = booking["_row"], room["patalpa"]
    people, seats = booking["dalyviu_sk"], room["vietu_skaicius"]
    if given(people) and given(seats) and people > seats:
        yield ctx.problem("Užsakymai", row, "dalyviu_sk", people, "per_daug_dalyviu",
                          f"dalyvių ({number(people)}) daugiau nei vietų patalpoje „{name}“ ({number(seats)})")
    youth = given(room["jaunimo_erdve"]) and bool(room["jaunimo_erdve"])
    end, booked, day = booking["iki"], booking["paraiskos_data"], booking["data"]
    if youth and given(end) and end > YOUTH_CLOSING:
        yield ctx.problem("Užsakymai", row, "iki", end, "jaunimo_erdve_vakare",
                          f"jaunimo erdvėje „{name}“ renginiai turi baigtis iki 19:00, o šis baigiasi {end:%H:%M}")
    if youth and given(booked) and given(day) and (day - booked).days < YOUTH_LEAD_DAYS:
        yield ctx.problem("Užsakymai", row, "paraiskos_data", booked, "jaunimo_erdve_per_velai",
                          f"jaunimo erdvę reikia užsakyti bent prieš {YOUTH_LEAD_DAYS} dienų, o paraiška gauta "
                          f"likus {(day - booked).days} d.", Severity.WARNING)
    if booking["lengvata"] == YOUTH_DISCOUNT and not youth:
        yield ctx.problem("Užsakymai", row, "lengvata", booking["lengvata"], "jaunimo_lengvata",
                          f"lengvata „{YOUTH_DISCOUNT}“ taikoma tik jaunimo erdvėje, o „{name}“ ja nėra",
                          Severity.WARNING)


def overlaps(ctx: RuleContext, bookings: pd.DataFrame) -> Iterator[Problem]:
    """Two bookings that are not cancelled may not share a room at the same time: both are flagged."""
    active = bookings.loc[bookings["busena"] != "atšaukta"].dropna(subset=["patalpa", "data", "nuo", "iki"])
    groups: dict[tuple[str, object], list[dict]] = {}  # one pass over the records, not a frame per group
    for row in active.sort_values("_row").to_dict("records"):
        if row["nuo"] < row["iki"]:
            groups.setdefault((text_key(row["patalpa"]), row["data"]), []).append(row)
    for rows in groups.values():
        for index, first in enumerate(rows):
            for second in rows[index + 1:]:
                if first["nuo"] < second["iki"] and second["nuo"] < first["iki"]:
                    yield _overlap(ctx, first, second)
                    yield _overlap(ctx, second, first)


def _overlap(ctx: RuleContext, booking: dict, other: dict) -> Problem:
    return ctx.problem("Užsakymai", booking["_row"], "nuo", booking["nuo"], "persidengia",
                       f"laikas persidengia su užsakymu {other['uzsakymo_nr']} ({other['_row']} eilutė, "
                       f"{other['nuo']:%H:%M}–{other['iki']:%H:%M}) toje pačioje patalpoje tą pačią dieną")


WORKBOOK = WorkbookSpec(
    name="nuoma",
    title="Patalpų nuoma",
    tabs=(Patalpa, Uzsakymas),
    rules=rules,
    reference_tabs=("Patalpos",),
)
