#!/usr/bin/env python3
"""check and fmt must take time linear in their input: each adversarial file of about 1 MB
below must be checked and formatted by the release binary in under 2 s (the issue's
bound; generous for a shared machine, and far below what a quadratic step takes).

  swift build -c release --product verdeel && python3 scripts/check-linear-time.py
"""
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
BINARY = os.path.join(ROOT, ".build", "release", "verdeel")
LIMIT = 2.0
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


CASES = {
    "closing braces": "}" * MEGABYTE,
    "opening braces": "scenario s " + "{" * MEGABYTE,
    "16,000 braces on one line": "scenario s {\n" + "}" * 16_000 + "\n",
    "parentheses": HEADER[:-2] + "    criterion c = " + "(" * MEGABYTE + "\n}\n",
    "operators": HEADER[:-2] + "    criterion c = " + "1 + " * (MEGABYTE // 4) + "1\n}\n",
    "unknown characters": "$" * MEGABYTE,
    "a long word": "scenario " + "a" * MEGABYTE + " {\n}\n",
    "a long comment": "# " + "x" * MEGABYTE + "\n" + HEADER,
    "blank lines": "\n" * MEGABYTE + HEADER,
    "an extends chain": chain(MEGABYTE),
    "many criteria": criteria(MEGABYTE),
    "errors on every line": "scenario s {\n" + "    budgt 2026: 1M\n" * (MEGABYTE // 19) + "}\n",
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
        for name, text in CASES.items():
            path = os.path.join(directory, "case.verdeel")
            with open(path, "w") as handle:
                handle.write(text)
            for command in (["check", "case.verdeel"], ["fmt", "case.verdeel"]):
                seconds, code = timed(command, directory)
                verdict = "ok" if seconds < LIMIT and code < 128 else "TOO SLOW" if code < 128 else f"CRASH ({code})"
                print(f"{command[0]:5} {name:28} {len(text) / MEGABYTE:5.2f} MB  {seconds:6.3f} s  exit {code}  {verdict}")
                if verdict != "ok":
                    failures.append(f"{command[0]} {name}")
    if failures:
        raise SystemExit("not linear: " + ", ".join(failures))


if __name__ == "__main__":
    sys.exit(main())
