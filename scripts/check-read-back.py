"""Files verdeel wrote are input too: each class of damaged or crafted read-back is refused.

Parts of a sharded run (crafted shard.json: file names with '/' or '..', part numbers and
variant ranges far out of range, a provenance.json that is not the recorded one, another
engine version, table rows outside the part's range, repeated, ragged or cut off, 'nan' in
a sensitivity part's outputs, a sensitivity part naming a file outside the folder), output
folders read back by `report` (a number with a suffix, a thousands separator, a non-finite
value, a repeated row, a year that is no year, --variant and --region the folder lacks),
output folders replaced only when verdeel's and never absent while replaced (polled
during runs, and after runs killed with SIGKILL), single-file outputs that are links, pipes or
devices, scheduler variables out of range, and binary sensitivity inputs. Each must exit
with 1 (never a crash), say what is wrong, and write nothing.

Usage: scripts/check-read-back.py [VERDEEL]
"""
import hashlib
import json
import os
import shutil
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts/lib"))
from checking import READ_BACK_SCENARIO, Checks, run_verdeel  # noqa: E402

check = Checks()
VERDEEL = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/verdeel"))



def verdeel(*args, cwd, expect=0, env=None):
    if env is None:
        return run_verdeel(VERDEEL, *args, cwd=cwd, expect=expect, timeout=60)
    import subprocess
    return subprocess.run([VERDEEL, *args], cwd=cwd, capture_output=True, text=True, timeout=60, env={**os.environ, **env})


def refused(work, args, words, label, output="out", env=None):
    result = verdeel(*args, cwd=work, expect=1, env=env)
    # 1 for a refused input, 64 for a refused option (argument-parser's usage error); a
    # trap (132, 133, 134, 139 or a negative signal) is a crash.
    check(result.returncode in (1, 64), f"{label}: exit code {result.returncode} (1 or 64 expected; {result.stderr.strip()[-300:]!r})")
    check(all(word in result.stderr for word in words), f"{label}: {result.stderr.strip()!r} lacks {words}")
    if output:
        check(not os.path.exists(os.path.join(work, output)), f"{label}: {output} was written")


def sha(data):
    return hashlib.sha256(data).hexdigest()


def crafted(work, source, name, edit_record=None, edit_file=None):
    """A copy of the part `source` as `name`, with a file's bytes changed (and its size and
    hash in shard.json recomputed, as a careful forger would) and/or shard.json edited."""
    target = os.path.join(work, name)
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(os.path.join(work, source), target)
    path = os.path.join(target, "shard.json")
    record = json.load(open(path))
    if edit_file:
        file_name, change = edit_file
        file_path = os.path.join(target, file_name)
        data = change(open(file_path, "rb").read())
        open(file_path, "wb").write(data)
        for entry in record["files"]:
            if entry["name"] == file_name:
                entry["bytes"], entry["sha256"] = len(data), sha(data)
        if file_name == "provenance.json":
            record["provenance_sha256"] = sha(data)
    if edit_record:
        edit_record(record)
    open(path, "w").write(json.dumps(record))
    return name


def replace_line(number, new):
    def change(data):
        lines = data.split(b"\n")
        lines[number] = new(lines[number])
        return b"\n".join(lines)
    return change


def check_merge(work):
    for index in (1, 2):
        verdeel("run", "mc.verdeel", "--scenario", "mc", "--shard", f"{index}/2", "--output", f"p{index}", cwd=work)
    verdeel("merge", "p1", "p2", "--output", "whole", cwd=work)
    check(os.path.exists(os.path.join(work, "whole/summary.csv")), "merge of two good parts")
    shutil.rmtree(os.path.join(work, "whole"))
    cases = [
        ("a file name with ../", lambda r: r["files"].append({"name": "../p2/summary.csv", "bytes": 1, "sha256": "0" * 64}), None, ["not a plain name"]),
        ("an absolute file name", lambda r: r["files"].__setitem__(0, {**r["files"][0], "name": "/etc/passwd"}), None, ["not a plain name"]),
        ("a file the manifest does not list", lambda r: r["files"].append({"name": "extra.csv", "bytes": 1, "sha256": "0" * 64}), None, ["does not"]),
        ("a huge part count", lambda r: r.update(shards=9223372036854775807), None, ["parts"]),
        ("a part number beyond the count", lambda r: r.update(shard=3), None, ["part 3 of 2"]),
        ("a negative variant count", lambda r: r.update(variant_count=-5), None, ["variants"]),
        ("a variant range not the part's", lambda r: r.update(first_variant=-9223372036854775807), None, ["holds variants"]),
        ("another engine version", lambda r: r.update(engine_version="0.2.0"), None, ["0.2.0", "one engine version"]),
        ("a note with an escape sequence", lambda r: r["notes"].append("\u001b[2J"), None, ["control characters"]),
        ("a provenance.json not the recorded one", lambda r: r.update(provenance_sha256="ab" * 32), None, ["provenance"]),
        ("a row of a variant outside the part", None, ("summary.csv", replace_line(1, lambda line: b"9" + line[line.index(b","):])), ["summary.csv:2", "outside"]),
        ("a repeated row", None, ("summary.csv", replace_line(2, lambda line: b"")), None),
        ("a ragged row", None, ("summary.csv", replace_line(1, lambda line: line + b",1")), ["summary.csv:2", "fields"]),
        ("a cut-off last line", None, ("summary.csv", lambda data: data[:-1]), ["line break"]),
        ("a number with a suffix", None, ("summary.csv", replace_line(1, lambda line: line + b"abc")), ["summary.csv:2", "not a plain finite number"]),
        ("nan in a table", None, ("summary.csv", replace_line(1, lambda line: line[:line.rindex(b",")] + b",nan")), ["summary.csv:2", "nan"]),
    ]
    for label, edit_record, edit_file, words in cases:
        if label == "a repeated row":
            def duplicate(data):
                lines = data.split(b"\n")
                return b"\n".join(lines[:2] + [lines[1]] + lines[2:])
            edit_file = ("summary.csv", duplicate)
            words = ["summary.csv:3", "twice"]
        part = crafted(work, "p1", "bad", edit_record, edit_file)
        refused(work, ["merge", part, "p2", "--output", "out"], words, f"merge: {label}")
    # A sensitivity part that names a file outside the folder, with a forged provenance.
    for index in (1, 2):
        verdeel("run", "mc.verdeel", "--scenario", "sens", "--shard", f"{index}/2", "--output", f"s{index}", cwd=work)
    verdeel("merge", "s1", "s2", "--output", "whole", cwd=work)
    check(os.path.exists(os.path.join(work, "whole/sobol.csv")), "merge of two sensitivity parts")
    shutil.rmtree(os.path.join(work, "whole"))

    def elsewhere(record):
        record["sensitivity"].update(file="/etc/passwd", directory="/", root="/")
    for source in ("s1", "s2"):
        crafted(work, source, f"x{source}", elsewhere)
    refused(work, ["merge", "xs1", "xs2", "--output", "out"], ["outside the root folder"], "merge: a sensitivity part naming /etc/passwd")
    check("root:" not in verdeel("merge", "xs1", "xs2", "--output", "out", cwd=work, expect=1).stderr, "merge: /etc/passwd's lines are not shown")
    crafted(work, "s1", "bad", None, ("design_outputs.csv", replace_line(1, lambda line: line[:line.rindex(b",")] + b",inf")))
    refused(work, ["merge", "bad", "s2", "--output", "out"], ["design_outputs.csv:2", "not a plain finite number"], "merge: inf in a sensitivity part's outputs")
    crafted(work, "s1", "bad", None, ("design_outputs.csv", replace_line(1, lambda line: b"40" + line[line.index(b","):])))
    refused(work, ["merge", "bad", "s2", "--output", "out"], ["design_outputs.csv:2", "design row 40 is outside"], "merge: a design row outside the part")


def check_report(work):
    verdeel("run", "sociale-agenda.verdeel", "--scenario", "baseline", "--output", "plain", cwd=work)
    verdeel("run", "mc.verdeel", "--scenario", "mc", "--output", "drawn", cwd=work)
    cases = [
        ("a number with a suffix", "allocations.csv", 1, lambda f: f[:6] + ["101825abc"] + f[7:], ["allocations.csv:2", "amount", "101825abc"]),
        ("a thousands separator", "allocations.csv", 1, lambda f: f[:6] + ['"1,018"'] + f[7:], ["allocations.csv:2", "amount"]),
        ("an infinite value", "allocations.csv", 1, lambda f: f[:7] + ["inf"] + f[8:], ["allocations.csv:2", "exact"]),
        ("a year that is no year", "allocations.csv", 1, lambda f: f[:3] + ["20x6"] + f[4:], ["allocations.csv:2", "year"]),
        ("an escape sequence in a name", "allocations.csv", 1, lambda f: f[:5] + ["Gron\x1b[2Jingen"] + f[6:], ["allocations.csv:2", "control character"]),
    ]
    for label, name, line, change, words in cases:
        shutil.rmtree(os.path.join(work, "damaged"), ignore_errors=True)
        shutil.copytree(os.path.join(work, "plain"), os.path.join(work, "damaged"))
        path = os.path.join(work, "damaged", name)
        lines = open(path, encoding="utf-8").read().split("\n")
        lines[line] = ",".join(change(lines[line].split(",")))
        open(path, "w", encoding="utf-8").write("\n".join(lines))
        refused(work, ["report", "damaged", "--scenario", "baseline", "--output", "out.html"], words, f"report: {label}", "out.html")
    shutil.rmtree(os.path.join(work, "damaged"))
    shutil.copytree(os.path.join(work, "plain"), os.path.join(work, "damaged"))
    path = os.path.join(work, "damaged", "allocations.csv")
    lines = open(path).read().split("\n")
    open(path, "w").write("\n".join(lines[:2] + [lines[1]] + lines[2:]))
    refused(work, ["report", "damaged", "--scenario", "baseline", "--output", "out.html"], ["allocations.csv:3", "twice"], "report: a repeated row", "out.html")
    refused(work, ["report", "drawn", "--variant", "10", "--output", "out.html"], ["--variant 10", "1 to 9"], "report: --variant beyond the run's", "out.html")
    refused(work, ["report", "plain", "--scenario", "baseline", "--variant", "1", "--output", "out.html"], ["no Monte Carlo variants"], "report: --variant of a plain run", "out.html")
    refused(work, ["report", "drawn", "--region", "GM9999", "--output", "out.html"], ["--region GM9999"], "report: --region the folder lacks", "out.html")
    verdeel("run", "sociale-agenda.verdeel", "--scenario", "base_250k", "--output", "warned", cwd=work)
    path = os.path.join(work, "warned", "provenance.json")
    record = json.load(open(path))
    check(len(record["warnings"]) == len(record["dutch_warnings"]) == 1, f"base_250k's warnings: {record['warnings']}, {record['dutch_warnings']}")
    record["dutch_warnings"] = []
    json.dump(record, open(path, "w"))
    refused(work, ["report", "warned", "--output", "out.html"], ["provenance.json", "1 warnings but 0 in Dutch"], "report: Dutch warnings that do not match", "out.html")
    verdeel("report", "drawn", "--variant", "9", "--output", "good.html", cwd=work)
    check(os.path.exists(os.path.join(work, "good.html")), "report: --variant 9 of 9")


def check_outputs(work):
    os.makedirs(os.path.join(work, "foreign/sub"))
    open(os.path.join(work, "foreign/manifest.txt"), "w").write("my own manifest\n")
    open(os.path.join(work, "foreign/thesis.tex"), "w").write("years of work\n")
    refused(work, ["run", "sociale-agenda.verdeel", "--output", "foreign"], ["did not write"], "output: another program's manifest.txt", None)
    check(os.path.exists(os.path.join(work, "foreign/thesis.tex")), "output: another program's folder is kept")
    shutil.copytree(os.path.join(work, "plain"), os.path.join(work, "ours"))
    open(os.path.join(work, "ours/notes.txt"), "w").write("mine\n")
    refused(work, ["run", "sociale-agenda.verdeel", "--output", "ours"], ["notes.txt", "does not list"], "output: a file the manifest does not list", None)
    check(os.path.exists(os.path.join(work, "ours/notes.txt")), "output: an unlisted file is kept")
    if os.path.exists(os.path.join(work, "ours/notes.txt")):
        os.remove(os.path.join(work, "ours/notes.txt"))
    verdeel("run", "sociale-agenda.verdeel", "--output", "ours", cwd=work)
    check(sorted(os.listdir(work)).count("ours") == 1 and not any(".verdeel-tmp-" in n for n in os.listdir(work)), "output: verdeel's own folder replaced, no temporary left")
    os.symlink("/dev/null", os.path.join(work, "null-link"))
    refused(work, ["report", "plain", "--scenario", "baseline", "--output", "null-link"], ["symbolic link"], "output: --output a link to /dev/null", None)
    check(os.path.islink(os.path.join(work, "null-link")), "output: the link is kept")
    os.mkfifo(os.path.join(work, "pipe"))
    refused(work, ["report", "plain", "--scenario", "baseline", "--output", "pipe"], ["pipe"], "output: --output a FIFO", None)
    refused(work, ["report", "plain", "--scenario", "baseline", "--output", "/dev/null"], ["device"], "output: --output /dev/null", None)
    refused(work, ["sensitivity", "sample", "sobol", "--problem", "problem.txt", "-N", "8", "--output", "/dev/null"], ["device"], "output: sensitivity sample --output /dev/null", None)


def check_swap(work):
    """The output path holds a complete set at every instant: a watcher polls it while runs
    replace it, and runs killed with SIGKILL at random moments leave a complete set."""
    import random
    import signal
    import subprocess
    import threading
    import time
    folder = os.path.join(work, "swapped")
    verdeel("run", "sociale-agenda.verdeel", "--output", "swapped", cwd=work)
    absent, stop = [0], threading.Event()

    def watch():
        while not stop.is_set():
            if not os.path.isfile(os.path.join(folder, "manifest.txt")):
                absent[0] += 1
    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _ in range(8):
            verdeel("run", "sociale-agenda.verdeel", "--output", "swapped", cwd=work)
        rng = random.Random(32)
        for _ in range(8):
            process = subprocess.Popen([VERDEEL, "run", "sociale-agenda.verdeel", "--output", "swapped"], cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.0, 0.6))
            process.send_signal(signal.SIGKILL)
            process.wait()
    finally:
        stop.set()
        watcher.join()
    check(absent[0] == 0, f"swap: the output folder was absent or without its manifest {absent[0]} times while runs replaced it")
    listed = [line[2:] for line in open(os.path.join(folder, "manifest.txt")).read().split("\n") if line.startswith("  ")]
    check(sorted(listed + ["manifest.txt"]) == sorted(os.listdir(folder)), f"swap: after SIGKILLs the folder holds {sorted(os.listdir(folder))}, its manifest lists {listed}")
    verdeel("run", "sociale-agenda.verdeel", "--output", "swapped", cwd=work)
    check(not any(".verdeel-tmp-" in name for name in os.listdir(work)), "swap: the killed runs' temporary folders are removed by the next run")


def check_inputs(work):
    for variable, value in [("SLURM_ARRAY_TASK_ID", "9223372036854775807"), ("SLURM_ARRAY_TASK_ID", "-9223372036854775808")]:
        env = {variable: value, "SLURM_ARRAY_TASK_MIN": "-9223372036854775807", "SLURM_ARRAY_TASK_MAX": "9223372036854775807"}
        refused(work, ["run", "mc.verdeel", "--scenario", "mc", "--output", "out"], ["SLURM_ARRAY_TASK"], f"shard: {variable}={value}", env=env)
    refused(work, ["run", "mc.verdeel", "--scenario", "mc", "--shard-count", "2", "--output", "out"], ["JOB_COMPLETION_INDEX"], "shard: JOB_COMPLETION_INDEX at Int.max",
            env={"JOB_COMPLETION_INDEX": "9223372036854775807"})
    open(os.path.join(work, "zeros.txt"), "wb").write(b"\0" * (8 << 20))
    open(os.path.join(work, "ok-outputs.txt"), "w").write("1\n2\n3\n4\n")
    refused(work, ["sensitivity", "analyze", "sobol", "--problem", "problem.txt", "--outputs", "zeros.txt", "--output", "out"], ["NUL byte"], "sensitivity: a file of NUL bytes")
    refused(work, ["sensitivity", "analyze", "sobol", "--problem", "zeros.txt", "--outputs", "ok-outputs.txt", "--output", "out"], ["NUL byte"], "sensitivity: a binary problem file")


def main():
    work = tempfile.mkdtemp()
    try:
        shutil.copy(os.path.join(ROOT, "Scenarios/sociale-agenda.verdeel"), work)
        shutil.copytree(os.path.join(ROOT, "Scenarios/data"), os.path.join(work, "data"))
        open(os.path.join(work, "mc.verdeel"), "w").write(READ_BACK_SCENARIO)
        open(os.path.join(work, "problem.txt"), "w").write("a 0 1\nb 0 1\n")
        check_merge(work)
        check_report(work)
        check_outputs(work)
        check_swap(work)
        check_inputs(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    check.finish("read-back", "read-back: {count} checks of damaged and crafted parts, folders, outputs and inputs; each refused, nothing written")


if __name__ == "__main__":
    main()
