"""`lankytojai`: the daily visitor log of the Library's four places (counts only)."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

from automations.demo_data import Rows, days_between
from automations.demo_data.events import CENTRAL, CHILDREN, MILTINIS, ZAOSE, Event

HOLIDAYS = {(1, 1), (2, 16), (3, 11), (5, 1), (6, 24), (7, 6), (8, 15), (11, 1), (11, 2), (12, 24), (12, 25), (12, 26)}


def visitor_rows(rng: random.Random, today: dt.date, events: list[Event], tours: list[dict]) -> Rows:
    """Daily counts per place up to today; Zaosė open May–October (Wed–Sun), elsewhere by appointment."""
    year = today.year
    at_events: dict[tuple, int] = defaultdict(int)
    for e in events:
        if e.status == "įvyko" and e.building and e.attendees:
            at_events[(e.date, e.building)] += e.attendees
    tour_groups: dict[tuple, list[int]] = defaultdict(list)
    for t in tours:
        if t["_day"] <= today:
            tour_groups[(t["_day"], t["Vieta"])].append(t["Dalyviai"])
    rows: list[dict[str, Any]] = []
    for day in days_between(dt.date(year, 1, 1), today):
        holiday = (day.month, day.day) in HOLIDAYS
        summer = day.month in (6, 7, 8)
        for place in (CENTRAL, CHILDREN, MILTINIS, ZAOSE):
            groups = tour_groups.get((day, place), [])
            at_event = at_events.get((day, place), 0)
            if place == ZAOSE:
                season = 5 <= day.month <= 10
                if not season and not groups and not at_event:
                    continue
                open_day = season and day.weekday() >= 2 and not holiday
                if not open_day:
                    base = 0
                elif day.weekday() >= 5:
                    base = rng.randint(30, 90) if day.month in (7, 8) else rng.randint(5, 40)
                else:
                    base = 0 if rng.random() < 0.5 else rng.randint(1, 15)
                method = "registracijos žurnalas"
            else:
                closed = holiday or day.weekday() == 6 or (day.weekday() == 5 and (summer or place == MILTINIS))
                if closed or (place == MILTINIS and day.weekday() in (0, 4)):
                    continue
                low, high = {CENTRAL: (240, 560), CHILDREN: (50, 160), MILTINIS: (3, 30)}[place]
                if day.weekday() == 5 or summer:
                    low, high = low // 2, high // 2
                base = rng.randint(low, high)
                method = {CENTRAL: "skaitiklis", CHILDREN: "rankinis", MILTINIS: "registracijos žurnalas"}[place]
            total = base + at_event + sum(groups)
            share = {CENTRAL: (0.05, 0.14), CHILDREN: (0.6, 0.8)}.get(place, (0.0, 0.2))
            rows.append({
                "Data": day, "Vieta": place, "Lankytojai iš viso": total,
                "iš jų vaikai": round(total * rng.uniform(*share)) if total else None,
                "iš jų renginiuose": at_event or None, "Ekskursijos": len(groups) or None,
                "Ekskursijų dalyviai": sum(groups) or None, "Skaičiavimo būdas": method,
                "Pastabos": "Nedirbta" if place == ZAOSE and total == 0 and day.weekday() < 2 else None,
            })
    busy = [i for i, r in enumerate(rows) if r["Vieta"] == CENTRAL]
    children = [i for i, r in enumerate(rows) if r["Vieta"] == CHILDREN and r["Lankytojai iš viso"] > 60]
    # MISTAKE: children counted larger than all visitors that day (error)
    wrong = rows[children[len(children) // 3]]
    wrong["iš jų vaikai"] = wrong["Lankytojai iš viso"] + 12
    # MISTAKE: one day of the central building entered twice (error: repeated date and place)
    copy = busy[len(busy) // 2]
    rows.insert(copy + 1, dict(rows[copy]))
    return {"Lankytojai": rows}
