"""The run's JSON document (schema: docs/benchmark-run.schema.json) and the same figures in
two trackers' formats: pytest-benchmark's saved-run JSON (`pytest-benchmark compare FILE`
reads it) and github-action-benchmark's `customBiggerIsBetter` list."""
import datetime
import json
import os

from . import machine, measure

SCHEMA = os.path.join(measure.ROOT, "docs", "benchmark-run.schema.json")
FORMAT = "verdeel-benchmark-run/1"


def document(entries, own, check, repeat, threads, quick):
    return {
        "format": FORMAT,
        "commit": machine.commit(measure.ROOT),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine.describe(measure.ROOT),
        "set": "quick" if quick else "full",
        "repeat": repeat,
        "threads": threads,
        "benchmarks": entries,
        "own_ratios": own,
        "w3_max_mean_difference_in_standard_errors": check,
        "tracked": tracked(entries, own),
    }


def tracked(entries, own):
    """The figures a comparison decides on, all bigger-is-better ratios measured in the same
    run: each benchmark's ratio to its peer and the ratios between our own benchmarks."""
    figures = {f"{name}.peer_ratio": entry["ratio"] for name, entry in entries.items() if entry["ratio"]}
    figures.update({f"{name}.own_ratio": value for name, value in own.items()})
    return figures


def validate(run):
    """Raises jsonschema.ValidationError when `run` does not fit the documented schema."""
    import jsonschema

    with open(SCHEMA) as handle:
        jsonschema.validate(run, json.load(handle))


def pytest_benchmark(run):
    """pytest-benchmark's saved-run format: one benchmark per verdeel workload, its stats
    the wall seconds over the rounds (pytest-benchmark keeps seconds per round)."""
    benchmarks = []
    for name, entry in run["benchmarks"].items():
        wall = entry["verdeel"]["wall_seconds"]
        benchmarks.append({
            "group": run["set"], "name": name, "fullname": f"verdeel::{name}", "params": None, "param": None,
            "extra_info": {"cells_per_second": entry["verdeel"]["cells_per_second"]["median"], "peer_ratio": (entry["ratio"] or {}).get("median"),
                           "peak_bytes": entry["verdeel"]["peak_bytes"]},
            "options": {"disable_gc": False, "timer": "perf_counter", "min_rounds": run["repeat"], "max_time": 0, "min_time": 0, "warmup": False},
            "stats": {"min": wall["min"], "max": wall["max"], "mean": wall["median"], "stddev": 0.0, "rounds": run["repeat"], "median": wall["median"],
                      "iqr": 0.0, "q1": wall["min"], "q3": wall["max"], "iqr_outliers": 0, "stddev_outliers": 0, "outliers": "0;0",
                      "ld15iqr": wall["min"], "hd15iqr": wall["max"], "ops": 1 / wall["median"], "total": wall["median"] * run["repeat"], "iterations": 1},
        })
    return {"machine_info": {"node": "", "processor": run["machine"]["cpu"], "cpu": {"count": run["machine"]["cores"]}, "system": run["machine"]["system"]},
            "commit_info": {"id": run["commit"], "time": run["date"], "dirty": False, "project": "verdeel"},
            "benchmarks": benchmarks, "datetime": run["date"], "version": "5.1.0"}


def github_action_benchmark(run):
    """github-action-benchmark's `customBiggerIsBetter` input: every tracked ratio and each
    benchmark's cells per second."""
    items = [{"name": name, "unit": "ratio", "value": value["median"], "range": f"{value['min']:.4g}..{value['max']:.4g}"}
             for name, value in run["tracked"].items()]
    items += [{"name": f"{name}.cells_per_second", "unit": "cells/s", "value": entry["verdeel"]["cells_per_second"]["median"]}
              for name, entry in run["benchmarks"].items()]
    return items
