#!/usr/bin/env python3
"""`--format parquet` read by three independent readers: pyarrow (Arrow C++), DuckDB (its own
reader) and fastparquet, all pinned in scripts/lib/requirements.sh. For a plain run of the
bundled scenario, w3 (variants and Monte Carlo with fairness, ranks and losses), a
sensitivity run and a compare with --explain, every table's every value equals the CSV
output of the same run: codes and names as strings, whole euros, years and counts as
integers, doubles bit-equal to the double the CSV's text reads as, empty cells as nulls; the
files' key-value metadata holds provenance.json. `--keep-draws`: draws.parquet gives the
summary's statistics and fairness_summary's Gini when recomputed in pandas and numpy, and
amounts before rounding that add up to the budget, within a euro per pool of the rounded ones. A Parquet set replaces an output folder as
one set: after runs killed mid-write and on a disk too small, the folder holds a complete
set. Prints sizes next to the CSV's.

Usage: scripts/check-parquet.py [VERDEEL]   (default .build/release/verdeel)
"""
import csv
import hashlib
import json
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts/lib"))
from checking import Checks, monte_carlo_block, run_verdeel  # noqa: E402

check = Checks()
VERDEEL = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/verdeel"))
INTEGER_KINDS = {"count", "ordinal"}


def csv_rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return header, list(reader)


def bits(value):
    return struct.pack("<d", value)


def same(text, value, parquet_type):
    """Whether a reader's value is the CSV cell `text` (an empty text cell is an empty string,
    an empty cell of any column a null; CSV writes both as nothing)."""
    if text == "" and parquet_type == "string" and value == "":
        return True
    if text == "":
        return value is None or (isinstance(value, float) and math.isnan(value))
    if value is None:
        return False
    if parquet_type == "string":
        return str(value) == text
    if parquet_type == "int":
        return int(text) == int(value)
    if parquet_type == "bool":
        return (text == "true") == bool(value)
    return bits(float(text)) == bits(float(value))


def parquet_type(schema_type):
    name = str(schema_type)
    if name in ("string", "large_string") or name.startswith("dictionary<values=string"):
        return "string"
    if name.startswith("int"):
        return "int"
    if name == "bool":
        return "bool"
    return "double"


def read_pyarrow(path):
    import pyarrow.parquet as pq
    table = pq.read_table(path)
    types = {field.name: parquet_type(field.type) for field in table.schema}
    return table.column_names, [list(row) for row in zip(*[table.column(name).to_pylist() for name in table.column_names])], types, table.schema.metadata


def read_duckdb(path):
    import duckdb
    relation = duckdb.sql(f"select * from read_parquet('{path}')")
    return relation.columns, [list(row) for row in relation.fetchall()]


def read_fastparquet(path):
    import fastparquet
    frame = fastparquet.ParquetFile(path).to_pandas()
    rows = []
    for record in frame.itertuples(index=False):
        rows.append([None if (not isinstance(v, str) and v is not None and _isna(v)) else (v.item() if hasattr(v, "item") else v) for v in record])
    return list(frame.columns), rows


def _isna(value):
    try:
        import pandas as pd
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def check_table(folder_csv, folder_parquet, name, provenance):
    header, rows = csv_rows(os.path.join(folder_csv, name + ".csv"))
    path = os.path.join(folder_parquet, name + ".parquet")
    columns, arrow_rows, types, metadata = read_pyarrow(path)
    check(columns == header, f"{name}: pyarrow's columns {columns} are not the CSV's {header}")
    check(metadata.get(b"verdeel.provenance", b"").decode() == provenance, f"{name}: the key-value metadata is not provenance.json")
    for reader, (reader_columns, reader_rows) in (("pyarrow", (columns, arrow_rows)), ("DuckDB", read_duckdb(path)), ("fastparquet", read_fastparquet(path))):
        check(list(reader_columns) == header and len(reader_rows) == len(rows), f"{name}: {reader} reads {len(reader_rows)} rows of {list(reader_columns)}")
        wrong = [(r, header[c], rows[r][c], reader_rows[r][c]) for r in range(min(len(rows), len(reader_rows))) for c in range(len(header))
                 if not same(rows[r][c], reader_rows[r][c], types[header[c]])]
        check(not wrong, f"{name}: {reader} differs from the CSV in {len(wrong)} cells, e.g. {wrong[:3]}")
    import pyarrow.parquet as pq
    texts = [field for field in pq.read_schema(path) if parquet_type(field.type) == "string"]
    check(all(str(field.type) == "dictionary<values=string, indices=int32, ordered=0>" for field in texts),
          f"{name}: its ARROW:schema does not make every text column a dictionary: {[str(field.type) for field in texts]}")
    if name == "allocations":
        import pandas as pd
        import polars as pl
        dtypes = {column: str(dtype) for column, dtype in pd.read_parquet(path).dtypes.items()}
        check(dtypes["region"] == "category" and dtypes["year"] == "int32" and dtypes["amount"] == "int64" and dtypes["exact"] == "float64",
              f"allocations: pandas dtypes {dtypes}")
        polars = {column: str(dtype) for column, dtype in pl.read_parquet(path).schema.items()}
        check(polars["region"] == "Categorical" and polars["year"] == "Int32" and polars["amount"] == "Int64" and polars["exact"] == "Float64",
              f"allocations: polars dtypes {polars}")
    return os.path.getsize(os.path.join(folder_csv, name + ".csv")), os.path.getsize(path)


def check_run(work, label, args, cwd):
    """Runs `args` with --format csv and parquet into two folders; compares every table."""
    csv_out, parquet_out = os.path.join(work, label + "-csv"), os.path.join(work, label + "-parquet")
    run_verdeel(VERDEEL, *args, "--format", "csv", "--output", csv_out, cwd=cwd)
    run_verdeel(VERDEEL, *args, "--format", "parquet", "--output", parquet_out, cwd=cwd)
    with open(os.path.join(parquet_out, "provenance.json"), encoding="utf-8") as handle:
        provenance = handle.read()
    tables = sorted(name[:-4] for name in os.listdir(csv_out) if name.endswith(".csv"))
    parquet_tables = sorted(name[:-8] for name in os.listdir(parquet_out) if name.endswith(".parquet"))
    check(tables == parquet_tables, f"{label}: tables {parquet_tables} in parquet, {tables} in csv")
    with open(os.path.join(parquet_out, "schema.json"), encoding="utf-8") as handle:
        check(json.load(handle) is not None, f"{label}: schema.json")
    sizes = [check_table(csv_out, parquet_out, name, provenance) for name in tables if name in parquet_tables]
    return label, len(tables), sum(s[0] for s in sizes), sum(s[1] for s in sizes)


def parquet_set(folder):
    """(files the manifest lists, files there, rows of each .parquet as pyarrow reads it)."""
    import pyarrow.parquet as pq
    with open(os.path.join(folder, "manifest.txt"), encoding="utf-8") as handle:
        listed = sorted(line[2:] for line in handle.read().split("\n") if line.startswith("  "))
    present = sorted(name for name in os.listdir(folder) if name != "manifest.txt")
    rows = {name: pq.read_metadata(os.path.join(folder, name)).num_rows for name in present if name.endswith(".parquet")}
    return listed, present, rows


def check_atomic(scenarios):
    """A Parquet set replaces a CSV set whole; runs killed with SIGKILL at random moments
    leave the complete set (every file listed, every Parquet file whole), also runs keeping
    their draws, which leave no working file behind; a disk too small (a 160 KB tmpfs)
    refuses the new set with a message and keeps the old one, and refuses kept draws that
    would not fit before the run, saying how large they would be."""
    import random
    import signal
    import time
    out = os.path.join(scenarios, "atomic")
    run_verdeel(VERDEEL, "run", "sociale-agenda.verdeel", "--format", "csv", "--output", "atomic", cwd=scenarios)
    run_verdeel(VERDEEL, "run", "sociale-agenda.verdeel", "--format", "parquet", "--output", "atomic", cwd=scenarios)
    listed, present, complete = parquet_set(out)
    check(listed == present and not any(name.endswith(".csv") for name in present) and len(complete) == 7, f"a parquet set over a csv set: {present}")
    rng = random.Random(28)
    for _ in range(8):
        process = subprocess.Popen([VERDEEL, "run", "sociale-agenda.verdeel", "--format", "parquet", "--output", "atomic"], cwd=scenarios,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, 0.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
    with open(os.path.join(scenarios, "mc.verdeel"), "w", encoding="utf-8") as handle:
        handle.write(MONTE_CARLO)
    for _ in range(3):
        process = subprocess.Popen([VERDEEL, "run", "mc.verdeel", "--scenario", "mc", "--keep-draws", "all", "--format", "parquet", "--output", "atomic-kept"], cwd=scenarios,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.1, 0.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
    check(not [name for name in os.listdir(scenarios) if name.startswith(".verdeel-draws")], f"killed runs keeping draws left working files: {os.listdir(scenarios)}")
    if os.path.exists(os.path.join(scenarios, "atomic-kept")):
        listed, present, _ = parquet_set(os.path.join(scenarios, "atomic-kept"))
        check(listed == present, f"a killed run keeping draws left an incomplete set: listed {listed}, present {present}")
    listed, present, rows = parquet_set(out)
    check(listed == present and rows == complete, f"after SIGKILLs: listed {listed}, present {present}, rows {rows}")
    small = os.path.join(scenarios, "small-disk")
    os.makedirs(small)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=160k", "tmpfs", small], capture_output=True, text=True)
    check(mounted.returncode == 0, f"a small tmpfs for the disk-full check (root needed): {mounted.stderr.strip()}")
    if mounted.returncode != 0:
        return
    try:
        target = os.path.join(small, "out")
        run_verdeel(VERDEEL, "run", "sociale-agenda.verdeel", "--scenario", "baseline", "--format", "parquet", "--output", target, cwd=scenarios)
        before = parquet_set(target)
        full = run_verdeel(VERDEEL, "run", "sociale-agenda.verdeel", "--format", "parquet", "--output", target, cwd=scenarios, expect=1)
        check(full.returncode != 0 and "error" in full.stderr.lower(), f"a full disk: exit {full.returncode}, {full.stderr.strip()[:200]}")
        check(parquet_set(target) == before, "a full disk: the old set is not intact")
        kept = run_verdeel(VERDEEL, "run", "mc.verdeel", "--scenario", "mc", "--keep-draws", "all", "--format", "parquet", "--output", target, cwd=scenarios, expect=1)
        # 54,600 rows (200 draws x 21 measure-years x 13 regions) of 17 + 9 x 2 bytes in Parquet
        # and 16 + 8 x 2 in the working file: 3,658,200 bytes.
        check(kept.returncode == 1 and "54600 rows, up to 3.5 MB on disk" in kept.stderr and "are free there" in kept.stderr and "keep fewer draws" in kept.stderr,
              f"kept draws on a full disk: exit {kept.returncode}, {kept.stderr.strip()[:300]}")
        check(parquet_set(target) == before, "kept draws on a full disk: the old set is not intact")
        check(sorted(os.listdir(small)) == ["out"], f"a full disk: left behind {sorted(os.listdir(small))}")
    finally:
        subprocess.run(["umount", small], check=False)


MONTE_CARLO = 'include "sociale-agenda.verdeel"\n\nscenario mc extends baseline {\n' + monte_carlo_block(200, 7) + "}\n"


def check_doc_snippets(scenarios):
    """docs/parquet.md's pandas and polars snippets run as written, and its DuckDB SQL gives a
    row per municipality, on the bundled run written as Parquet into out-parquet (R's is only
    shown: R is not installed)."""
    import re
    import duckdb
    run_verdeel(VERDEEL, "run", "--format", "parquet", "--output", "out-parquet", cwd=scenarios)
    with open(os.path.join(ROOT, "docs/parquet.md"), encoding="utf-8") as handle:
        text = handle.read()
    python = re.findall(r"```python\n(.*?)```", text, re.S)
    check(len(python) == 2, f"docs/parquet.md has {len(python)} Python snippets (pandas, polars)")
    for code in python:
        completed = subprocess.run([sys.executable, "-c", code], cwd=scenarios, capture_output=True, text=True, check=False)
        check(completed.returncode == 0, f"the docs' snippet failed:\n{code}\n{completed.stderr[-800:]}")
    for code in re.findall(r"```sql\n(.*?)```", text, re.S):
        previous = os.getcwd()
        os.chdir(scenarios)
        try:
            rows = duckdb.sql("\n".join(line for line in code.splitlines() if not line.startswith("--"))).fetchall()
        finally:
            os.chdir(previous)
        check(len(rows) == 13, f"the docs' DuckDB query gives {len(rows)} rows, not one per municipality")
    return len(python) + 1


def check_merged(work):
    """w3 run in three parts and merged with `verdeel merge --format parquet`, once from CSV
    parts (re-encoded) and once from Parquet parts (`--shard I/3 --format parquet`, row groups
    copied): every table holds what the unsharded run's Parquet files hold (pyarrow; an empty
    text is an empty string in both), with the same column types, and each merge is
    deterministic (merged twice, the same bytes)."""
    import pyarrow.parquet as pq
    whole = os.path.join(work, "w3-parquet")
    names = sorted(name for name in os.listdir(whole) if name.endswith(".parquet"))

    def rows(path):
        table = pq.read_table(path)
        return [[("" if value is None and str(table.schema.field(name).type) == "string" else value) for name, value in zip(table.column_names, row)]
                for row in zip(*[table.column(name).to_pylist() for name in table.column_names])], table.schema.remove_metadata()
    for kind, extra in (("csv", []), ("parquet", ["--format", "parquet"])):
        parts = []
        for part in (1, 2, 3):
            run_verdeel(VERDEEL, "run", "Benchmarks/workloads/w3-montecarlo.verdeel", "--shard", f"{part}/3", *extra, "--output", f"{kind}-part-{part}", cwd=work)
            parts.append(f"{kind}-part-{part}")
        for folder in (f"merged-{kind}", f"merged-{kind}-again"):
            run_verdeel(VERDEEL, "merge", *parts, "--format", "parquet", "--output", folder, cwd=work)
        merged = os.path.join(work, f"merged-{kind}")
        check(names == sorted(name for name in os.listdir(merged) if name.endswith(".parquet")), f"the run merged from {kind} parts has the whole run's Parquet files")
        for name in names:
            merged_rows, merged_schema = rows(os.path.join(merged, name))
            whole_rows, whole_schema = rows(os.path.join(whole, name))
            check(merged_schema.equals(whole_schema) and merged_rows == whole_rows, f"{name} merged from {kind} parts differs from the unsharded run's")
            with open(os.path.join(merged, name), "rb") as first, open(os.path.join(work, f"merged-{kind}-again", name), "rb") as second:
                check(first.read() == second.read(), f"{name} merged from {kind} parts: two merges give other bytes")
    check_bad_parquet_parts(work)
    return len(names)


def check_bad_parquet_parts(work):
    """Parquet parts are input: a part's summary.parquet cut short, or with a column chunk's
    largest value in its footer's statistics changed (its structure whole: only its values
    tell), each with its shard.json rewritten to match; CSV and Parquet parts mixed, and
    Parquet parts merged as CSV: each refused with a message, and nothing is written."""
    import pyarrow.parquet as pq

    def tampered(folder, change):
        bad = os.path.join(work, folder)
        shutil.copytree(os.path.join(work, "parquet-part-2"), bad)
        path = os.path.join(bad, "summary.parquet")
        with open(path, "rb") as handle:
            data = change(path, handle.read())
        with open(path, "wb") as handle:
            handle.write(data)
        with open(os.path.join(bad, "shard.json"), encoding="utf-8") as handle:
            record = json.load(handle)
        for entry in record["files"]:
            if entry["name"] == "summary.parquet":
                entry["bytes"], entry["sha256"] = len(data), hashlib.sha256(data).hexdigest()
        with open(os.path.join(bad, "shard.json"), "w", encoding="utf-8") as handle:
            json.dump(record, handle)

    def wrong_statistic(path, data):
        footer = struct.unpack("<I", data[-8:-4])[0]
        start = len(data) - 8 - footer
        metadata = pq.ParquetFile(path).metadata
        for column in range(metadata.num_columns):
            statistics = metadata.row_group(0).column(column).statistics
            if metadata.schema.column(column).physical_type != "DOUBLE" or not statistics.has_min_max:
                continue
            pattern = struct.pack("<d", statistics.max)
            if data[start:-8].count(pattern) == 1:
                at = data.index(pattern, start)
                return data[:at] + struct.pack("<d", statistics.max + 1) + data[at + 8:]
        check(False, "no double column's largest value is unique in the footer")
        return data
    tampered("parquet-part-2-cut", lambda path, data: data[:-100] + b"PAR1")
    tampered("parquet-part-2-statistics", wrong_statistic)
    cases = [(["parquet-part-1", "parquet-part-2-cut", "parquet-part-3", "--format", "parquet"], "is not a Parquet file verdeel wrote"),
             (["parquet-part-1", "parquet-part-2-statistics", "parquet-part-3", "--format", "parquet"], "has statistics that are not its values'"),
             (["parquet-part-1", "csv-part-2", "parquet-part-3", "--format", "parquet"], "some parts wrote CSV and some Parquet"),
             (["parquet-part-1", "parquet-part-2", "parquet-part-3"], "merge them with --format parquet")]
    for arguments, message in cases:
        completed = subprocess.run([VERDEEL, "merge", *arguments, "--output", "refused"], cwd=work, capture_output=True, text=True, check=False)
        check(completed.returncode == 1 and message in completed.stderr and "nothing was written" in completed.stderr,
              f"merge {' '.join(arguments)}: exit {completed.returncode}, {completed.stderr.strip()[:300]}")
        check(not os.path.exists(os.path.join(work, "refused")), "a refused merge wrote its folder")


def check_kept_draws(scenarios):
    """`--keep-draws all` of a Monte Carlo run of the bundled baseline (200 draws): draws.parquet
    has a row per draw, measure-year and region, in that order; the mean and type-7 P5, P50
    and P95 that pandas computes from it are summary.parquet's exactly, the sd (n - 1) within
    1e-12 relative (another order of summation); `--keep-draws 3` keeps draws 1-3."""
    import numpy as np
    import pandas as pd
    with open(os.path.join(scenarios, "mc.verdeel"), "w", encoding="utf-8") as handle:
        handle.write(MONTE_CARLO)
    run_verdeel(VERDEEL, "run", "mc.verdeel", "--scenario", "mc", "--keep-draws", "all", "--format", "parquet", "--output", "kept", cwd=scenarios)
    draws = pd.read_parquet(os.path.join(scenarios, "kept/draws.parquet"))
    summary = pd.read_parquet(os.path.join(scenarios, "kept/summary.parquet"))
    check(len(draws) == 200 * len(summary), f"draws.parquet has {len(draws)} rows for {len(summary)} summaries of 200 draws")
    first = draws.head(26)
    check(list(first["draw"]) == [1] * 13 + [2] * 13 and len(set(first["region"])) == 13, "draws.parquet's rows are in draw, then region order")
    groups = draws.groupby(["variant", "measure", "year", "region"], sort=False)["amount"]
    computed = pd.DataFrame({"mean": groups.mean(), "sd": groups.std(ddof=1), "p05": groups.quantile(0.05), "p50": groups.quantile(0.5),
                             "p95": groups.quantile(0.95)}).reset_index()
    merged = summary.merge(computed, on=["variant", "measure", "year", "region"], suffixes=("", "_draws"))
    check(len(merged) == len(summary), "every summary row has its draws")
    for column in ("mean", "p05", "p50", "p95"):
        check(bool((merged[column] == merged[column + "_draws"]).all()), f"{column} from draws.parquet differs from summary.parquet")
    relative = np.abs(merged["sd"] - merged["sd_draws"]) / np.maximum(np.abs(merged["sd"]), 1)
    check(float(relative.max()) < 1e-12, f"sd from draws.parquet differs from summary.parquet by {float(relative.max()):.2e} relative")
    run_verdeel(VERDEEL, "run", "mc.verdeel", "--scenario", "mc", "--keep-draws", "3", "--format", "parquet", "--output", "kept3", cwd=scenarios)
    three = pd.read_parquet(os.path.join(scenarios, "kept3/draws.parquet"))
    check(sorted(set(three["draw"])) == [1, 2, 3] and three.equals(draws[draws["draw"] <= 3].reset_index(drop=True)), "--keep-draws 3 keeps draws 1-3, as all draws have them")
    refused = run_verdeel(VERDEEL, "run", "mc.verdeel", "--scenario", "mc", "--keep-draws", "all", "--max-bytes", "1000", "--output", "refused", cwd=scenarios, expect=1)
    check(refused.returncode == 1 and "keep fewer draws" in refused.stderr and not os.path.exists(os.path.join(scenarios, "refused")), f"--max-bytes 1000: {refused.stderr.strip()[-200:]}")
    return len(draws)


def check_exact_in_draws(scenarios):
    """draws.parquet's `exact` (each draw's amount before rounding): in every variant, draw,
    measure and year the amounts add up to what the plain run distributes (its allocations'
    sum: the budget less top-slices) within 1e-4 euro, and each rounded amount lies within a
    euro per pool (component) of it; with a floor of EUR 210,000 on 'wijk' (bases of 200k
    and 250k of 2.85M by inhabitants in 2026: the small municipalities are held), every
    amount before rounding is at least the floor, some exactly at it. Returns the rows."""
    import pandas as pd
    run_verdeel(VERDEEL, "run", "sociale-agenda.verdeel", "--scenario", "baseline", "--format", "parquet", "--output", "plain", cwd=scenarios)
    allocations = pd.read_parquet(os.path.join(scenarios, "plain/allocations.parquet"))
    totals = allocations.groupby(["measure", "year"])["amount"].sum()
    pools = allocations.groupby("measure")["component"].nunique()
    with open(os.path.join(scenarios, "mc-floor.verdeel"), "w", encoding="utf-8") as handle:
        handle.write(MONTE_CARLO.replace("scenario mc extends baseline {\n", "scenario mc extends baseline {\n    measure wijk {\n        floor 210k\n    }\n"))
    run_verdeel(VERDEEL, "run", "mc-floor.verdeel", "--scenario", "mc", "--keep-draws", "20", "--format", "parquet", "--output", "kept-floor", cwd=scenarios)
    rows = 0
    for folder in ("kept", "kept-floor"):
        draws = pd.read_parquet(os.path.join(scenarios, folder, "draws.parquet"))
        rows += len(draws)
        sums = draws.groupby(["variant", "draw", "measure", "year"])["exact"].sum().reset_index()
        expected = sums.apply(lambda row: totals[(row["measure"], row["year"])], axis=1)
        worst = float((sums["exact"] - expected).abs().max())
        check(worst < 1e-4, f"{folder}: the amounts before rounding of a draw add up to the distributed budget within {worst:.2e} euro, not 1e-4")
        gap = (draws["amount"] - draws["exact"]).abs() / draws["measure"].map(pools)
        check(float(gap.max()) < 1, f"{folder}: a rounded amount lies {float(gap.max()):.3f} euro per pool from its amount before rounding")
    wijk = draws[draws["measure"] == "wijk"]
    check(float(wijk["exact"].min()) == 210_000 and int((wijk["exact"] == 210_000).sum()) > 0 and int(wijk["amount"].min()) >= 210_000,
          f"with a floor of 210k, wijk's amounts before rounding: smallest {float(wijk['exact'].min())}")
    return rows


def check_fairness_from_draws(scenarios):
    """Each draw's Gini of the amounts per inhabitant, weighted by inhabitants (docs/fairness.md:
    the sum over all pairs of p_i p_j |y_i - y_j| / (2 P^2 mu)), computed here from
    draws.parquet, has fairness_summary's mean, P5, P50 and P95 (type 7) within 1e-9: with the
    inhabitants not perturbed (only the SES-WOA means are) from the CBS inhabitants, and with
    them perturbed by 1% from each draw's `perturbed_inhabitants`, whose ratios to the CBS
    figures have mean 1 and sd 1% within their sampling error."""
    import numpy as np
    import pandas as pd
    block = monte_carlo_block(200, 7).replace("        perturb inhabitants normal sd 1%\n", "")
    with open(os.path.join(scenarios, "mc-ses.verdeel"), "w", encoding="utf-8") as handle:
        handle.write('include "sociale-agenda.verdeel"\n\nscenario mc_ses extends baseline {\n' + block + "}\n")
    run_verdeel(VERDEEL, "run", "mc-ses.verdeel", "--scenario", "mc_ses", "--keep-draws", "all", "--format", "parquet", "--output", "kept-ses", cwd=scenarios)
    with open(os.path.join(scenarios, "data/municipalities-2024.csv"), encoding="utf-8") as handle:
        people = {row["code"]: float(row["inhabitants"]) for row in csv.DictReader(handle)}
    still = pd.read_parquet(os.path.join(scenarios, "kept-ses/draws.parquet"))
    check("perturbed_inhabitants" not in still.columns and "perturbed_ses_woa_mean" in still.columns, "draws.parquet has a column per perturbed indicator only")
    compared, worst = gini_over_draws(still, pd.read_parquet(os.path.join(scenarios, "kept-ses/fairness_summary.parquet")),
                                      lambda one: np.array([people[code] for code in one["region"]]))
    drawn = pd.read_parquet(os.path.join(scenarios, "kept/draws.parquet"))
    ratios = drawn.drop_duplicates(["draw", "region"]).apply(lambda row: row["perturbed_inhabitants"] / people[row["region"]] - 1, axis=1).to_numpy()
    check(len(ratios) == 200 * 13 and abs(float(ratios.mean())) < 3 * 0.01 / np.sqrt(len(ratios)) and 0.009 < float(ratios.std(ddof=1)) < 0.011,
          f"perturbed_inhabitants / CBS - 1 over {len(ratios)} draws and regions: mean {float(ratios.mean()):.2e}, sd {float(ratios.std(ddof=1)):.4f}, not 0 and 1%")
    more, worse = gini_over_draws(drawn, pd.read_parquet(os.path.join(scenarios, "kept/fairness_summary.parquet")),
                                  lambda one: one["perturbed_inhabitants"].to_numpy(dtype=float))
    check(compared > 0 and more > 0 and max(worst, worse) < 1e-9,
          f"the Gini over the draws recomputed from draws.parquet differs from fairness_summary by {max(worst, worse):.2e} relative")
    return compared + more, max(worst, worse)


def gini_over_draws(draws, summary, inhabitants):
    """The population-weighted Gini of every draw per measure and year, its mean and type-7
    quantiles against fairness_summary's: (figures compared, worst relative difference)."""
    import numpy as np
    worst = 0.0
    compared = 0
    for (measure, year), group in draws.groupby(["measure", "year"], sort=False):
        ginis = []
        for _, one in group.groupby("draw", sort=True):
            p = inhabitants(one)
            y = one["amount"].to_numpy(dtype=float) / p
            mu = float((p * y).sum() / p.sum())
            ginis.append(float((p[:, None] * p[None, :] * np.abs(y[:, None] - y[None, :])).sum() / (2 * p.sum() ** 2 * mu)))
        row = summary[(summary["measure"] == measure) & (summary["year"] == year) & (summary["metric"] == "gini")]
        if len(row) != 1:
            check(False, f"fairness_summary has {len(row)} gini rows for {measure} {year}")
            continue
        ours = np.array(ginis)
        for column, value in (("mean", ours.mean()), ("p05", np.quantile(ours, 0.05)), ("p50", np.quantile(ours, 0.5)), ("p95", np.quantile(ours, 0.95))):
            worst = max(worst, abs(float(row[column].iloc[0]) - value) / max(abs(value), 1e-300))
            compared += 1
    return compared, worst


def main():
    work = tempfile.mkdtemp(prefix="parquet-")
    try:
        scenarios = os.path.join(work, "Scenarios")
        shutil.copytree(os.path.join(ROOT, "Scenarios"), scenarios)
        workloads = os.path.join(work, "Benchmarks/workloads")
        os.makedirs(workloads)
        shutil.copy(os.path.join(ROOT, "Benchmarks/workloads/w3-montecarlo.verdeel"), workloads)
        results = [
            check_run(work, "bundled", ["run", "sociale-agenda.verdeel"], scenarios),
            check_run(work, "w3", ["run", "Benchmarks/workloads/w3-montecarlo.verdeel"], work),
            check_run(work, "sensitivity", ["run", "sociale-agenda-sensitivity.verdeel", "--scenario", "sensitivity"], scenarios),
            check_run(work, "compare", ["compare", "sociale-agenda.verdeel", "baseline", "jongerenwerk_50_50", "--explain"], scenarios),
        ]
        merged_tables = check_merged(work)
        snippets = check_doc_snippets(scenarios)
        check_atomic(scenarios)
        kept_rows = check_kept_draws(scenarios)
        exact_rows = check_exact_in_draws(scenarios)
        fairness_compared, fairness_worst = check_fairness_from_draws(scenarios)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sizes = "; ".join(f"{label} {count} tables: csv {csv_bytes / 1e6:.2f} MB, parquet {parquet_bytes / 1e6:.2f} MB ({parquet_bytes / csv_bytes:.0%})"
                      for label, count, csv_bytes, parquet_bytes in results)
    check.finish("parquet", "parquet: {count} checks passed (pyarrow, DuckDB and fastparquet read every value of the CSV; " + sizes
                 + f"; draws.parquet of {kept_rows:,} rows gives summary's mean and quantiles exactly, its amounts before rounding ({exact_rows:,} rows, one run with a floor that binds) add up to the budget,"
                 + f" and {fairness_compared} Gini figures of"
                 + f" fairness_summary within {fairness_worst:.1e}; w3 in 3 CSV parts and in 3 Parquet parts merged as Parquet: {merged_tables} tables as the whole run's each, bad Parquet parts refused;"
                 + f" docs/parquet.md's {snippets} snippets ran)")


if __name__ == "__main__":
    main()
