#!/usr/bin/env python3
"""check and fmt must take time linear in their input. Each adversarial file below is made
at about 256 kB and 1 MB and checked and formatted by the release binary: the 1 MB run
must take under 2 s on the project's machine (reported), and, so that a slower or busier
machine does not fail for speed alone, the check fails when the 1 MB run takes more than
8 times the 256 kB run (linear is 4, quadratic 16) or more than 10 s.

  swift build -c release --product verdeel && python3 scripts/check-linear-time.py
"""
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
BINARY = os.path.join(ROOT, ".build", "release", "verdeel")
TARGET = 2.0
LIMIT = 10.0
GROWTH = 8.0
MEGABYTE = 1 << 20
HEADER = 'scenario s0 {\n    data {\n        regions "regions.csv" {\n            inhabitants: count\n        }\n    }\n    measure m {\n        budget 2026: 1M\n        key inhabitants 100%\n    }\n}\n'


def chain(size):
    lines, i = [HEADER], 1
    while sum(map(len, lines)) < size:
        lines.append(f"scenario s{i} extends s{i - 1} {{\n}}\n")
        i += 1
    return "".join(lines)


def criteria(size):
    lines, i = [HEADER[:-2]], 0
    while sum(map(len, lines)) < size:
        lines.append(f"    criterion c{i} = inhabitants * {i % 7 + 1}\n")
        i += 1
    return "".join(lines) + "}\n"


def cases(size):
    return {
        "closing braces": "}" * size,
        "opening braces": "scenario s " + "{" * size,
        "braces on one line": "scenario s {\n" + "}" * (size // 64) + "\n",
        "parentheses": HEADER[:-2] + "    criterion c = " + "(" * size + "\n}\n",
        "operators": HEADER[:-2] + "    criterion c = " + "1 + " * (size // 4) + "1\n}\n",
        "unknown characters": "$" * size,
        "a long word": "scenario " + "a" * size + " {\n}\n",
        "a long comment": "# " + "x" * size + "\n" + HEADER,
        "blank lines": "\n" * size + HEADER,
        "an extends chain": chain(size),
        "many criteria": criteria(size),
        "errors on every line": "scenario s {\n" + "    budgt 2026: 1M\n" * (size // 19) + "}\n",
    }


def timed(arguments, directory):
    started = time.perf_counter()
    completed = subprocess.run([BINARY] + arguments, cwd=directory, capture_output=True, check=False, timeout=60)
    return time.perf_counter() - started, completed.returncode


def main():
    failures = []
    with tempfile.TemporaryDirectory() as directory:
        with open(os.path.join(directory, "regions.csv"), "w") as handle:
            handle.write("code,name,inhabitants\nGM0001,A,10\nGM0002,B,30\n")
        small, large = cases(MEGABYTE // 4), cases(MEGABYTE)
        for name in large:
            for command in ("check", "fmt"):
                times = []
                for text in (small[name], large[name]):
                    with open(os.path.join(directory, "case.verdeel"), "w") as handle:
                        handle.write(text)
                    seconds, code = timed([command, "case.verdeel"], directory)
                    if code >= 128:
                        failures.append(f"{command} {name} crashed ({code})")
                    times.append(seconds)
                growth = times[1] / max(times[0], 1e-3)
                verdict = "ok" if growth <= GROWTH and times[1] <= LIMIT else "NOT LINEAR"
                note = "" if times[1] < TARGET else f" (over the {TARGET:.0f} s target)"
                print(f"{command:5} {name:24} 0.25 MB {times[0]:6.3f} s, {len(large[name]) / MEGABYTE:4.2f} MB {times[1]:6.3f} s, x{growth:4.1f}  {verdict}{note}")
                if verdict != "ok":
                    failures.append(f"{command} {name}")
    if failures:
        raise SystemExit("not linear: " + ", ".join(failures))


if __name__ == "__main__":
    sys.exit(main())
