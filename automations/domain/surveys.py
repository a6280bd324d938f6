"""User-needs surveys: the register, each survey's answers and questions, and the survey figures.

A survey is a row of `Apklausos` and the answer tab it names; its answers are the tab's kept
rows (scale answers outside 1–5, unknown libraries and double submissions are already out),
each with the library's code, name and municipality. The same survey run again is recognised
by its title without the year („Vartotojų pasitenkinimo tyrimas 2025“ → „… 2026“). Figures
count answers submitted in the report year up to the report date, over all surveys.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from automations.domain import territory
from automations.domain.figures import Figure, Figures
from automations.domain.rows import Results
from automations.domain.survey_questions import Question, Result, analyse, questions
from automations.periods import Period
from sheets_schema.apklausos import REGISTER, is_question, is_scale
from sheets_schema.base import Severity
from sheets_schema.references import References
from sheets_schema.types import given, text_key

WORKBOOK = "apklausos"
_YEAR_RE = re.compile(r"\s*[–-]?\s*\b(19|20)\d{2}\s*(m\.)?\s*$")
ANSWER_COLUMNS = ["apklausa", "pavadinimas", "laiko_zyme", "data", "kodas", "biblioteka_pav", "savivaldybe",
                  "amziaus_grupe", "lytis", "skales_sk", "skales_suma", "skales_4_5", "_row"]


@dataclass
class Survey:
    code: str
    title: str
    start: dt.date
    end: dt.date
    tab: str
    target: str | None
    responsible: str | None
    readable: bool  # its answer tab was read (a missing tab or form is reported in the feedback)
    answers: pd.DataFrame  # kept answers, with the library's identity
    fields: list[tuple[str, str]] = field(default_factory=list)  # (column, question header), in form order

    @property
    def series(self) -> str:
        """The title without its year: the same survey run in another year has the same series."""
        return text_key(_YEAR_RE.sub("", self.title))

    @property
    def year(self) -> int:
        return self.start.year

    def questions(self) -> list[Question]:
        return questions(self.fields, self.answers)

    def results(self) -> list[Result]:
        return [analyse(question, self.answers) for question in self.questions()]


def _question_fields(result: object, tab: str, frame: pd.DataFrame) -> list[tuple[str, str]]:
    """(column, header) of the tab's questions, from its model (headers as the form asks them)."""
    data = getattr(result, "tabs", {}).get(tab)
    model = getattr(data, "model", None)
    if model is not None:
        return [(name, info.alias or name) for name, info in model.model_fields.items() if is_question(name)]
    return [(name, name) for name in frame.columns if is_question(name)]


def with_libraries(answers: pd.DataFrame, refs: References) -> pd.DataFrame:
    frame = answers.copy()
    frame["kodas"] = frame["biblioteka"].map(refs.library_code)
    identity = refs.libraries.set_index("kodas") if refs.loaded else pd.DataFrame(columns=["pavadinimas",
                                                                                            "savivaldybe"])
    frame["biblioteka_pav"] = [identity.at[code, "pavadinimas"] if given(code) else text
                               for code, text in zip(frame["kodas"], frame["biblioteka"], strict=True)]
    frame["savivaldybe"] = [identity.at[code, "savivaldybe"] if given(code) else None for code in frame["kodas"]]
    frame["data"] = frame["laiko_zyme"].map(lambda stamp: stamp.date() if given(stamp) else None)
    return frame


def surveys(results: Results, refs: References) -> list[Survey]:
    """Every survey of the register, oldest first, with its kept answers."""
    result = results.get(WORKBOOK)
    if result is None:
        return []
    register = result.frame(REGISTER)
    found = []
    for row in register.sort_values(["nuo", "kodas", "_row"]).to_dict("records"):
        tab = row["atsakymu_lapas"]
        readable = not any(p.tab == tab and p.row is None and p.severity is Severity.ERROR for p in result.problems)
        answers = with_libraries(result.frame(tab), refs).sort_values(["laiko_zyme", "_row"]).reset_index(drop=True)
        found.append(Survey(row["kodas"], row["pavadinimas"], row["nuo"], row["iki"], tab, row["tiksline_grupe"],
                            row["atsakingas"], readable, answers, _question_fields(result, tab, answers)))
    return found


def previous_run(survey: Survey, every: list[Survey]) -> Survey | None:
    """The latest earlier run of the same survey (same title but for the year), if any."""
    earlier = [other for other in every if other.series == survey.series and other.start < survey.start
               and other.code != survey.code]
    return max(earlier, key=lambda other: other.start) if earlier else None


def of_year(every: list[Survey], year: int, today: dt.date) -> list[Survey]:
    """Surveys that ran in ``year`` up to the report date (started, and not over before the year began)."""
    return [s for s in every if s.start <= min(today, dt.date(year, 12, 31)) and s.end >= dt.date(year, 1, 1)]


def registered_users(figures: Figures, year: int) -> dict[str, float]:
    """Library code -> registered users, from the latest territory statistics collected by the report date."""
    shown = territory.data_year(figures, year)
    libraries = territory.statistics(figures, shown).libraries
    if libraries.empty or "registruoti_vartotojai" not in libraries:
        return {}
    return {code: float(users) for code, users in zip(libraries["kodas"], libraries["registruoti_vartotojai"],
                                                      strict=True) if given(users) and users}


# ------------------------------------------------------------------ figures
def all_surveys(figures: Figures) -> list[Survey]:
    return figures.memo("surveys", lambda: surveys(figures.results, figures.references()))


def with_scales(survey: Survey) -> pd.DataFrame:
    """The survey's answers with, per answer, how many scale questions it rated, their sum and how many 4 or 5."""
    fields = [field for field, header in survey.fields if is_scale(header)]
    scales = survey.answers[fields].apply(pd.to_numeric, errors="coerce") if fields else pd.DataFrame(
        index=survey.answers.index)
    return survey.answers.assign(apklausa=survey.code, pavadinimas=survey.title,
                                 skales_sk=scales.notna().sum(axis=1).astype(int), skales_suma=scales.sum(axis=1),
                                 skales_4_5=(scales >= 4).sum(axis=1).astype(int))


def answers_in(figures: Figures, period: Period) -> pd.DataFrame:
    """Kept answers of every survey submitted in the period, one row each."""
    frames = [with_scales(survey)[ANSWER_COLUMNS] for survey in all_surveys(figures) if len(survey.answers)]
    rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=ANSWER_COLUMNS)
    return rows.loc[period.mask(rows["data"])].reset_index(drop=True) if len(rows) else rows


def _distinct(column: str):
    return lambda rows: int(rows[column].nunique()) if len(rows) else 0


def _mean_rating(rows: pd.DataFrame) -> float | None:
    rated = rows["skales_sk"].sum() if len(rows) else 0
    return float(rows["skales_suma"].sum() / rated) if rated else None


def _top_share(rows: pd.DataFrame) -> float | None:
    rated = rows["skales_sk"].sum() if len(rows) else 0
    return float(rows["skales_4_5"].sum() / rated * 100) if rated else None


ANSWERED = "priimti apklausų atsakymai (be klaidų), pateikti metuose iki ataskaitos dienos"
FIGURES = (
    Figure("apklausos.atliktos", "Atliktos apklausos",
           f"skirtingos registro „Apklausos“ apklausos, į kurias gauta atsakymų; {ANSWERED}", "vnt.", WORKBOOK,
           REGISTER, select=answers_in, measure=_distinct("apklausa"), plan_names=("Apklausos atliktos",),
           aliases=("Atliktų apklausų skaičius", "Atlikti vartotojų poreikių tyrimus")),
    Figure("apklausos.respondentai", "Apklausų respondentai", f"atsakymų skaičius; {ANSWERED}", "asm.", WORKBOOK,
           REGISTER, select=answers_in, plan_names=("Apklausų respondentai",),
           aliases=("Apklausų dalyvių skaičius", "Apklausos respondentų skaičius")),
    Figure("apklausos.bibliotekos", "Bibliotekos, kurių vartotojai dalyvavo apklausose",
           f"skirtingos teritorijos bibliotekos; {ANSWERED}", "vnt.", WORKBOOK, REGISTER, select=answers_in,
           measure=_distinct("kodas")),
    Figure("apklausos.vidurkis", "Apklausų vertinimų vidurkis (1–5)",
           f"visų skalės (1–5) klausimų atsakymų vidurkis; {ANSWERED}", "balo", WORKBOOK, REGISTER,
           select=answers_in, measure=_mean_rating, kind="amount"),
    Figure("apklausos.vertinimai_4_5", "Apklausų vertinimai 4–5",
           f"skalės (1–5) klausimų atsakymų, kuriuose įvertinta 4 arba 5, dalis, proc.; {ANSWERED}", "proc.",
           WORKBOOK, REGISTER, select=answers_in, measure=_top_share, kind="amount"),
)
