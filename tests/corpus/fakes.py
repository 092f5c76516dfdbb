"""Fault-injecting stand-ins for the per-document work (they run inside the worker processes).

Each delegates to the real ``run_task`` unless the file name asks for trouble: ``hang`` sleeps four times the time
limit (long enough to be caught, short enough that a Dask thread comes back), ``crash`` kills its own process with
SIGKILL, ``hog`` allocates twice the worker's memory limit.
"""

from __future__ import annotations

import os
import signal
import time

from cnfiscal.corpus.task import Limits, Outcome, Task, run_task
from cnfiscal.options import Options


def faulty_work(task: Task, options: Options, limits: Limits) -> Outcome:
    name = os.path.basename(task.path)
    if "hang" in name:
        time.sleep(4 * limits.seconds)
    if "crash" in name:
        os.kill(os.getpid(), signal.SIGKILL)
    if "hog" in name:
        hog = bytearray(2 * limits.memory_mb << 20)
        hog[-1] = 1
    return run_task(task, options, limits)


def slow_work(task: Task, options: Options, limits: Limits) -> Outcome:
    """The real work, a little slower, so a test can kill an ingest half-way."""
    time.sleep(0.25)
    return run_task(task, options, limits)
