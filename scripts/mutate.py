#!/usr/bin/env python3
"""Random-mutation robustness run: seeded mutants of the bundled scenarios and CSV files,
each checked (and one in ten run) by the release binary. Any crash (a signal, or an exit
code of 128 or more) or run over 10 s is a failure; the offending inputs are kept in
Fuzz/findings/. Prints the counts.

  swift build -c release --product verdeel
  python3 scripts/mutate.py [--scenarios 20000] [--csv 5000] [--seed 2026] [--jobs 2]
"""
import argparse
import concurrent.futures
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
BINARY = os.path.join(ROOT, ".build", "release", "verdeel")
LIMIT = 10.0
CHARACTERS = list("{}()[],.:;=%kM_0123456789abcdefghijklmnopqrstuvwxyz\"#\n\t -+*/^<>!$€\u00a0\u200b\ufeff")
NUMBERS = ["0", "-1", "1.000", "6,5M", "5,0%", "99999999999999999999", "1e300", "0.001", "200.000", "100000000", "1_000_000_000_000", "2.5051"]
SMALL = {"count 100_000": "count 20", "count 1000": "count 20", "draws 10_000": "draws 300", "draws 2_000": "draws 200", "step 1%": "step 20%"}


def scenario_seeds():
    seeds = []
    for folder in ("Scenarios", os.path.join("Benchmarks", "workloads")):
        for name in sorted(os.listdir(os.path.join(ROOT, folder))):
            if name.endswith(".verdeel"):
                text = open(os.path.join(ROOT, folder, name), encoding="utf-8").read()
                for large, small in SMALL.items():
                    text = text.replace(large, small)
                text = text.replace("../../Scenarios/data/", "data/")
                seeds.append(text)
    return seeds


def mutate(text, rng):
    """One to four random edits: characters, numbers, words and whole lines."""
    for _ in range(rng.randint(1, 4)):
        lines = text.split("\n")
        choice = rng.randrange(9)
        position = rng.randrange(len(text) + 1) if text else 0
        if choice == 0 and text:
            text = text[:position] + text[position + 1:]
        elif choice == 1:
            text = text[:position] + rng.choice(CHARACTERS) + text[position:]
        elif choice == 2:
            words = [w for w in text.replace("\n", " ").split(" ") if w]
            if words:
                text = text.replace(rng.choice(words), rng.choice(NUMBERS + words), 1)
        elif choice == 3 and len(lines) > 1:
            del lines[rng.randrange(len(lines))]
            text = "\n".join(lines)
        elif choice == 4:
            index = rng.randrange(len(lines))
            lines.insert(index, lines[rng.randrange(len(lines))])
            text = "\n".join(lines)
        elif choice == 5 and len(lines) > 1:
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
        elif choice == 6:
            text = text[:position]
        elif choice == 7:
            digits = [i for i, c in enumerate(text) if c.isdigit()]
            if digits:
                i = rng.choice(digits)
                text = text[:i] + rng.choice(NUMBERS) + text[i + 1:]
        else:
            text = text.replace(",", ";", 1) if rng.random() < 0.5 else text.replace("\n", "\r\n")
    return text


def run(arguments, directory):
    """(outcome, seconds): 'ok' for any orderly exit, 'crash' or 'slow' otherwise."""
    try:
        completed = subprocess.run([BINARY] + arguments, cwd=directory, capture_output=True, timeout=LIMIT, check=False)
    except subprocess.TimeoutExpired:
        return "slow"
    return "crash" if completed.returncode < 0 or completed.returncode >= 128 else "ok"


def scenario_case(index, seed, seeds):
    rng = random.Random(seed * 1_000_003 + index)
    directory = tempfile.mkdtemp(prefix="verdeel-mutant-")
    try:
        text = mutate(rng.choice(seeds), rng).replace('"data/', '"' + os.path.join(ROOT, "Scenarios", "data") + "/")
        path = os.path.join(directory, "m.verdeel")
        with open(path, "w", encoding="utf-8", errors="surrogatepass") as handle:
            handle.write(text)
        allow = ["--allow-read", os.path.join(ROOT, "Scenarios", "data")]
        outcome = run(["check", "m.verdeel"] + allow, directory)
        if outcome == "ok" and index % 10 == 0:
            outcome = run(["run", "m.verdeel", "--output", "out", "--threads", "1"] + allow, directory)
        return outcome, "scenario", text
    finally:
        shutil.rmtree(directory, ignore_errors=True)


CSV_SCENARIO = """scenario s {
    data {
        regions "regions.csv" {
            inhabitants: count
            land_area_km2: nonnegative
        }
        table ses "ses.csv" {
            ses_woa_mean: score
        }
        districts "districts.csv" region municipality_code missing_as_zero {
            inhabitants: count
        }
    }
    criterion need = inhabitants * max(0, highest(ses_woa_mean) - ses_woa_mean) + sum_districts(inhabitants)
    measure m {
        budget 2026: 1M
        base 10k if infeasible scale
        floor 1k
        key inhabitants 50%, need 30%, land_area_km2 20%
    }
}
"""


def csv_case(index, seed, tables):
    rng = random.Random(seed * 2_000_003 + index)
    directory = tempfile.mkdtemp(prefix="verdeel-mutant-")
    try:
        files = dict(tables)
        name = rng.choice(sorted(files))
        files[name] = mutate(files[name], rng)
        for file_name, text in files.items():
            with open(os.path.join(directory, file_name), "w", encoding="utf-8", errors="surrogatepass") as handle:
                handle.write(text)
        with open(os.path.join(directory, "s.verdeel"), "w", encoding="utf-8") as handle:
            handle.write(CSV_SCENARIO)
        return run(["run", "s.verdeel", "--format", "csv"], directory), name, files[name]
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=20_000)
    parser.add_argument("--csv", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    arguments = parser.parse_args()
    if not os.path.exists(BINARY):
        raise SystemExit("build the release binary first: swift build -c release --product verdeel")
    data = os.path.join(ROOT, "Scenarios", "data")
    tables = {
        "regions.csv": open(os.path.join(data, "municipalities-2024.csv"), encoding="utf-8").read(),
        "ses.csv": open(os.path.join(data, "ses-woa-synthetic.csv"), encoding="utf-8").read(),
        "districts.csv": open(os.path.join(data, "districts-2024.csv"), encoding="utf-8").read(),
    }
    seeds = scenario_seeds()
    counts = {"ok": 0, "crash": 0, "slow": 0}
    findings = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=arguments.jobs) as pool:
        jobs = [pool.submit(scenario_case, i, arguments.seed, seeds) for i in range(arguments.scenarios)]
        jobs += [pool.submit(csv_case, i, arguments.seed, tables) for i in range(arguments.csv)]
        for job in concurrent.futures.as_completed(jobs):
            outcome, kind, text = job.result()
            counts[outcome] += 1
            if outcome != "ok":
                findings.append((outcome, kind, text))
    if findings:
        folder = os.path.join(ROOT, "Fuzz", "findings")
        os.makedirs(folder, exist_ok=True)
        for number, (outcome, kind, text) in enumerate(findings):
            with open(os.path.join(folder, f"mutant-{number}-{outcome}-{kind}"), "w", encoding="utf-8", errors="surrogatepass") as handle:
                handle.write(text)
    total = arguments.scenarios + arguments.csv
    print(f"{arguments.scenarios} scenario and {arguments.csv} CSV mutants (seed {arguments.seed}): "
          f"{counts['crash']} crashes, {counts['slow']} over {LIMIT:.0f} s, {counts['ok']} of {total} ended in order")
    if findings:
        raise SystemExit(f"{len(findings)} mutants crashed or ran too long; they are in Fuzz/findings/")


if __name__ == "__main__":
    sys.exit(main())
