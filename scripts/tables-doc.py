#!/usr/bin/env python3
"""Writes docs/tables.md: every table verdeel writes, with each column's id, names, kind,
unit and meaning, taken from the `schema.json` of runs that write every table (a plain
run, a variant and Monte Carlo run with ranks, losses and an infeasible variant, a Sobol
and a Morris analysis, compare with --explain, update-impact, and SALib's analyze). The
columns are declared where the engine makes each table, so this page cannot drift from
the files: with --check it fails when docs/tables.md is not what the binary writes.

  python3 scripts/tables-doc.py .build/release/verdeel [--check]
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts/lib"))
from checking import add_second_ses_vintage, run_verdeel  # noqa: E402

PAGE = os.path.join(ROOT, "docs/tables.md")

RUNS_SCENARIO = """include "sociale-agenda.verdeel"

scenario mc extends baseline {
    variants {
        base wijk in 150k, 90M
    }
    montecarlo {
        draws 20
        seed 9
        ranks
        perturb inhabitants normal sd 1%
    }
}

scenario morris extends baseline {
    sensitivity morris 4 seed 3 {
        weight jongerenwerk need from 50% to 90%
        base wijk from 150k to 210k
    }
}

scenario sobol extends baseline {
    sensitivity sobol 8 seed 7 {
        weight jongerenwerk need from 50% to 90%
        base wijk from 150k to 210k
        second_order
        dummy
    }
}
"""

UNITS = {"euro": "EUR", "euroCents": "EUR (to the cent)", "fraction": "share from 0 to 1", "percentage": "percent",
         "count": "count", "ordinal": "whole number", "boolean": "true or false"}


def runs(binary, work):
    """(what writes it, folder) for every run, after running them in `work`."""
    with open(os.path.join(work, "runs.verdeel"), "w", encoding="utf-8") as handle:
        handle.write(RUNS_SCENARIO)
    add_second_ses_vintage(work)
    with open(os.path.join(work, "problem.txt"), "w", encoding="utf-8") as handle:
        handle.write("x1 0 1\nx2 0 1\n")
    commands = [
        ("a plain run (`verdeel run FILE --output DIR`)", ["run", "sociale-agenda.verdeel", "--scenario", "baseline", "--output", "plain"], "plain"),
        ("a variant and Monte Carlo run", ["run", "runs.verdeel", "--scenario", "mc", "--output", "mc"], "mc"),
        ("a variant or Monte Carlo run with `--keep-draws all` or `N`", ["run", "runs.verdeel", "--scenario", "mc", "--keep-draws", "2", "--output", "kept"], "kept"),
        ("a Monte Carlo run with `--rank-sobol`", ["run", "runs.verdeel", "--scenario", "mc", "--rank-sobol", "--output", "ranked"], "ranked"),
        ("a Sobol analysis (`sensitivity sobol` block)", ["run", "runs.verdeel", "--scenario", "sobol", "--output", "sobol"], "sobol"),
        ("a Morris analysis (`sensitivity morris` block)", ["run", "runs.verdeel", "--scenario", "morris", "--output", "morris"], "morris"),
        ("`verdeel compare FILE A B --explain --format csv --output DIR`",
         ["compare", "sociale-agenda.verdeel", "baseline", "jongerenwerk_60_40", "--explain", "--format", "csv", "--output", "compare"], "compare"),
        ("`verdeel update-impact ... --format csv --output DIR`",
         ["update-impact", "sociale-agenda.verdeel", "--scenario", "baseline", "--table", "ses_woa", "--from", "synthetic", "--to", "synthetic-2",
          "--format", "csv", "--output", "impact"], "impact"),
    ]
    for what, args, folder in commands:
        run_verdeel(binary, *args, cwd=work)
        yield what, os.path.join(work, folder)
    run_verdeel(binary, "sensitivity", "sample", "sobol", "--problem", "problem.txt", "-N", "8", "--output", "samples.txt", cwd=work)
    rows = open(os.path.join(work, "samples.txt"), encoding="utf-8").read().splitlines()
    with open(os.path.join(work, "outputs.txt"), "w", encoding="utf-8") as handle:
        handle.write("".join(f"{sum(float(x) for x in row.split())}\n" for row in rows))
    run_verdeel(binary, "sensitivity", "analyze", "sobol", "--problem", "problem.txt", "--samples", "samples.txt", "--outputs", "outputs.txt",
                "--output", "salib", cwd=work)
    yield "`verdeel sensitivity analyze sobol` (SALib's layouts; the outputs are the file's columns)", os.path.join(work, "salib")


def page(binary):
    work = tempfile.mkdtemp(prefix="verdeel-tables-")
    try:
        shutil.copytree(os.path.join(ROOT, "Scenarios"), work, dirs_exist_ok=True)
        seen = {}
        sections = []
        for what, folder in runs(binary, work):
            schema = json.load(open(os.path.join(folder, "schema.json"), encoding="utf-8"))
            for table in schema["tables"]:
                key = (table["name"], json.dumps(table["columns"], sort_keys=True))
                if key in seen:
                    continue
                seen[key] = what
                sections.append(section(table, what))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return ("# The tables verdeel writes\n\n"
            "Every table of every kind of run, with its columns as the engine declares them where it makes the table. "
            "Each output folder of CSV tables carries the same for its own tables: `schema.json` for programs and "
            "`dictionary.md` for people. Kinds: `text`, `regionCode` (a code such as `GM0014`, always text), `euro`, "
            "`euroCents`, `fraction` (0 to 1), `percentage`, `count`, `ordinal` (a year, a rank, a variant), `decimal` "
            "and `boolean` (`true`/`false`; `WAAR`/`ONWAAR` in the Dutch CSV style). This page is generated by "
            "`python3 scripts/tables-doc.py .build/release/verdeel`; CI checks it.\n\n"
            "The formats people open (`--format csv-nl` and the workbook) have, besides these columns, the names "
            "next to the codes: `scenario_title` after `scenario` (its `title`, else its name), `measure_name` after "
            "`measure` (its title; `alle maatregelen` for `all`), `metric_name` after `metric` (e.g. "
            "`variatiecoëfficiënt` for `cv`), and `factor_name`, `factor_1_name`, `factor_2_name`, `parameter_name` "
            "after the sensitivity factors (e.g. `ses_woa_mean (meetfout)`); and their words in Dutch (`bedrag` for "
            "the `output_kind` `amount`). The standard CSV and JSON, for scripts, carry the codes alone.\n"
            + "".join(sections))


def section(table, what):
    text = f"\n## {table['file']}: {table['title']['english']} ({table['title']['dutch']})\n\nWritten by {what}.\n\n"
    text += "| column | name (nl) | name (en) | kind | unit | meaning |\n|---|---|---|---|---|---|\n"
    for column in table["columns"]:
        cells = [f"`{column['id']}`", column["dutch"], column["english"], column["kind"], UNITS.get(column["kind"], ""), column["description"]]
        text += "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |\n"
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--check", action="store_true", help="fail when docs/tables.md is not what the binary writes")
    arguments = parser.parse_args()
    written = page(os.path.abspath(arguments.binary))
    if arguments.check:
        current = open(PAGE, encoding="utf-8").read() if os.path.exists(PAGE) else ""
        if current != written:
            raise SystemExit("docs/tables.md is not what verdeel writes: run python3 scripts/tables-doc.py .build/release/verdeel")
        print(f"tables page: docs/tables.md lists all {written.count(chr(10) + '## ')} tables as the binary declares them")
        return
    with open(PAGE, "w", encoding="utf-8") as handle:
        handle.write(written)
    print(f"wrote {PAGE}")


if __name__ == "__main__":
    main()
