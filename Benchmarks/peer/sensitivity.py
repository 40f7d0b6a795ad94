#!/usr/bin/env python3
"""verdeel's Sobol analysis against SALib 1.6 and a vectorised numpy port of SALib's own
formulas, on the same design and outputs, in one run; prints JSON:

  swift build -c release && python3 Benchmarks/peer/sensitivity.py [--outputs 342] [-N 1024] [--repeat 5]

The problem has 12 factors in 6 groups; `verdeel sensitivity sample sobol` writes the
Saltelli design (N (G + 2) = 8192 rows), a fixed smooth model gives 342 outputs per row
(written with numpy.savetxt, as a researcher would), and all three analyse them with 100
bootstrap resamples at 95%. Times: verdeel's whole process (read the files, analyse,
write sobol.csv), SALib's sobol.analyze over the outputs one by one, and the numpy port
(every output at once, the same estimators and resampling), each from the loaded array.
Each side's fastest of --repeat runs counts. Also the largest difference between
verdeel's and SALib's point estimates (S1 and ST).
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy.stats import norm
from SALib.analyze import sobol

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
VERDEEL = os.path.join(ROOT, ".build", "release", "verdeel")
FACTORS, GROUPS, RESAMPLES = 12, 6, 100


def numpy_port(y, groups, resamples, seed):
    """SALib's first_order/total_order for every output column at once (rows x outputs),
    one resample at a time (all outputs together), as a numpy user would vectorise them."""
    step = groups + 2
    y = (y - y.mean(axis=0)) / y.std(axis=0)
    a, b = y[0::step], y[step - 1::step]
    n = a.shape[0]
    rows = np.random.default_rng(seed).integers(n, size=(resamples, n))
    z = norm.ppf(0.975)
    result = []
    var = np.r_[a, b].var(axis=0)
    for j in range(groups):
        ab = y[j + 1::step]
        s1 = (b * (ab - a)).mean(axis=0) / var
        st = 0.5 * ((a - ab) ** 2).mean(axis=0) / var
        s1_draws, st_draws = [], []
        for r in rows:
            ar, br, abr = a[r], b[r], ab[r]
            var_r = np.r_[ar, br].var(axis=0)
            s1_draws.append((br * (abr - ar)).mean(axis=0) / var_r)
            st_draws.append(0.5 * ((ar - abr) ** 2).mean(axis=0) / var_r)
        result.append((s1, z * np.std(s1_draws, axis=0, ddof=1), st, z * np.std(st_draws, axis=0, ddof=1)))
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--outputs", type=int, default=342)
    parser.add_argument("-N", type=int, default=1024)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        problem = os.path.join(folder, "problem.txt")
        with open(problem, "w") as handle:
            handle.writelines(f"x{i} 0 1 g{i // 2}\n" for i in range(FACTORS))
        samples, outputs = os.path.join(folder, "X.txt"), os.path.join(folder, "Y.txt")
        subprocess.run([VERDEEL, "sensitivity", "sample", "sobol", "--problem", problem, "-N", str(args.N), "--seed", "3", "--output", samples], check=True)
        x = np.loadtxt(samples)
        weights = np.random.default_rng(5).normal(size=(FACTORS, args.outputs))
        y = np.sin(x @ weights) + 0.1 * (x**2) @ weights
        np.savetxt(outputs, y)
        result = os.path.join(folder, "out")
        command = [VERDEEL, "sensitivity", "analyze", "sobol", "--problem", problem, "--outputs", outputs,
                   "--bootstrap", str(RESAMPLES), "--seed", "7", "--output", result]
        verdeel_seconds, numpy_seconds, salib_seconds = [], [], []
        spec = {"num_vars": FACTORS, "names": [f"x{i}" for i in range(FACTORS)], "bounds": [[0, 1]] * FACTORS,
                "groups": [f"g{i // 2}" for i in range(FACTORS)]}
        salib = []
        for round_ in range(args.repeat):
            start = time.perf_counter()
            subprocess.run(command, check=True)
            verdeel_seconds.append(time.perf_counter() - start)
            start = time.perf_counter()
            numpy_port(y, GROUPS, RESAMPLES, 7)
            numpy_seconds.append(time.perf_counter() - start)
            if round_ < 2:
                start = time.perf_counter()
                salib = [sobol.analyze(spec, y[:, o], calc_second_order=False, num_resamples=RESAMPLES, seed=7) for o in range(args.outputs)]
                salib_seconds.append(time.perf_counter() - start)
        with open(os.path.join(result, "sobol.csv")) as handle:
            rows = list(csv.DictReader(handle))
    difference = 0.0
    for row_index, row in enumerate(rows):
        o, g = divmod(row_index, GROUPS)
        difference = max(difference, abs(float(row["s1"]) - salib[o]["S1"][g]), abs(float(row["st"]) - salib[o]["ST"][g]))
    best = {"verdeel": min(verdeel_seconds), "numpy_port": min(numpy_seconds), "salib": min(salib_seconds)}
    print(json.dumps({
        "analysis": f"Sobol S1/ST, {args.outputs} outputs, {GROUPS} groups of {FACTORS} factors, N = {args.N}, {RESAMPLES} resamples",
        "seconds": {k: round(v, 4) for k, v in best.items()},
        "verdeel_median_seconds": round(float(np.median(verdeel_seconds)), 4),
        "ratio_numpy_port_over_verdeel": round(best["numpy_port"] / best["verdeel"], 1),
        "ratio_salib_over_verdeel": round(best["salib"] / best["verdeel"], 1),
        "outputs_per_second_verdeel": round(args.outputs / best["verdeel"]),
        "largest_point_estimate_difference_from_salib": difference,
    }, indent=2))
    if difference > 1e-9:
        sys.exit(1)


if __name__ == "__main__":
    main()
