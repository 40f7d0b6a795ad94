"""The benchmarks and the figures they give. Each round runs every benchmark: verdeel
three times (the fastest of the three counts: a short run is easily slowed by a neighbour
on a shared machine) and then its peer once, so both sides of a ratio meet the same
machine load. A figure is the median over the rounds, with the smallest and largest
beside it. One unrecorded verdeel run of each benchmark comes first (caches, page faults)."""
import os
import statistics
import sys
import tempfile
from dataclasses import dataclass

from . import measure

sys.path.insert(0, os.path.join(measure.ROOT, "Benchmarks", "peer"))
from compare import means_agree  # noqa: E402


@dataclass(frozen=True)
class Benchmark:
    name: str
    workload: str
    peer: bool = True
    fairness: bool = False


QUICK = [Benchmark("w1", "w1"), Benchmark("w2", "w2"), Benchmark("w3", "w3"), Benchmark("w3-fairness", "w3", peer=False, fairness=True)]
FULL = QUICK + [Benchmark("w4", "w4")]
# Ratios between two of our own benchmarks, bigger is better: (name, numerator, denominator,
# what is divided). `speed` is 1 / engine seconds, `cells_per_second` the throughput.
OWN_RATIOS = [
    ("w3-fairness-over-w3", "w3-fairness", "w3", "speed"),
    ("w4-over-w3", "w4", "w3", "cells_per_second"),
]


def spread(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


# verdeel runs per round; the fastest counts.
TRIES = 3


def run(benchmarks, repeat, threads=2, log=print):
    """Runs the benchmarks `repeat` rounds; the figures of each, the own ratios and, for w3,
    how far verdeel's means are from numpy's (in standard errors)."""
    runs = {b.name: [] for b in benchmarks}
    check = None
    with tempfile.TemporaryDirectory() as scratch:
        for benchmark in benchmarks:
            measure.verdeel(benchmark.workload, os.path.join(scratch, "warm-up"), threads, benchmark.fairness)
        for round_ in range(repeat):
            for benchmark in benchmarks:
                output = os.path.join(scratch, f"{benchmark.name}-{round_}")
                tries = [measure.verdeel(benchmark.workload, f"{output}-{k}", threads, benchmark.fairness) for k in range(TRIES)]
                ours = min(tries, key=seconds)
                output = f"{output}-{tries.index(ours)}"
                theirs = None
                if benchmark.peer:
                    summary = os.path.join(scratch, "peer-summary.csv") if benchmark.workload == "w3" and check is None else None
                    theirs = measure.peer(benchmark.workload, summary)
                    if summary:
                        check = means_agree(os.path.join(output, "summary.csv"), summary, 10_000)
                runs[benchmark.name].append((ours, theirs))
                log(f"round {round_ + 1}/{repeat} {benchmark.name}: verdeel {ours.wall:.3f} s" + (f", numpy {theirs.engine:.3f} s" if theirs else ""))
    entries = {name: figures(pairs) for name, pairs in runs.items()}
    own = {}
    for name, top, bottom, what in OWN_RATIOS:
        if top in runs and bottom in runs:
            own[name] = spread([value(a, what) / value(b, what) for (a, _), (b, _) in zip(runs[top], runs[bottom])])
    return entries, own, check


def seconds(run):
    """The engine's own seconds where verdeel prints them, else the whole process's."""
    return run.engine if run.engine else run.wall


def value(run, what):
    return 1 / seconds(run) if what == "speed" else run.cells / seconds(run)


def figures(pairs):
    ours = [a for a, _ in pairs]
    entry = {
        "cells": ours[0].cells,
        "verdeel": {
            "wall_seconds": spread([a.wall for a in ours]),
            "engine_seconds": spread([a.engine for a in ours]) if all(a.engine for a in ours) else None,
            "cells_per_second": spread([a.cells / seconds(a) for a in ours]),
            "peak_bytes": max(a.peak_bytes for a in ours),
        },
        "peer": None,
        "ratio": None,
    }
    if all(b is not None for _, b in pairs):
        entry["peer"] = {"name": "numpy", "seconds": spread([b.engine for _, b in pairs]), "peak_bytes": max(b.peak_bytes for _, b in pairs)}
        entry["ratio"] = spread([b.engine / seconds(a) for a, b in pairs])
    return entry
