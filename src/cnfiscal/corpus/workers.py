"""A pool of isolated worker processes: one document at a time per worker, a time limit per document, an address-space
limit per worker; a worker that crashes or hangs is killed and replaced and its document becomes a failed record.

Workers are started with ``spawn`` (no state shared with the writer), receive ``Task`` objects over a pipe and send
back ``Outcome`` objects (the record as JSON); results come back in completion order.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing as mp
import os
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from cnfiscal.corpus.task import Limits, Outcome, Task, Work, failed_outcome, limit_memory, run_task
from cnfiscal.errors import CorpusError
from cnfiscal.options import Options

log = logging.getLogger(__name__)

POLL_SECONDS = 0.5
START_SECONDS = 180.0  # a worker not ready (imports done) by then is broken
READY = "ready"


def worker_main(conn: Connection, options: Options, limits: Limits, work: Work, log_level: int) -> None:
    """Loop of one worker process: receive a task, run it, send the outcome; ``None`` ends it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    logging.basicConfig(level=log_level, format="%(levelname)s %(name)s [worker %(process)d]: %(message)s")
    limit_memory(limits.memory_mb)
    warm_up()
    conn.send(READY)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            outcome = work(task, options, limits)
        except MemoryError:
            reason = f"memory limit exceeded ({limits.memory_mb} MB per worker)"
            outcome = failed_outcome(task, "corpus", reason, "MemoryError")
        except Exception as e:  # a bug outside the pipeline's own guard: the document fails, the worker lives on
            log.exception("%s: internal error in worker", task.path)
            reason = f"internal error in worker: {type(e).__name__}: {e}"
            outcome = failed_outcome(task, "corpus", reason, "CorpusError")
        conn.send(Outcome(outcome.index, outcome.record_json, outcome.peak_rss_mb, str(os.getpid())))


def warm_up() -> None:
    """Load the heavy libraries, parsers and rules before the first document's clock starts.

    A module that fails to import here is left to the pipeline, which records the error on each document.
    """
    for name in ("pymupdf", "cnfiscal.pipeline", "cnfiscal.validate.rules"):
        try:
            importlib.import_module(name)
        except Exception as e:
            log.warning("warm-up: cannot import %s: %s", name, e)
    try:
        from cnfiscal.sections import SECTION_PARSERS

        SECTION_PARSERS()
    except Exception as e:
        log.warning("warm-up: section parsers: %s", e)


@dataclass(slots=True)
class _Worker:
    proc: BaseProcess
    conn: Connection
    task: Task | None = None
    started: float = 0.0
    ready: bool = False


@dataclass(slots=True)
class WorkerPool:
    """``run(tasks)`` yields one Outcome per task, whatever happens to the workers."""

    size: int
    options: Options = field(default_factory=Options)
    limits: Limits = field(default_factory=Limits)
    work: Work = run_task
    replaced: int = 0
    _workers: list[_Worker] = field(default_factory=list)

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        pending = deque(tasks)
        try:
            self._workers = [self._spawn() for _ in range(min(self.size, len(pending)) or 0)]
            while pending or self._busy():
                self._dispatch(pending)
                yield from self._collect()
        finally:
            self.close()

    def close(self) -> None:
        for w in self._workers:
            _stop(w)
        self._workers = []

    def _spawn(self) -> _Worker:
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        level = logging.getLogger().getEffectiveLevel()
        args = (child, self.options, self.limits, self.work, level)
        proc = ctx.Process(target=worker_main, args=args, daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent, started=time.monotonic())

    def _busy(self) -> list[_Worker]:
        """Workers with a task in hand."""
        return [w for w in self._workers if w.task is not None]

    def _dispatch(self, pending: deque[Task]) -> None:
        for w in self._workers:
            if w.ready and w.task is None and pending:
                w.task, w.started = pending.popleft(), time.monotonic()
                try:
                    w.conn.send(w.task)
                except OSError:  # died while idle: the collect step sees the dead process and replaces it
                    log.warning("worker %s died while idle", w.proc.pid)

    def _collect(self) -> Iterator[Outcome]:
        busy = self._busy()
        starting = [w for w in self._workers if not w.ready]
        watched = busy + starting
        ready = set(wait([w.conn for w in watched] + [w.proc.sentinel for w in watched], self._wait_time(busy)))
        for w in starting:
            self._check_start(w, ready)
        for w in busy:
            outcome = self._check(w, ready)
            if outcome is not None:
                yield outcome

    def _check_start(self, w: _Worker, ready: set[Any]) -> None:
        if w.conn in ready:
            try:
                w.ready = w.conn.recv() == READY
                return
            except (EOFError, OSError):
                pass
        if w.proc.sentinel in ready or time.monotonic() - w.started > START_SECONDS:
            _stop(w)
            raise CorpusError(f"a worker process could not start ({_death_reason(w.proc)})")

    def _wait_time(self, busy: list[_Worker]) -> float:
        if not self.limits.seconds:
            return POLL_SECONDS
        now = time.monotonic()
        left = min((w.started + self.limits.seconds - now for w in busy), default=POLL_SECONDS)
        return max(0.01, min(POLL_SECONDS, left))

    def _check(self, w: _Worker, ready: set[Any]) -> Outcome | None:
        task = w.task
        assert task is not None
        if w.conn in ready:
            try:
                outcome: Outcome = w.conn.recv()
            except (EOFError, OSError):
                return self._replace(w, _death_reason(w.proc))
            w.task = None
            return outcome
        if w.proc.sentinel in ready or not w.proc.is_alive():
            return self._replace(w, _death_reason(w.proc))
        if self.limits.seconds and time.monotonic() - w.started > self.limits.seconds:
            return self._replace(w, f"time limit exceeded ({self.limits.seconds:g} s); worker killed")
        return None

    def _replace(self, w: _Worker, reason: str) -> Outcome:
        task = w.task
        assert task is not None
        log.warning("%s: %s", task.path, reason)
        _stop(w)
        self._workers[self._workers.index(w)] = self._spawn()
        self.replaced += 1
        kind = "WorkerTimeout" if reason.startswith("time limit") else "WorkerCrashed"
        return failed_outcome(task, "corpus", reason, kind)


def _death_reason(proc: BaseProcess) -> str:
    proc.join(timeout=1)
    code = proc.exitcode
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        return f"worker crashed (killed by {name}); worker replaced"
    return f"worker crashed (exit code {code}); worker replaced"


def _stop(w: _Worker) -> None:
    if w.proc.is_alive() and w.task is None:
        with contextlib.suppress(OSError):
            w.conn.send(None)
        w.proc.join(timeout=2)
    if w.proc.is_alive():
        w.proc.kill()
        w.proc.join(timeout=5)
    w.conn.close()
