#!/usr/bin/env python3
"""Independent reference for the fairness metrics of the bundled baseline (docs/fairness.md).

Written from the documented formulas, not from verdeel's code: the amounts come from the
exact reference of the allocation (Tests/SocialeAgendaTests/Reference), the metrics from
their textbook definitions, in exact rational arithmetic wherever they are rational (Gini by
its double sum over all pairs, Hoover, Loosemore-Hanby, Suits, max/min) and with
math.fsum where they need logarithms or powers. PySAL's `inequality` package, run on the
population-expanded vector (one entry per inhabitant), cross-checks Gini, Theil (with its
between/within split by province) and Atkinson.

Run from the repository root after `swift build -c release`:

    python3 Tests/VerdeelAnalysisTests/Reference/fairness_reference.py --check

compares every value and value_exact of verdeel's fairness.csv for the baseline with this
reference (relative difference at most 1e-9) and exits 1 on any disagreement.
"""
import argparse
import csv
import math
import os
import subprocess
import sys
import tempfile
from fractions import Fraction as F

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "SocialeAgendaTests", "Reference"))
os.chdir(ROOT)
import sociale_agenda_reference as ref  # noqa: E402

codes = ref.codes
population = {c: ref.inhabitants[c] for c in codes}
reference = ref.need
province = {c: ref.municipalities[c]["province"] for c in codes}
EPSILONS = [F(1, 2), F(1), F(2)]
ALPHAS = [0, 2]

BUDGETS = {
    "ontmoetingsplekken": {2026: 10_000_000, 2027: 10_000_000, 2028: 20_000_000, 2029: 30_000_000, 2030: 30_000_000, 2031: 30_000_000, 2032: 8_000_000},
    "wijk": {2026: 3_000_000, 2027: 4_000_000, **{y: 6_500_000 for y in range(2028, 2033)}},
    "jongerenwerk": {2026: 7_000_000, 2027: 9_000_000, **{y: 9_400_000 for y in range(2028, 2033)}},
}


def unrounded(measure, budget):
    """The exact amounts before rounding, from the documented formulas."""
    s_inh, s_area = ref.shares(ref.inhabitants), ref.shares(ref.land_area)
    if measure == "ontmoetingsplekken":
        return {c: budget * (F(1, 2) * s_inh[c] + F(1, 2) * s_area[c]) for c in codes}
    d = budget - ref.topslice(budget, F(5, 100))
    if measure == "wijk":
        return {c: 200_000 + (d - 200_000 * len(codes)) * s_inh[c] for c in codes}
    s_need = ref.shares(ref.need)
    total = {c: F(0) for c in codes}
    for part, _ in ref.youth_work(budget).values():
        for c in codes:
            total[c] += part * (F(20, 100) * s_inh[c] + F(80, 100) * s_need[c])
    return total


def rounded(measure, budget):
    if measure == "ontmoetingsplekken":
        return {c: F(v) for c, v in ref.meeting_places(budget).items()}
    if measure == "wijk":
        return {c: F(v) for c, v in ref.district_support(budget).items()}
    total = {c: F(0) for c in codes}
    for _, amounts in ref.youth_work(budget).values():
        for c in codes:
            total[c] += amounts[c]
    return total


def metrics(a):
    """Every metric of docs/fairness.md for amounts `a` (region -> Fraction)."""
    P = sum(population.values())
    A = sum(a.values())
    y = {c: a[c] / population[c] for c in codes}
    pi = {c: population[c] / P for c in codes}
    s = {c: a[c] / A for c in codes}
    mu = A / P
    out = {}
    out["gini"] = sum(population[i] * population[j] * abs(y[i] - y[j]) for i in codes for j in codes) / (2 * P * P * mu)
    out["theil"] = math.fsum(float(s[c]) * math.log(float(s[c] / pi[c])) for c in codes if s[c] > 0)
    groups = sorted(set(province.values()))
    between, within = [], []
    for g in groups:
        members = [c for c in codes if province[c] == g]
        sg, pg = sum(s[c] for c in members), sum(pi[c] for c in members)
        between.append(float(sg) * math.log(float(sg / pg)))
        within.append(float(sg) * math.fsum(float(s[c] / sg) * math.log(float((s[c] / sg) / (pi[c] / pg))) for c in members))
    out["theil_between"], out["theil_within"] = math.fsum(between), math.fsum(within)
    for e in EPSILONS:
        name = "atkinson_" + (str(e.numerator) if e.denominator == 1 else str(float(e)))
        if e == 1:
            out[name] = 1 - math.exp(math.fsum(float(pi[c]) * math.log(float(y[c])) for c in codes)) / float(mu)
        else:
            mean = math.fsum(float(pi[c]) * float(y[c] / mu) ** float(1 - e) for c in codes)
            out[name] = 1 - mean ** (1 / float(1 - e))
    for alpha in ALPHAS:
        out[f"ge_{alpha}"] = entropy(alpha, {c: y[c] / mu for c in codes}, pi)
        parts = []
        for g in groups:
            members = [c for c in codes if province[c] == g]
            sg, pg = sum(s[c] for c in members), sum(pi[c] for c in members)
            own = entropy(alpha, {c: (s[c] / sg) / (pi[c] / pg) for c in members}, {c: pi[c] / pg for c in members})
            parts.append((sg, pg, own))
        out[f"ge_{alpha}_between"] = entropy(alpha, {g: sg / pg for g, (sg, pg, _) in zip(groups, parts)}, {g: pg for g, (_, pg, _) in zip(groups, parts)})
        out[f"ge_{alpha}_within"] = math.fsum(float(pg) ** (1 - alpha) * float(sg) ** alpha * float(own) for sg, pg, own in parts)
    out["cv"] = math.sqrt(float(sum(pi[c] * (y[c] - mu) ** 2 for c in codes))) / float(mu)
    out["max_min_ratio"] = max(y.values()) / min(y.values())
    out["hoover"] = sum(abs(s[c] - pi[c]) for c in codes) / 2
    R = sum(reference.values())
    out["loosemore_hanby"] = sum(abs(s[c] - reference[c] / R) for c in codes) / 2
    # Suits: regions by reference per inhabitant ascending, equal values merged.
    levels = sorted(set(reference[c] / population[c] for c in codes))
    x_prev = y_prev = F(0)
    area = F(0)
    for level in levels:
        members = [c for c in codes if reference[c] / population[c] == level]
        x = x_prev + sum(reference[c] for c in members) / R
        yy = y_prev + sum(a[c] for c in members) / A
        area += (x - x_prev) * (yy + y_prev) / 2
        x_prev, y_prev = x, yy
    out["suits"] = 1 - 2 * area
    return {k: float(v) for k, v in out.items()}


def entropy(alpha, ratio, weight):
    """GE(alpha) of the textbook (Shorrocks; Cowell): `sum_i w_i (r_i^alpha - 1) / (alpha (alpha - 1))`
    with `r_i` a person's amount over the mean and `w_i` the population share; the mean log
    deviation `sum_i w_i ln(1 / r_i)` for 0. Exact (a Fraction) for alpha 2."""
    if alpha == 0:
        return math.fsum(float(weight[k]) * math.log(1 / float(ratio[k])) for k in ratio)
    return sum(weight[k] * (ratio[k] ** alpha - 1) for k in ratio) / (alpha * (alpha - 1))


def expected():
    rows = {}
    totals = {}
    for measure, budgets in BUDGETS.items():
        for year, budget in budgets.items():
            r, x = rounded(measure, budget), unrounded(measure, budget)
            rows[(measure, year)] = (metrics(r), metrics(x))
            t = totals.setdefault(year, ({c: F(0) for c in codes}, {c: F(0) for c in codes}))
            for c in codes:
                t[0][c] += r[c]
                t[1][c] += x[c]
    for year, (r, x) in totals.items():
        rows[("all", year)] = (metrics(r), metrics(x))
    return rows


def pysal_check(rows):
    """Gini, Theil (between/within by province) and Atkinson of PySAL on one entry per inhabitant."""
    import numpy as np
    from inequality.atkinson import Atkinson
    from inequality.gini import Gini
    from inequality.theil import Theil, TheilD
    counts = [int(population[c]) for c in codes]
    labels = np.repeat(np.array([sorted(set(province.values())).index(province[c]) for c in codes]), counts)
    worst = 0.0
    for measure, budgets in BUDGETS.items():
        for year, budget in budgets.items():
            a = rounded(measure, budget)
            persons = np.repeat(np.array([float(a[c] / population[c]) for c in codes]), counts)
            ours = rows[(measure, year)][0]
            split = TheilD(persons, labels)
            theirs = {
                "gini": Gini(persons).g, "theil": Theil(persons).T,
                "theil_between": float(np.ravel(split.bg)[0]), "theil_within": float(np.ravel(split.wg)[0]),
                **{f"atkinson_{e}": Atkinson(persons, float(e)).A for e in ["0.5", "1", "2"]},
            }
            for name, value in theirs.items():
                worst = max(worst, abs(value - ours[name]) / max(abs(ours[name]), 1e-300))
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with verdeel's fairness.csv for the baseline")
    parser.add_argument("--verdeel", default=os.path.join(ROOT, ".build", "release", "verdeel"))
    args = parser.parse_args()
    rows = expected()
    pysal = pysal_check(rows)
    if pysal > 1e-9:
        print(f"PySAL disagrees with the reference: largest relative difference {pysal:.3g}")
        return 1
    if not args.check:
        for (measure, year), (value, exact) in sorted(rows.items()):
            for name in value:
                print(measure, year, name, repr(value[name]), repr(exact[name]))
        return 0
    with tempfile.TemporaryDirectory() as out:
        target = os.path.join(out, "run")
        subprocess.run([args.verdeel, "run", "Scenarios/sociale-agenda.verdeel", "--scenario", "baseline", "--output", target],
                       check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(target, "fairness.csv"), newline="") as f:
            written = list(csv.DictReader(f))
    worst, compared, problems = 0.0, 0, []
    seen = set()
    for row in written:
        key = (row["measure"], int(row["year"]))
        value, exact = rows[key]
        seen.add(key)
        for column, reference_values in (("value", value), ("value_exact", exact)):
            want = reference_values[row["metric"]]
            got = float(row[column])
            difference = abs(got - want) / max(abs(want), 1e-300)
            worst = max(worst, difference)
            compared += 1
            if difference > 1e-9:
                problems.append(f"{key} {row['metric']} {column}: verdeel {got!r}, reference {want!r}")
    if seen != set(rows):
        problems.append(f"measures and years differ: {sorted(set(rows) ^ seen)}")
    for problem in problems[:20]:
        print(problem)
    print(f"fairness of the baseline: {compared} values, largest relative difference {worst:.2g} from the reference; PySAL agrees within {pysal:.2g}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
