"""``workers=0``: run every document in the writer's own process (debugging; no isolation, no time limit)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from cnfiscal.corpus.task import Limits, Outcome, Task, Work
from cnfiscal.options import Options


@dataclass(slots=True)
class InlineBackend:
    options: Options
    limits: Limits
    work: Work
    replaced: int = 0
    size: int = 0

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        for task in tasks:
            yield self.work(task, self.options, self.limits)
