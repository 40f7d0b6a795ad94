#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls this): installs what is missing (see
# scripts/lib/requirements.sh), then
#   1. the unit tests (`swift test`, debug build);
#   2. the default release build and the native one (VERDEEL_NATIVE=1) compared on every
#      output of every kind of run, w1-w4 included, byte for byte (scripts/compare-builds.py);
#      the benchmark tracker's tests, and the quick benchmarks in the native build against
#      numpy and Benchmarks/baseline.json (Benchmarks/run --quick --compare; w3's every mean
#      within 4 standard errors of numpy's; docs/benchmarks.md);
#   3. the bundled baseline's fairness metrics against an independent reference and PySAL
#      (Tests/VerdeelAnalysisTests/Reference/fairness_reference.py);
#   3b. sensitivity: Ishigami and the G-function against their analytic indices, and the
#      point estimates against SALib 1.6 on the same samples (scripts/check-sensitivity.py);
#      the 342-output analysis against SALib and a numpy port (Benchmarks/peer/sensitivity.py);
#   3c. workbooks read back by openpyxl and opened by LibreOffice (scripts/check-workbook.py);
#   3d. HTML reports in headless Chromium (scripts/check-report.py; screenshots of every
#       section in .build/report-screenshots), and the acceptance pictures (the report on
#       screen and printed, the workbook's PDF, a three-scenario compare) made afresh in
#       .build/acceptance-screenshots (scripts/acceptance-screenshots.py; docs/screenshots
#       holds the committed ones);
#   3d'. the workbench (scripts/check-workbench.py): `verdeel serve` on loopback, its API
#       against `verdeel run --set` and bad requests, schemathesis against docs/api.yaml,
#       "how sure?" against `verdeel run` and cancelled, its page driven by keyboard in
#       Chromium, and 5,000 requests at concurrency 16 (throughput, p50/p99, memory);
#   3d''. Parquet (scripts/check-parquet.py): every table of a plain, a Monte Carlo, a
#       sensitivity and a compare run read by pyarrow, DuckDB and fastparquet, against the CSV;
#   3e. sharded runs merged byte for byte and the merge's refusals (scripts/check-shards.py),
#       a 4-task Slurm array with its merge job on a single-node cluster (scripts/check-slurm.sh),
#       and the Kubernetes Indexed Job's commands as its pods would run them (scripts/check-indexed-job.py);
#   3f. damaged and crafted parts, output folders and inputs refused (scripts/check-read-back.py);
#   4. every command README.md shows, run as written, and the help texts' claims of the files
#      --output writes (scripts/check-readme.py), and
#      docs/tables.md against the tables the binary declares (scripts/tables-doc.py --check);
#   5. check and fmt in linear time on adversarial 1 MB files (scripts/check-linear-time.py);
#   6. 2,000 scenario, 500 CSV, 400 shard-part and 200 output-folder mutants: no crash, no
#      run over 10 s, no silent merge (scripts/mutate.py; the full run of 20,000, 5,000,
#      1,000 and 500 is run by hand);
#   7. libFuzzer on the scenario front end, the CSV reader, the CBS readers, the sensitivity
#      inputs, what merge and report read back, and plans read back from JSON, 25 s
#      each (scripts/fuzz.sh).
# Ends with one summary line; exits non-zero if any step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/requirements.sh
installs_started=$(date +%s)
require_build_packages
require_numpy
require_pysal_inequality
require_benchmark_tools
require_salib
require_report_tools
require_slurm
require_yaml
require_parquet_readers
installs_seconds=$(( $(date +%s) - installs_started ))
echo "installs: ${installs_seconds} s"

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
step() { printf '\n== %s\n' "$1"; }
seconds() { echo $(( $(date +%s) - $1 )); }

step "unit tests (debug)"
started=$(date +%s)
swift build --build-tests
swift test --skip-build --disable-xctest 2>&1 | tee "$log/unit.txt"
unit_seconds=$(seconds "$started")
unit_line=$(grep -E "^.? ?Test run with [0-9]+ tests" "$log/unit.txt" | tail -1 | sed -E 's/.*Test run with ([0-9]+) tests in ([0-9]+) suites.*/\1 tests in \2 suites/')

step "release builds, default and native, compared byte for byte; benchmarks against numpy and the baseline"
started=$(date +%s)
swift build -c release --product verdeel
cp .build/release/verdeel "$log/verdeel-default"
VERDEEL_NATIVE=1 swift build -c release --product verdeel
python3 scripts/compare-builds.py "$log/verdeel-default" .build/release/verdeel | tee "$log/flavours.txt"
python3 -m unittest discover -s Benchmarks/tracking/tests -t Benchmarks
Benchmarks/run --quick --compare --no-build --output "$log/benchmarks"
peer_seconds=$(seconds "$started")
worst=$(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["w3_max_mean_difference_in_standard_errors"], 3))' "$log/benchmarks/run.json")

step "fairness against an independent reference and PySAL"
started=$(date +%s)
python3 Tests/VerdeelAnalysisTests/Reference/fairness_reference.py --check | tee "$log/fairness.txt"
fairness_seconds=$(seconds "$started")

step "sensitivity against analytic indices and SALib"
started=$(date +%s)
python3 scripts/check-sensitivity.py .build/release/verdeel | tee "$log/sensitivity.txt"
python3 Benchmarks/peer/sensitivity.py --repeat 3 | tee "$log/sensitivity-peer.json"
sensitivity_seconds=$(seconds "$started")
sensitivity_ratio=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("{} s, {}x SALib".format(d["seconds"]["verdeel"], d["ratio_salib_over_verdeel"]))' "$log/sensitivity-peer.json")

step "workbooks in openpyxl and LibreOffice"
started=$(date +%s)
python3 scripts/check-workbook.py .build/release/verdeel | tee "$log/workbook.txt"
workbook_seconds=$(seconds "$started")

step "HTML reports in headless Chromium"
started=$(date +%s)
python3 scripts/check-report.py .build/release/verdeel | tee "$log/report.txt"
python3 scripts/acceptance-screenshots.py .build/release/verdeel --output .build/acceptance-screenshots
report_seconds=$(seconds "$started")

step "the workbench: verdeel serve, its API, its page in headless Chromium, under load"
started=$(date +%s)
python3 scripts/check-workbench.py .build/release/verdeel | tee "$log/workbench.txt"
workbench_seconds=$(seconds "$started")

step "Parquet: every table read by pyarrow, DuckDB and fastparquet against the CSV"
started=$(date +%s)
python3 scripts/check-parquet.py .build/release/verdeel | tee "$log/parquet.txt"
parquet_seconds=$(seconds "$started")

step "sharded runs, merged; on a single-node Slurm cluster"
started=$(date +%s)
python3 scripts/check-shards.py .build/release/verdeel | tee "$log/shards.txt"
bash scripts/check-slurm.sh .build/release/verdeel | tee "$log/slurm.txt"
python3 scripts/check-indexed-job.py .build/release/verdeel | tee "$log/indexed-job.txt"
shards_seconds=$(seconds "$started")

step "files verdeel wrote, read back damaged or crafted"
started=$(date +%s)
python3 scripts/check-read-back.py .build/release/verdeel | tee "$log/read-back.txt"
read_back_seconds=$(seconds "$started")

step "README commands; the page of every table against what the binary declares"
started=$(date +%s)
python3 scripts/check-readme.py .build/release/verdeel
python3 scripts/tables-doc.py .build/release/verdeel --check | tee "$log/tables.txt"
readme_seconds=$(seconds "$started")

step "check and fmt in linear time"
started=$(date +%s)
python3 scripts/check-linear-time.py
linear_seconds=$(seconds "$started")

step "mutants"
started=$(date +%s)
python3 scripts/mutate.py --scenarios 2000 --csv 500 --parts 400 --folders 200 | tee "$log/mutants.txt"
mutants_seconds=$(seconds "$started")

step "fuzzing"
started=$(date +%s)
scripts/fuzz.sh 25
fuzz_seconds=$(seconds "$started")

printf '\nverdeel tests passed: installs %s s; %s (%s s, with the debug build); default and native builds: %s; benchmarks within the baseline, w3 against numpy: largest difference of means %s standard errors (%s s, with both release builds); %s (%s s); %s, 342-output Sobol analysis %s (%s s); %s (%s s); %s (%s s); %s (%s s); %s (%s s); %s; %s; %s (%s s); %s (%s s); README commands ran, %s (%s s); check and fmt in linear time (%s s); %s (%s s); fuzzing found nothing (%s s, with the fuzzing build)\n' \
    "$installs_seconds" "$unit_line" "$unit_seconds" "$(tail -1 "$log/flavours.txt")" "$worst" "$peer_seconds" "$(tail -1 "$log/fairness.txt")" "$fairness_seconds" "$(tail -1 "$log/sensitivity.txt")" "$sensitivity_ratio" "$sensitivity_seconds" "$(tail -1 "$log/workbook.txt")" "$workbook_seconds" "$(tail -1 "$log/report.txt")" "$report_seconds" "$(tail -1 "$log/workbench.txt")" "$workbench_seconds" "$(tail -1 "$log/parquet.txt")" "$parquet_seconds" "$(tail -1 "$log/shards.txt")" "$(tail -1 "$log/slurm.txt")" "$(tail -1 "$log/indexed-job.txt")" "$shards_seconds" "$(tail -1 "$log/read-back.txt")" "$read_back_seconds" "$(tail -1 "$log/tables.txt")" "$readme_seconds" "$linear_seconds" "$(tail -1 "$log/mutants.txt")" "$mutants_seconds" "$fuzz_seconds"
