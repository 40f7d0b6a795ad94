#!/usr/bin/env bash
# Fuzzes the scenario front end (parse, check, format round trip), the CSV reader, the CBS
# readers (StatLine CSV, OData v3 and v4 folders) and the sensitivity inputs (problem files, number tables against strtod, the analyses) and
# what merge and report read back (shard.json, manifest.txt, schema.json, part and folder tables)
# and plans read back from JSON (decoded, run and simulated) with
# libFuzzer, each for SECONDS (default 60), starting from the seed corpus in Fuzz/corpus/.
# Fails on any crash, timeout (an input that takes over 10 s) or out-of-memory; the
# offending input is copied to Fuzz/findings/ so it can become a regression test.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build --package-path Fuzz -c release --sanitize=fuzzer --scratch-path .build-fuzz
for target in FuzzScenario FuzzCSV FuzzCBS FuzzSensitivity FuzzReadBack FuzzPlan; do
    case $target in
        FuzzScenario) seeds=Fuzz/corpus/scenario ;;
        FuzzCSV) seeds=Fuzz/corpus/csv ;;
        FuzzCBS) seeds=Fuzz/corpus/cbs ;;
        FuzzReadBack) seeds=Fuzz/corpus/read-back ;;
        FuzzPlan) seeds=Fuzz/corpus/plan ;;
        *) seeds=Fuzz/corpus/sensitivity ;;
    esac
    mkdir -p "$work/$target"
    echo "== $target for $seconds s"
    if ! ".build-fuzz/release/$target" "$work/$target" "$seeds" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/$target-" 2> "$work/$target.log"; then
        tail -40 "$work/$target.log"
        mkdir -p Fuzz/findings
        cp "$work/$target-"* Fuzz/findings/ 2>/dev/null || true
        echo "fuzzing $target found a problem; its input is in Fuzz/findings/" >&2
        exit 1
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/$target.log" | sed "s/^/$target /"
done
