#!/usr/bin/env python3
"""Every output of two verdeel binaries, compared byte for byte.

  python3 scripts/compare-builds.py OLD_BINARY NEW_BINARY [--quick]

Runs the same commands with both binaries from the repository root (so every path a file
records is the same) and compares each command's exit code, standard output, standard
error and every file it writes. Covers the bundled scenarios in csv, csv-nl, json, xlsx and parquet,
the workloads w1-w4 and w3-floor, compare and --explain, sensitivity, update-impact, sharded
runs and their merge (Monte Carlo and sensitivity), reports (of a scenario and of an output
folder), check, fmt, and the messages of scenarios that fail at run time (a missing data
file, a failed assertion, a spread that cannot be computed, a correlation matrix that is not
positive definite, fairness that cannot be computed, a stop rule in a sharded analysis). Timings on the terminal are masked;
workbooks are compared by their unzipped parts (a zip stores file times). --quick leaves out
w4. Used for refactors that must not change a byte (docs/architecture.md); exits with 1 and
lists every difference otherwise.
"""
import argparse
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from checking import Checks, READ_BACK_SCENARIO  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AGENDA = "Scenarios/sociale-agenda.verdeel"
FIGURES = "Scenarios/source-document-figures.verdeel"
SENSITIVITY = "Scenarios/sociale-agenda-sensitivity.verdeel"
FORMATS = ["csv", "csv-nl", "json", "xlsx", "parquet"]
# Seconds, rates and thread counts a run prints about itself.
TIMING = re.compile(r"\d[\d.,]*(e[+-]?\d+)? ?(s|ms|cells/s)\b|memory estimate [\d.]+ GB")

# Scenarios written for the comparison into Scenarios/compare-builds/ (removed at the end):
# run-time failures over the bundled data, two vintages of a table for update-impact, and
# the variant run with draws, ranks and a Sobol analysis that the read-back checks use.
WRITTEN = {
    "missing-file.verdeel": 'scenario s {\n    data {\n        regions "nowhere.csv" {\n            inhabitants: count\n        }\n    }\n'
                            '    measure m {\n        budget 2026: 1M\n        key inhabitants 100%\n    }\n}\n',
    "bad-spread.verdeel": 'include "../sociale-agenda.verdeel"\n\nscenario mc extends baseline {\n    montecarlo {\n        draws 10\n'
                          '        perturb ses_woa_mean normal sd 0 - inhabitants\n    }\n}\n',
    "correlation.verdeel": 'include "../sociale-agenda.verdeel"\n\nscenario mc extends baseline {\n    montecarlo {\n        draws 10\n'
                           '        perturb inhabitants normal sd 1%\n        perturb households normal sd 1%\n        perturb ses_woa_mean normal sd 1%\n'
                           '        correlate inhabitants households 0.9\n        correlate households ses_woa_mean 0.9\n        correlate inhabitants ses_woa_mean -0.9\n    }\n}\n',
    "fairness.verdeel": 'include "../sociale-agenda.verdeel"\n\nscenario f extends baseline {\n    fairness {\n        population households\n'
                        '        reference zero_need\n    }\n    criterion zero_need = inhabitants * 0\n}\n',
    "stop-rule.verdeel": 'include "../sociale-agenda.verdeel"\n\nscenario s extends baseline {\n    sensitivity sobol 64 seed 1 {\n'
                         '        key jongerenwerk\n        until width 0.05 max 1024\n    }\n}\n',
    "read-back.verdeel": READ_BACK_SCENARIO.replace('include "sociale-agenda.verdeel"', 'include "../sociale-agenda.verdeel"'),
    "regions.csv": "code,name,inhabitants\nGM0001,A,100\nGM0002,B,200\nGM0003,C,300\n",
    "scores.csv": "code,year,provisional,households\nGM0001,2022,no,100\nGM0002,2022,no,200\nGM0003,2022,no,300\n"
                  "GM0001,2023,yes,100\nGM0002,2023,yes,100\nGM0003,2023,yes,400\n",
    "vintages.verdeel": 'scenario v {\n    data {\n        regions "regions.csv" {\n            inhabitants: count\n        }\n'
                        '        table scores "scores.csv" vintage year = "2022" {\n            households: count\n        }\n    }\n'
                        '    measure m "Measure" {\n        budget 2026: 600k\n        key households 100%\n    }\n}\n',
}
FAILING = [("missing-file", []), ("bad-spread", ["--scenario", "mc"]), ("correlation", ["--scenario", "mc"]), ("fairness", ["--scenario", "f"]),
           ("stop-rule", ["--scenario", "s", "--shard", "1/2", "--output", "{out}"])]
WRITTEN_FOLDER = os.path.join(ROOT, "Scenarios", "compare-builds")


def commands(quick):
    """(label, arguments, output folder or None) for every command compared."""
    runs = []
    for name, scenario in [("bundled", []), ("agenda", [AGENDA]), ("figures", [FIGURES]), ("sensitivity", [SENSITIVITY, "--scenario", "sensitivity"])]:
        runs.append((f"{name}-terminal", ["run", *scenario], None))
        for form in FORMATS:
            runs.append((f"{name}-{form}", ["run", *scenario, "--format", form, "--output", "{out}"], "{out}"))
    runs.append(("agenda-json-stdout", ["run", AGENDA, "--scenario", "baseline", "--format", "json"], None))
    runs.append(("agenda-csv-nl-stdout", ["run", AGENDA, "--scenario", "baseline", "--format", "csv-nl"], None))
    workloads = ["w1-baseline", "w2-simplex", "w3-montecarlo", "w3-floor"] + ([] if quick else ["w4-national"])
    for workload in workloads:
        path = f"Benchmarks/workloads/{workload}.verdeel"
        forms = FORMATS if workload in ("w1-baseline", "w3-floor") else ["csv"] if workload == "w4-national" else ["csv", "json"]
        for form in forms:
            runs.append((f"{workload}-{form}", ["run", path, "--threads", "2", "--format", form, "--output", "{out}"], "{out}"))
    for part in (1, 2, 3):
        runs.append((f"w3-part-{part}", ["run", "Benchmarks/workloads/w3-montecarlo.verdeel", "--shard", f"{part}/3", "--output", "{out}"], "{out}"))
    for part in (1, 2):
        runs.append((f"sensitivity-part-{part}", ["run", SENSITIVITY, "--scenario", "sensitivity", "--shard", f"{part}/2", "--output", "{out}"], "{out}"))
    runs.append(("compare-terminal", ["compare", AGENDA, "baseline", "jongerenwerk_60_40", "--explain"], None))
    for form in FORMATS:
        runs.append((f"compare-{form}", ["compare", AGENDA, "baseline", "jongerenwerk_60_40", "--explain", "--format", form, "--output", "{out}"], "{out}"))
    impact = ["update-impact", "Scenarios/compare-builds/vintages.verdeel", "--table", "scores", "--from", "2022", "--to", "2023", "--loss-threshold", "100"]
    runs.append(("update-impact-terminal", impact, None))
    for form in FORMATS:
        runs.append((f"update-impact-{form}", [*impact, "--format", form, "--output", "{out}"], "{out}"))
    runs.append(("report-scenario", ["report", AGENDA, "--scenario", "jongerenwerk_60_40", "--baseline", "baseline", "--output", "{out}/report.html"], "{out}"))
    runs.append(("report-sensitivity", ["report", SENSITIVITY, "--scenario", "sensitivity", "--baseline", "baseline", "--output", "{out}/report.html"], "{out}"))
    runs.append(("report-read-back", ["report", "Scenarios/compare-builds/read-back.verdeel", "--output", "{out}/report.html"], "{out}"))
    runs.append(("check-figures", ["check", FIGURES], None))
    runs.append(("check-agenda", ["check", AGENDA], None))
    runs.append(("fmt-check", ["fmt", "--check", AGENDA], None))
    for name, options in FAILING:
        runs.append((f"fails-{name}", ["run", f"Scenarios/compare-builds/{name}.verdeel", *options], None))
    runs.append(("fails-shard-without-draws", ["run", AGENDA, "--scenario", "baseline", "--shard", "1/2", "--output", "{out}"], None))
    return runs


def merges():
    """(label, arguments, output folder) of merges of the parts above, and a report of a folder."""
    return [
        ("w3-merge", ["merge", "{w3-part-1}", "{w3-part-2}", "{w3-part-3}", "--output", "{out}"], "{out}"),
        ("sensitivity-merge", ["merge", "{sensitivity-part-1}", "{sensitivity-part-2}", "--output", "{out}"], "{out}"),
        ("report-folder", ["report", "{w3-merge}", "--output", "{out}/report.html"], "{out}"),
    ]


def run_all(binary, work, quick):
    """Runs every command with `binary`; returns label -> (code, stdout, stderr, folder)."""
    results = {}
    folders = {}
    for label, arguments, folder in commands(quick) + merges():
        out = os.path.join(work, label)
        filled = [a.replace("{out}", out) for a in arguments]
        filled = [re.sub(r"\{([a-z0-9-]+)\}", lambda m: folders.get(m.group(1), m.group(0)), a) for a in filled]
        if folder and "/report.html" in " ".join(arguments):
            os.makedirs(out, exist_ok=True)
        result = subprocess.run([binary, *filled], cwd=ROOT, capture_output=True, text=True, timeout=1800)
        folders[label] = out
        results[label] = (result.returncode, mask(result.stdout, work), mask(result.stderr, work), out if folder else None)
    return results


def mask(text, work):
    """Terminal text with this run's folder and timings replaced by placeholders."""
    return TIMING.sub("<time>", text.replace(work, "<work>"))


def parts(path):
    """A file's contents to compare: an xlsx's parts (name -> bytes), else its bytes."""
    if path.endswith(".xlsx"):
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in sorted(archive.namelist())}
    with open(path, "rb") as handle:
        return handle.read()


def compare_folders(label, old, new, checks):
    comparison = filecmp.dircmp(old, new)
    checks(not comparison.left_only and not comparison.right_only,
           f"{label}: files only in the old output {comparison.left_only}, only in the new {comparison.right_only}")
    for name in sorted(set(os.listdir(old)) & set(os.listdir(new))):
        left, right = os.path.join(old, name), os.path.join(new, name)
        if os.path.isdir(left):
            compare_folders(f"{label}/{name}", left, right, checks)
            continue
        checks(parts(left) == parts(right), f"{label}/{name} differs")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--quick", action="store_true", help="leave out w4")
    arguments = parser.parse_args()
    try:
        os.makedirs(WRITTEN_FOLDER, exist_ok=True)
        for name, text in WRITTEN.items():
            with open(os.path.join(WRITTEN_FOLDER, name), "w", encoding="utf-8") as handle:
                handle.write(text)
        checks = Checks()
        with tempfile.TemporaryDirectory() as old_work:
            # The same folder name for both, so paths that outputs record are equal.
            old = run_all(os.path.abspath(arguments.old), os.path.join(old_work, "o"), arguments.quick)
            shutil.move(os.path.join(old_work, "o"), os.path.join(old_work, "kept"))
            new = run_all(os.path.abspath(arguments.new), os.path.join(old_work, "o"), arguments.quick)
            for label, (code, out, err, folder) in old.items():
                new_code, new_out, new_err, new_folder = new[label]
                checks(code == new_code, f"{label}: exit {code} before, {new_code} now")
                checks(out == new_out, f"{label}: standard output differs")
                checks(err == new_err, f"{label}: standard error differs:\n--- before\n{err}\n--- now\n{new_err}")
                if folder:
                    before = os.path.join(old_work, "kept", label)
                    checks(os.path.isdir(before) == os.path.isdir(new_folder), f"{label}: the output folder exists in one build only")
                    if os.path.isdir(before) and os.path.isdir(new_folder):
                        compare_folders(label, before, new_folder, checks)
            failures = [label for label, (code, *_rest) in old.items() if label.startswith("fails-") and code == 0]
            checks(not failures, f"commands meant to fail succeeded: {failures}")
        checks.finish("build comparison", f"{{count}} outputs identical over {len(old)} commands")
    finally:
        shutil.rmtree(WRITTEN_FOLDER, ignore_errors=True)


if __name__ == "__main__":
    main()
