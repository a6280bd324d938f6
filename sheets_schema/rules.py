"""Building blocks for rules across rows: uniqueness, latest submission wins, lookups.

Rules see every non-blank row of a tab as a DataFrame: python field names as columns,
``_row`` (the sheet's row number) and ``_valid`` (the row passed type and row checks).
Values of fields that failed to parse are None.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from sheets_schema.base import Problem, Severity, header
from sheets_schema.spec import RuleContext
from sheets_schema.types import text_key


def unique(ctx: RuleContext, tab: str, key: Sequence[str], severity: Severity = Severity.ERROR,
           identity: Mapping[str, Callable[[Any], Any]] | None = None) -> Iterator[Problem]:
    """Each later row repeating an earlier row's key is flagged, naming the first one.

    ``identity`` says how a field's values are compared when not as text (a library typed
    as its code or its name is the same library).
    """
    frame = ctx.frame(tab)
    if frame is None:
        return
    present = frame.dropna(subset=list(key))
    if present.empty:
        return
    compare = [(identity or {}).get(name, _norm) for name in key]
    keys = [tuple(how(value) for how, value in zip(compare, values, strict=True))
            for values in zip(*(present[name] for name in key), strict=True)]
    first_row: dict[tuple, int] = {}
    for row_number, value_key, value in zip(present["_row"], keys, present[key[0]], strict=True):
        if value_key in first_row:
            yield ctx.problem(tab, row_number, key[0], value, "pasikartoja",
                              f"ši eilutė kartoja {first_row[value_key]} eilutę (tas pats "
                              + ", ".join(f"„{header(ctx.spec.tab(tab), k)}“" for k in key) + ")", severity)
        else:
            first_row[value_key] = row_number


def latest_submission_wins(ctx: RuleContext, tab: str, key: Sequence[str], stamp: str) -> Iterator[Problem]:
    """A form may be submitted again to correct itself: the latest answer counts, never the sum."""
    frame = ctx.frame(tab)
    if frame is None:
        return
    present = frame.dropna(subset=[*key, stamp]).sort_values([stamp, "_row"])
    for _, group in present.groupby(list(key), sort=False):
        if len(group) < 2:
            continue
        winner = group.iloc[-1]
        for row in group.iloc[:-1].to_dict("records"):
            yield ctx.problem(tab, row["_row"], stamp, row[stamp], "pakeista",
                              f"šį atsakymą pakeitė vėlesnis ({winner['_row']} eilutė, "
                              f"{winner[stamp]:%Y-%m-%d %H:%M}); jis neskaičiuojamas",
                              Severity.NOTE, drop_row=True)


def _norm(value: Any) -> Any:
    return text_key(value) if isinstance(value, str) else value
