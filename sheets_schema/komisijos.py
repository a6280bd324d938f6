"""`komisijos`: commissions, working groups and councils of the territory libraries, their members,
meetings and decisions.

Quorum is more than half of the members in office on the meeting date (`Nuo`–`Iki` of their
`Nariai` row; a blank end means still in office); only members named in `Dalyvavo` count
towards it, guests are listed apart. The helpers here are shared by the checks and the
`komisijos` job, so the feedback and the protocol state the same quorum.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, Field

from sheets_schema.base import Problem, RowIssue, Severity, SheetModel
from sheets_schema.nuoma import Email
from sheets_schema.references import References
from sheets_schema.rules import unique
from sheets_schema.spec import RuleContext, WorkbookSpec
from sheets_schema.types import Count, Date, Text, Time, choice, given, parse_text, text_key

if TYPE_CHECKING:
    import pandas as pd

BODY_TYPES = ("komisija", "darbo grupė", "taryba")
ROLES = ("pirmininkas", "pirmininko pavaduotojas", "sekretorius", "narys")
PLANNED, HELD, CANCELLED = "planuojamas", "įvyko", "atšauktas"
DONE, DROPPED = "įvykdyta", "nebeaktualu"
DECISION_STATES = ("neįvykdyta", "vykdoma", DONE, DROPPED)
_NAME_SEPARATORS = re.compile(r"[,;\n]+")


def parse_lines(value: Any) -> str:
    """Text whose lines matter (an agenda, one item a line): each line tidied, blank lines dropped."""
    if not isinstance(value, str):
        return parse_text(value)
    lines = [" ".join(line.split()) for line in value.replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


Lines = Annotated[str, BeforeValidator(parse_lines)]


class Komisija(SheetModel):
    tab = "Komisijos"

    kodas: Text = Field(alias="Kodas", description="Unikalus kodas, pvz. KOM-01.")
    pavadinimas: Text = Field(alias="Pavadinimas")
    tipas: choice(*BODY_TYPES) = Field(alias="Tipas")
    sudaryta: Date | None = Field(None, alias="Sudaryta")
    isakymas: Text | None = Field(None, alias="Įsakymas", description="Įsakymas, kuriuo sudaryta.")
    pirmininkas: Text = Field(alias="Pirmininkas")
    sekretorius: Text | None = Field(None, alias="Sekretorius")
    veikia_iki: Date | None = Field(None, alias="Veikia iki")


class Narys(SheetModel):
    tab = "Nariai"

    komisija: Text = Field(alias="Komisija", description="Komisijos kodas iš lapo „Komisijos“.")
    vardas_pavarde: Text = Field(alias="Vardas, pavardė")
    biblioteka: Text = Field(alias="Biblioteka")
    pareigos: Text | None = Field(None, alias="Pareigos")
    vaidmuo: choice(*ROLES) | None = Field(None, alias="Vaidmuo")
    nuo: Date | None = Field(None, alias="Nuo", description="Nuo kada narys; tuščia – nuo sudarymo.")
    iki: Date | None = Field(None, alias="Iki", description="Iki kada narys; tuščia – tebėra narys.")
    el_pastas: Email | None = Field(None, alias="El. paštas", description="Kvietimams į posėdžius.")

    def checks(self) -> Iterator[RowIssue]:
        if self.nuo is not None and self.iki is not None and self.iki < self.nuo:
            yield RowIssue("iki", "pabaiga_ankstesne",
                           f"„Iki“ ({self.iki}) negali būti ankstesnė už „Nuo“ ({self.nuo})")


class Posedis(SheetModel):
    tab = "Posėdžiai"

    komisija: Text = Field(alias="Komisija", description="Komisijos kodas iš lapo „Komisijos“.")
    nr: Count = Field(alias="Nr.", description="Posėdžio numeris komisijoje.")
    data: Date = Field(alias="Data")
    pradzia: Time | None = Field(None, alias="Pradžia")
    vieta: Text = Field(alias="Vieta / būdas", description="Adresas arba nuotolinio posėdžio nuoroda.")
    darbotvarke: Lines = Field(alias="Darbotvarkė", description="Kiekvienas klausimas – naujoje eilutėje.")
    dalyvavo: Lines | None = Field(None, alias="Dalyvavo", description="Dalyvavusiųjų vardai ir pavardės, atskirti "
                                                                        "kableliais; pildoma po posėdžio.")
    busena: choice(PLANNED, HELD, CANCELLED) = Field(alias="Būsena")

    def checks(self) -> Iterator[RowIssue]:
        if self.busena == HELD and not self.dalyvavo:
            yield RowIssue("dalyvavo", "nera_dalyviu",
                           "posėdis įvyko, bet neįrašyta, kas dalyvavo: be to negalima nustatyti kvorumo",
                           Severity.WARNING)


class Sprendimas(SheetModel):
    tab = "Sprendimai"

    komisija: Text = Field(alias="Komisija")
    posedzio_nr: Count = Field(alias="Posėdžio Nr.")
    sprendimas: Text = Field(alias="Sprendimas")
    atsakingas: Text = Field(alias="Atsakingas")
    terminas: Date | None = Field(None, alias="Terminas")
    busena: choice(*DECISION_STATES) = Field(alias="Būsena")
    pastabos: Text | None = Field(None, alias="Pastabos")


# ---------------------------------------------------------------- quorum, shared with the job
def names(text: Any) -> list[str]:
    """The people named in a `Dalyvavo` cell (comma, semicolon or line separated), each once."""
    found: list[str] = []
    for part in _NAME_SEPARATORS.split(text) if isinstance(text, str) else []:
        name = " ".join(part.split())
        if name and text_key(name) not in {text_key(other) for other in found}:
            found.append(name)
    return found


def in_office(members: pd.DataFrame, body: str, day: dt.date) -> pd.DataFrame:
    """The members of ``body`` on ``day`` (blank `Nuo`/`Iki` run open), each person once."""
    rows = members.loc[members["komisija"].map(text_key) == text_key(body)]
    rows = rows.loc[[(not given(start) or start <= day) and (not given(end) or end >= day)
                     for start, end in zip(rows["nuo"], rows["iki"], strict=True)]]
    return rows.loc[~rows["vardas_pavarde"].map(text_key).duplicated()]


@dataclass(frozen=True)
class Quorum:
    members: int  # in office on the day
    present: tuple[str, ...]  # members who attended
    guests: tuple[str, ...]  # others named in `Dalyvavo`

    @property
    def needed(self) -> int:
        """More than half of the members."""
        return self.members // 2 + 1

    @property
    def reached(self) -> bool:
        return self.members > 0 and len(self.present) >= self.needed


def quorum(members: pd.DataFrame, body: str, day: dt.date, attended: Any) -> Quorum:
    office = in_office(members, body, day)
    known = {text_key(name): name for name in office["vardas_pavarde"]}
    present = [known[text_key(name)] for name in names(attended) if text_key(name) in known]
    guests = [name for name in names(attended) if text_key(name) not in known]
    return Quorum(len(office), tuple(present), tuple(guests))


# ---------------------------------------------------------------- rules across rows
def rules(ctx: RuleContext, refs: References) -> Iterator[Problem]:
    yield from unique(ctx, "Komisijos", ["kodas"])
    yield from unique(ctx, "Posėdžiai", ["komisija", "nr"])
    bodies = ctx.frame("Komisijos")
    codes = set() if bodies is None else set(bodies["kodas"].dropna().map(text_key))
    for tab in ("Nariai", "Posėdžiai", "Sprendimai"):
        yield from _known_body(ctx, tab, codes)
    members = ctx.frame("Nariai")
    if members is not None:
        yield from _twice(ctx, members)
    meetings = ctx.frame("Posėdžiai")
    if meetings is not None and members is not None:
        yield from _quorum(ctx, meetings, members.loc[members["_valid"].astype(bool)])
    yield from _decision_meetings(ctx, meetings)


def _known_body(ctx: RuleContext, tab: str, codes: set[str]) -> Iterator[Problem]:
    frame = ctx.frame(tab)
    for row in [] if frame is None else frame.to_dict("records"):
        if given(row["komisija"]) and text_key(row["komisija"]) not in codes:
            yield ctx.problem(tab, row["_row"], "komisija", row["komisija"], "nezinoma_komisija",
                              f"komisija „{row['komisija']}“ nerasta lape „Komisijos“: įrašykite jos kodą")


def _twice(ctx: RuleContext, members: pd.DataFrame) -> Iterator[Problem]:
    """One person listed twice in one body with terms that overlap."""
    seen: dict[tuple[str, str], list[dict]] = {}
    for row in members.sort_values("_row").to_dict("records"):
        if not given(row["komisija"]) or not given(row["vardas_pavarde"]):
            continue
        key = (text_key(row["komisija"]), text_key(row["vardas_pavarde"]))
        for earlier in seen.get(key, []):
            if _overlap(earlier, row):
                yield ctx.problem("Nariai", row["_row"], "vardas_pavarde", row["vardas_pavarde"], "narys_dukart",
                                  f"{row['vardas_pavarde']} jau įrašytas (-a) šios komisijos nariu "
                                  f"{earlier['_row']} eilutėje: palikite vieną eilutę arba įrašykite „Iki“ ir „Nuo“")
                break
        seen.setdefault(key, []).append(row)


def _overlap(first: dict, second: dict) -> bool:
    start = max(first["nuo"] if given(first["nuo"]) else dt.date.min, second["nuo"] if given(second["nuo"])
                else dt.date.min)
    end = min(first["iki"] if given(first["iki"]) else dt.date.max, second["iki"] if given(second["iki"])
              else dt.date.max)
    return start <= end


def _quorum(ctx: RuleContext, meetings: pd.DataFrame, members: pd.DataFrame) -> Iterator[Problem]:
    for row in meetings.to_dict("records"):
        if row["busena"] != HELD or not row["dalyvavo"] or not given(row["data"]):
            continue
        found = quorum(members, row["komisija"], row["data"], row["dalyvavo"])
        if not found.reached:
            yield ctx.problem("Posėdžiai", row["_row"], "dalyvavo", row["dalyvavo"], "nera_kvorumo",
                              f"posėdyje dalyvavo {len(found.present)} iš {found.members} narių, o kvorumui reikia "
                              f"{found.needed}: sprendimai gali būti neteisėti (patikrinkite ir dalyvių vardus)",
                              Severity.WARNING)


def _decision_meetings(ctx: RuleContext, meetings: pd.DataFrame | None) -> Iterator[Problem]:
    decisions = ctx.frame("Sprendimai")
    if decisions is None:
        return
    held = set() if meetings is None else {(text_key(body), number) for body, number in
                                           zip(meetings["komisija"], meetings["nr"], strict=True)}
    for row in decisions.to_dict("records"):
        if given(row["komisija"]) and given(row["posedzio_nr"]) and \
                (text_key(row["komisija"]), row["posedzio_nr"]) not in held:
            yield ctx.problem("Sprendimai", row["_row"], "posedzio_nr", row["posedzio_nr"], "nera_posedzio",
                              f"komisijos „{row['komisija']}“ posėdžio Nr. {row['posedzio_nr']} nėra lape "
                              "„Posėdžiai“: pataisykite numerį arba įrašykite posėdį")


def overdue(decisions: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Decisions past their deadline and neither done nor dropped, as of ``today``."""
    import pandas as pd

    late = [given(deadline) and deadline < today and state not in (DONE, DROPPED)
            for deadline, state in zip(decisions["terminas"], decisions["busena"], strict=True)]
    return decisions.loc[pd.Series(late, index=decisions.index, dtype=bool)]


WORKBOOK = WorkbookSpec(
    name="komisijos",
    title="Komisijos ir darbo grupės",
    tabs=(Komisija, Narys, Posedis, Sprendimas),
    rules=rules,
    reference_tabs=("Komisijos",),
)
