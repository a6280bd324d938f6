"""Run a night's jobs on every core: after validation, each job in a forked worker process.

Once the inputs are validated the jobs are independent: each renders its own documents,
publishes them under its own paths and writes its own manifest. Forking after validation
hands every worker the validated frames and the figures without copying or pickling them;
only each job's :class:`~automations.runner.JobRun` comes back. The longest jobs (by their
last run's time) start first, so the run ends when the longest job could.

Jobs run one after another in this process instead where fork is unavailable (Windows), where
the backend keeps connections and request budgets that must not be shared between processes
(Google), when ``schedule.workers`` is 1, or when there is only one job to run.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
_work: Sequence[Callable[[], Any]] = ()  # what the forked workers run, set just before they are forked
_stop: Any = None  # set on an interrupt: a worker starts no further step


def workers_for(setting: int, jobs: int, shareable: bool) -> int:
    """How many processes run the jobs: ``setting`` (0: one per core), never more than the jobs."""
    if not shareable or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(setting or cores, jobs))


def run_all(steps: Sequence[Callable[[], T]], workers: int, costs: Sequence[float],
            failed: Callable[[int, BaseException], T]) -> list[T]:
    """Every step's result, in the steps' order; ``failed(i, error)`` stands for a worker that died.

    ``costs`` (e.g. seconds the step took last time) decide the order in which the steps start.
    """
    if workers <= 1:
        return [step() for step in steps]
    global _work, _stop
    context = multiprocessing.get_context("fork")
    _work, _stop = steps, context.Event()
    gc.freeze()  # objects made so far stay untouched in the workers: their memory stays shared, not copied
    pool = ProcessPoolExecutor(workers, mp_context=context)
    try:
        order = sorted(range(len(steps)), key=lambda index: -costs[index])
        futures: dict[int, Future] = {index: pool.submit(_run_step, index) for index in order}
        return [_outcome(futures[index], index, failed) for index in range(len(steps))]
    except BaseException:  # interrupted (Ctrl+C): no further step starts; the pool's queue may hold some already
        _stop.set()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _work, _stop = (), None
        gc.unfreeze()


def _run_step(index: int) -> Any:
    if _stop.is_set():
        raise RuntimeError("the run was interrupted before this step started")
    try:
        return _work[index]()
    except KeyboardInterrupt:  # Ctrl+C reaches every process of the group: the first to see it stops the others
        _stop.set()
        raise


def _outcome(future: Future, index: int, failed: Callable[[int, BaseException], T]) -> T:
    try:
        return future.result()  # a KeyboardInterrupt in the worker comes back as one: the run stops
    except Exception as error:  # the worker process died (killed, out of memory) or its result could not come back
        return failed(index, error)
