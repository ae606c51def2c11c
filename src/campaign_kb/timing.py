"""Where a build spends its time, per phase of the knowledge-base hooks (for the benchmark).

Set KB_TIMINGS=<file> and the build writes {phase: seconds} there as JSON; otherwise timings
are only kept in memory. Cheap enough to leave on: one perf_counter pair per phase call.
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_totals: defaultdict[str, float] = defaultdict(float)


@contextmanager
def timed(phase: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        _totals[phase] += time.perf_counter() - start


def add(seconds: dict[str, float]) -> None:
    """Phases timed elsewhere (the background process)."""
    for phase, value in seconds.items():
        _totals[phase] += value


def reset() -> None:
    _totals.clear()


def write_if_requested() -> None:
    target = os.environ.get("KB_TIMINGS")
    if target:
        Path(target).write_text(json.dumps(dict(_totals), indent=2), encoding="utf-8")
