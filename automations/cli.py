"""The ``automations`` command: jobs, init, demo, validate, run, schedule, notify.

Exit codes: 0 success; 1 validation errors or a failed job; 2 unusable settings, arguments or output folder.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from automations import __version__
from automations.errors import OutputUnavailable

if TYPE_CHECKING:  # what a command needs loads with the command, so `--help` and `jobs` start fast
    from automations.config import Settings
    from automations.notify.service import NotifyReport
    from automations.runner import RunReport
    from automations.validation import WorkbookResult

SHOWN_PROBLEMS = 5
SHOWN_DOCUMENTS = 8


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text}") from error


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="automations", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--workspace", type=Path, default=Path("."), help="workspace folder (default: here)")
    common.add_argument("--today", type=_date, help="pretend today is this date (YYYY-MM-DD)")
    common.add_argument("-v", "--verbose", action="store_true")
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("jobs", help="list the jobs, what they do and when they run", parents=[common])
    commands.add_parser("init", help="create a workspace with blank input workbooks", parents=[common])
    demo = commands.add_parser("demo", help="create a demo workspace with believable data, then run every job",
                               parents=[common])
    demo.add_argument("--seed", type=int, default=2026)
    validate = commands.add_parser("validate", help="check every input and report problems", parents=[common])
    validate.add_argument("--json", action="store_true", help="print every problem as JSON")
    run = commands.add_parser("run", help="run jobs", parents=[common])
    run.add_argument("job", nargs="*", help="job names (see `automations jobs`)")
    run.add_argument("--all", action="store_true", help="run every job")
    run.add_argument("--year", type=int, help="the year to report on (default: report_year or this year)")
    run.add_argument("--force", action="store_true",
                     help="run even the jobs whose inputs, program, templates, settings and date are unchanged")
    sched = commands.add_parser("schedule", help="run jobs at their scheduled times (long-running)",
                                parents=[common])
    sched.add_argument("--crontab", action="store_true", help="print the equivalent crontab lines and exit")
    auth = commands.add_parser("auth", help="sign in to Google as a person (OAuth) and keep the token",
                               parents=[common])
    auth.add_argument("--check", action="store_true",
                      help="check credentials, scopes, APIs, the output folder and every configured id; no sign-in")
    figures = commands.add_parser("figures", help="list every figure the documents show, with its definition",
                                  parents=[common])
    figures.add_argument("--markdown", action="store_true", help="as the Markdown table of the README")
    notify = commands.add_parser("notify", help="e-mail feedback and reminders to the people who must act",
                                 parents=[common])
    notify.add_argument("--dry-run", action="store_true", help="list what would be sent; send and record nothing")
    return parser


# commands that only read and print: nothing of theirs is left to close or clean up when they end
LEAVE_AT_ONCE = frozenset({"jobs", "figures", "validate"})


def main(argv: Sequence[str] | None = None) -> int:
    return _dispatch(build_parser().parse_args(argv))


def entry() -> None:
    """The installed command. A command that only reads leaves without the interpreter freeing,
    object by object, the millions of cells it read (half a second after 100 000 rows); output and
    logs are flushed first. Tests call :func:`main` and keep their process."""
    args = build_parser().parse_args()
    code = _dispatch(args)
    if args.command in LEAVE_AT_ONCE:
        logging.shutdown()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):  # a reader that went away has had what it wanted
                stream.flush()
        os._exit(code)
    sys.exit(code)


@contextlib.contextmanager
def _pretend_today(day: dt.date | None) -> Iterator[None]:
    """``--today`` for this command only: the environment is given back as it was (tests call main())."""
    before = os.environ.get("AUTOMATIONS_TODAY")
    if day is not None:
        os.environ["AUTOMATIONS_TODAY"] = day.isoformat()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("AUTOMATIONS_TODAY", None)
        else:
            os.environ["AUTOMATIONS_TODAY"] = before


def _dispatch(args: argparse.Namespace) -> int:
    from automations.config import ConfigError, load_settings
    from automations.logs import configure_logging

    handler = COMMANDS[args.command]
    with _pretend_today(args.today):
        try:
            if args.command in {"init", "demo"}:
                configure_logging(None, args.verbose)
                return handler(args)
            settings = load_settings(args.workspace)
            configure_logging(settings, args.verbose)
            return handler(args, settings)
        except (ConfigError, OutputUnavailable) as error:
            print(error, file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:  # output piped into `head` and the like: the reader has had enough
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1


def cmd_jobs(args: argparse.Namespace, settings: Settings) -> int:
    from automations.scheduler import notify_times
    from jobs import declared_jobs

    for job in declared_jobs():
        times = ", ".join(settings.schedule.times_for(job.name))
        print(f"{job.name:<22} {job.description}  [every day at {times}]")
    if notify_times(settings):
        print(f"{'(notify)':<22} e-mail feedback and reminders, `automations notify`  "
              f"[every day at {', '.join(notify_times(settings))}, after the jobs]")
    return 0


def cmd_figures(args: argparse.Namespace, settings: Settings) -> int:
    from automations.domain.registry import REGISTRY, markdown

    if args.markdown:
        print(markdown())
        return 0
    for figure in REGISTRY.values():
        print(f"{figure.id:<36} {figure.name} [{figure.unit}] — {figure.workbook} / {figure.tab}: {figure.definition}")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from automations.workspace import create_workspace

    for item in create_workspace(args.workspace):
        print(("created  " if item.created else "exists, left as it is: ") + str(item.path))
    print(f"\nNext: fill the workbooks, then `automations validate --workspace {args.workspace}`.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from automations.config import load_settings, today
    from automations.demo import build_demo
    from automations.logs import configure_logging
    from automations.runner import run_jobs
    from jobs import all_jobs

    for item in build_demo(args.workspace, seed=args.seed, today=today()):
        if not item.created:
            print(f"exists, left as it is: {item.path}")
    settings = load_settings(args.workspace)
    configure_logging(settings, args.verbose)
    print(f"demo workspace: {args.workspace.resolve()}")
    report = run_jobs(settings, list(all_jobs().values()))
    _print_report(report, settings)
    _print_demo_notifications(settings, report)
    return 0 if report.ok else 1


def _print_demo_notifications(settings: Settings, report: RunReport) -> None:
    """The demo's e-mail messages go to the outbox folder only; a problem there never fails the demo."""
    from automations.config import today
    from automations.demo import demo_notifications

    try:
        notified = demo_notifications(settings, report.results, today())
    except Exception as error:
        logging.getLogger("automations").exception("demo notifications not written")
        print(f"\ne-mail messages not written: {error}")
        return
    print(f"\ne-mail: {notified.sent} messages written to {notified.destination} (a demo never sends e-mail); "
          f"`automations notify --dry-run --workspace {settings.workspace}` lists what a run would send")


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from automations.backends import make_backend
    from automations.tables import collector_paused
    from sheets_schema import WORKBOOK_NAMES, reading_order

    backend = make_backend(settings)
    with collector_paused():  # from the first cell read; validation pauses it again for itself
        backend.prefetch(reading_order(WORKBOOK_NAMES))  # files are parsed while pandas and the figures load

        from automations.config import today
        from automations.runner import validate_with_figures

    results, _ = validate_with_figures(settings, backend, list(WORKBOOK_NAMES), today())
    if args.json:
        problems = [problem.as_dict() for result in results.values() for problem in result.problems]
        print(json.dumps(problems, ensure_ascii=False, indent=1))
    else:
        for result in results.values():
            _print_workbook(result)
    return 1 if any(result.has_errors for result in results.values()) else 0


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from automations.config import today
    from automations.files import local_preflight
    from automations.fingerprint import all_unchanged_locally
    from jobs import declared_jobs

    if args.all == bool(args.job):
        print("name the jobs to run, or --all (see `automations jobs`)", file=sys.stderr)
        return 2
    declared = [job.name for job in declared_jobs()]
    names = declared if args.all else args.job
    if not args.force and set(names) <= set(declared) and all_unchanged_locally(settings, names, today(), args.year):
        local_preflight(settings)  # as a run that writes: the folder still takes files, crash leftovers go
        for name in names:  # decided before pandas or any job is loaded: an unchanged night costs next to nothing
            print(_unchanged_line(name))
        return 0
    return _run_chosen(args, settings)


def _run_chosen(args: argparse.Namespace, settings: Settings) -> int:
    from automations.runner import run_jobs
    from jobs import all_jobs

    jobs = all_jobs()
    unknown = [name for name in args.job if name not in jobs]
    if unknown:
        print(f"unknown job: {', '.join(unknown)}; known: {', '.join(jobs)}", file=sys.stderr)
        return 2
    chosen = list(jobs.values()) if args.all else [jobs[name] for name in args.job]
    report = run_jobs(settings, chosen, year=args.year, force=args.force)
    _print_report(report, settings)
    return 0 if report.ok else 1


def cmd_schedule(args: argparse.Namespace, settings: Settings) -> int:
    from automations.scheduler import SchedulerBusy, crontab_lines, serve
    from jobs import all_jobs

    if args.crontab:
        print("\n".join(crontab_lines(settings, all_jobs())))
        return 0
    print(f"scheduler running on {settings.workspace}; log: {settings.state_path / 'automations.log'}; "
          "Ctrl+C stops it")
    try:
        serve(settings, all_jobs())
    except SchedulerBusy as error:
        print(error, file=sys.stderr)
        return 2
    return 0


def _print_workbook(result: WorkbookResult) -> None:
    from automations.feedback import feedback_path, summary_line
    from sheets_schema.base import Severity

    counts = result.counts()
    status = "OK" if not result.problems else summary_line(result.problems)
    print(f"{result.spec.name} ({result.spec.title}): {status}")
    shown = sorted(result.problems, key=lambda p: (p.severity is not Severity.ERROR, p.tab, p.row or 0))
    for problem in shown[:SHOWN_PROBLEMS]:
        print(f"  [{problem.severity}] {problem.message}")
    if len(result.problems) > SHOWN_PROBLEMS:
        print(f"  … and {len(result.problems) - SHOWN_PROBLEMS} more "
              f"({counts['klaida']} errors in all); see {feedback_path(result.spec.name)} or --json")


def _print_report(report: RunReport, settings: Settings) -> None:
    for result in report.results.values():
        _print_workbook(result)
    print()
    for run in report.jobs:
        if run.skipped:
            print(_unchanged_line(run.job))
        elif run.ok:
            written = sum(1 for item in run.published if item.written)
            print(f"{run.job}: ok, {len(run.published)} documents ({written} new or changed) in {run.seconds:.1f} s")
            for item in run.published[:SHOWN_DOCUMENTS]:
                print(f"    {item.location}")
            if len(run.published) > SHOWN_DOCUMENTS:
                print(f"    … and {len(run.published) - SHOWN_DOCUMENTS} more beside them")
        else:
            print(f"{run.job}: FAILED: {run.error} (details in {settings.state_path / 'automations.log'})")
    if report.activity:
        print(report.activity)


def _unchanged_line(job: str) -> str:
    return (f"{job}: unchanged since its last run (inputs, program, templates, settings, date); "
            "nothing to do (--force runs it anyway)")


def cmd_auth(args: argparse.Namespace, settings: Settings) -> int:
    from automations.backends.base import BackendError
    from automations.backends.google_auth import run_oauth_flow

    if args.check:
        from automations.backends.google_doctor import check_and_print

        return check_and_print(settings)
    try:
        token = run_oauth_flow(settings)
    except BackendError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"signed in; token saved to {token}")
    return 0


def cmd_notify(args: argparse.Namespace, settings: Settings) -> int:
    from automations.notify import NotifyBusy, run_notify
    from automations.notify.state import StateError

    try:
        report = run_notify(settings, dry_run=args.dry_run)
    except (NotifyBusy, StateError) as error:
        print(error, file=sys.stderr)
        return 2
    print_notify_report(report)
    return 0 if report.ok else 1


def print_notify_report(report: NotifyReport) -> None:
    where = f"{report.channel}: {report.destination}"
    if report.dry_run:
        print(f"dry run: {len(report.due)} messages would be sent ({report.planned} considered; {where}); "
              "nothing sent, nothing recorded")
        for letter, subject in report.due:
            print(f"  [{letter.kind}] {letter.address}: {subject}")
    elif not report.outcomes:
        print(f"notify: nothing new to send ({report.planned} messages considered, none new or changed; {where})")
    else:
        print(f"notify: {report.sent} delivered, {report.failed} failed ({where})")
        for outcome in report.outcomes:
            if not outcome.ok:
                print(f"  FAILED [{outcome.letter.kind}] {outcome.letter.address}: {outcome.detail} "
                      "(tried again on the next run)")
    for kind in report.broken:
        print(f"  messages of kind {kind} could not be prepared (details in the log)")
    if report.unreachable:
        print(f"no address known for {len(report.unreachable)}:")
        for item in report.unreachable:
            print(f"  [{item.kind}] {item.about}: {item.reason}")


COMMANDS = {
    "jobs": cmd_jobs,
    "figures": cmd_figures,
    "init": cmd_init,
    "demo": cmd_demo,
    "validate": cmd_validate,
    "run": cmd_run,
    "schedule": cmd_schedule,
    "auth": cmd_auth,
    "notify": cmd_notify,
}

if __name__ == "__main__":  # pragma: no cover
    entry()
