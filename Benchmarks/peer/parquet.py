#!/usr/bin/env python3
"""CSV against Parquet for the tables researchers open, in one run: a workload's run (w4 by
default: 342 municipalities x 1,000 variants x 2,000 draws, a summary of 342,000 rows;
w3: 13 x 1,000 x 10,000, 13,000 rows) written with `--format csv` and `--format parquet`
(seconds, median of ROUNDS runs each; bytes of the summary and of all tables), then read
back in pandas (`read_csv` with the codes as text against `read_parquet`; median seconds).
Prints one line per figure and the ratios.

Usage: Benchmarks/peer/parquet.py [VERDEEL] [--workload w3|w4] [--rounds N]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def timed(function, rounds):
    seconds = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def folder_bytes(folder, suffix):
    return sum(os.path.getsize(os.path.join(folder, name)) for name in os.listdir(folder) if name.endswith(suffix))


def main():
    import pandas as pd

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("verdeel", nargs="?", default=os.path.join(ROOT, ".build/release/verdeel"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workload", choices=["w3", "w4"], default="w4")
    arguments = parser.parse_args()
    work = tempfile.mkdtemp(prefix="parquet-bench-")
    try:
        shutil.copytree(os.path.join(ROOT, "Scenarios"), os.path.join(work, "Scenarios"))
        os.makedirs(os.path.join(work, "Benchmarks/workloads"))
        workload = {"w3": "w3-montecarlo.verdeel", "w4": "w4-national.verdeel"}[arguments.workload]
        shutil.copy(os.path.join(ROOT, "Benchmarks/workloads", workload), os.path.join(work, "Benchmarks/workloads"))
        seconds = {}
        for form in ("csv", "parquet"):
            def write(form=form):
                subprocess.run([arguments.verdeel, "run", "Benchmarks/workloads/" + workload, "--format", form, "--output", "out-" + form],
                               cwd=work, check=True, capture_output=True)
            seconds[form] = timed(write, arguments.rounds)
        csv_summary, parquet_summary = os.path.join(work, "out-csv/summary.csv"), os.path.join(work, "out-parquet/summary.parquet")
        read_csv = timed(lambda: pd.read_csv(csv_summary, dtype={"region": str, "measure": str, "region_name": str}), arguments.rounds + 2)
        read_parquet = timed(lambda: pd.read_parquet(parquet_summary), arguments.rounds + 2)
        rows = len(pd.read_parquet(parquet_summary))
        sizes = {"csv": os.path.getsize(csv_summary), "parquet": os.path.getsize(parquet_summary)}
        totals = {"csv": folder_bytes(os.path.join(work, "out-csv"), ".csv"), "parquet": folder_bytes(os.path.join(work, "out-parquet"), ".parquet")}
        name = arguments.workload
        print(f"{name} run written as csv: {seconds['csv']:.2f} s, as parquet: {seconds['parquet']:.2f} s (parquet/csv {seconds['parquet'] / seconds['csv']:.2f})")
        print(f"{name} summary ({rows:,} rows): csv {sizes['csv'] / 1e6:.2f} MB, parquet {sizes['parquet'] / 1e6:.2f} MB ({sizes['parquet'] / sizes['csv']:.1%});"
              f" all tables: csv {totals['csv'] / 1e6:.2f} MB, parquet {totals['parquet'] / 1e6:.2f} MB ({totals['parquet'] / totals['csv']:.1%})")
        print(f"pandas reading the summary: read_csv {read_csv * 1000:.0f} ms, read_parquet {read_parquet * 1000:.0f} ms ({read_csv / read_parquet:.1f}x faster)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
