#!/usr/bin/env python3
"""Sharded runs merged byte for byte, and the merge's refusals.

w3 in 2 and 3 parts, a scenario with ranks, fairness, losses, a floor that binds and
infeasible variants, and a Sobol analysis (with S2) and a Morris analysis in 1, 2, 3 and 7
parts (uneven splits, parts with no variants or rows): the merged folder must equal the
unsharded run's file by file. Then bad input: --shard 0/4, 5/4 and 1/0; a Sobol stop rule;
parts of two different runs (also a sensitivity part among variant parts); a part of another
engine version; a missing part; a part given twice; a part whose summary.csv was cut off; a
scenario changed after its parts ran: each a clear error, nothing written.

Usage: scripts/check-shards.py [VERDEEL]
"""
import filecmp
import json
import os
import shutil
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts/lib"))
from checking import Checks, monte_carlo_block, run_verdeel  # noqa: E402

check = Checks()
VERDEEL = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/verdeel"))

MIXED = """include "sociale-agenda.verdeel"

scenario mixed extends baseline {
    measure wijk {
        floor 215k
    }
    variants {
        base wijk in 150k, 200k, 400k
        weight jongerenwerk need from 40% to 80% count 5
    }
    montecarlo {
        draws 300
        seed 9
        ranks
        perturb ses_woa_mean normal sd ses_woa_spread / sqrt(households)
        perturb inhabitants normal sd 1%
    }
}
"""


SENSITIVITY = """include "sociale-agenda.verdeel"

scenario sobol extends baseline {
""" + monte_carlo_block(100, 42) + """    sensitivity sobol 32 seed 7 {
        weight jongerenwerk need from 50% to 90%
        base wijk from 150k to 210k
        perturb ses_woa_mean
        dummy
        second_order
    }
}

scenario morris extends baseline {
    montecarlo {
        draws 100
        seed 42
        perturb inhabitants normal sd 1%
    }
    sensitivity morris 10 seed 3 {
        weight jongerenwerk need from 50% to 90%
        topslice jongerenwerk ondersteuning from 3% to 7%
        perturb inhabitants
        levels 4
    }
}

scenario adaptive extends sobol {
    sensitivity sobol 32 seed 7 {
        weight jongerenwerk need from 50% to 90%
        dummy
        until width 0.05 max 256
    }
}
"""


def verdeel(*args, cwd, expect=0):
    return run_verdeel(VERDEEL, *args, cwd=cwd, expect=expect)


def same_folders(first, second):
    names = sorted(os.listdir(first))
    if names != sorted(os.listdir(second)):
        return f"files {names} != {sorted(os.listdir(second))}"
    different = [name for name in names if not filecmp.cmp(os.path.join(first, name), os.path.join(second, name), shallow=False)]
    return f"different: {different}" if different else None


def sharded(work, scenario, arguments, count, label):
    parts = []
    for index in range(1, count + 1):
        part = f"{label}-{count}-{index}"
        verdeel("run", scenario, *arguments, "--shard", f"{index}/{count}", "--output", part, cwd=work)
        parts.append(part)
    verdeel("merge", *reversed(parts), "--output", f"{label}-merged-{count}", cwd=work)
    problem = same_folders(os.path.join(work, f"{label}-whole"), os.path.join(work, f"{label}-merged-{count}"))
    check(problem is None, f"{label} in {count} parts: {problem}")
    return parts


def refused(work, args, words, label, output=None):
    result = verdeel(*args, cwd=work, expect=1)
    check(result.returncode != 0, f"{label}: exit code 0")
    check(all(word in result.stderr for word in words), f"{label}: {result.stderr.strip()!r} lacks {words}")
    if output:
        check(not os.path.exists(os.path.join(work, output)), f"{label}: {output} was written")


def main():
    work = tempfile.mkdtemp()
    try:
        shutil.copy(os.path.join(ROOT, "Scenarios/sociale-agenda.verdeel"), work)
        shutil.copytree(os.path.join(ROOT, "Scenarios/data"), os.path.join(work, "data"))
        os.makedirs(os.path.join(work, "Benchmarks/workloads"))
        shutil.copy(os.path.join(ROOT, "Benchmarks/workloads/w3-montecarlo.verdeel"), os.path.join(work, "Benchmarks/workloads"))
        os.makedirs(os.path.join(work, "Scenarios"))
        shutil.copytree(os.path.join(ROOT, "Scenarios/data"), os.path.join(work, "Scenarios/data"))
        with open(os.path.join(work, "mixed.verdeel"), "w") as handle:
            handle.write(MIXED)

        w3 = "Benchmarks/workloads/w3-montecarlo.verdeel"
        verdeel("run", w3, "--output", "w3-whole", cwd=work)
        for count in (2, 3):
            w3_parts = sharded(work, w3, [], count, "w3")
        verdeel("run", "mixed.verdeel", "--scenario", "mixed", "--output", "mixed-whole", cwd=work)
        check(os.path.exists(os.path.join(work, "mixed-whole/infeasible.csv")) and os.path.exists(os.path.join(work, "mixed-whole/ranks.csv")),
              "the mixed scenario has no infeasible variants or ranks")
        for count in (1, 2, 3, 7):
            parts = sharded(work, "mixed.verdeel", ["--scenario", "mixed"], count, "mixed")

        with open(os.path.join(work, "sensitivity.verdeel"), "w") as handle:
            handle.write(SENSITIVITY)
        for method in ("sobol", "morris"):
            verdeel("run", "sensitivity.verdeel", "--scenario", method, "--output", f"{method}-whole", cwd=work)
            for count in (1, 2, 3, 7):
                sensitivity_parts = sharded(work, "sensitivity.verdeel", ["--scenario", method], count, method)
        check(os.path.exists(os.path.join(work, "sobol-whole/s2.csv")) and os.path.exists(os.path.join(work, "morris-whole/morris.csv")),
              "the sensitivity runs wrote no s2.csv or morris.csv")
        refused(work, ["run", "sensitivity.verdeel", "--scenario", "adaptive", "--shard", "1/2", "--output", "bad"], ["stop rule", "cannot be split"], "a stop rule", "bad")
        refused(work, ["merge", sensitivity_parts[0], *parts[1:], "--output", "bad"], ["different runs"], "a sensitivity part with variant parts", "bad")
        refused(work, ["merge", *sensitivity_parts[1:], "--output", "bad"], ["missing part 1 (design rows 1-"], "a missing sensitivity part", "bad")
        changed = os.path.join(work, "sensitivity.verdeel")
        open(changed, "a").write("\n# changed after the parts ran\n")
        refused(work, ["merge", *sensitivity_parts, "--output", "bad"], ["changed since the parts were run"], "a scenario changed since its parts ran", "bad")

        for bad in ("0/4", "5/4", "1/0"):
            refused(work, ["run", w3, "--shard", bad, "--output", "bad"], [f"--shard {bad}"], f"--shard {bad}", "bad")
        refused(work, ["run", "sociale-agenda.verdeel", "--shard", "1/2", "--output", "bad"], ["only variant, Monte Carlo and sensitivity runs can be sharded"], "a plain run", "bad")
        refused(work, ["merge", w3_parts[0], *parts[1:], "--output", "bad"], ["different runs"], "parts of two runs", "bad")
        refused(work, ["merge", *parts[:-1], "--output", "bad"], ["missing part 7", "--shard I/7"], "a missing part", "bad")
        refused(work, ["merge", *parts, parts[1], "--output", "bad"], ["given twice"], "a part given twice", "bad")
        other = os.path.join(work, "old-part")
        shutil.copytree(os.path.join(work, parts[1]), other)
        record = json.load(open(os.path.join(other, "shard.json")))
        record["engine_version"] = "0.2.0"
        json.dump(record, open(os.path.join(other, "shard.json"), "w"))
        refused(work, ["merge", parts[0], "old-part", *parts[2:], "--output", "bad"], ["0.2.0", "one engine version"], "a part of another engine version", "bad")
        summary = os.path.join(work, parts[-1], "summary.csv")
        data = open(summary, "rb").read()
        open(summary, "wb").write(data[: len(data) // 2])
        refused(work, ["merge", *parts, "--output", "bad"], ["summary.csv has", "cut off"], "a cut-off part", "bad")
        refused(work, ["merge", "mixed-whole", "--output", "bad"], ["not a part of a sharded run"], "a folder that is no part", "bad")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    check.finish("shard", "shards: {count} checks passed (w3 in 2 and 3 parts, ranks, fairness, losses, limits and infeasible variants, a Sobol and a Morris analysis in 1, 2, 3 and 7 parts, byte for byte)")


if __name__ == "__main__":
    main()
