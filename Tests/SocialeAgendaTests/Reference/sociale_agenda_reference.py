#!/usr/bin/env python3
"""Independent reference for the Sociale Agenda baseline (docs/allocation-rules.md and docs/sociale-agenda.md).

Exact rational arithmetic (fractions.Fraction), written from the documented formulas
without using verdeel's code. Its output is the source of the expected amounts asserted in
SocialeAgendaBaselineTests.swift. Run from the repository root:

    python3 Tests/SocialeAgendaTests/Reference/sociale_agenda_reference.py
"""
import csv
from fractions import Fraction as F

DATA = "Scenarios/data/"

def rows(name):
    with open(DATA + name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))

municipalities = {r["code"]: r for r in rows("municipalities-2024.csv")}
ses = {r["code"]: F(r["ses_woa_mean"]) for r in rows("ses-woa-synthetic.csv")}
codes = sorted(municipalities)
inhabitants = {c: F(municipalities[c]["inhabitants"]) for c in codes}
land_area = {c: F(municipalities[c]["land_area_km2"]) for c in codes}
highest = max(ses.values())
need = {c: inhabitants[c] * max(F(0), highest - ses[c]) for c in codes}

def shares(values):
    total = sum(values.values())
    return {c: v / total for c, v in values.items()}

def largest_remainder(exact, total, order):
    """Floors first; the units left go to the largest fractional parts, ties by `order`."""
    floors = {k: v.numerator // v.denominator for k, v in exact.items()}
    left = total - sum(floors.values())
    ranked = sorted(exact, key=lambda k: (-(exact[k] - floors[k]), order.index(k)))
    for k in ranked[:left]:
        floors[k] += 1
    return floors

def distribute(total, key, base=0):
    """a_m = base + (total - M*base) * sum_k w_k share_k(m), rounded to whole euros."""
    remainder = total - base * len(codes)
    exact = {c: base + remainder * sum(w * s[c] for w, s in key) for c in codes}
    return largest_remainder(exact, total, codes)

def topslice(budget, fraction):
    exact = budget * fraction
    whole = exact.numerator // exact.denominator
    return whole + (1 if exact - whole >= F(1, 2) else 0)

def meeting_places(budget):
    return distribute(budget, [(F(1, 2), shares(inhabitants)), (F(1, 2), shares(land_area))])

def district_support(budget):
    d = budget - topslice(budget, F(5, 100))
    return distribute(d, [(F(1), shares(inhabitants))], base=200_000)

def youth_work(budget):
    d = budget - topslice(budget, F(5, 100))
    names = ["cultuurcoaches", "buurtsportcoaches", "jongerenwerk en opbouwwerk"]
    proportions = [F(2_000_000), F(2_000_000), F(5_400_000)]
    parts = largest_remainder({n: d * p / sum(proportions) for n, p in zip(names, proportions)}, d, names)
    key = [(F(20, 100), shares(inhabitants)), (F(80, 100), shares(need))]
    return {n: (parts[n], distribute(parts[n], key)) for n in names}

if __name__ == "__main__":
  for year, budgets in [(2026, (10_000_000, 3_000_000, 7_000_000)), (2028, (20_000_000, 6_500_000, 9_400_000))]:
    print(f"== {year}")
    print("ontmoetingsplekken", meeting_places(budgets[0]))
    print("wijk- en dorpsondersteuning", district_support(budgets[1]))
    for name, (part, amounts) in youth_work(budgets[2]).items():
        print(f"jongerenwerk/{name} {part}", amounts)
