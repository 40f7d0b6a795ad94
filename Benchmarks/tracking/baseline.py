"""A run against the committed baseline (Benchmarks/baseline.json): every tracked ratio of
the baseline must hold, within its stated tolerance beyond the noise measured in this run.

A figure fails when  now < baseline x (1 - tolerance - noise),  with `now` and `baseline`
the medians over the rounds and `noise` this run's half spread relative to its median,
(max - min) / (2 median). Ratios, never absolute seconds, decide: both sides of a ratio are
measured in the same rounds, so a slower or busier machine moves them alike. They do move
with the kind of processor, though: verdeel's vector code uses AVX-512 where there is one and
numpy's peer gains far less from it, so w3's ratio is about 39 on an AVX-512 machine and 22 on
an AVX2 one of the same make. Each kind keeps its own baseline: `baseline.json` for the
kind it was measured on, `baseline-EXTENSION.json` for a kind whose widest vector extension
is EXTENSION (`baseline-avx2.json`); `path_for` picks the one of the machine at hand."""
import json
import os
from dataclasses import dataclass

from . import measure

DEFAULT_TOLERANCE = 0.15
PATH = os.path.join(measure.ROOT, "Benchmarks", "baseline.json")


def widest_extension(machine):
    """The widest vector extension the machine has (`avx512f`, `avx2`, ...), or `none`."""
    extensions = [flag for flag in machine.get("vector_extensions", []) if flag.startswith("avx")]
    return "avx512f" if "avx512f" in extensions else (extensions[-1] if extensions else "none")


def path_for(machine, default=PATH):
    """The baseline of the machine's kind: `default` when it was measured on a machine with
    the same widest vector extension (or there is no other), else the kind's own file next
    to it."""
    if os.path.exists(default) and widest_extension(load(default)["machine"]) == widest_extension(machine):
        return default
    own = os.path.join(os.path.dirname(default), f"baseline-{widest_extension(machine)}.json")
    return own if os.path.exists(own) or not os.path.exists(default) else default


def path_for_update(machine, default=PATH):
    """Where a new baseline of the machine's kind goes: the default file when it holds that
    kind (or does not exist yet), else the kind's own file."""
    if not os.path.exists(default) or widest_extension(load(default)["machine"]) == widest_extension(machine):
        return default
    return os.path.join(os.path.dirname(default), f"baseline-{widest_extension(machine)}.json")


def load(path=PATH):
    with open(path) as handle:
        return json.load(handle)


def tolerances(path=PATH):
    """Each figure's stated tolerance in the baseline kept so far (none when there is none);
    a kind's first baseline takes the default file's."""
    if not os.path.exists(path) and path != PATH:
        path = PATH
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
