#!/usr/bin/env python3
"""The numpy peer of verdeel's benchmark workloads (Benchmarks/workloads/w1..w4).

It computes what verdeel computes - the same data, rules, largest-remainder rounding to
whole euros (ties to the lowest region code) and the same statistics (mean, sd with
ddof=1, P5/P50/P95 by numpy's default 'linear' = Hyndman-Fan type 7, share of draws below
the baseline) - written as a competent numpy user would: vectorised over variants x draws
x regions in blocks of variants, random numbers from numpy's Philox with the workload's
seed (the draws differ from verdeel's, the distributions do not).

  python3 Benchmarks/peer/peer.py w3 [--summary FILE] [--variants N] [--draws N]
prints the seconds spent computing; --summary writes summary.csv like verdeel's.
"""
import argparse
import csv
import os
import sys
import time

import numpy as np

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DATA = os.path.join(ROOT, "Scenarios", "data")


def read_table(name, key="code"):
    with open(os.path.join(DATA, name), newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows.sort(key=lambda row: row[key])
    return rows


def column(rows, name):
    return np.array([float(row[name]) for row in rows])


def regional_data(national):
    """Inhabitants, land area, SES-WOA mean, spread and households, in region-code order."""
    if national:
        regions = read_table("national-municipalities-2024.csv")
        ses = {row["code"]: row for row in read_table("ses-woa-national-synthetic.csv")}
        inhabitants = column(regions, "inhabitants_2024")
    else:
        regions = read_table("municipalities-2024.csv")
        ses = {row["code"]: row for row in read_table("ses-woa-synthetic.csv")}
        inhabitants = column(regions, "inhabitants")
    joined = [ses[row["code"]] for row in regions]
    return dict(
        codes=[row["code"] for row in regions], inhabitants=inhabitants, area=column(regions, "land_area_km2"),
        ses_mean=column(joined, "ses_woa_mean"), ses_spread=column(joined, "ses_woa_spread"),
        households=column(joined, "households"))


def need(inhabitants, ses):
    """inhabitants x max(0, highest(ses) - ses), per row (draw) over the last axis."""
    return inhabitants * np.maximum(0.0, ses.max(axis=-1, keepdims=True) - ses)


def shares(values):
    return values / values.sum(axis=-1, keepdims=True)


def round_largest_remainder(exact, total):
    """Whole units summing to `total` along the last axis; ties to the lowest index."""
    floors = np.floor(exact)
    remainders = exact - floors
    deficit = (total - floors.sum(axis=-1)).round().astype(np.int64)
    order = np.argsort(-remainders, axis=-1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(exact.shape[-1]), axis=-1)
    return floors + (ranks < deficit[..., None])


def summarise(amounts, baseline):
    """amounts: (variants, draws, regions) -> per variant and region the six statistics."""
    mean = amounts.mean(axis=1)
    sd = amounts.std(axis=1, ddof=1) if amounts.shape[1] > 1 else np.zeros_like(mean)
    p05, p50, p95 = np.percentile(amounts, [5, 50, 95], axis=1)
    below = (amounts < baseline).mean(axis=1)
    return np.stack([mean, sd, p05, p50, p95, below], axis=-1)


def pool_units(budget, topslice=0.05):
    """The euros distributed after a percentage top-slice rounded half up."""
    return budget - int(np.floor(budget * topslice + 0.5))


def montecarlo(national, draws, variants, seed, block=10):
    data = regional_data(national)
    total = pool_units(9_400_000)
    rng = np.random.Generator(np.random.Philox(seed))
    regions = len(data["codes"])
    z_ses = rng.standard_normal((draws, regions))
    z_inhabitants = rng.standard_normal((draws, regions))
    inhabitants = data["inhabitants"] * (1 + 0.01 * z_inhabitants)
    ses = data["ses_mean"] + data["ses_spread"] / np.sqrt(data["households"]) * z_ses
    s_inhabitants = shares(inhabitants)
    s_need = shares(need(inhabitants, ses))
    nominal = 0.5 * shares(data["inhabitants"]) + 0.5 * shares(need(data["inhabitants"], data["ses_mean"]))
    baseline = round_largest_remainder(total * nominal, total)
    w = np.linspace(0.0, 1.0, variants)
    result = np.empty((variants, regions, 6))
    for start in range(0, variants, block):
        wb = w[start:start + block, None, None]
        exact = total * ((1 - wb) * s_inhabitants + wb * s_need)
        result[start:start + block] = summarise(round_largest_remainder(exact, total), baseline)
    return data["codes"], w, result


def simplex():
    data = regional_data(False)
    total = pool_units(9_400_000)
    criteria = np.stack([shares(data["inhabitants"]), shares(need(data["inhabitants"], data["ses_mean"])), shares(data["area"])])
    weights = np.array([(a, b, 100 - a - b) for a in range(101) for b in range(101 - a)], dtype=float) / 100
    nominal = np.array([0.2, 0.7, 0.1]) @ criteria
    baseline = round_largest_remainder(total * nominal, total)
    amounts = round_largest_remainder(total * (weights @ criteria), total)[:, None, :]
    return data["codes"], weights, summarise(amounts, baseline)


def baseline_w1():
    """The Sociale Agenda baseline, 2026-2032: three measures, top-slices, base, components."""
    data = regional_data(False)
    inh, area = data["inhabitants"], data["area"]
    s_inh, s_area, s_need = shares(inh), shares(area), shares(need(inh, data["ses_mean"]))
    out = {}
    years = range(2026, 2033)
    meeting = dict(zip(years, [10e6, 10e6, 20e6, 30e6, 30e6, 30e6, 8e6]))
    support = dict(zip(years, [3e6, 4e6] + [6.5e6] * 5))
    youth = dict(zip(years, [7e6, 9e6] + [9.4e6] * 5))
    for year in years:
        total = int(meeting[year])
        out[("ontmoetingsplekken", year)] = round_largest_remainder(total * (0.5 * s_inh + 0.5 * s_area), total)
        total = pool_units(int(support[year]))
        rest = total - 13 * 200_000
        out[("wijk", year)] = round_largest_remainder(200_000 + rest * s_inh, total)
        total = pool_units(int(youth[year]))
        parts = np.array([2.0, 2.0, 5.4]) / 9.4 * total
        split = round_largest_remainder(parts, total)
        key = 0.2 * s_inh + 0.8 * s_need
        out[("jongerenwerk", year)] = sum(round_largest_remainder(int(p) * key, int(p)) for p in split)
    return out


def write_summary(path, codes, result, year=2028):
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["variant", "measure", "year", "region", "mean", "sd", "p05", "p50", "p95", "p_below_baseline"])
        for variant in range(result.shape[0]):
            for region, code in enumerate(codes):
                writer.writerow([variant + 1, "jongerenwerk", year, code] + [repr(float(x)) for x in result[variant, region]])


def run(workload, variants=None, draws=None):
    """Seconds and output of one workload; w3 and w4 may be made smaller (variants, draws)."""
    started = time.perf_counter()
    if workload == "w1":
        output = (None, None, baseline_w1())
    elif workload == "w2":
        output = simplex()
    elif workload == "w3":
        output = montecarlo(False, draws=draws or 10_000, variants=variants or 1_000, seed=42)
    elif workload == "w4":
        output = montecarlo(True, draws=draws or 2_000, variants=variants or 1_000, seed=42)
    else:
        raise SystemExit(f"unknown workload {workload!r}; use w1, w2, w3 or w4")
    return time.perf_counter() - started, output


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workload", choices=["w1", "w2", "w3", "w4"])
    parser.add_argument("--summary", help="write summary.csv here (w2, w3, w4)")
    parser.add_argument("--variants", type=int, help="w3, w4: this many variants instead of 1,000")
    parser.add_argument("--draws", type=int, help="w3, w4: this many draws instead of the workload's")
    arguments = parser.parse_args()
    seconds, (codes, _, result) = run(arguments.workload, arguments.variants, arguments.draws)
    if arguments.summary and codes is not None:
        write_summary(arguments.summary, codes, result)
    print(f"{seconds:.6f}")


if __name__ == "__main__":
    sys.exit(main())
