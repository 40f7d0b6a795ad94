"""A history of runs: one JSON document a line (`Benchmarks/run --history FILE` appends),
printed as a table and drawn as an SVG chart of cells per second and peer ratio per commit."""
import json


def append(path, run):
    with open(path, "a") as handle:
        handle.write(json.dumps(run, separators=(",", ":")) + "\n")


def read(path):
    """The runs in the file, oldest first; a line that is not a run is an error naming it."""
    runs = []
    with open(path) as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                run = json.loads(line)
            except json.JSONDecodeError as error:
                raise SystemExit(f"{path}:{number}:{error.colno}: not a JSON document: {error.msg}")
            if not isinstance(run, dict) or "tracked" not in run or "benchmarks" not in run:
                raise SystemExit(f"{path}:{number}:1: not a benchmark run (no 'tracked' or 'benchmarks'); lines come from Benchmarks/run --history")
            runs.append(run)
    return runs


def names(runs, key):
    found = []
    for run in runs:
        for name in run[key]:
            if name not in found:
                found.append(name)
    return found


def table(runs):
    figures = names(runs, "tracked")
    benchmarks = names(runs, "benchmarks")
    header = ["commit", "date"] + [f"{b} cells/s" for b in benchmarks] + figures
    rows = [header]
    for run in runs:
        row = [run["commit"][:10], run["date"][:19]]
        row += [f"{run['benchmarks'][b]['verdeel']['cells_per_second']['median']:.3g}" if b in run["benchmarks"] else "" for b in benchmarks]
        row += [f"{run['tracked'][f]['median']:.4g}" if f in run["tracked"] else "" for f in figures]
        rows.append(row)
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join("  ".join(cell.rjust(width) for cell, width in zip(row, widths)) for row in rows)


def chart(runs, path):
    """Two panels, one point per run: each benchmark's cells per second (log scale) and
    each tracked ratio, against the commit."""
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    labels = [run["commit"][:7] for run in runs]
    figure, (speed, ratios) = plt.subplots(2, 1, figsize=(9, 7), sharex=True)
    for name in names(runs, "benchmarks"):
        points = [(i, run["benchmarks"][name]["verdeel"]["cells_per_second"]["median"]) for i, run in enumerate(runs) if name in run["benchmarks"]]
        speed.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=name)
    speed.set_yscale("log")
    speed.set_ylabel("cells per second")
    speed.legend(loc="best", fontsize="small")
    for name in names(runs, "tracked"):
        points = [(i, run["tracked"][name]["median"]) for i, run in enumerate(runs) if name in run["tracked"]]
        ratios.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=name)
    ratios.set_yscale("log")
    ratios.set_ylabel("ratio (bigger is better)")
    ratios.set_xticks(range(len(labels)), labels, rotation=45, ha="right")
    ratios.set_xlabel("commit")
    ratios.legend(loc="best", fontsize="small")
    figure.suptitle("verdeel benchmarks per commit")
    figure.tight_layout()
    figure.savefig(path, format="svg")
    plt.close(figure)
