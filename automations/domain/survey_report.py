"""The tables of one survey's report: who answered (library, municipality, age group, week, response
rate), each question's results, the comparison with the previous run, and the open answers.

Pure pandas over a :class:`~automations.domain.surveys.Survey`; the job turns the frames into a
workbook (every table) and Word documents (the manager's report, each library's page).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from automations import lt
from automations.domain.survey_questions import CLOSED, OPEN, SCALE, Result, age_groups, age_of, analyse, compare
from automations.domain.survey_text import clean, frequent_words
from automations.domain.surveys import Survey
from sheets_schema.apklausos import GENDERS
from sheets_schema.types import given

UNKNOWN = "nenurodyta"
MIN_LIBRARY_ANSWERS = 5  # a library page needs this many answers, so no one's answers can be picked out


@dataclass
class SurveyTables:
    survey: Survey
    results: list[Result]
    libraries: pd.DataFrame
    municipalities: pd.DataFrame
    ages: pd.DataFrame
    genders: pd.DataFrame
    weeks: pd.DataFrame
    scales: pd.DataFrame  # one row per scale question: answered, mean, share of 4–5 (and last run's)
    comparison: pd.DataFrame
    open_answers: pd.DataFrame  # library, question, answer (cleaned)
    words: dict[str, list[tuple[str, int]]]  # open question header -> frequent words
    previous: Survey | None = None


def share(counts: pd.Series) -> list[float]:
    total = counts.sum()
    return [count / total * 100 if total else 0.0 for count in counts]


def by_library(answers: pd.DataFrame, users: dict[str, float]) -> pd.DataFrame:
    """Answers per library, with the response rate (percent of registered users) where users are known."""
    if answers.empty:
        return pd.DataFrame(columns=["kodas", "biblioteka", "savivaldybe", "atsakymai", "vartotojai", "atsake_proc"])
    grouped = answers.groupby("kodas", dropna=False).agg(biblioteka=("biblioteka_pav", "first"),
                                                          savivaldybe=("savivaldybe", "first"),
                                                          atsakymai=("_row", "size")).reset_index()
    grouped["vartotojai"] = grouped["kodas"].map(lambda code: users.get(code) if given(code) else None)
    grouped["atsake_proc"] = [count / known * 100 if given(known) and known else None
                              for count, known in zip(grouped["atsakymai"], grouped["vartotojai"], strict=True)]
    grouped = grouped.assign(_lt=grouped["biblioteka"].map(lt.sort_key))
    return grouped.sort_values(["atsakymai", "_lt"], ascending=[False, True]).drop(columns="_lt").reset_index(drop=True)


def by_municipality(libraries: pd.DataFrame) -> pd.DataFrame:
    """Answers per municipality; the rate over the users of its libraries whose users are known."""
    if libraries.empty:
        return pd.DataFrame(columns=["savivaldybe", "atsakymai", "dalis", "atsake_proc"])
    known = libraries.loc[libraries["vartotojai"].notna()]
    frame = libraries.assign(savivaldybe=libraries["savivaldybe"].fillna(UNKNOWN)).groupby("savivaldybe").agg(
        atsakymai=("atsakymai", "sum")).reset_index()
    rates = known.groupby("savivaldybe").agg(atsakymai=("atsakymai", "sum"), vartotojai=("vartotojai", "sum"))
    frame["dalis"] = share(frame["atsakymai"])
    frame["atsake_proc"] = frame["savivaldybe"].map(
        lambda name: rates.at[name, "atsakymai"] / rates.at[name, "vartotojai"] * 100 if name in rates.index else None)
    return lt.sort_frame(frame, "savivaldybe")


def counted(values: pd.Series, order: list[str], column: str) -> pd.DataFrame:
    counts = values.value_counts().reindex(order, fill_value=0)
    return pd.DataFrame({column: order, "atsakymai": counts.tolist(), "dalis": share(counts)})


def by_week(answers: pd.DataFrame) -> pd.DataFrame:
    """Answers per week (Monday to Sunday), every week from the first answer to the last."""
    if answers.empty:
        return pd.DataFrame(columns=["savaite", "atsakymai"])
    mondays = answers["data"].map(lambda day: day - dt.timedelta(days=day.weekday()))
    weeks = pd.date_range(min(mondays), max(mondays), freq="7D").date
    counts = mondays.value_counts()
    return pd.DataFrame({"savaite": list(weeks), "atsakymai": [int(counts.get(week, 0)) for week in weeks]})


def scale_summary(results: list[Result], comparison: pd.DataFrame) -> pd.DataFrame:
    before = {row["klausimas"]: row for row in comparison.to_dict("records")}
    rows = [{"klausimas": r.question.header, "atsakymai": r.answered, "vidurkis": r.mean, "dalis_4_5": r.top_share,
             "vidurkis_pernai": before.get(r.question.header, {}).get("vidurkis_pernai"),
             "pridetas": r.question.added}
            for r in results if r.question.kind == SCALE]
    return pd.DataFrame(rows, columns=["klausimas", "atsakymai", "vidurkis", "dalis_4_5", "vidurkis_pernai",
                                       "pridetas"])


def open_answers(survey: Survey, results: list[Result]) -> pd.DataFrame:
    """Every open answer, masked, by library then question; who wrote it is never shown."""
    rows = []
    for result in results:
        if result.question.kind != OPEN:
            continue
        field = result.question.field
        for library, text in zip(survey.answers["biblioteka_pav"], survey.answers[field], strict=True):
            if given(text) and str(text).strip():
                rows.append({"biblioteka": library, "klausimas": result.question.header, "atsakymas": clean(text)})
    frame = pd.DataFrame(rows, columns=["biblioteka", "klausimas", "atsakymas"])
    return frame.sort_values(["biblioteka", "klausimas"], key=lambda c: c.map(lt.sort_key), kind="stable").reset_index(
        drop=True)


def tables(survey: Survey, previous: Survey | None, users: dict[str, float]) -> SurveyTables:
    results = survey.results()
    answers = survey.answers
    comparison = compare(results, previous.results()) if previous is not None else compare(results, [])
    libraries = by_library(answers, users)
    texts = open_answers(survey, results)
    words = {question: frequent_words(group["atsakymas"]) for question, group in texts.groupby("klausimas", sort=False)}
    genders = answers["lytis"].map(lambda value: value if given(value) else UNKNOWN)
    return SurveyTables(
        survey, results, libraries, by_municipality(libraries),
        counted(age_of(answers), age_groups(answers), "amziaus_grupe"),
        counted(genders, [*GENDERS, *([UNKNOWN] if (genders == UNKNOWN).any() else [])], "lytis"),
        by_week(answers), scale_summary(results, comparison), comparison, texts, words, previous)


def closed_results(results: list[Result]) -> list[Result]:
    return [result for result in results if result.question.kind in CLOSED]


def library_summary(tables: SurveyTables, code: str) -> dict | None:
    """One library's own users against the whole survey: answers, scale means, top choices; None when too few."""
    answers = tables.survey.answers.loc[tables.survey.answers["kodas"] == code]
    if len(answers) < MIN_LIBRARY_ANSWERS:
        return None
    own = [analyse(result.question, answers, by_age=False) for result in tables.results]
    scales = [(mine.question.header, mine.mean, mine.top_share, everyone.mean)
              for mine, everyone in zip(own, tables.results, strict=True)
              if mine.question.kind == SCALE and mine.answered]
    choices = [(mine.question.header, mine.table.head(3)) for mine in own
               if mine.question.kind in CLOSED and mine.question.kind != SCALE and mine.answered]
    texts = tables.open_answers
    words = frequent_words(texts.loc[texts["biblioteka"] == answers["biblioteka_pav"].iloc[0], "atsakymas"], 8)
    return {"answers": answers, "scales": scales, "choices": choices, "words": words}
