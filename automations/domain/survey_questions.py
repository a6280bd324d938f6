"""Survey questions of any form: their kind recognised from the header and the answers, and their results.

No survey is described in code: a header ending with ``(1–5)`` is a scale; answers that are all
numbers make a number question; answers drawn from a small set of options that repeat are a
choice question, several options in one cell (a checkbox exported as ``A, B``) a multiple
choice; anything else is open text. A question added while a survey runs (its column empty
for the first answers, then answered) is reported over the answers given since it appeared.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from pydantic_core import PydanticCustomError

from automations import lt
from sheets_schema.apklausos import AGE_GROUPS, is_scale
from sheets_schema.types import given, parse_amount

SCALE, SINGLE, MULTIPLE, NUMBER, OPEN = "skalė", "vienas pasirinkimas", "keli pasirinkimai", "skaičius", "atviras"
CLOSED = (SCALE, SINGLE, MULTIPLE)
CHOICE_LIMIT = 20  # more distinct options than this is open text
REPEATED_SHARE = 0.9  # options given at least twice make up this share of choices in a choice question
FEW_OPTIONS = 3  # or there are at most a third as many options as answers
ADDED_AFTER = 5  # this many answers without a question before its first answer: it was added mid-survey
TOP_BOX = (4, 5)
NO_AGE = "nenurodyta"


@dataclass(frozen=True)
class Question:
    field: str  # column in the answers frame
    header: str  # as the form asks it
    kind: str
    added: dt.datetime | None = None  # when it first appeared, if added while the survey ran


@dataclass(frozen=True)
class Result:
    """One question over the answers that had it."""

    question: Question
    scope: int  # answers given while the question existed
    answered: int
    table: pd.DataFrame  # scale: value/count/share; choices: option/count/share (ranked); number: statistic/value
    mean: float | None = None  # scale and number questions
    top_share: float | None = None  # scale: share of 4–5, percent of those answering
    by_age: pd.DataFrame | None = None  # closed questions


def present(values: Sequence[Any]) -> list[Any]:
    return [value for value in values if given(value) and str(value).strip()]


def split_choices(value: Any) -> list[str]:
    """A checkbox answer as the response sheet exports it: options joined with commas."""
    return [part.strip() for part in str(value).split(",") if part.strip()]


def _number(value: Any) -> float | None:
    try:
        return float(parse_amount(value))
    except PydanticCustomError:
        return None


def classify(header: str, values: Sequence[Any]) -> str:
    """The kind of a question from its header and its answers."""
    if is_scale(header):
        return SCALE
    answers = present(values)
    if not answers:
        return OPEN
    if all(_number(value) is not None for value in answers):
        return NUMBER
    items = Counter(part for value in answers for part in split_choices(value))
    repeated = sum(count for count in items.values() if count >= 2) / max(sum(items.values()), 1)
    if len(items) > CHOICE_LIMIT or (repeated < REPEATED_SHARE and len(items) * FEW_OPTIONS > len(answers)):
        return OPEN  # many different texts; a handful of options, even some picked once, is a choice question
    whole = Counter(str(value).strip() for value in answers)
    several = any(len(split_choices(value)) > 1 for value in answers)
    # options with commas of their own ("Taip, dažnai") repeat whole; checkbox combinations outnumber the options
    return MULTIPLE if several and len(whole) > len(items) else SINGLE


def added_since(stamps: pd.Series, values: pd.Series) -> dt.datetime | None:
    """When a question appeared, if it was added while the survey ran (earlier answers could not have it)."""
    order = stamps.sort_values(kind="stable").index
    filled = [index for index in order if given(values[index]) and str(values[index]).strip()]
    if not filled:
        return None
    first = stamps[filled[0]]
    before = int((stamps < first).sum())
    after = int((stamps >= first).sum())
    return first if before >= ADDED_AFTER and len(filled) >= after / 2 else None


def analyse(question: Question, answers: pd.DataFrame, by_age: bool = True) -> Result:
    """The question's results over the answers given while it existed (``by_age``: with the age cross-tabulation)."""
    scope = answers if question.added is None else answers.loc[answers["laiko_zyme"] >= question.added]
    values = scope[question.field]
    given_rows = scope.loc[[given(v) and str(v).strip() != "" for v in values]]
    answered = len(given_rows)
    if question.kind == SCALE:
        numbers = pd.to_numeric(given_rows[question.field], errors="coerce").dropna().astype(int)
        counts = numbers.value_counts().reindex(range(1, 6), fill_value=0)
        table = pd.DataFrame({"reiksme": list(range(1, 6)), "atsakymai": counts.tolist(),
                              "dalis": [count / answered * 100 if answered else 0.0 for count in counts]})
        mean = float(numbers.mean()) if answered else None
        top = float(numbers.isin(TOP_BOX).mean() * 100) if answered else None
        return Result(question, len(scope), answered, table, mean, top,
                      scale_by_age(given_rows, question.field) if by_age else None)
    if question.kind in (SINGLE, MULTIPLE):
        table = options(given_rows[question.field], question.kind)
        return Result(question, len(scope), answered, table,
                      by_age=choices_by_age(given_rows, question, table) if by_age else None)
    if question.kind == NUMBER:
        numbers = pd.Series([_number(v) for v in given_rows[question.field]], dtype=float)
        stats = [("Vidurkis", numbers.mean()), ("Mediana", numbers.median()), ("Mažiausia", numbers.min()),
                 ("Didžiausia", numbers.max())] if answered else []
        return Result(question, len(scope), answered, pd.DataFrame(stats, columns=["rodiklis", "reiksme"]),
                      float(numbers.mean()) if answered else None)
    return Result(question, len(scope), answered, pd.DataFrame(columns=["atsakymas"]))


def chosen(values: pd.Series, kind: str) -> list[list[str]]:
    """Each answer's options: a checkbox answer split on commas, any other whole."""
    return [split_choices(v) if kind == MULTIPLE else [str(v).strip()] for v in values]


def options(values: pd.Series, kind: str) -> pd.DataFrame:
    """Options by how often they were chosen; shares of those who answered (several choices may exceed 100 %)."""
    counts = Counter(option for picked in chosen(values, kind) for option in picked)
    answered = len(values)
    rows = [{"variantas": option, "atsakymai": count, "dalis": count / answered * 100 if answered else 0.0}
            for option, count in counts.items()]
    frame = pd.DataFrame(rows, columns=["variantas", "atsakymai", "dalis"])
    frame["_lt"] = frame["variantas"].map(lt.sort_key)
    return frame.sort_values(["atsakymai", "_lt"], ascending=[False, True]).drop(columns="_lt").reset_index(drop=True)


def age_of(rows: pd.DataFrame) -> pd.Series:
    return rows["amziaus_grupe"].map(lambda group: group if given(group) else NO_AGE)


def age_groups(rows: pd.DataFrame) -> list[str]:
    return [*AGE_GROUPS, *([NO_AGE] if (age_of(rows) == NO_AGE).any() else [])]


def scale_by_age(rows: pd.DataFrame, field: str) -> pd.DataFrame:
    """Per age group: answers, mean and share of 4–5."""
    numbers = pd.DataFrame({"group": age_of(rows), "value": pd.to_numeric(rows[field], errors="coerce")}).dropna()
    numbers["top"] = numbers["value"].isin(TOP_BOX)
    stats = numbers.groupby("group").agg(atsakymai=("value", "size"), vidurkis=("value", "mean"), top=("top", "mean"))
    records = [{"amziaus_grupe": group, "atsakymai": int(stats.at[group, "atsakymai"]) if group in stats.index else 0,
                "vidurkis": float(stats.at[group, "vidurkis"]) if group in stats.index else None,
                "dalis_4_5": float(stats.at[group, "top"] * 100) if group in stats.index else None}
               for group in age_groups(rows)]
    return pd.DataFrame(records, columns=["amziaus_grupe", "atsakymai", "vidurkis", "dalis_4_5"])


def choices_by_age(rows: pd.DataFrame, question: Question, table: pd.DataFrame) -> pd.DataFrame:
    """Per option: the share of each age group's answers choosing it (percent), options ranked as overall."""
    ages = age_of(rows).tolist()
    picks = chosen(rows[question.field], question.kind)
    groups = age_groups(rows)
    size = Counter(ages)
    records = []
    for option in table["variantas"]:
        record: dict[str, Any] = {"variantas": option}
        for group in groups:
            hits = sum(1 for age, picked in zip(ages, picks, strict=True) if age == group and option in picked)
            record[group] = hits / size[group] * 100 if size[group] else None
        records.append(record)
    return pd.DataFrame(records, columns=["variantas", *groups])


def questions(fields: Sequence[tuple[str, str]], answers: pd.DataFrame) -> list[Question]:
    """The survey's questions with their kinds and, where added mid-survey, since when."""
    found = []
    for field, header in fields:
        values = answers[field] if field in answers else pd.Series(dtype=object)
        added = added_since(answers["laiko_zyme"], values) if len(answers) else None
        found.append(Question(field, header, classify(header, values.tolist()), added))
    return found


def compare(current: Sequence[Result], previous: Sequence[Result]) -> pd.DataFrame:
    """Scale questions asked in both runs (same wording): mean and share of 4–5 then and now."""
    before = {" ".join(r.question.header.split()).casefold(): r for r in previous if r.question.kind == SCALE}
    rows = []
    for result in current:
        old = before.get(" ".join(result.question.header.split()).casefold())
        if result.question.kind != SCALE or old is None:
            continue
        rows.append({"klausimas": result.question.header, "vidurkis_pernai": old.mean, "vidurkis": result.mean,
                     "vidurkio_pokytis": None if old.mean is None or result.mean is None else result.mean - old.mean,
                     "dalis_pernai": old.top_share, "dalis": result.top_share,
                     "dalies_pokytis": None if old.top_share is None or result.top_share is None
                     else result.top_share - old.top_share})
    return pd.DataFrame(rows, columns=["klausimas", "vidurkis_pernai", "vidurkis", "vidurkio_pokytis", "dalis_pernai",
                                       "dalis", "dalies_pokytis"])
