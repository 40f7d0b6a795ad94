"""One timed run of verdeel or of a peer, as a child process: wall seconds, the engine's own
seconds (what verdeel prints), cells and peak memory (the child's maximum resident set)."""
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import Optional

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
PEER = os.path.join(ROOT, "Benchmarks", "peer", "peer.py")
WORKLOADS = {"w1": "w1-baseline", "w2": "w2-simplex", "w3": "w3-montecarlo", "w4": "w4-national"}
# w1 is one allocation: 3 measures x 7 years x 13 regions.
W1_CELLS = 3 * 7 * 13


@dataclass
class Run:
    wall: float
    engine: Optional[float]
    cells: int
    peak_bytes: int
    output: str


def timed(command):
    """Runs `command`; its wall seconds, standard output and peak resident bytes (from the
    child's own resource usage, `wait4`; output goes to files so the child never blocks)."""
    with tempfile.TemporaryFile("w+") as output, tempfile.TemporaryFile("w+") as errors:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=output, stderr=errors, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        errors.seek(0)
        if child.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed (exit {child.returncode}):\n{errors.read()}")
        return wall, output.read(), usage.ru_maxrss * 1024


def verdeel(workload, output, threads=2, fairness=False):
    """One verdeel run of a workload (like for like with the peer: no fairness metrics,
    unless `fairness`)."""
    binary = os.path.join(ROOT, ".build", "release", "verdeel")
    path = os.path.join(ROOT, "Benchmarks", "workloads", WORKLOADS[workload] + ".verdeel")
    command = [binary, "run", path, "--output", output, "--threads", str(threads)]
    if not fairness:
        command.append("--no-fairness")
    if workload == "w1":
        command += ["--scenario", "w1", "--format", "csv"]
    wall, printed, peak = timed(command)
    match = re.search(r"= (\d+) cells in ([0-9.]+) s", printed)
    return Run(wall, float(match.group(2)) if match else None, int(match.group(1)) if match else W1_CELLS, peak, printed)


def peer(workload, summary=None):
    """One numpy peer run: the seconds it spends computing (as it prints them)."""
    command = [sys.executable, PEER, workload] + (["--summary", summary] if summary else [])
    wall, printed, peak = timed(command)
    return Run(wall, float(printed.split()[-1]), 0, peak, printed)
