#!/usr/bin/env python3
"""CSV against Parquet for the tables researchers open, in one run:

1. a workload's run (w4 by default: 342 municipalities x 1,000 variants x 2,000 draws, a
   summary of 342,000 rows; w3: 13 x 1,000 x 10,000, 13,000 rows) written with `--format
   csv` and `--format parquet` (seconds, median of ROUNDS runs each; bytes of the summary
   and of all tables), then read back in pandas (`read_csv` with the codes as text against
   `read_parquet`; median seconds), and the same summary written by pyarrow itself, read
   the same way (how verdeel's writer compares with Arrow C++'s);
2. a part of w5 (the national run of 100,000 variants; `--shard 1/PARTS`, 40 parts by
   default: 2,500 variants, a summary of 855,000 rows) written as a CSV part and as a
   Parquet part: seconds, bytes, peak memory (GNU time's maximum resident set), and pandas
   reading its summary;
3. kept draws: w3 with `--keep-draws 100`, and every draw of w3 cut to 100 variants
   (13 million rows), as Parquet: the size of draws.parquet, the whole command's seconds
   and the engine's cells per second with and without keeping them, and the rows written
   per second (the extra seconds over the run without).

Prints one line per figure and the ratios. Usage:
    Benchmarks/peer/parquet.py [VERDEEL] [--workload w3|w4] [--rounds N] [--parts N] [--skip w5,draws]
"""
import argparse
import os
import re
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


def measured_run(arguments, work):
    """One verdeel command under GNU time: (seconds, peak resident MB, the engine's cells per second)."""
    started = time.perf_counter()
    completed = subprocess.run(["/usr/bin/time", "-f", "peak-kb %M", *arguments], cwd=work, check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = int(re.search(r"peak-kb (\d+)", completed.stderr).group(1)) / 1024
    rate = re.search(r"\(([0-9.e+]+) cells/s", completed.stdout)
    return seconds, peak, float(rate.group(1)) if rate else float("nan")


def read_seconds(pd, path, rounds):
    """Median seconds pandas takes to read the file, after one read that is not timed."""
    if path.endswith(".csv"):
        def read():
            pd.read_csv(path, dtype={"region": str, "measure": str, "region_name": str})
    else:
        def read():
            pd.read_parquet(path)
    read()
    return timed(read, rounds)


def whole_run(pd, arguments, work):
    workload = {"w3": "w3-montecarlo.verdeel", "w4": "w4-national.verdeel"}[arguments.workload]
    seconds = {}
    for form in ("csv", "parquet"):
        def write(form=form):
            subprocess.run([arguments.verdeel, "run", "Benchmarks/workloads/" + workload, "--format", form, "--output", "out-" + form],
                           cwd=work, check=True, capture_output=True)
        seconds[form] = timed(write, arguments.rounds)
    csv_summary, parquet_summary = os.path.join(work, "out-csv/summary.csv"), os.path.join(work, "out-parquet/summary.parquet")
    read_csv, read_parquet = read_seconds(pd, csv_summary, arguments.rounds + 2), read_seconds(pd, parquet_summary, arguments.rounds + 2)
    rows = len(pd.read_parquet(parquet_summary))
    sizes = {"csv": os.path.getsize(csv_summary), "parquet": os.path.getsize(parquet_summary)}
    totals = {"csv": folder_bytes(os.path.join(work, "out-csv"), ".csv"), "parquet": folder_bytes(os.path.join(work, "out-parquet"), ".parquet")}
    name = arguments.workload
    print(f"{name} run written as csv: {seconds['csv']:.2f} s, as parquet: {seconds['parquet']:.2f} s (parquet/csv {seconds['parquet'] / seconds['csv']:.2f})")
    print(f"{name} summary ({rows:,} rows): csv {sizes['csv'] / 1e6:.2f} MB, parquet {sizes['parquet'] / 1e6:.2f} MB ({sizes['parquet'] / sizes['csv']:.1%});"
          f" all tables: csv {totals['csv'] / 1e6:.2f} MB, parquet {totals['parquet'] / 1e6:.2f} MB ({totals['parquet'] / totals['csv']:.1%})")
    print(f"pandas reading the {name} summary: read_csv {read_csv * 1000:.0f} ms, read_parquet {read_parquet * 1000:.0f} ms ({read_csv / read_parquet:.1f}x faster)")
    import pyarrow.parquet as pq
    theirs = os.path.join(work, "pyarrow-summary.parquet")
    pq.write_table(pq.read_table(parquet_summary), theirs, compression="zstd")
    read_theirs = read_seconds(pd, theirs, arguments.rounds + 2)
    print(f"the same summary written by pyarrow itself (ZSTD): {os.path.getsize(theirs) / 1e6:.2f} MB, read_parquet {read_theirs * 1000:.0f} ms"
          f" (verdeel's file reads in {read_parquet / read_theirs:.2f}x its time)")


def w5_part(pd, arguments, work):
    part = f"1/{arguments.parts}"
    figures = {}
    for form in ("csv", "parquet"):
        seconds, peak, rate = measured_run(
            [arguments.verdeel, "run", "Benchmarks/workloads/w5-national-sharded.verdeel", "--shard", part, "--format", form, "--output", "w5-" + form], work)
        folder = os.path.join(work, "w5-" + form)
        summary = os.path.join(folder, "summary." + form)
        figures[form] = (seconds, peak, rate, os.path.getsize(summary), folder_bytes(folder, "." + form), read_seconds(pd, summary, arguments.rounds))
    rows = len(pd.read_parquet(os.path.join(work, "w5-parquet/summary.parquet")))
    csv, parquet = figures["csv"], figures["parquet"]
    print(f"w5 part {part} ({rows:,} summary rows) written as csv: {csv[0]:.2f} s, peak {csv[1]:.0f} MB; as parquet: {parquet[0]:.2f} s, peak {parquet[1]:.0f} MB"
          f" (parquet/csv {parquet[0] / csv[0]:.2f} in time, {parquet[1] / csv[1]:.2f} in memory); engine {csv[2]:.3g} and {parquet[2]:.3g} cells/s")
    print(f"w5 part summary: csv {csv[3] / 1e6:.2f} MB, parquet {parquet[3] / 1e6:.2f} MB ({parquet[3] / csv[3]:.1%}); all tables {parquet[4] / csv[4]:.1%} of the csv;"
          f" pandas read_csv {csv[5] * 1000:.0f} ms, read_parquet {parquet[5] * 1000:.0f} ms ({csv[5] / parquet[5]:.1f}x faster)")


def kept_draws(arguments, work):
    with open(os.path.join(work, "Benchmarks/workloads/w3-montecarlo.verdeel"), encoding="utf-8") as handle:
        text = handle.read()
    with open(os.path.join(work, "Benchmarks/workloads/w3-100.verdeel"), "w", encoding="utf-8") as handle:
        handle.write(text.replace("count 1000", "count 100"))
    for workload, keep in (("w3-montecarlo.verdeel", "100"), ("w3-100.verdeel", "all")):
        base = [arguments.verdeel, "run", "Benchmarks/workloads/" + workload, "--format", "parquet"]
        without = measured_run(base + ["--output", "draws-without"], work)
        kept = measured_run(base + ["--keep-draws", keep, "--output", "draws-kept"], work)
        path = os.path.join(work, "draws-kept/draws.parquet")
        size = os.path.getsize(path)
        rows = int(subprocess.run(["python3", "-c", f"import pyarrow.parquet as pq; print(pq.ParquetFile({path!r}).metadata.num_rows)"],
                                  check=True, capture_output=True, text=True).stdout)
        extra = max(kept[0] - without[0], 1e-9)
        print(f"{workload} --keep-draws {keep}: {rows:,} rows, draws.parquet {size / 1e6:.1f} MB ({size / rows:.1f} bytes a row);"
              f" command {kept[0]:.2f} s against {without[0]:.2f} s without, peak {kept[1]:.0f} MB against {without[1]:.0f} MB;"
              f" engine {kept[2]:.3g} against {without[2]:.3g} cells/s; kept rows made and written at {rows / extra / 1e6:.2f} million a second ({size / extra / 1e6:.1f} MB/s)")


def main():
    import pandas as pd

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("verdeel", nargs="?", default=os.path.join(ROOT, ".build/release/verdeel"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workload", choices=["w3", "w4"], default="w4")
    parser.add_argument("--parts", type=int, default=40, help="w5 is run as part 1 of this many")
    parser.add_argument("--skip", default="", help="comma-separated: w5, draws")
    arguments = parser.parse_args()
    skipped = set(filter(None, arguments.skip.split(",")))
    work = tempfile.mkdtemp(prefix="parquet-bench-")
    try:
        shutil.copytree(os.path.join(ROOT, "Scenarios"), os.path.join(work, "Scenarios"))
        shutil.copytree(os.path.join(ROOT, "Benchmarks/workloads"), os.path.join(work, "Benchmarks/workloads"))
        whole_run(pd, arguments, work)
        if "w5" not in skipped:
            w5_part(pd, arguments, work)
        if "draws" not in skipped:
            kept_draws(arguments, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
