#!/usr/bin/env python3
"""Writes Scenarios/data/ses-woa-national-synthetic.csv: SYNTHETIC SES-WOA figures for the
342 municipalities of national-municipalities-2024.csv, for the w4 benchmark only.

NOT CBS figures. Drawn from numpy's Philox generator with seed 42:
  ses_woa_mean   ~ Normal(0, 0.25), rounded to 3 decimals (CBS scores centre on 0)
  ses_woa_spread ~ Uniform(0.65, 0.95), rounded to 3 decimals
  households     = inhabitants_2024 / 2.1, rounded to hundreds (at least 100)
Run from the repository root: python3 scripts/generate-national-ses-woa.py
"""
import csv
import numpy as np

SOURCE = "Scenarios/data/national-municipalities-2024.csv"
TARGET = "Scenarios/data/ses-woa-national-synthetic.csv"

rng = np.random.Generator(np.random.Philox(42))
with open(SOURCE, newline="") as handle:
    rows = list(csv.DictReader(handle))
means = rng.normal(0.0, 0.25, len(rows))
spreads = rng.uniform(0.65, 0.95, len(rows))
with open(TARGET, "w", newline="") as handle:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(["code", "name", "year", "ses_woa_mean", "ses_woa_spread", "households", "provenance"])
    for row, mean, spread in zip(rows, means, spreads):
        households = max(100, int(round(int(row["inhabitants_2024"]) / 2.1 / 100.0)) * 100)
        writer.writerow([row["code"], row["name"], "synthetic", f"{mean:.3f}", f"{spread:.3f}", households,
                         "SYNTHETIC - not CBS; seeded (scripts/generate-national-ses-woa.py); benchmarks only"])
