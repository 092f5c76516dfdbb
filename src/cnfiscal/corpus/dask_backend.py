"""Scale out on a Dask distributed cluster: the same per-document ``run_task`` runs on the Dask workers; outcomes
(records as JSON) flow back here, to the one writer, in completion order.

Isolation on Dask is Dask's: the nanny restarts a worker that exceeds its memory limit, and a task whose worker died
too often comes back as an error (``KilledWorker``), which becomes a failed record. The per-document time limit is
applied by the writer: a document still executing ``limits.seconds`` after a worker started it is recorded as failed
and its future cancelled. A Python thread cannot be interrupted, so a really hung task keeps its Dask thread until it
ends (restart the worker to get it back); the other threads and workers go on with the batch.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from cnfiscal.corpus.task import Limits, Outcome, Task, Work, failed_outcome
from cnfiscal.errors import CorpusError
from cnfiscal.options import Options

log = logging.getLogger(__name__)

POLL_SECONDS = 0.5
CONNECT_TIMEOUT = "20s"


def dask_task(task: Task, options: Options, limits: Limits, work: Work) -> Outcome:
    """Run ``work`` on a Dask worker and name the worker in the outcome.

    A Dask worker already runs tasks side by side on its cores, so OCR gets no helper process of its own
    there unless the caller asked for one (``Options.ocr_workers``).
    """
    if options.ocr_workers is None:
        options = options.model_copy(update={"ocr_workers": 1})
    outcome = work(task, options, limits)
    try:
        from distributed import get_worker

        name = str(get_worker().address)
    except (ImportError, ValueError):
        name = "dask"
    return Outcome(outcome.index, outcome.record_json, outcome.peak_rss_mb, name)


@dataclass(slots=True)
class DaskBackend:
    scheduler: str | None
    client: Any
    options: Options
    limits: Limits
    work: Work
    replaced: int = 0
    size: int = 0
    _own: bool = field(default=False, init=False)

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        client = self._connect()
        try:
            yield from self._run(client, list(tasks))
        finally:
            if self._own:
                client.close()

    def _connect(self) -> Any:
        try:
            from distributed import Client
        except ImportError as e:
            raise CorpusError("--scheduler needs Dask: pip install 'cnfiscal[dask]'") from e
        if self.client is not None:
            client = self.client
        else:
            try:
                client = Client(self.scheduler, timeout=CONNECT_TIMEOUT)
            except OSError as e:
                raise CorpusError(f"cannot reach the Dask scheduler at {self.scheduler}: {e}") from e
            self._own = True
        self.size = sum(client.nthreads().values()) or 1
        return client

    def _run(self, client: Any, tasks: list[Task]) -> Iterator[Outcome]:
        """Keep one task per Dask thread in flight; yield outcomes as they complete or run out of time."""
        from distributed import wait

        queue = iter(tasks)
        inflight: dict[Any, Task] = {self._submit(client, t): t for t in _take(queue, self.size)}
        clocks: dict[Any, float] = {}  # when each future was first seen executing on a worker
        while inflight:
            try:
                done = set(wait(list(inflight), timeout=POLL_SECONDS, return_when="FIRST_COMPLETED").done)
            except TimeoutError:
                done = set()
            finished = [(f, self._outcome(f, inflight[f])) for f in done]
            finished += [(f, self._expire(f, inflight[f])) for f in self._overdue(client, inflight, clocks, done)]
            for future, outcome in finished:
                del inflight[future]
                clocks.pop(future, None)
                yield outcome
                inflight.update({self._submit(client, t): t for t in _take(queue, 1)})

    def _overdue(self, client: Any, inflight: dict[Any, Task], clocks: dict[Any, float], done: set[Any]) -> list[Any]:
        """Futures executing for longer than the time limit (a task's clock starts when a worker starts it)."""
        if not self.limits.seconds:
            return []
        now, running = time.monotonic(), _executing(client)
        for f in inflight:
            if f not in clocks and f.key in running:
                clocks[f] = now
        return [f for f in inflight if f not in done and f in clocks and now - clocks[f] > self.limits.seconds]

    def _submit(self, client: Any, task: Task) -> Any:
        return client.submit(dask_task, task, self.options, self.limits, self.work, pure=False, retries=0)

    def _expire(self, future: Any, task: Task) -> Outcome:
        future.cancel()
        self.replaced += 1
        reason = f"time limit exceeded ({self.limits.seconds:g} s) on Dask; task cancelled"
        log.warning("%s: %s", task.path, reason)
        return failed_outcome(task, "corpus", reason, "WorkerTimeout")

    def _outcome(self, future: Any, task: Task) -> Outcome:
        try:
            outcome: Outcome = future.result()
            return outcome
        except Exception as e:  # KilledWorker, a lost connection, a bug in the task
            log.warning("%s: Dask task failed: %s", task.path, e)
            return failed_outcome(task, "corpus", f"Dask task failed: {type(e).__name__}: {e}", "WorkerCrashed")


def _executing(client: Any) -> set[Any]:
    """Keys of the tasks the cluster's workers are executing now (not merely holding in their queues)."""
    try:
        per_worker = client.run(_executing_keys)
    except Exception as e:  # a worker going away mid-call: try again at the next poll
        log.debug("cannot ask the workers what they execute: %s", e)
        return set()
    return {key for keys in per_worker.values() for key in keys}


def _executing_keys(dask_worker: Any) -> list[Any]:
    return [ts.key for ts in dask_worker.state.executing]


def _take(queue: Iterator[Task], n: int) -> list[Task]:
    out = []
    for task in queue:
        out.append(task)
        if len(out) >= n:
            break
    return out
