#!/usr/bin/env python3
"""Runs every command that README.md shows in a ```sh block, as written, from the
repository root, one block per bash process (so `export PATH=...` carries to the block's
later lines). A command must exit with 0, or with the code its comment names
("# exits with 1"). scripts/test.sh is skipped: it is what runs this check. Files and
folders the commands create at the repository's top level (e.g. out/) are removed afterwards.

  python3 scripts/check-readme.py
"""
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SKIPPED = ("scripts/test.sh",)


def blocks(text):
    return re.findall(r"```sh\n(.*?)```", text, re.S)


def commands(block):
    """(command, expected exit code) for each line that is not blank or a comment."""
    for line in block.splitlines():
        command = line.split(" # ")[0].split("  #")[0].strip()
        if not command or command.startswith("#") or command.startswith(SKIPPED):
            continue
        expected = re.search(r"#.*exits with (\d+)", line)
        yield command, int(expected.group(1)) if expected else 0


def untracked():
    """The entries at the repository's top level (README commands write only there)."""
    return set(os.listdir(ROOT))


def main():
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    before = untracked()
    failures = 0
    count = 0
    try:
        for block in blocks(readme):
            script = ["set -u", 'log=$(mktemp)', 'trap \'rm -f "$log"\' EXIT']
            for command, expected in commands(block):
                count += 1
                script.append(f"echo {shlex_quote('$ ' + command)}")
                script.append(f"{{ {command} ; }} > \"$log\" 2>&1\ncode=$?")
                script.append(f"if [ $code -ne {expected} ]; then cat \"$log\" >&2; echo \"README command failed (exit $code, expected {expected}): \"{shlex_quote(command)} >&2; failures=$((failures+1)); fi")
            script.insert(3, "failures=0")
            script.append("exit $failures")
            completed = subprocess.run(["bash", "-c", "\n".join(script)], cwd=ROOT, check=False)
            failures += completed.returncode
    finally:
        for path in untracked() - before:
            full = os.path.join(ROOT, path)
            shutil.rmtree(full) if os.path.isdir(full) else os.remove(full)
    if failures:
        raise SystemExit(f"{failures} of {count} README commands failed")
    print(f"all {count} README commands ran as written")


def shlex_quote(text):
    return "'" + text.replace("'", "'\"'\"'") + "'"


if __name__ == "__main__":
    sys.exit(main())
