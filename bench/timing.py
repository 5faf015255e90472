"""Timing helpers shared by the benchmarks: best-of-N, and interleaved runs so that a noisy
neighbour (these machines are 2 shared cores) slows every workload alike."""

from __future__ import annotations

import time


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def interleaved(repeat: int, *workloads) -> list[float]:
    """Best time of each workload, running them turn about ``repeat`` times."""
    times: list[list[float]] = [[] for _ in workloads]
    for _ in range(repeat):
        for slot, work in zip(times, workloads):
            slot.append(best_of(1, work))
    return [min(t) for t in times]
