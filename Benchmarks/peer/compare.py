#!/usr/bin/env python3
"""Runs verdeel and the numpy peer on the same workloads, one after the other in one run,
and prints JSON that a CI benchmark tracker can store per commit:

  swift build -c release && python3 Benchmarks/peer/compare.py [w1 w2 w3 w4] [--threads 2] [--repeat 3] [--check]

For each workload: verdeel's wall-clock seconds for the whole process (parse, load,
compute, write the CSV files) and its own engine seconds, the peer's compute seconds, the
ratio peer / verdeel (whole process; `ratio_engine` against the engine's own seconds), cells (variant x draw x region) per second, and that
throughput as a share of this machine's measured peaks (docs/performance.md: dgemm
~170 GFLOP/s with AVX-512 kernels, ~96 without; memory bandwidth ~39 GB/s). For w3 it also
checks that every mean agrees with the peer's within 4 standard errors. The machine is
shared and noisy: with --repeat N both sides run N times, alternating, and each side's
fastest run counts.
"""
import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import peer  # noqa: E402

WORKLOADS = {"w1": "w1-baseline", "w2": "w2-simplex", "w3": "w3-montecarlo", "w4": "w4-national"}
# Criteria in each workload's key: the BLAS product does 2 x K flops per cell.
KEY_CRITERIA = {"w1": 2, "w2": 3, "w3": 2, "w4": 2}
DGEMM_PEAK_GFLOPS = 170.0
BANDWIDTH_PEAK_GBS = 39.0


def run_verdeel(workload, threads, output):
    binary = os.path.join(ROOT, ".build", "release", "verdeel")
    path = os.path.join(ROOT, "Benchmarks", "workloads", WORKLOADS[workload] + ".verdeel")
    # Like for like: the peer computes no fairness metrics.
    command = [binary, "run", path, "--output", output, "--threads", str(threads), "--no-fairness"]
    if workload == "w1":
        command += ["--scenario", "w1", "--format", "csv"]
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"verdeel failed on {workload}:\n{completed.stderr}")
    match = re.search(r"= (\d+) cells in ([0-9.]+) s", completed.stdout)
    cells = int(match.group(1)) if match else 3 * 7 * 13
    engine = float(match.group(2)) if match else None
    return seconds, engine, cells


def means_agree(ours_path, peer_path, draws):
    """The largest |mean difference| in standard errors over all variants and regions."""
    with open(ours_path, newline="") as a, open(peer_path, newline="") as b:
        ours, theirs = list(csv.DictReader(a)), list(csv.DictReader(b))
    if len(ours) != len(theirs):
        raise SystemExit(f"summary rows differ: {len(ours)} vs {len(theirs)}")
    worst = 0.0
    for x, y in zip(ours, theirs):
        if (x["variant"], x["region"]) != (y["variant"], y["region"]):
            raise SystemExit(f"rows out of step: {x} vs {y}")
        error = ((float(x["sd"]) ** 2 + float(y["sd"]) ** 2) / draws) ** 0.5
        difference = abs(float(x["mean"]) - float(y["mean"]))
        worst = max(worst, difference / error if error > 0 else difference)
    return worst


def main():
    parser = argparse.ArgumentParser(description="verdeel versus numpy on the benchmark workloads")
    parser.add_argument("workloads", nargs="*", default=list(WORKLOADS))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1, help="runs per side; the fastest counts")
    parser.add_argument("--check", action="store_true", help="exit with 1 if w3's means disagree with numpy's")
    arguments = parser.parse_args()
    try:
        commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    except FileNotFoundError:
        commit = "unknown (git is not installed)"
    report = {"commit": commit, "threads": arguments.threads, "repeat": arguments.repeat, "numpy": peer.np.__version__,
              "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE", "default"), "workloads": {}}
    for workload in arguments.workloads:
        with tempfile.TemporaryDirectory() as directory:
            runs = []
            for _ in range(max(1, arguments.repeat)):
                runs.append((run_verdeel(workload, arguments.threads, directory), peer.run(workload)))
            verdeel_seconds = min(v[0] for v, _ in runs)
            engines = [v[1] for v, _ in runs if v[1] is not None]
            engine_seconds = min(engines) if engines else None
            cells = runs[0][0][2]
            numpy_seconds = min(p[0] for _, p in runs)
            codes, _, result = runs[0][1][1]
            entry = {
                "verdeel_seconds": round(verdeel_seconds, 4),
                "verdeel_engine_seconds": engine_seconds,
                "numpy_seconds": round(numpy_seconds, 4),
                "ratio": round(numpy_seconds / verdeel_seconds, 2),
                "ratio_engine": round(numpy_seconds / engine_seconds, 2) if engine_seconds else None,
                "cells": cells,
                "cells_per_second": round(cells / verdeel_seconds),
            }
            if engine_seconds:
                flops = 2 * KEY_CRITERIA[workload] * cells / engine_seconds
                entry["gemm_gflops"] = round(flops / 1e9, 2)
                entry["share_of_dgemm_peak"] = round(flops / 1e9 / DGEMM_PEAK_GFLOPS, 4)
                # Each cell's key share is written by BLAS and read back once (16 bytes), in cache.
                entry["gb_per_second"] = round(16 * cells / engine_seconds / 1e9, 2)
                entry["share_of_bandwidth"] = round(16 * cells / engine_seconds / 1e9 / BANDWIDTH_PEAK_GBS, 4)
            if workload == "w3":
                peer_path = os.path.join(directory, "peer-summary.csv")
                peer.write_summary(peer_path, codes, result)
                entry["max_mean_difference_in_standard_errors"] = round(means_agree(os.path.join(directory, "summary.csv"), peer_path, 10_000), 3)
                entry["means_agree_within_4_se"] = entry["max_mean_difference_in_standard_errors"] <= 4
            report["workloads"][workload] = entry
    json.dump(report, sys.stdout, indent=2)
    print()
    w3 = report["workloads"].get("w3")
    if arguments.check and w3 is not None and not w3["means_agree_within_4_se"]:
        raise SystemExit(f"w3: verdeel's and numpy's means differ by {w3['max_mean_difference_in_standard_errors']} standard errors (more than 4)")


if __name__ == "__main__":
    main()
