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
    sigma to 1e-9.
Usage: check-sensitivity.py VERDEEL  (exits 1 on the first failure)."""
import csv
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
from SALib.analyze import morris as salib_morris
from SALib.analyze import sobol as salib_sobol

VERDEEL = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/verdeel"
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


with tempfile.TemporaryDirectory() as folder:
    pi = math.pi
    sobol_case(folder, "ishigami", ["x1", "x2", "x3"], [[-pi, pi]] * 3, ishigami, ishigami_analytic(), True)
    sobol_case(folder, "g-function", [f"x{i + 1}" for i in range(8)], [[0.0, 1.0]] * 8, g_function, g_analytic(), False)
    morris_case(folder)

if failures:
    print(f"{len(failures)} sensitivity check(s) failed")
    sys.exit(1)
print("sensitivity checks passed")
