#!/usr/bin/env python3
"""Acceptance checks of `verdeel sensitivity` against analytic indices and SALib 1.6.

Through the command line only: `verdeel sensitivity sample` writes the designs, this
script evaluates the test functions on them, `verdeel sensitivity analyze` computes the
indices. Checks:
  - Ishigami (a = 7, b = 0.1) and the Sobol G-function (a = 0, 1, 4.5, 9, 99, 99, 99, 99)
    at N = 16384: every analytic S1 and ST lies within the reported interval and within
    0.02 of the estimate;
  - SALib's sobol.analyze on the same samples and outputs gives the same point estimates
    to 1e-9 (S1, ST, and S2 for Ishigami with second order);
  - Morris: SALib's morris.analyze on verdeel's trajectories gives the same mu, mu* and
    sigma to 1e-9;
  - aggregated indices (sobol_aggregated.csv) of two outputs Y1 = X1, Y2 = 2 X2 + X1 X3:
    the variance-weighted mean of SALib's indices of each output to 1e-9, and the analytic
    aggregate within its interval;
  - the sensitivity from a Monte Carlo run's draws (rank_sobol.csv): R's sobolrank formula
    (sensitivity::estim.sobolrank, written again in numpy) on the kept draws' amounts and
    perturbed inputs gives every s1 and s1_conf (20 disjoint subsamples) to 1e-9, and the
    dummy stays within its interval's reach of 0.
Usage: check-sensitivity.py VERDEEL  (exits 1 on the first failure)."""
import csv
import math
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
from SALib.analyze import morris as salib_morris
from SALib.analyze import sobol as salib_sobol

VERDEEL = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/verdeel")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts", "lib"))
from checking import monte_carlo_block  # noqa: E402
N = 16384
failures = []


def run(*arguments):
    subprocess.run([VERDEEL, "sensitivity", *arguments], check=True)


def ishigami(x, a=7.0, b=0.1):
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


G_A = [0, 1, 4.5, 9, 99, 99, 99, 99]


def g_function(x):
    return np.prod([(abs(4 * x[:, i] - 2) + a) / (1 + a) for i, a in enumerate(G_A)], axis=0)


def g_analytic():
    """V_i = 1 / (3 (1 + a_i)^2), V = prod(1 + V_i) - 1 (Saltelli et al. 2010)."""
    v = [1 / (3 * (1 + a) ** 2) for a in G_A]
    total = math.prod(1 + vi for vi in v) - 1
    s1 = [vi / total for vi in v]
    st = [vi * math.prod(1 + vj for j, vj in enumerate(v) if j != i) / total for i, vi in enumerate(v)]
    return s1, st


def ishigami_analytic(a=7.0, b=0.1):
    """Ishigami and Homma (1990): V1, V2, V13 in closed form."""
    v1 = 0.5 * (1 + b * math.pi**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = b**2 * math.pi**8 * (1 / 18 - 1 / 50)
    total = v1 + v2 + v13
    return [v1 / total, v2 / total, 0.0], [(v1 + v13) / total, v2 / total, v13 / total]


def read_rows(path):
    with open(path) as handle:
        return list(csv.DictReader(handle))


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL", message)


def sobol_case(folder, name, names, bounds, model, analytic, second_order):
    problem = os.path.join(folder, f"{name}.txt")
    with open(problem, "w") as handle:
        for factor, (low, high) in zip(names, bounds):
            handle.write(f"{factor} {low!r} {high!r}\n")
    samples, outputs = os.path.join(folder, f"{name}-X.txt"), os.path.join(folder, f"{name}-Y.txt")
    order = ["--second-order"] if second_order else []
    run("sample", "sobol", "--problem", problem, "-N", str(N), "--seed", "11", "--output", samples, *order)
    x = np.loadtxt(samples, ndmin=2)
    y = model(x)
    np.savetxt(outputs, y)
    result = os.path.join(folder, f"{name}-out")
    run("analyze", "sobol", "--problem", problem, "--samples", samples, "--outputs", outputs, "--seed", "5", "--output", result, *order)
    rows = read_rows(os.path.join(result, "sobol.csv"))
    s1, st = analytic
    for i, row in enumerate(rows):
        for key, exact in (("s1", s1[i]), ("st", st[i])):
            estimate, half = float(row[key]), float(row[f"{key}_conf"])
            check(abs(estimate - exact) <= half, f"{name} {row['factor']} {key}: analytic {exact:.4f} outside {estimate:.4f} +- {half:.4f}")
            check(abs(estimate - exact) <= 0.02, f"{name} {row['factor']} {key}: {estimate:.4f} is more than 0.02 from {exact:.4f}")
        print(f"{name} {row['factor']}: S1 {float(row['s1']):.4f} +- {float(row['s1_conf']):.4f} (exact {s1[i]:.4f}), "
              f"ST {float(row['st']):.4f} +- {float(row['st_conf']):.4f} (exact {st[i]:.4f})")
    salib = salib_sobol.analyze({"num_vars": len(names), "names": names, "bounds": bounds}, y, calc_second_order=second_order, num_resamples=10, seed=1)
    difference = max(max(abs(float(row["s1"]) - salib["S1"][i]), abs(float(row["st"]) - salib["ST"][i])) for i, row in enumerate(rows))
    check(difference <= 1e-9, f"{name}: S1/ST differ from SALib's by {difference:.3g}")
    if second_order:
        for row in read_rows(os.path.join(result, "s2.csv")):
            j, k = names.index(row["factor_1"]), names.index(row["factor_2"])
            gap = abs(float(row["s2"]) - salib["S2"][j, k])
            check(gap <= 1e-9, f"{name} S2 {j},{k}: differs from SALib's by {gap:.3g}")
            difference = max(difference, gap)
    print(f"{name}: largest difference from SALib's point estimates {difference:.3g}")


def morris_case(folder):
    names = [f"x{i + 1}" for i in range(8)]
    problem = os.path.join(folder, "g-morris.txt")
    with open(problem, "w") as handle:
        handle.writelines(f"{n} 0 1\n" for n in names)
    samples, outputs = os.path.join(folder, "m-X.txt"), os.path.join(folder, "m-Y.txt")
    run("sample", "morris", "--problem", problem, "-N", "200", "--levels", "4", "--seed", "3", "--output", samples)
    x = np.loadtxt(samples, ndmin=2)
    y = g_function(x)
    np.savetxt(outputs, y)
    result = os.path.join(folder, "m-out")
    run("analyze", "morris", "--problem", problem, "--samples", samples, "--outputs", outputs, "--levels", "4", "--output", result)
    rows = read_rows(os.path.join(result, "morris.csv"))
    salib = salib_morris.analyze({"num_vars": 8, "names": names, "bounds": [[0, 1]] * 8}, x, y, num_levels=4, seed=1)
    difference = max(abs(float(row[key]) - salib[name][i]) for i, row in enumerate(rows)
                     for key, name in (("mu", "mu"), ("mu_star", "mu_star"), ("sigma", "sigma")))
    check(difference <= 1e-9, f"Morris: mu/mu*/sigma differ from SALib's by {difference:.3g}")
    stars = ", ".join("%.3f" % float(row["mu_star"]) for row in rows)
    print(f"Morris (G-function, 200 trajectories): largest difference from SALib {difference:.3g}; mu* {stars}")


def aggregate_case(folder):
    """Two outputs of three uniform factors on [0, 1]: Y1 = X1 (variance 12/144) and
    Y2 = 2 X2 + X1 X3 (variance 4/12 + Var(X1 X3) = 48/144 + (1/9 - 1/16) = 55/144). Checked:
    the aggregate equals sum_o Var(Y_o) S_o / sum_o Var(Y_o) with SALib's S_o and numpy's
    variances, and X2's analytic aggregate S1: only Y2 depends on it, by 48/144 of the 67/144
    in all, so 48/67."""
    names, bounds = ["x1", "x2", "x3"], [[0.0, 1.0]] * 3
    problem = os.path.join(folder, "aggregate.txt")
    with open(problem, "w") as handle:
        handle.write("".join(f"{factor} 0.0 1.0\n" for factor in names))
    samples, outputs, result = (os.path.join(folder, f"aggregate-{part}") for part in ("X.txt", "Y.txt", "out"))
    run("sample", "sobol", "--problem", problem, "-N", "8192", "--seed", "3", "--output", samples)
    x = np.loadtxt(samples, ndmin=2)
    y = np.column_stack([x[:, 0], 2 * x[:, 1] + x[:, 0] * x[:, 2]])
    np.savetxt(outputs, y)
    run("analyze", "sobol", "--problem", problem, "--samples", samples, "--outputs", outputs, "--seed", "5", "--output", result)
    rows = read_rows(os.path.join(result, "sobol_aggregated.csv"))
    check(len(rows) == 3 and all(row["outputs"] == "2" for row in rows), f"sobol_aggregated: {rows}")
    variances = np.var(y, axis=0)
    problem_dict = {"num_vars": 3, "names": names, "bounds": bounds}
    salib = [salib_sobol.analyze(problem_dict, y[:, o], calc_second_order=False, num_resamples=10, seed=1) for o in range(2)]
    worst = 0.0
    for g, row in enumerate(rows):
        for key, name in (("s1", "S1"), ("st", "ST")):
            want = sum(variances[o] * salib[o][name][g] for o in range(2)) / variances.sum()
            worst = max(worst, abs(float(row[key]) - want))
    check(worst <= 1e-9, f"sobol_aggregated differs from SALib's weighted indices by {worst:.3g}")
    exact = 48 / 67
    estimate, half = float(rows[1]["s1"]), float(rows[1]["s1_conf"])
    check(abs(estimate - exact) <= max(half, 0.01), f"sobol_aggregated x2 s1 {estimate:.4f} +- {half:.4f}, analytic {exact:.4f}")
    print(f"sobol_aggregated (two outputs): SALib's weighted indices within {worst:.3g}; x2 S1 {estimate:.4f} +- {half:.4f} (exact {exact:.4f})")


def sobolrank(x, y):
    """R's estim.sobolrank: (mean(Y[o] * Y[o[c(2:n, 1)]]) - mean(Y)^2) / var(Y), o the stable
    order of x. Applied to Y - mean(Y), which leaves it unchanged (each draw is once first and
    once second in a pair) and keeps it from cancelling: amounts of EUR 200,000 that vary by a
    few euros would otherwise lose 7 digits in mean(Y Y') - mean(Y)^2."""
    y = y - np.mean(y)
    o = np.argsort(x, kind="stable")
    return (np.mean(y[o] * y[np.roll(o, -1)]) - np.mean(y) ** 2) / np.var(y, ddof=1)


def subsample_conf(xs, y, k=20):
    """1.96 sd / sqrt(k) of the estimates (summed over the inputs `xs`) on k disjoint
    subsamples: draws d with d k // n = b."""
    n = len(y)
    batch = np.arange(n) * k // n
    estimates = [sum(sobolrank(x[batch == b], y[batch == b]) for x in xs) for b in range(k)]
    return 1.96 * np.std(estimates, ddof=1) / math.sqrt(k)


def rank_sobol_case(folder):
    """A Monte Carlo run of the bundled scenario (2 variants, 400 draws, two perturbed
    indicators) with every draw kept: each rank_sobol figure recomputed from the draws."""
    shutil.copytree(os.path.join(ROOT, "Scenarios"), os.path.join(folder, "Scenarios"))
    with open(os.path.join(folder, "Scenarios", "ranks.verdeel"), "w") as handle:
        handle.write('include "sociale-agenda.verdeel"\n\nscenario mc extends baseline {\n    variants {\n'
                     '        weight jongerenwerk need in 40%, 80%\n    }\n' + monte_carlo_block(400, 11) + "}\n")
    subprocess.run([VERDEEL, "run", "Scenarios/ranks.verdeel", "--scenario", "mc", "--keep-draws", "all", "--rank-sobol", "--output", "out"],
                   cwd=folder, check=True, capture_output=True)
    draws = read_rows(os.path.join(folder, "out", "draws.csv"))
    series = {}
    for row in draws:
        key = (row["variant"], row["measure"], row["year"], row["region"])
        series.setdefault(key, []).append((int(row["draw"]), float(row["amount"]), float(row["perturbed_ses_woa_mean"]), float(row["perturbed_inhabitants"])))
    arrays = {}
    for key, values in series.items():
        values.sort()
        arrays[key] = np.array([v[1:] for v in values])
    regions = sorted({key[3] for key in arrays})
    worst, compared, dummies = 0.0, 0, 0
    for row in read_rows(os.path.join(folder, "out", "rank_sobol.csv")):
        place = (row["variant"], row["measure"], row["year"])
        y = arrays[place + (row["region"],)][:, 0]
        if row["indicator"] == "dummy":
            dummies += 1
            check(abs(float(row["s1"])) <= 3 * float(row["s1_conf"]) + 0.02, f"rank_sobol {place} {row['region']}: dummy {row['s1']} +- {row['s1_conf']}")
            continue
        column = 1 if row["indicator"] == "ses_woa_mean" else 2
        inputs = [row["region"]] if row["inputs"] == "own" else regions
        xs = [arrays[place + (r,)][:, column] for r in inputs]
        if np.var(y) == 0 or any(np.all(x == x[0]) for x in xs):
            check(row["s1"] == "" or row["inputs"] == "all", f"rank_sobol {place} {row['region']} {row['indicator']}: {row['s1']} for a constant")
            continue
        want = sum(sobolrank(x, y) for x in xs)
        want_conf = subsample_conf(xs, y)
        difference = max(abs(float(row["s1"]) - want), abs(float(row["s1_conf"]) - want_conf))
        worst, compared = max(worst, difference), compared + 1
        check(difference <= 1e-9, f"rank_sobol {place} {row['region']} {row['indicator']} {row['inputs']}: verdeel {row['s1']} +- {row['s1_conf']}, numpy {want} +- {want_conf}")
    check(compared > 1000, f"rank_sobol: only {compared} rows compared")
    print(f"rank_sobol (bundled scenario, 2 variants x 400 draws): {compared} indices and intervals as R's sobolrank formula gives them "
          f"(largest difference {worst:.3g}); {dummies} dummies within reach of 0")


with tempfile.TemporaryDirectory() as folder:
    aggregate_case(folder)
    rank_sobol_case(folder)
    pi = math.pi
    sobol_case(folder, "ishigami", ["x1", "x2", "x3"], [[-pi, pi]] * 3, ishigami, ishigami_analytic(), True)
    sobol_case(folder, "g-function", [f"x{i + 1}" for i in range(8)], [[0.0, 1.0]] * 8, g_function, g_analytic(), False)
    morris_case(folder)

if failures:
    print(f"{len(failures)} sensitivity check(s) failed")
    sys.exit(1)
print("sensitivity checks passed")
