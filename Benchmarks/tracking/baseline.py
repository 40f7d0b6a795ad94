"""A run against the committed baseline (Benchmarks/baseline.json): every tracked ratio of
the baseline must hold, within its stated tolerance beyond the noise measured in this run.

A figure fails when  now < baseline x (1 - tolerance - noise),  with `now` and `baseline`
the medians over the rounds and `noise` this run's half spread relative to its median,
(max - min) / (2 median). Ratios, never absolute seconds, decide: both sides of a ratio are
measured in the same rounds, so a slower or busier machine moves them alike."""
import json
import os
from dataclasses import dataclass

from . import measure

DEFAULT_TOLERANCE = 0.15
PATH = os.path.join(measure.ROOT, "Benchmarks", "baseline.json")


def load(path=PATH):
    with open(path) as handle:
        return json.load(handle)


def tolerances(path=PATH):
    """Each figure's stated tolerance in the baseline kept so far (none when there is none)."""
    return {name: figure["tolerance"] for name, figure in load(path)["figures"].items()} if os.path.exists(path) else {}


def save(kept, path=PATH):
    with open(path, "w") as handle:
        json.dump(kept, handle, indent=2)
        handle.write("\n")


@dataclass
class Verdict:
    figure: str
    baseline: float
    now: float
    tolerance: float
    noise: float

    @property
    def limit(self):
        return self.baseline * (1 - self.tolerance - self.noise)

    @property
    def passed(self):
        return self.now >= self.limit

    @property
    def change(self):
        return self.now / self.baseline - 1


def make_baseline(run, tolerances):
    """The baseline kept from a run: each tracked figure's median, spread and tolerance."""
    return {"commit": run["commit"], "date": run["date"], "machine": run["machine"], "set": run["set"], "repeat": run["repeat"],
            "figures": {name: dict(value, tolerance=tolerances.get(name, DEFAULT_TOLERANCE)) for name, value in run["tracked"].items()}}


def make_baseline_from(runs, tolerances):
    """The baseline kept from several runs (steadier than one): per figure measured by every
    run, the median of the runs' medians, the smallest min and the largest max."""
    import statistics

    last = runs[-1]
    names = [name for name in last["tracked"] if all(name in run["tracked"] for run in runs)]
    figures = {}
    for name in names:
        values = [run["tracked"][name] for run in runs]
        figures[name] = {"median": statistics.median(v["median"] for v in values), "min": min(v["min"] for v in values),
                         "max": max(v["max"] for v in values), "tolerance": tolerances.get(name, DEFAULT_TOLERANCE)}
    return {"commit": last["commit"], "date": last["date"], "machine": last["machine"], "set": last["set"], "repeat": last["repeat"],
            "runs": len(runs), "figures": figures}


def compare(run, baseline):
    """One verdict per baseline figure; a figure the run does not have is an error."""
    verdicts, missing = [], []
    for name, kept in baseline["figures"].items():
        now = run["tracked"].get(name)
        if now is None:
            missing.append(name)
            continue
        noise = (now["max"] - now["min"]) / (2 * now["median"]) if now["median"] else 0.0
        verdicts.append(Verdict(name, kept["median"], now["median"], kept["tolerance"], noise))
    return verdicts, missing


def table(verdicts):
    lines = [f"{'figure':<28} {'baseline':>10} {'now':>10} {'change':>8} {'tolerance':>9} {'noise':>6} {'limit':>10}  verdict"]
    for v in verdicts:
        lines.append(f"{v.figure:<28} {v.baseline:>10.4g} {v.now:>10.4g} {v.change:>+8.1%} {v.tolerance:>9.0%} {v.noise:>6.1%} {v.limit:>10.4g}  {'ok' if v.passed else 'FAILED'}")
    return "\n".join(lines)


def failures(verdicts, missing):
    messages = [f"{v.figure}: {v.now:.4g} is below {v.limit:.4g}, the baseline {v.baseline:.4g} less its tolerance {v.tolerance:.0%} and this run's noise {v.noise:.1%}"
                for v in verdicts if not v.passed]
    messages += [f"{name}: in the baseline but not measured by this run (run the same set, or update the baseline)" for name in missing]
    return messages
