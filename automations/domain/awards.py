"""Awards for territory librarians: nominations merged, the jury, weighted scores, rankings and winners.

A candidate is one (contest, category, candidate) nomination; nominated twice, it is one
candidate with both nominators. Each juror's score of a criterion counts unless the juror is
from the candidate's own library (a conflict of interest: excluded and reported). A candidate's
result per criterion is the mean over the jurors who scored it, weighted by the criterion's
`Svoris`; the total is the sum of the weighted means (the weights sum to 1, so the total is on
the scores' own scale). Candidates are ranked per category; equal totals share a rank, and all
candidates ranked within `Laimėtojų sk. kategorijoje` win, so a tie at the last place shows
as an extra winner for the jury to see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from automations.domain.figures import Figure, Figures
from automations.periods import Period
from sheets_schema.apdovanojimai import CATEGORIES, candidate_key, candidate_lookup, juror_libraries, resolve
from sheets_schema.apdovanojimai import same_library as _same_library
from sheets_schema.references import References
from sheets_schema.types import given, text_key

WORKBOOK = "apdovanojimai"
TIE_DECIMALS = 4


@dataclass(frozen=True)
class Contest:
    name: str
    nominations_deadline: dt.date
    scoring_deadline: dt.date
    award_date: dt.date | None
    winners: int  # per category

    @property
    def key(self) -> str:
        return text_key(self.name)

    @property
    def year(self) -> int:
        return self.scoring_deadline.year

    def decided(self, today: dt.date) -> bool:
        """Results are published once the scoring deadline has passed."""
        return today > self.scoring_deadline


def contests(frame: pd.DataFrame) -> list[Contest]:
    return [Contest(r["konkursas"], r["nominaciju_terminas"], r["vertinimo_terminas"],
                    r["apdovanojimo_data"] if given(r["apdovanojimo_data"]) else None,
                    int(r["laimetoju_sk"]) if given(r["laimetoju_sk"]) else 1)
            for r in frame.sort_values(["vertinimo_terminas", "_row"]).to_dict("records")]


def nominations(frame: pd.DataFrame, refs: References) -> pd.DataFrame:
    """One row per candidate: nominators and justifications of repeated nominations kept, the first time,
    the library's name, and a number per contest (``K-01`` …) in the order of the sheet."""
    columns = ["konkursas", "kategorija", "kandidatas", "biblioteka", "bibliotekos_kodas", "pareigos", "pagrindimas",
               "teikejai", "laiko_zyme", "nr", "_key", "_contest", "_row"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    rows = frame.sort_values("_row")
    rows = rows.assign(_key=[candidate_key(c, k, n) for c, k, n in zip(rows["konkursas"], rows["kategorija"],
                                                                       rows["kandidatas"], strict=True)])
    merged = []
    for key, group in rows.groupby("_key", sort=False):
        first = group.iloc[0]
        code = refs.library_code(first["biblioteka"])
        merged.append({"konkursas": first["konkursas"], "kategorija": first["kategorija"],
                       "kandidatas": first["kandidatas"],
                       "biblioteka": refs.library(code).get("pavadinimas", first["biblioteka"]) if code else
                       first["biblioteka"], "bibliotekos_kodas": code,
                       "pareigos": first["pareigos"] if given(first["pareigos"]) else None,
                       "pagrindimas": "\n\n".join(dict.fromkeys(group["pagrindimas"].dropna())),
                       "teikejai": "; ".join(dict.fromkeys(group["teikejas"].dropna())),
                       "laiko_zyme": group["laiko_zyme"].min(), "_key": key, "_contest": key[0],
                       "_row": int(first["_row"])})
    result = pd.DataFrame(merged, columns=[c for c in columns if c != "nr"])
    result["nr"] = [f"K-{number:02d}" for number in result.groupby("_contest").cumcount() + 1]
    return result[columns]


def label(row: dict, ambiguous: set[tuple[str, str]]) -> str:
    """How a scoring sheet names a candidate: the name, or "name (category)" when the name is in several categories."""
    name_key = (row["_contest"], text_key(row["kandidatas"]))
    return f"{row['kandidatas']} ({row['kategorija']})" if name_key in ambiguous else row["kandidatas"]


def ambiguous_names(candidates: pd.DataFrame) -> set[tuple[str, str]]:
    counts = candidates.groupby([candidates["_contest"], candidates["kandidatas"].map(text_key)]).size()
    return {key for key, count in counts.items() if count > 1}


def jury(jurors: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """The jury of every contest: the list in `Vertintojai`, and anyone who scored without being on it."""
    rows = {(text_key(r["konkursas"]), text_key(r["vertintojas"])): {
        "konkursas": r["konkursas"], "vertintojas": r["vertintojas"], "biblioteka": r["vertintojo_biblioteka"],
        "pareigos": r["pareigos"], "vaidmuo": r["vaidmuo"] if given(r["vaidmuo"]) else "narys", "el_pastas":
        r["el_pastas"]} for r in jurors.sort_values("_row").to_dict("records")}
    for r in scores.sort_values("_row").to_dict("records"):
        key = (text_key(r["konkursas"]), text_key(r["vertintojas"]))
        if key not in rows:
            rows[key] = {"konkursas": r["konkursas"], "vertintojas": r["vertintojas"],
                         "biblioteka": r["vertintojo_biblioteka"], "pareigos": None, "vaidmuo": "narys",
                         "el_pastas": None}
        elif not given(rows[key]["biblioteka"]) and given(r["vertintojo_biblioteka"]):
            rows[key]["biblioteka"] = r["vertintojo_biblioteka"]
    frame = pd.DataFrame(list(rows.values()), columns=["konkursas", "vertintojas", "biblioteka", "pareigos", "vaidmuo",
                                                       "el_pastas"])
    frame["_contest"] = frame["konkursas"].map(text_key)
    return frame


def scored(scores: pd.DataFrame, candidates: pd.DataFrame, jurors: pd.DataFrame, refs: References) -> pd.DataFrame:
    """Every kept score with its candidate's key and whether it is a conflict of interest."""
    lookup = candidate_lookup(candidates)
    libraries = dict(zip(candidates["_key"], candidates["biblioteka"], strict=True))
    listed = juror_libraries(jurors.rename(columns={"biblioteka": "vertintojo_biblioteka"}))
    frame = scores.copy()
    frame["_key"] = [resolve(lookup, c, k) for c, k in zip(frame["konkursas"], frame["kandidatas"], strict=True)]
    frame = frame.loc[frame["_key"].map(lambda key: isinstance(key, tuple))].copy()
    frame["_criterion"] = frame["kriterijus"].map(text_key)
    own = [lib if given(lib) else listed.get((text_key(c), text_key(j)))
           for lib, c, j in zip(frame["vertintojo_biblioteka"], frame["konkursas"], frame["vertintojas"], strict=True)]
    frame["konfliktas"] = [_same_library(refs, mine, libraries.get(key)) for mine, key in zip(own, frame["_key"],
                                                                                           strict=True)]
    return frame


def results(candidates: pd.DataFrame, criteria: pd.DataFrame, scores: pd.DataFrame, winners: int) -> pd.DataFrame:
    """Per candidate of one contest: mean and weighted score per criterion, total, rank in category, winner."""
    names = list(criteria["kriterijus"])
    weights = {text_key(n): float(w) for n, w in zip(criteria["kriterijus"], criteria["svoris"], strict=True)}
    counted = scores.loc[~scores["konfliktas"]]
    means = counted.groupby(["_key", "_criterion"])["balas"].mean()
    rows = []
    for candidate in candidates.to_dict("records"):
        record = {"nr": candidate["nr"], "kategorija": candidate["kategorija"], "_key": candidate["_key"]}
        total, complete = 0.0, True
        for name in names:
            mean = means.get((candidate["_key"], text_key(name)))
            record[f"vid:{name}"] = None if mean is None else float(mean)
            record[f"sv:{name}"] = None if mean is None else float(mean) * weights[text_key(name)]
            complete &= mean is not None
            total += 0.0 if mean is None else float(mean) * weights[text_key(name)]
        record["bendras"] = total if complete else None
        record["vertintojai"] = int(counted.loc[counted["_key"] == candidate["_key"], "vertintojas"].map(
            text_key).nunique())
        rows.append(record)
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    frame["_order"] = frame["kategorija"].map(lambda k: CATEGORIES.index(k) if k in CATEGORIES else len(CATEGORIES))
    frame["vieta"] = frame.groupby("kategorija")["bendras"].rank(method="min", ascending=False)
    frame["_total"] = frame["bendras"].round(TIE_DECIMALS)
    frame["lygus"] = frame.duplicated(["kategorija", "_total"], keep=False) & frame["bendras"].notna()
    frame["laimetojas"] = frame["vieta"].map(lambda rank: given(rank) and rank <= winners)
    frame = frame.sort_values(["_order", "vieta", "nr"], na_position="last").drop(columns=["_order", "_total"])
    return frame.reset_index(drop=True)


def missing(candidates: pd.DataFrame, jurors: pd.DataFrame, criteria: pd.DataFrame, scores: pd.DataFrame,
            refs: References) -> pd.DataFrame:
    """Who has not scored whom: per juror and candidate (never the juror's own library), the criteria missing."""
    done = {(text_key(j), k, c) for j, k, c in zip(scores["vertintojas"], scores["_key"], scores["_criterion"],
                                                   strict=True)}
    rows = []
    for juror in jurors.to_dict("records"):
        for candidate in candidates.to_dict("records"):
            if _same_library(refs, juror["biblioteka"], candidate["biblioteka"]):
                continue
            lacking = [name for name in criteria["kriterijus"]
                       if (text_key(juror["vertintojas"]), candidate["_key"], text_key(name)) not in done]
            if lacking:
                rows.append({"vertintojas": juror["vertintojas"], "nr": candidate["nr"],
                             "kategorija": candidate["kategorija"], "truksta": ", ".join(lacking),
                             "kiek": len(lacking)})
    return pd.DataFrame(rows, columns=["vertintojas", "nr", "kategorija", "truksta", "kiek"])


# ------------------------------------------------------------------ one run's view, for figures and the job
@dataclass
class Awards:
    contest: Contest
    candidates: pd.DataFrame
    criteria: pd.DataFrame
    jury: pd.DataFrame
    scores: pd.DataFrame
    results: pd.DataFrame  # empty when the criteria cannot be used (weights not summing to 1)

    @property
    def winners(self) -> pd.DataFrame:
        if self.results.empty:
            return self.results
        return self.results.loc[self.results["laimetojas"]].merge(
            self.candidates.drop(columns=["nr", "kategorija"]), on="_key")


def every_contest(figures: Figures) -> list[Awards]:
    def compute() -> list[Awards]:
        refs = figures.references()
        candidates = nominations(figures.frame(WORKBOOK, "Nominacijos"), refs)
        jurors = jury(figures.frame(WORKBOOK, "Vertintojai"), figures.frame(WORKBOOK, "Vertinimai"))
        criteria = figures.frame(WORKBOOK, "Kriterijai")
        scores = scored(figures.frame(WORKBOOK, "Vertinimai"), candidates, jurors, refs)
        found = []
        for contest in contests(figures.frame(WORKBOOK, "Konkursai")):
            own = criteria.loc[criteria["konkursas"].map(text_key) == contest.key].sort_values("_row")
            mine = candidates.loc[candidates["_contest"] == contest.key]
            marks = scores.loc[[key[0] == contest.key for key in scores["_key"]]]
            ranked = results(mine, own, marks, contest.winners) if len(own) else pd.DataFrame()
            found.append(Awards(contest, mine.reset_index(drop=True), own,
                                jurors.loc[jurors["_contest"] == contest.key], marks, ranked))
        return found

    return figures.memo("awards", compute)


def nominated(figures: Figures, period: Period) -> pd.DataFrame:
    """Candidates (merged nominations) first nominated in the period."""
    rows = pd.concat([awards.candidates for awards in every_contest(figures)] or [pd.DataFrame(
        columns=["laiko_zyme"])], ignore_index=True)
    if rows.empty:
        return rows.assign(data=[])
    rows["data"] = rows["laiko_zyme"].map(lambda stamp: stamp.date())
    return rows.loc[period.mask(rows["data"])]


def awarded(figures: Figures, period: Period) -> pd.DataFrame:
    """Winners of the contests whose scoring deadline passed in the period (results decided)."""
    decided = [a.winners.assign(data=a.contest.scoring_deadline + dt.timedelta(days=1))
               for a in every_contest(figures) if not a.results.empty
               and a.contest.scoring_deadline + dt.timedelta(days=1) in period]
    return pd.concat(decided, ignore_index=True) if decided else pd.DataFrame(columns=["data", "kategorija"])


FIGURES = (
    Figure("apdovanojimai.nominacijos", "Nominacijos",
           "nominuoti kandidatai (tas pats kandidatas toje pačioje kategorijoje – vieną kartą), pirmą kartą pateikti "
           "metuose iki ataskaitos dienos", "vnt.", WORKBOOK, "Nominacijos", select=nominated,
           plan_names=("Nominacijos",), aliases=("Nominacijų skaičius", "Pateiktos nominacijos")),
    Figure("apdovanojimai.apdovanoti", "Apdovanoti specialistai",
           "konkursų, kurių vertinimo terminas praėjo metuose iki ataskaitos dienos, laimėtojai (lygūs balai "
           "paskutinėje laimėjusioje vietoje – visi)", "asm.", WORKBOOK, "Vertinimai", select=awarded,
           plan_names=("Apdovanoti specialistai",),
           aliases=("Apdovanotų specialistų skaičius", "Organizuoti „Ad astra“ apdovanojimus")),
)
