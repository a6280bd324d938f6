"""`apdovanojimai`: awards for territory librarians ("Ad astra"): contests, nominations, jury, criteria, scores.

A candidate is one (contest, category, candidate) nomination; nominated twice in one
category, the nominations are merged (both nominators kept). A score names its candidate
by name, or by "name (category)" when the name is nominated in several categories. A juror
never scores a candidate from their own library: such a score is a conflict of interest,
reported and left out of the results. `Vertintojai` (the jury list) is this suite's own
addition: it lets scoring sheets go out before anyone has scored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from sheets_schema.base import Problem, RowIssue, Severity, SheetModel
from sheets_schema.nuoma import Email
from sheets_schema.references import References
from sheets_schema.rules import unique
from sheets_schema.spec import RuleContext, WorkbookSpec
from sheets_schema.types import Count, Date, DateTime, Text, choice, given, parse_amount, text_key

if TYPE_CHECKING:
    import pandas as pd

CATEGORIES = ("metų bibliotekininkas", "metų biblioteka", "jaunasis bibliotekininkas", "metų projektas", "kita")
JURY_ROLES = ("pirmininkas", "narys", "sekretorius")
WEIGHT_TOLERANCE = Decimal("0.001")
_IN_BRACKETS = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


def parse_weight(value: Any) -> Decimal:
    """A criterion's weight: a share of 1 (``0,25``), or a percentage typed as ``25 %``."""
    text = str(value).strip() if isinstance(value, str) else None
    percent = text is not None and text.endswith("%")
    parse_amount(text.rstrip("%").strip() if percent else value)  # the usual refusals (not a number, negative)
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(
        str(text.rstrip("%").strip() if percent else value).replace(" ", "").replace(",", "."))
    number = number / 100 if percent else number
    if number > 1:
        raise PydanticCustomError("svoris", "„{value}“: svoris – dalis nuo 1 (pvz. 0,25 arba 25 %)", {"value": value})
    return number


Weight = Annotated[Decimal, BeforeValidator(parse_weight)]


class Konkursas(SheetModel):
    tab = "Konkursai"

    konkursas: Text = Field(alias="Konkursas", description="Pavadinimas, pvz. Ad astra 2026.")
    nominaciju_terminas: Date = Field(alias="Nominacijų terminas")
    vertinimo_terminas: Date = Field(alias="Vertinimo terminas")
    apdovanojimo_data: Date | None = Field(None, alias="Apdovanojimo data")
    laimetoju_sk: Count | None = Field(None, alias="Laimėtojų sk. kategorijoje", description="Tuščia – 1.")

    def checks(self) -> Iterator[RowIssue]:
        if self.vertinimo_terminas < self.nominaciju_terminas:
            yield RowIssue("vertinimo_terminas", "pabaiga_ankstesne",
                           f"vertinimo terminas ({self.vertinimo_terminas}) negali būti ankstesnis už nominacijų "
                           f"terminą ({self.nominaciju_terminas})")
        if self.laimetoju_sk == 0:
            yield RowIssue("laimetoju_sk", "nulis", "laimėtojų kategorijoje turi būti bent 1")


class Nominacija(SheetModel):
    tab = "Nominacijos"
    form = True

    laiko_zyme: DateTime = Field(alias="Laiko žymė", description="Pateikimo laikas (forma pildo automatiškai).")
    konkursas: Text = Field(alias="Konkursas")
    kategorija: choice(*CATEGORIES) = Field(alias="Kategorija")
    kandidatas: Text = Field(alias="Kandidatas", description="Vardas, pavardė (bibliotekos ar projekto kategorijoje – "
                                                              "pavadinimas).")
    biblioteka: Text = Field(alias="Biblioteka", description="Teritorijos bibliotekos kodas arba pavadinimas.")
    pareigos: Text | None = Field(None, alias="Pareigos")
    pagrindimas: Text = Field(alias="Pagrindimas")
    teikejas: Text = Field(alias="Teikėjas")
    teikejo_el_pastas: Email | None = Field(None, alias="Teikėjo el. paštas")


class Kriterijus(SheetModel):
    tab = "Kriterijai"

    konkursas: Text = Field(alias="Konkursas")
    kriterijus: Text = Field(alias="Kriterijus")
    svoris: Weight = Field(alias="Svoris", description="Konkurso kriterijų svorių suma – 1 (pvz. 0,4 + 0,3 + 0,3).")
    balai_nuo: Count = Field(alias="Balai nuo")
    balai_iki: Count = Field(alias="Balai iki")

    def checks(self) -> Iterator[RowIssue]:
        if self.balai_iki <= self.balai_nuo:
            yield RowIssue("balai_iki", "pabaiga_ankstesne",
                           f"„Balai iki“ ({self.balai_iki}) turi būti didesni už „Balai nuo“ ({self.balai_nuo})")


class Vertinimas(SheetModel):
    tab = "Vertinimai"

    konkursas: Text = Field(alias="Konkursas")
    vertintojas: Text = Field(alias="Vertintojas")
    vertintojo_biblioteka: Text | None = Field(None, alias="Vertintojo biblioteka")
    kandidatas: Text = Field(alias="Kandidatas", description="Kaip nominacijose; jei nominuotas keliose kategorijose – "
                                                              "„Vardas Pavardė (kategorija)“.")
    kriterijus: Text = Field(alias="Kriterijus")
    balas: Count = Field(alias="Balas")
    komentaras: Text | None = Field(None, alias="Komentaras")


class Vertintojas(SheetModel):
    tab = "Vertintojai"

    konkursas: Text = Field(alias="Konkursas")
    vertintojas: Text = Field(alias="Vertintojas")
    vertintojo_biblioteka: Text | None = Field(None, alias="Vertintojo biblioteka")
    pareigos: Text | None = Field(None, alias="Pareigos")
    vaidmuo: choice(*JURY_ROLES) | None = Field(None, alias="Vaidmuo")
    el_pastas: Email | None = Field(None, alias="El. paštas")


# ---------------------------------------------------------------- shared with the job
def candidate_key(contest: Any, category: Any, candidate: Any) -> tuple[str, str, str]:
    return text_key(contest), text_key(category), text_key(candidate)


def candidate_lookup(nominations: pd.DataFrame) -> dict[tuple[str, str], set[tuple[str, str, str]]]:
    """(contest, text typed in `Kandidatas`) -> the nominations it may mean: a name, or "name (category)"."""
    lookup: dict[tuple[str, str], set[tuple[str, str, str]]] = {}
    for contest, category, candidate in zip(nominations["konkursas"], nominations["kategorija"],
                                            nominations["kandidatas"], strict=True):
        if not (given(contest) and given(category) and given(candidate)):
            continue
        key = candidate_key(contest, category, candidate)
        for typed in (candidate, f"{candidate} ({category})"):
            lookup.setdefault((text_key(contest), text_key(typed)), set()).add(key)
    return lookup


def resolve(lookup: dict[tuple[str, str], set[tuple[str, str, str]]], contest: Any,
            typed: Any) -> tuple[str, str, str] | str | None:
    """The nomination a score means; None when unknown, "ambiguous" when the name is in several categories."""
    found = lookup.get((text_key(contest), text_key(typed)))
    if found is None:
        match = _IN_BRACKETS.match(str(typed)) if given(typed) else None
        found = lookup.get((text_key(contest), text_key(f"{match.group(1)} ({match.group(2)})"))) if match else None
    if not found:
        return None
    return next(iter(found)) if len(found) == 1 else "ambiguous"


def same_library(refs: References, first: Any, second: Any) -> bool:
    """Two library cells mean the same library (by code or name; outside the list, by the text)."""
    if not (given(first) and given(second)):
        return False
    return (refs.library_code(first) or text_key(first)) == (refs.library_code(second) or text_key(second))


def juror_libraries(jury: pd.DataFrame | None) -> dict[tuple[str, str], str]:
    """(contest, juror) -> the juror's library, from the jury list."""
    if jury is None:
        return {}
    return {(text_key(c), text_key(j)): lib for c, j, lib in zip(jury["konkursas"], jury["vertintojas"],
                                                                  jury["vertintojo_biblioteka"], strict=True)
            if given(lib)}


# ---------------------------------------------------------------- rules across rows
def rules(ctx: RuleContext, refs: References) -> Iterator[Problem]:
    yield from unique(ctx, "Konkursai", ["konkursas"])
    yield from unique(ctx, "Kriterijai", ["konkursas", "kriterijus"])
    yield from unique(ctx, "Vertintojai", ["konkursas", "vertintojas"])
    yield from unique(ctx, "Vertinimai", ["konkursas", "vertintojas", "kandidatas", "kriterijus"])
    contests = ctx.frame("Konkursai")
    known = {} if contests is None else {text_key(c): row for c, row in zip(
        contests["konkursas"], contests.to_dict("records"), strict=True) if given(c)}
    for tab in ("Nominacijos", "Kriterijai", "Vertinimai", "Vertintojai"):
        frame = ctx.frame(tab)
        for row in [] if frame is None else frame.to_dict("records"):
            if given(row["konkursas"]) and text_key(row["konkursas"]) not in known:
                yield ctx.problem(tab, row["_row"], "konkursas", row["konkursas"], "nezinomas_konkursas",
                                  f"konkursas „{row['konkursas']}“ nerastas lape „Konkursai“")
    yield from _weights(ctx)
    yield from _nominations(ctx, known, refs)
    yield from _scores(ctx, refs)


def _weights(ctx: RuleContext) -> Iterator[Problem]:
    criteria = ctx.frame("Kriterijai")
    if criteria is None:
        return
    valid = criteria.loc[criteria["_valid"].astype(bool) & criteria["konkursas"].notna()]
    for _, group in valid.groupby(valid["konkursas"].map(text_key)):
        total = sum((Decimal(w) for w in group["svoris"]), Decimal(0))
        if abs(total - 1) > WEIGHT_TOLERANCE:
            for row in group.to_dict("records"):
                yield ctx.problem("Kriterijai", row["_row"], "svoris", row["svoris"], "svoriai_ne_1",
                                  f"konkurso „{row['konkursas']}“ kriterijų svorių suma – {total.normalize():f}, "
                                  "o turi būti 1: kol nepataisyta, rezultatai neskaičiuojami")


def _nominations(ctx: RuleContext, contests: dict[str, dict], refs: References) -> Iterator[Problem]:
    frame = ctx.frame("Nominacijos")
    if frame is None:
        return
    first: dict[tuple[str, str, str], dict] = {}
    for row in frame.sort_values(["_row"]).to_dict("records"):
        contest = contests.get(text_key(row["konkursas"]))
        if refs.loaded and given(row["biblioteka"]) and refs.library_code(row["biblioteka"]) is None:
            yield ctx.problem("Nominacijos", row["_row"], "biblioteka", row["biblioteka"], "nezinoma_biblioteka",
                              f"biblioteka „{row['biblioteka']}“ nerasta teritorijos bibliotekų sąraše")
        stamp, deadline = row["laiko_zyme"], contest["nominaciju_terminas"] if contest else None
        if given(stamp) and given(deadline) and stamp.date() > deadline:
            yield ctx.problem("Nominacijos", row["_row"], "laiko_zyme", stamp, "po_termino",
                              f"nominacija pateikta {stamp:%Y-%m-%d}, po nominacijų termino ({deadline}): komisija "
                              "sprendžia, ar ją vertinti", Severity.WARNING)
        if not (given(row["kategorija"]) and given(row["kandidatas"])):
            continue
        key = candidate_key(row["konkursas"], row["kategorija"], row["kandidatas"])
        if key in first:
            yield ctx.problem("Nominacijos", row["_row"], "kandidatas", row["kandidatas"], "nominuotas_dukart",
                              f"{row['kandidatas']} šioje kategorijoje jau nominuotas (-a) {first[key]['_row']} "
                              f"eilutėje: nominacijos sujungtos, nurodomi abu teikėjai", Severity.NOTE)
        else:
            first[key] = row


def _scores(ctx: RuleContext, refs: References) -> Iterator[Problem]:
    scores, nominations = ctx.frame("Vertinimai"), ctx.frame("Nominacijos")
    if scores is None:
        return
    criteria = ctx.frame("Kriterijai")
    ranges = {} if criteria is None else {(text_key(c), text_key(k)): (lo, hi) for c, k, lo, hi in zip(
        criteria["konkursas"], criteria["kriterijus"], criteria["balai_nuo"], criteria["balai_iki"], strict=True)}
    lookup = candidate_lookup(nominations) if nominations is not None else {}
    libraries = {} if nominations is None else {candidate_key(c, k, n): lib for c, k, n, lib in zip(
        nominations["konkursas"], nominations["kategorija"], nominations["kandidatas"], nominations["biblioteka"],
        strict=True)}
    jury = juror_libraries(ctx.frame("Vertintojai"))
    for row in scores.to_dict("records"):
        yield from _score(ctx, row, ranges, lookup, libraries, jury, refs)


def _score(ctx: RuleContext, row: dict, ranges: dict, lookup: dict, libraries: dict, jury: dict,
           refs: References) -> Iterator[Problem]:
    contest, number = row["konkursas"], row["_row"]
    span = ranges.get((text_key(contest), text_key(row["kriterijus"])))
    if given(row["kriterijus"]) and span is None:
        yield ctx.problem("Vertinimai", number, "kriterijus", row["kriterijus"], "nezinomas_kriterijus",
                          f"kriterijus „{row['kriterijus']}“ nerastas šio konkurso kriterijuose")
    elif span is not None and given(row["balas"]) and given(span[0]) and given(span[1]) \
            and not span[0] <= row["balas"] <= span[1]:
        yield ctx.problem("Vertinimai", number, "balas", row["balas"], "balas_uz_ribu",
                          f"balas {row['balas']} už kriterijaus „{row['kriterijus']}“ ribų ({span[0]}–{span[1]})")
    found = resolve(lookup, contest, row["kandidatas"]) if given(row["kandidatas"]) else None
    if given(row["kandidatas"]) and found is None:
        yield ctx.problem("Vertinimai", number, "kandidatas", row["kandidatas"], "nezinomas_kandidatas",
                          f"kandidatas „{row['kandidatas']}“ nerastas šio konkurso nominacijose")
    elif found == "ambiguous":
        yield ctx.problem("Vertinimai", number, "kandidatas", row["kandidatas"], "kandidatas_neaiskus",
                          f"„{row['kandidatas']}“ nominuotas (-a) keliose kategorijose: įrašykite "
                          "„Vardas Pavardė (kategorija)“")
    elif found is not None:
        own = row["vertintojo_biblioteka"] if given(row["vertintojo_biblioteka"]) else jury.get(
            (text_key(contest), text_key(row["vertintojas"])))
        if same_library(refs, own, libraries.get(found)):
            yield ctx.problem("Vertinimai", number, "kandidatas", row["kandidatas"], "interesu_konfliktas",
                              f"vertintojas {row['vertintojas']} ir kandidatas – iš tos pačios bibliotekos: šis balas "
                              "neįskaičiuojamas į rezultatus (interesų konfliktas)", Severity.WARNING)


WORKBOOK = WorkbookSpec(
    name="apdovanojimai",
    title="Apdovanojimai bibliotekininkams",
    tabs=(Konkursas, Nominacija, Kriterijus, Vertinimas, Vertintojas),
    rules=rules,
    reference_tabs=("Konkursai",),
)
