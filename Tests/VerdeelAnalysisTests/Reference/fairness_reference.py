#!/usr/bin/env python3
"""Independent reference for the fairness metrics of the bundled baseline (docs/fairness.md).

Written from the documented formulas, not from verdeel's code: the amounts come from the
exact reference of the allocation (Tests/SocialeAgendaTests/Reference), the metrics from
their textbook definitions, in exact rational arithmetic wherever they are rational (Gini by
its double sum over all pairs, Hoover, Loosemore-Hanby, Suits, max/min) and with
math.fsum where they need logarithms or powers. PySAL's `inequality` package, run on the
population-expanded vector (one entry per inhabitant), cross-checks Gini, Theil (with its
between/within split by province) and Atkinson.

The Gini by source (Lerman-Yitzhaki) and by region come from the parts of the reference's
own allocation (base, each key criterion, rounding) in exact arithmetic, the identity
`sum of contributions = Gini` asserted exactly.

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


def sources(measure, budget):
    """The parts of the rounded amounts (docs/fairness.md, Gini by source), exact:
    (component, part, criterion, region -> euros) with the base, each key criterion's
    `remainder x weight x share`, and rounding (rounded - unrounded) of each pool."""
    s_inh, s_area, s_need = ref.shares(ref.inhabitants), ref.shares(ref.land_area), ref.shares(ref.need)

    def rounding(paid, key, base, total):
        return {c: F(paid[c]) - base - (total - base * len(codes)) * sum(w * sh[c] for w, sh in key) for c in codes}

    if measure == "ontmoetingsplekken":
        key = [(F(1, 2), s_inh), (F(1, 2), s_area)]
        return [("", "key", "inhabitants", {c: budget * key[0][0] * s_inh[c] for c in codes}),
                ("", "key", "area", {c: budget * key[1][0] * s_area[c] for c in codes}),
                ("", "rounding", "", rounding(ref.meeting_places(budget), key, 0, budget))]
    d = budget - ref.topslice(budget, F(5, 100))
    if measure == "wijk":
        remainder = d - 200_000 * len(codes)
        return [("", "base", "", {c: F(200_000) for c in codes}),
                ("", "key", "inhabitants", {c: remainder * s_inh[c] for c in codes}),
                ("", "rounding", "", rounding(ref.district_support(budget), [(F(1), s_inh)], 200_000, d))]
    key = [(F(20, 100), s_inh), (F(80, 100), s_need)]
    out = []
    for name, (part, paid) in ref.youth_work(budget).items():
        out += [(name, "key", "inhabitants", {c: part * key[0][0] * s_inh[c] for c in codes}),
                (name, "key", "need", {c: part * key[1][0] * s_need[c] for c in codes}),
                (name, "rounding", "", rounding(paid, key, 0, part))]
    return out


def mid_ranks(y, pi):
    """F_c: the population share below y_c plus half that of the regions equal to it."""
    return {c: sum(pi[d] for d in codes if y[d] < y[c]) + sum(pi[d] for d in codes if y[d] == y[c]) / 2 for c in codes}


def gini_by_source(parts):
    """Lerman and Yitzhaki (1985) on the per-person parts, exact: for each part its share S,
    own Gini G (None for a mean of 0), Gini correlation R (None for an own covariance of 0),
    contribution S G R = 2 cov(y_k, F) / mu and elasticity contribution / Gini - S."""
    P = sum(population.values())
    pi = {c: population[c] / P for c in codes}
    per = [{c: euros[c] / population[c] for c in codes} for _, _, _, euros in parts]
    y = {c: sum(p[c] for p in per) for c in codes}
    mu = sum(pi[c] * y[c] for c in codes)
    ranks = mid_ranks(y, pi)

    def cov(x, f):
        mean = sum(pi[c] * x[c] for c in codes)
        return sum(pi[c] * (x[c] - mean) * (f[c] - F(1, 2)) for c in codes)

    gini = sum(population[i] * population[j] * abs(y[i] - y[j]) for i in codes for j in codes) / (2 * P * P * mu)
    out = {}
    for (component, part, criterion, _), x in zip(parts, per):
        mean = sum(pi[c] * x[c] for c in codes)
        own = cov(x, mid_ranks(x, pi))
        contribution = 2 * cov(x, ranks) / mu
        out[(component, part, criterion)] = {
            "share": mean / mu, "gini": 2 * own / mean if mean != 0 else None,
            "correlation": cov(x, ranks) / own if own != 0 else None,
            "contribution": contribution, "elasticity": contribution / gini - mean / mu}
    assert sum(v["contribution"] for v in out.values()) == gini
    return out


def gini_by_region(a):
    """Each region's `pi_i sum_j pi_j |y_i - y_j| / (2 mu)`, exact."""
    P = sum(population.values())
    y = {c: a[c] / population[c] for c in codes}
    mu = sum(a.values()) / P
    return {i: population[i] * sum(population[j] * abs(y[i] - y[j]) for j in codes) / (2 * P * P * mu) for i in codes}


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


def expected_splits():
    """The Gini by source per measure and year, and by region per measure (and all) and year."""
    by_source, by_region, totals = {}, {}, {}
    for measure, budgets in BUDGETS.items():
        for year, budget in budgets.items():
            by_source[(measure, year)] = gini_by_source(sources(measure, budget))
            r = rounded(measure, budget)
            by_region[(measure, year)] = gini_by_region(r)
            t = totals.setdefault(year, {c: F(0) for c in codes})
            for c in codes:
                t[c] += r[c]
    for year, r in totals.items():
        by_region[("all", year)] = gini_by_region(r)
    return by_source, by_region


def compare_splits(target):
    """Every figure of gini_sources.csv and gini_regions.csv against the exact reference:
    within 1e-9 of the reference, relative to the larger of the value and the Gini (a
    rounding part's contribution is 1e-7 of it). A rounding part is the paid amount minus
    the unrounded one, a double known to about 1e-16 of the amount (1e-10 euro of EUR 1.5
    million), so it is known to about 1e-9 of itself and its correlation is checked to 1e-8."""
    by_source, by_region = expected_splits()
    worst, compared, problems = 0.0, 0, []

    def check(where, got, want, scale, tolerance=1e-9):
        nonlocal worst, compared
        if want is None or got == "":
            if (want is None) != (got == ""):
                problems.append(f"{where}: verdeel {got!r}, reference {want!r}")
            return
        difference = abs(float(got) - float(want)) / max(abs(float(want)), scale)
        worst, compared = max(worst, difference), compared + 1
        if difference > tolerance:
            problems.append(f"{where}: verdeel {got}, reference {float(want)!r}")

    with open(os.path.join(target, "gini_sources.csv"), newline="") as f:
        written = list(csv.DictReader(f))
    seen = set()
    for row in written:
        key = (row["measure"], int(row["year"]))
        part = (row["component"], row["part"], row["criterion"])
        want = by_source[key][part]
        seen.add(key + part)
        gini = float(sum(v["contribution"] for v in by_source[key].values()))
        for column in ("share", "gini", "correlation", "contribution", "elasticity"):
            tolerance = 1e-8 if (row["part"], column) == ("rounding", "correlation") else 1e-9
            check(f"gini_sources {key} {part} {column}", row[column], want[column], gini if column in ("contribution", "elasticity") else 1e-300, tolerance)
    expected_parts = {key + part for key, parts in by_source.items() for part in parts}
    if seen != expected_parts:
        problems.append(f"gini_sources: parts differ: {sorted(seen ^ expected_parts)[:5]}")
    with open(os.path.join(target, "gini_regions.csv"), newline="") as f:
        written = list(csv.DictReader(f))
    for row in written:
        key = (row["measure"], int(row["year"]))
        check(f"gini_regions {key} {row['region']}", row["contribution"], by_region[key][row["region"]], 1e-300)
    if len(written) != sum(len(v) for v in by_region.values()):
        problems.append(f"gini_regions: {len(written)} rows, the reference has {sum(len(v) for v in by_region.values())}")
    return worst, compared, problems


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
        split_worst, split_compared, split_problems = compare_splits(target)
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
    problems += split_problems
    for problem in problems[:20]:
        print(problem)
    print(f"fairness of the baseline: {compared} values, largest relative difference {worst:.2g} from the reference; PySAL agrees within {pysal:.2g}")
    print(f"Gini by source and by region: {split_compared} values, largest relative difference {split_worst:.2g} from the exact reference")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
