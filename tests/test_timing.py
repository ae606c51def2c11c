"""Phase timings for the benchmark: elapsed time, or CPU time for work that mostly waits."""

from __future__ import annotations

import time

from campaign_kb import timing


def test_elapsed_time_counts_waiting_and_cpu_time_does_not() -> None:
    timing.reset()
    with timing.timed("elapsed"):
        time.sleep(0.2)
    with timing.timed("cpu", time.thread_time):
        time.sleep(0.2)
    totals = timing.totals()
    assert totals["elapsed"] >= 0.2
    assert totals["cpu"] < 0.05
    timing.reset()
