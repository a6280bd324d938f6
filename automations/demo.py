"""A seeded demo workspace: believable Lithuanian data for every workbook, with a few planted mistakes.

``demo_rows(seed, today)`` returns ``{workbook: {tab: [ {header: value} ]}}`` exactly as people
would have typed it (dates, times, numbers, sometimes numbers and dates as text); the same seed
and ``today`` always give the same rows, and so byte-identical workbooks. Nothing reads the
clock or the global random generator: each workbook draws from its own ``random.Random``
derived from the seed. The generators live in :mod:`automations.demo_data`; each deliberate
mistake is marked there with a ``# MISTAKE:`` comment. In short:

* ``teritorijos_statistika`` / ``Formos atsakymai 1`` (five years of answers, so library profiles have
  a trend; the mistakes are all in the last year): loans typed 10× too large (ratio and
  ±30 % warnings), children > registered users (error), a resubmitted form (the earlier answer
  superseded), a library name not in ``Bibliotekos`` (error); in ``Bibliotekos`` one library's
  e-mail address lacks its domain ending (warning); valid on purpose: ``12 345`` as text,
  ``nežinoma`` in an optional field, a ±30 % change explained in ``Paaiškinimas``; 4 libraries
  have not submitted the last year.
* ``renginiai`` / ``Renginiai``: an end before the start (error), a held event without
  attendance (error), one event typed twice (warning).
* ``lankytojai``: one day entered twice (error), children > all visitors (error).
* ``nuoma`` / ``Užsakymai``: two overlapping bookings of one room (errors), more participants
  than seats (error), an e-mail without a domain ending (error).
* ``kvalifikacija`` / ``Dalyviai``: a participant of a training code that does not exist
  (error), one person twice in a training (error).
* ``konsultacijos``: a branch name that is not a territory library (error), a 540-minute visit
  (warning).
* ``projektai``: one budget that does not add up (warning).
* ``viesinimas`` / ``Publikacijos``: engagement larger than reach (error).
* ``veiklos_planas``: an actual value typed beside an automatic figure (warning).
* ``apklausos``: a scale answer 6 (error), a library not in the list (error), one answer submitted
  twice within a minute (warning), an answer the day after last year's survey closed (warning).
* ``komisijos``: a member typed twice in one body (error), a meeting held without quorum
  (warning), two decisions past their deadline (warnings), a decision for a meeting that does not
  exist (error).
* ``apdovanojimai``: a score 12 on a 1–10 criterion (error), the jury's chair scoring a candidate of
  the chair's own library (warnings: left out), a nomination after the deadline (warning); also a
  candidate nominated twice (merged, a note), two candidates tied for first place, one juror who
  has not scored a category.

The annual report's own inputs are demo data too (:mod:`automations.demo_data.annual`): the Library's
own row of the yearly statistics form, its finances, the report's texts, the plan's approval,
baselines and reasons for lagging measures. The demo's ``[institution]`` has made-up but
believable requisites (director, bank account, VAT code), so contracts and invoices are issued.

The demo's ``automations.toml`` also sets up e-mail notifications (made-up addresses, written
to the outbox folder only): the messages for these mistakes and the missing libraries.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from automations.config import Settings
from automations.demo_data import REGIONAL_STAFF, ascii_slug, rng_for
from automations.demo_data.annual import annual_rows
from automations.demo_data.awards import award_rows
from automations.demo_data.commissions import commission_rows
from automations.demo_data.events import events_rows
from automations.demo_data.publicity import publicity_rows
from automations.demo_data.regional import regional_rows
from automations.demo_data.rental import rental_rows
from automations.demo_data.surveys import survey_rows
from automations.demo_data.territory import libraries, territory_rows
from automations.demo_data.training import training_rows
from automations.demo_data.visitors import visitor_rows
from automations.validation import WorkbookResult
from automations.workspace import INSTITUTION, Created, create_workspace

if TYPE_CHECKING:
    from automations.notify import NotifyReport

DEFAULT_SEED = 2026


def demo_rows(seed: int, today: dt.date) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Every workbook's demo rows for report year ``today.year``, as of ``today``."""
    libs = libraries()
    schools = [lib.name.removesuffix(" biblioteka") for lib in libs if lib.kind != "SVB" and lib.active]
    renginiai, events, tours = events_rows(rng_for(seed, "renginiai"), today, schools)
    rows: dict[str, dict[str, list[dict[str, Any]]]] = {
        "teritorijos_statistika": territory_rows(rng_for(seed, "teritorijos_statistika"), today),
        "renginiai": renginiai,
        "nuoma": rental_rows(rng_for(seed, "nuoma"), today),
        "lankytojai": visitor_rows(rng_for(seed, "lankytojai"), today, events, tours),
        "kvalifikacija": training_rows(rng_for(seed, "kvalifikacija"), today, libs),
        "viesinimas": publicity_rows(rng_for(seed, "viesinimas"), today, events),
    }
    rows.update(regional_rows(rng_for(seed, "regional"), today, libs))
    annual_rows(rng_for(seed, "annual"), today, rows)
    rows["apklausos"] = survey_rows(rng_for(seed, "apklausos"), today, libs)
    rows["komisijos"] = commission_rows(rng_for(seed, "komisijos"), today, libs)
    rows["apdovanojimai"] = award_rows(rng_for(seed, "apdovanojimai"), today, libs)
    return rows


def demo_notify_settings() -> str:
    """The demo's ``[notify]`` section: made-up managers and staff addresses, and never real sending.

    One project manager (the last of the regional staff) is left out on purpose, so the demo
    also shows how a person without an address is listed.
    """
    people = "\n".join(f'"{name}" = "{ascii_slug(name)}@pavb.lt"' for name in REGIONAL_STAFF[:-1])
    return (
        "\n[notify]\n"
        'deliver = "outbox"            # a demo: messages are only written to siunciami_laiskai/, never sent\n'
        'managers = ["direktorius@pavb.lt", "regionas@pavb.lt"]   # the weekly digest\n'
        'reply_to = "regionas@pavb.lt"\n'
        'statistics_form_url = "https://forms.gle/pavb-statistika-demo"\n'
        f"\n[notify.people]              # names typed in `Atsakingas` -> addresses\n{people}\n"
    )


def demo_peer_settings() -> str:
    """The demo's ``[peers]`` section: school libraries compared within two size bands (see README, "Library
    profiles")."""
    return (
        "\n[peers]                       # library profiles: who is compared with whom\n"
        'size_bands = { "mokyklos biblioteka" = [500] }   # school libraries: under 500 users, 500 and more\n'
    )


def demo_institution() -> str:
    """The demo's requisites: believable (made-up) values, so contracts and invoices can be issued."""
    values = {"director": "Vida Bukauskienė", "director_basis": "Bibliotekos nuostatus",
              "bank_account": "LT56 7300 0100 0245 6789", "bank": "AB „Swedbank“", "vat_code": "LT902621141",
              "invoice_issuer": "vyr. buhalterė Rasa Petraitienė", "phone": "+370 45 123 456",
              "price_list": "Bibliotekos direktoriaus 2025 m. gruodžio 15 d. įsakymu Nr. V-120 patvirtintą Patalpų "
                            "nuomos paslaugų kainoraštį"}
    lines = [line for line in INSTITUTION.splitlines() if line.split(" = ")[0].strip() not in values]
    return "\n".join([*lines, *(f'{key} = "{value}"' for key, value in values.items())]) + "\n"


def build_demo(workspace: Path, seed: int = DEFAULT_SEED, today: dt.date | None = None) -> list[Created]:
    """Create a demo workspace in ``workspace`` (existing files are left alone)."""
    if today is None:
        today = dt.date.today()  # the caller's "now" decides the data; pass ``today`` for a reproducible build
    return create_workspace(Path(workspace), demo_rows(seed, today), report_year=today.year,
                            extra_settings=demo_notify_settings() + demo_peer_settings(),
                            institution=demo_institution())


def demo_notifications(settings: Settings, results: dict[str, WorkbookResult], today: dt.date) -> NotifyReport:
    """The demo's e-mail messages, written to the outbox whatever the settings say: its addresses are made up."""
    from automations.notify import run_notify
    from automations.notify.transport import OutboxTransport

    outbox = OutboxTransport(settings.workspace / settings.notify.outbox_dir, today)
    return run_notify(settings, today, transport=outbox, results=results)
