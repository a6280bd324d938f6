"""Calendar feeds (.ics) in Europe/Vilnius time with stable UIDs.

A UID is derived from what identifies the event in its sheet (a code, a booking number, or
date + place + title), so an edited event updates in people's calendars instead of
appearing twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

VILNIUS = ZoneInfo("Europe/Vilnius")
STAMP = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # fixed, so an unchanged feed is byte-identical


@dataclass(frozen=True)
class CalendarEvent:
    key: str  # stable identity from the sheet
    start: dt.datetime  # local Vilnius time (naive)
    end: dt.datetime | None
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""


def stable_uid(key: str, domain: str = "pavb.lt") -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:24] + "@" + domain


def calendar_bytes(name: str, events: list[CalendarEvent]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//PAVB//Automatika//LT")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Vilnius")
    for item in sorted(events, key=lambda e: (e.start, e.key)):
        event = Event()
        event.add("uid", stable_uid(item.key))
        event.add("dtstamp", STAMP)
        event.add("dtstart", item.start.replace(tzinfo=VILNIUS))
        end = item.end if item.end and item.end > item.start else item.start + dt.timedelta(hours=1)
        event.add("dtend", end.replace(tzinfo=VILNIUS))
        event.add("summary", item.summary)
        if item.location:
            event.add("location", item.location)
        if item.description:
            event.add("description", item.description)
        if item.url:
            event.add("url", item.url)
        calendar.add_component(event)
    if events:  # a compact VTIMEZONE covering the feed's years is enough for every client
        first = min(e.start for e in events).date().replace(month=1, day=1)
        last = max(e.start for e in events).date().replace(month=12, day=31) + dt.timedelta(days=1)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()
