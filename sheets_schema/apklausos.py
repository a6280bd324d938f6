"""`apklausos`: user-needs surveys run across the territory libraries (Google Forms).

The register `Apklausos` names each survey's answer tab (`Formos atsakymai 1`, `…2`, …).
Surveys differ in their questions, and a survey's questions may change while it runs, so an
answer tab's model is built from its own header row: the fixed columns (`Laiko žymė`,
`Biblioteka`, `Amžiaus grupė`, `Lytis`) plus one column per question. A question whose
header ends with `(1–5)` is a scale and must hold a whole number from 1 to 5; columns that
hold a respondent's identity (e-mail, name, phone) are read but never become questions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, Field, create_model
from pydantic_core import PydanticCustomError

from sheets_schema.base import Problem, RowIssue, Severity, SheetModel
from sheets_schema.references import References
from sheets_schema.rules import unique
from sheets_schema.spec import LinkedTabs, RuleContext, WorkbookSpec
from sheets_schema.types import Date, DateTime, Text, choice, given, parse_count, text_key

if TYPE_CHECKING:
    import pandas as pd

REGISTER = "Apklausos"
FIRST_ANSWERS = "Formos atsakymai 1"
AGE_GROUPS = ("iki 14", "14–29", "30–64", "65 ir daugiau")
GENDERS = ("moteris", "vyras", "kita / nenoriu sakyti")
CODE_RE = re.compile(r"APK-\d{4}-\d{2}")
SCALE_RE = re.compile(r"\(\s*1\s*[–—-]\s*5\s*\)(\s*\[[^\]]*\])?\s*$")
PERSONAL_RE = re.compile(r"el\.?\s*pa[sš]t|e-?mail|vard|pavard|telefon", re.IGNORECASE)
SAME_RESPONDENT_SECONDS = 60
QUESTION_PREFIX = "q"


def is_scale(header: str) -> bool:
    """A scale question: its header ends with ``(1–5)`` (a grid row's ``[…]`` may follow)."""
    return bool(SCALE_RE.search(header))


def parse_scale(value: Any) -> int:
    """A scale answer: a whole number from 1 to 5."""
    try:
        number = parse_count(value)
    except PydanticCustomError as error:
        raise PydanticCustomError("skale", "„{value}“ nėra skalės atsakymas: tikėtasi skaičiaus nuo 1 iki 5",
                                  {"value": value}) from error
    if not 1 <= number <= 5:
        raise PydanticCustomError("skale", "„{value}“ už skalės ribų: tikėtasi skaičiaus nuo 1 iki 5",
                                  {"value": value})
    return number


def normalise_dashes(value: Any) -> Any:
    """``14-29`` typed with a hyphen is the list's ``14–29``."""
    return re.sub(r"(?<=\d)\s*[-—]\s*(?=\d)", "–", value) if isinstance(value, str) else value


Scale = Annotated[int, BeforeValidator(parse_scale)]
AgeGroup = Annotated[choice(*AGE_GROUPS), BeforeValidator(normalise_dashes)]


class Apklausa(SheetModel):
    tab = REGISTER

    kodas: Text = Field(alias="Kodas", description="Unikalus kodas, pvz. APK-2026-01.")
    pavadinimas: Text = Field(alias="Pavadinimas", description="Tos pačios apklausos kartojimai vadinami vienodai, "
                                                                 "skiriasi tik metai, pvz. „… tyrimas 2026“.")
    nuo: Date = Field(alias="Nuo", description="Pirmoji atsakymų diena.")
    iki: Date = Field(alias="Iki", description="Paskutinė atsakymų diena.")
    tiksline_grupe: Text | None = Field(None, alias="Tikslinė grupė")
    formos_id: Text | None = Field(None, alias="Formos ID",
                                   description="Google formos ID: su Google sistema atsakymai skaitomi iš formos.")
    atsakymu_lapas: Text = Field(alias="Atsakymų lapas", description="Lapas su šios apklausos atsakymais, pvz. "
                                                                      "„Formos atsakymai 2“.")
    atsakingas: Text | None = Field(None, alias="Atsakingas")

    def checks(self) -> Iterator[RowIssue]:
        if not CODE_RE.fullmatch(self.kodas):
            yield RowIssue("kodas", "kodo_formatas",
                           f"kodas „{self.kodas}“ turi būti toks kaip APK-2026-01 (APK, metai ir dviženklis numeris)")
        if self.iki < self.nuo:
            yield RowIssue("iki", "pabaiga_ankstesne", f"pabaiga ({self.iki}) negali būti ankstesnė už pradžią "
                                                       f"({self.nuo})")
        if text_key(self.atsakymu_lapas) == text_key(REGISTER):
            yield RowIssue("atsakymu_lapas", "registro_lapas",
                           "atsakymai negali būti registro lape: įrašykite atsakymų lapo pavadinimą")


class Atsakymas(SheetModel):
    """The columns every answer tab has; the questions are added per tab by :func:`answer_model`."""

    tab = FIRST_ANSWERS
    form = True

    laiko_zyme: DateTime = Field(alias="Laiko žymė", description="Formos pateikimo laikas (pildoma automatiškai).")
    biblioteka: Text = Field(alias="Biblioteka", description="Teritorijos bibliotekos kodas arba pavadinimas.")
    amziaus_grupe: AgeGroup | None = Field(None, alias="Amžiaus grupė")
    lytis: choice(*GENDERS) | None = Field(None, alias="Lytis")


def question_field(position: int) -> str:
    return f"{QUESTION_PREFIX}{position:02d}"


def is_question(field_name: str) -> bool:
    return re.fullmatch(rf"{QUESTION_PREFIX}\d+", field_name) is not None


def answer_model(title: str, header: Sequence[Any]) -> type[SheetModel]:
    """The model of one answer tab: the fixed columns plus its questions, in header order."""
    fixed = {text_key(name) for name in Atsakymas.headers()}
    questions: list[str] = []
    seen = set(fixed)
    for cell in header:
        text = " ".join(str(cell).split()) if given(cell) else ""
        if text and text_key(text) not in seen:
            seen.add(text_key(text))
            questions.append(text)
    return _model(title, tuple(questions))


@cache
def _model(title: str, headers: tuple[str, ...]) -> type[SheetModel]:
    fields: dict[str, Any] = {}
    for position, text in enumerate(headers, start=1):
        if PERSONAL_RE.search(text):  # a respondent's identity: kept apart, never a question
            fields[f"asmens_{position:02d}"] = (Text | None, Field(None, alias=text))
        elif is_scale(text):
            fields[question_field(position)] = (Scale | None, Field(None, alias=text))
        else:
            fields[question_field(position)] = (Text | None, Field(None, alias=text))
    model = create_model("Atsakymai", __base__=Atsakymas, **fields)
    model.tab = title
    return model


def answer_tabs(frames: dict[str, pd.DataFrame]) -> list[tuple[str, str | None]]:
    """(answer tab, form id) of every survey in the register, in register order."""
    register = frames.get(REGISTER)
    if register is None or register.empty:
        return []
    named = []
    for row in register.sort_values("_row").to_dict("records"):
        if given(row["atsakymu_lapas"]) and text_key(row["atsakymu_lapas"]) != text_key(REGISTER):
            named.append((row["atsakymu_lapas"], row["formos_id"] if given(row["formos_id"]) else None))
    return named


# ---------------------------------------------------------------- rules across rows
def rules(ctx: RuleContext, refs: References) -> Iterator[Problem]:
    yield from unique(ctx, REGISTER, ["kodas"])
    yield from unique(ctx, REGISTER, ["atsakymu_lapas"])
    register = ctx.frame(REGISTER)
    if register is None:
        return
    for survey in register.loc[register["_valid"].astype(bool)].to_dict("records"):
        frame = ctx.frame(survey["atsakymu_lapas"])
        if frame is None:
            continue
        tab = survey["atsakymu_lapas"]
        yield from _libraries(ctx, tab, frame, refs)
        yield from _outside_dates(ctx, tab, frame, survey)
        yield from _submitted_twice(ctx, tab, frame)


def _libraries(ctx: RuleContext, tab: str, frame: pd.DataFrame, refs: References) -> Iterator[Problem]:
    if not refs.loaded:
        return
    for row, library in zip(frame["_row"], frame["biblioteka"], strict=True):
        if given(library) and refs.library_code(library) is None:
            yield ctx.problem(tab, row, "biblioteka", library, "nezinoma_biblioteka",
                              f"biblioteka „{library}“ nerasta teritorijos bibliotekų sąraše: pataisykite formos "
                              "pasirinkimų sąrašą arba įrašykite bibliotekos kodą ar tikslų pavadinimą")


def _outside_dates(ctx: RuleContext, tab: str, frame: pd.DataFrame, survey: dict) -> Iterator[Problem]:
    for row, stamp in zip(frame["_row"], frame["laiko_zyme"], strict=True):
        if given(stamp) and not survey["nuo"] <= stamp.date() <= survey["iki"]:
            yield ctx.problem(tab, row, "laiko_zyme", stamp, "ne_apklausos_laiku",
                              f"atsakymas pateiktas {stamp:%Y-%m-%d}, o apklausa „{survey['kodas']}“ vyko "
                              f"{survey['nuo']}–{survey['iki']}: patikrinkite apklausos datas registre",
                              Severity.WARNING)


def respondent(row: dict, columns: Sequence[str]) -> tuple:
    """Who answered, as far as a form can tell: the collected address, else every answer given."""
    email = next((row[c] for c in columns if c.startswith("asmens_") and given(row[c]) and "@" in str(row[c])), None)
    if email is not None:
        return ("@", text_key(email))
    return tuple(text_key(row[c]) if isinstance(row[c], str) else row[c] if given(row[c]) else None for c in columns)


def _submitted_twice(ctx: RuleContext, tab: str, frame: pd.DataFrame) -> Iterator[Problem]:
    """The same respondent twice within a minute is a double click: the later answer is left out."""
    columns = [c for c in frame.columns if c not in ("laiko_zyme", "_row", "_valid")]
    rows = frame.loc[frame["_valid"].astype(bool) & frame["laiko_zyme"].notna()].sort_values(["laiko_zyme", "_row"])
    last: dict[tuple, tuple[dt.datetime, int]] = {}
    for row in rows.to_dict("records"):
        who = respondent(row, columns)
        previous = last.get(who)
        if previous is not None and (row["laiko_zyme"] - previous[0]).total_seconds() <= SAME_RESPONDENT_SECONDS:
            yield ctx.problem(tab, row["_row"], "laiko_zyme", row["laiko_zyme"], "pateikta_dukart",
                              f"tas pats atsakymas pateiktas dar kartą per minutę po {previous[1]} eilutės: "
                              "tikriausiai paspausta du kartus, todėl skaičiuojamas tik ankstesnis",
                              Severity.WARNING, drop_row=True)
        last[who] = (row["laiko_zyme"], row["_row"])


WORKBOOK = WorkbookSpec(
    name="apklausos",
    title="Vartotojų poreikių apklausos",
    tabs=(Apklausa,),
    rules=rules,
    reference_tabs=(REGISTER,),
    linked=LinkedTabs(template=Atsakymas, named=answer_tabs, model=answer_model),
)
