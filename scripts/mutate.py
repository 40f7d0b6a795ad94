#!/usr/bin/env python3
"""Random-mutation robustness run: seeded mutants of the bundled scenarios and CSV files,
each checked (and one in ten run) by the release binary; and mutants of the files verdeel
reads back: the parts of a sharded variant run and of a sharded sensitivity analysis
(shard.json, manifest.txt, provenance.json, the tables, design_outputs.csv: edits,
truncations, duplicated and swapped lines, files swapped between parts, a part given twice)
merged with `verdeel merge`, and output folders read back by `verdeel report`. Any crash (a
signal, or an exit code of 128 or more) or run over 10 s is a failure, and so is a silent
merge: a part mutated without its hashes recomputed that merges into anything but the
whole run's files. Half the part mutants recompute the sizes and hashes in shard.json as a
careful forger would: those must not crash or hang, and the ones merged (an edit that keeps
every row well-formed and in range, undetectable without a signature) are counted. The
offending inputs are kept in Fuzz/findings/. Prints the counts.

  swift build -c release --product verdeel
  python3 scripts/mutate.py [--scenarios 20000] [--csv 5000] [--parts 1000] [--folders 500] [--seed 2026] [--jobs 2]
"""
import argparse
import concurrent.futures
import filecmp
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts", "lib"))
from checking import READ_BACK_SCENARIO  # noqa: E402
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




def prepare_read_backs(base):
    """The parts (variant run and sensitivity analysis, 2 each), their whole runs' folders
    and two output folders (a plain run, a Monte Carlo run) that the mutants start from."""
    shutil.copy(os.path.join(ROOT, "Scenarios", "sociale-agenda.verdeel"), base)
    shutil.copytree(os.path.join(ROOT, "Scenarios", "data"), os.path.join(base, "data"))
    with open(os.path.join(base, "rb.verdeel"), "w", encoding="utf-8") as handle:
        handle.write(READ_BACK_SCENARIO)
    commands = [["run", "sociale-agenda.verdeel", "--scenario", "baseline", "--output", "plain"],
                ["run", "rb.verdeel", "--scenario", "mc", "--output", "mc-whole"],
                ["run", "rb.verdeel", "--scenario", "sens", "--output", "sens-whole"]]
    for kind in ("mc", "sens"):
        commands += [["run", "rb.verdeel", "--scenario", kind, "--shard", f"{i}/2", "--output", f"{kind}-{i}"] for i in (1, 2)]
    for command in commands:
        subprocess.run([BINARY] + command + ["--threads", "1"], cwd=base, capture_output=True, check=True, timeout=300)


def mutate_bytes(data, rng):
    """A text mutation (mutate()), or a byte-level one: a cut, a duplicated or dropped line."""
    choice = rng.randrange(4)
    if choice == 0:
        return data[:rng.randrange(len(data) + 1)]
    lines = data.split(b"\n")
    if choice == 1 and len(lines) > 1:
        index = rng.randrange(len(lines))
        lines.insert(index, lines[rng.randrange(len(lines))])
        return b"\n".join(lines)
    if choice == 2 and len(lines) > 2:
        del lines[rng.randrange(1, len(lines))]
        return b"\n".join(lines)
    return mutate(data.decode("utf-8", "surrogateescape"), rng).encode("utf-8", "surrogateescape")


def forge_hashes(part):
    """Recomputes every listed file's size and SHA-256 (and the provenance's) in shard.json."""
    path = os.path.join(part, "shard.json")
    try:
        record = json.load(open(path, encoding="utf-8"))
        for entry in record["files"]:
            data = open(os.path.join(part, entry["name"]), "rb").read()
            entry["bytes"], entry["sha256"] = len(data), hashlib.sha256(data).hexdigest()
            if entry["name"] == "provenance.json":
                record["provenance_sha256"] = entry["sha256"]
        open(path, "w", encoding="utf-8").write(json.dumps(record))
    except (ValueError, KeyError, TypeError, OSError, AttributeError):
        pass


def same_folders(first, second):
    names = sorted(os.listdir(first))
    return names == sorted(os.listdir(second)) and all(filecmp.cmp(os.path.join(first, n), os.path.join(second, n), shallow=False) for n in names)


def part_case(index, seed, base):
    """A mutated part (or a swap or duplicate between the two), merged."""
    rng = random.Random(seed * 3_000_003 + index)
    kind = "sens" if index % 2 else "mc"
    case = os.path.join(base, f"part-{index}")
    os.makedirs(case)
    try:
        parts = []
        for i in (1, 2):
            parts.append(os.path.join(case, f"p{i}"))
            shutil.copytree(os.path.join(base, f"{kind}-{i}"), parts[-1])
        victim = rng.choice(parts)
        files = sorted(os.listdir(victim))
        action = rng.randrange(10)
        if action == 0:
            name = rng.choice(files)
            other = parts[1] if victim == parts[0] else parts[0]
            if os.path.exists(os.path.join(other, name)):
                shutil.copy(os.path.join(other, name), os.path.join(victim, name))
            described = f"mutant {index} (seed {seed}): {name} swapped between the parts"
        elif action == 1:
            parts = [parts[0], parts[0]]
            described = f"mutant {index} (seed {seed}): a part given twice"
        else:
            name = "design_outputs.csv" if kind == "sens" and action < 5 else rng.choice(files)
            path = os.path.join(victim, name)
            data = open(path, "rb").read()
            open(path, "wb").write(mutate_bytes(data, rng))
            described = f"mutant {index} (seed {seed}): {kind} {os.path.basename(victim)}/{name} mutated"
        forged = rng.random() < 0.5 and action != 1
        if forged:
            forge_hashes(victim)
            described += ", sizes and hashes recomputed"
        out = os.path.join(case, "out")
        relative = [os.path.relpath(p, base) for p in parts]
        outcome = run(["merge"] + relative + ["--output", os.path.relpath(out, base)], base)
        if outcome == "ok" and os.path.isdir(out) and not same_folders(out, os.path.join(base, f"{kind}-whole")):
            outcome = "forged" if forged else "silent"
        return outcome, "part", described
    finally:
        shutil.rmtree(case, ignore_errors=True)


def folder_case(index, seed, base):
    """A mutated file of an output folder, read back by report."""
    rng = random.Random(seed * 4_000_003 + index)
    source = "plain" if index % 2 else "mc-whole"
    case = os.path.join(base, f"folder-{index}")
    shutil.copytree(os.path.join(base, source), case)
    try:
        name = rng.choice(sorted(os.listdir(case)))
        path = os.path.join(case, name)
        open(path, "wb").write(mutate_bytes(open(path, "rb").read(), rng))
        arguments = ["report", os.path.basename(case), "--output", os.path.basename(case) + ".html"]
        if source == "plain":
            arguments += ["--scenario", "baseline"]
        return run(arguments, base), "folder", f"mutant {index} (seed {seed}): {source}/{name} mutated"
    finally:
        shutil.rmtree(case, ignore_errors=True)
        if os.path.exists(case + ".html"):
            os.remove(case + ".html")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=20_000)
    parser.add_argument("--csv", type=int, default=5_000)
    parser.add_argument("--parts", type=int, default=1_000)
    parser.add_argument("--folders", type=int, default=500)
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
    counts = {"ok": 0, "crash": 0, "slow": 0, "silent": 0, "forged": 0}
    findings = []
    base = tempfile.mkdtemp(prefix="verdeel-read-backs-")
    try:
        prepare_read_backs(base)
        with concurrent.futures.ThreadPoolExecutor(max_workers=arguments.jobs) as pool:
            jobs = [pool.submit(scenario_case, i, arguments.seed, seeds) for i in range(arguments.scenarios)]
            jobs += [pool.submit(csv_case, i, arguments.seed, tables) for i in range(arguments.csv)]
            jobs += [pool.submit(part_case, i, arguments.seed, base) for i in range(arguments.parts)]
            jobs += [pool.submit(folder_case, i, arguments.seed, base) for i in range(arguments.folders)]
            for job in concurrent.futures.as_completed(jobs):
                outcome, kind, text = job.result()
                counts[outcome] += 1
                if outcome not in ("ok", "forged"):
                    findings.append((outcome, kind, text))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    if findings:
        folder = os.path.join(ROOT, "Fuzz", "findings")
        os.makedirs(folder, exist_ok=True)
        for number, (outcome, kind, text) in enumerate(findings):
            with open(os.path.join(folder, f"mutant-{number}-{outcome}-{kind}"), "w", encoding="utf-8", errors="surrogatepass") as handle:
                handle.write(text)
    total = arguments.scenarios + arguments.csv + arguments.parts + arguments.folders
    print(f"{arguments.scenarios} scenario, {arguments.csv} CSV, {arguments.parts} part and {arguments.folders} folder mutants (seed {arguments.seed}): "
          f"{counts['crash']} crashes, {counts['slow']} over {LIMIT:.0f} s, {counts['silent']} silent merges, "
          f"{counts['ok'] + counts['forged']} of {total} ended in order ({counts['forged']} forged parts with recomputed hashes merged)")
    if findings:
        raise SystemExit(f"{len(findings)} mutants crashed, ran too long or merged silently; they are in Fuzz/findings/")


if __name__ == "__main__":
    sys.exit(main())
