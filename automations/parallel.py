"""Run a night's jobs on every core: after validation, in worker processes forked from this one.

Once the inputs are validated the jobs are independent: each renders its own documents,
publishes them under its own paths and writes its own manifest. Forking after validation
hands every worker the validated frames and the figures without copying or pickling them;
only each job's :class:`~automations.runner.JobRun` comes back through a pipe. ``workers``
processes each take one job at a time, the longest jobs (by their last run's time) first, and
keep what they loaded (charts, templates) for their next job. A worker that dies (killed, out
of memory) fails the job it held, and a fresh one takes its place for the jobs still waiting.

Jobs run one after another in this process instead where fork is not safe or not there
(anything but Linux), where the backend keeps connections and request budgets that must not be
shared between processes (Google), when ``schedule.workers`` is 1 or there is one job, and when
this process has other threads (a step given up on after its time limit may hold a lock that a
forked copy would wait on for ever).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

T = TypeVar("T")


class WorkerDied(Exception):
    """The process running a step ended without handing back its result."""


def workers_for(setting: int, jobs: int, shareable: bool) -> int:
    """How many processes run the jobs: ``setting`` (0: one per core), never more than the jobs."""
    if not shareable or sys.platform != "linux" or threading.active_count() > 1:
        return 1
    return max(1, min(setting or len(os.sched_getaffinity(0)), jobs))


def run_all(steps: Sequence[Callable[[], T]], workers: int, costs: Sequence[float],
            failed: Callable[[int, BaseException], T]) -> list[T]:
    """Every step's result, in the steps' order; ``failed(i, error)`` stands for a step whose worker died.

    ``costs`` (e.g. seconds the step took last time) decide the order in which the steps start.
    An interrupt (Ctrl+C) stops the run: the workers are ended and no other step starts.
    """
    if workers <= 1:
        return [step() for step in steps]
    waiting = deque(sorted(range(len(steps)), key=lambda index: -costs[index]))
    results: dict[int, T] = {}
    busy: dict[Connection, tuple[int, BaseProcess]] = {}
    idle: list[tuple[Connection, BaseProcess]] = []
    gc.freeze()  # objects made so far stay untouched in the workers: their memory stays shared, not copied
    try:
        while waiting or busy:
            while waiting and len(busy) < workers:
                index = waiting.popleft()
                worker = idle.pop() if idle else _start(steps, [*busy, *(pipe for pipe, _ in idle)])
                if worker is None:  # no process to be had (limits): this step runs here
                    results[index] = steps[index]()
                    continue
                worker[0].send(index)
                busy[worker[0]] = (index, worker[1])
            for pipe in wait(list(busy)):
                index, process = busy.pop(pipe)  # type: ignore[arg-type]
                try:
                    ok, value = pipe.recv()
                except (EOFError, OSError):
                    pipe.close()
                    process.join()
                    ok, value = False, WorkerDied(f"the process ended with exit code {process.exitcode}")
                else:
                    idle.append((pipe, process))  # type: ignore[arg-type]
                if not ok and isinstance(value, KeyboardInterrupt):
                    raise value
                results[index] = value if ok else failed(index, value)
        for pipe, process in idle:
            pipe.send(None)
            process.join()
            pipe.close()
        idle.clear()
    finally:
        for pipe, process in [*((pipe, process) for pipe, (_, process) in busy.items()), *idle]:
            process.terminate()  # interrupted: nothing still running is waited for
            process.join()
            pipe.close()
        gc.unfreeze()
    return [results[index] for index in range(len(steps))]


def _start(steps: Sequence[Callable[[], Any]], others: list[Connection]) -> tuple[Connection, BaseProcess] | None:
    context = multiprocessing.get_context("fork")
    try:
        here, there = context.Pipe()
        process = context.Process(target=_work, args=(steps, there, [here, *others]), daemon=True)
        process.start()
    except OSError:
        return None
    there.close()  # the worker holds the only other end: its death is seen here as end of file
    return here, process


def _work(steps: Sequence[Callable[[], Any]], pipe: Connection, inherited: list[Connection]) -> None:
    """A worker: run the steps it is handed, one at a time, until told to stop (None) or the parent is gone."""
    for other in inherited:  # the parent's ends, this worker's and the others': a dead parent must read as EOF
        other.close()
    try:
        while (index := pipe.recv()) is not None:
            try:
                outcome: tuple[bool, Any] = (True, steps[index]())
            except BaseException as error:  # handed to the parent: an interrupt there stops the run
                outcome = (False, error)
            try:
                pipe.send(outcome)
            except (EOFError, OSError):
                raise
            except Exception as error:  # the result could not be pickled
                pipe.send((False, WorkerDied(f"its result could not be handed back: {type(error).__name__}: {error}")))
    except (EOFError, OSError):  # the parent is gone (killed): nobody to hand anything to
        return
