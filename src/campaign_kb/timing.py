"""Where a build spends its time and memory, per phase of the knowledge-base hooks (benchmark).

Set KB_TIMINGS=<file> and the build writes {"seconds": {phase: s}, "peak_mb": {process: MB}}
there as JSON; otherwise timings are only kept in memory. Cheap enough to leave on: one
perf_counter pair per phase call.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

_totals: defaultdict[str, float] = defaultdict(float)
_peaks: dict[str, float] = {}


@contextmanager
def timed(phase: str, clock: Callable[[], float] = time.perf_counter) -> Iterator[None]:
    """Elapsed time by default; `time.thread_time` for work that runs beside other work at a
    low priority, whose elapsed time would be mostly waiting, not its cost."""
    start = clock()
    try:
        yield
    finally:
        _totals[phase] += clock() - start


def add(seconds: dict[str, float], peak_mb: dict[str, float] | None = None) -> None:
    """Phases timed elsewhere (the background process), and that process's memory."""
    for phase, value in seconds.items():
        _totals[phase] += value
    _peaks.update(peak_mb or {})


def totals() -> dict[str, float]:
    return dict(_totals)


def peak_mb(children: bool = False) -> float:
    """Peak resident memory of this process (or of its finished child processes), in MB."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KB


def reset() -> None:
    _totals.clear()
    _peaks.clear()


def write_if_requested() -> None:
    target = os.environ.get("KB_TIMINGS")
    if target:
        payload = {"seconds": dict(_totals), "peak_mb": {"main process": peak_mb(), **_peaks}}
        Path(target).write_text(json.dumps(payload, indent=2), encoding="utf-8")
