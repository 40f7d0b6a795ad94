#!/usr/bin/env python3
"""Runs every command that README.md shows in a ```sh block, as written, from the
repository root, one block per bash process (so `export PATH=...` carries to the block's
later lines). A command must exit with 0, or with the code its comment names
("# exits with 1"). scripts/test.sh is skipped: it is what runs this check; so is
`verdeel serve`, which serves until stopped: scripts/check-workbench.py starts it. Files and
folders the commands create at the repository's top level (e.g. out/) are removed afterwards.

Then the help texts' claims a script can check: the files each command's `--help` says
`--output` writes are the files it writes (its "wrote" lines), and every file an option's
help names is a table docs/tables.md lists.

  python3 scripts/check-readme.py [BINARY]
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SKIPPED = ("scripts/test.sh", "verdeel serve")


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
    binary = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/verdeel")
    claims = check_help_claims(binary)
    print(f"all {count} README commands ran as written; {claims} help-text claims hold")


FILE_NAME = re.compile(r"[a-z_0-9]+\.(?:csv|json|md|xlsx|html)")

# Commands with --output, as a newcomer runs them, and the help section that names their files.
OUTPUT_COMMANDS = [
    (["compare", "Scenarios/sociale-agenda.verdeel", "baseline", "jongerenwerk_60_40", "--explain"], "OUTPUT:"),
    (["update-impact", "Scenarios/sociale-agenda-update.verdeel", "--scenario", "update", "--table", "ses_woa", "--from", "2022", "--to", "2023"], "OUTPUT:"),
]


def help_text(binary, command):
    return subprocess.run([binary, command, "--help"], capture_output=True, text=True, check=True, cwd=ROOT).stdout


def check_help_claims(binary):
    """The files a help section says --output writes are those written (manifest.txt, in
    every folder, aside; a name in parentheses is another format's); every file a help
    text names is a table docs/tables.md lists, or a file every folder has."""
    problems, claims = [], 0
    for arguments, section in OUTPUT_COMMANDS:
        text = help_text(binary, arguments[0])
        heading = next(line for line in text.splitlines() if line.upper().startswith(section))
        plain = re.sub(r"\([^)]*\)", "", heading.lower())
        claimed = set(FILE_NAME.findall(plain))
        with tempfile.TemporaryDirectory() as folder:
            out = os.path.join(folder, "out")
            completed = subprocess.run([binary, *arguments, "--format", "csv", "--output", out], capture_output=True, text=True, check=False, cwd=ROOT)
            written = {os.path.basename(line.split("wrote ", 1)[1]) for line in completed.stdout.splitlines() if line.startswith("wrote ")}
            on_disk = set(os.listdir(out)) if os.path.isdir(out) else set()
        claims += 1
        if completed.returncode != 0 or claimed != written or on_disk - {"manifest.txt"} != written:
            problems.append(f"verdeel {arguments[0]} --help says --output writes {sorted(claimed)}; it wrote {sorted(written)} (on disk {sorted(on_disk)})")
    tables = set(re.findall(r"^## ([a-z_0-9]+\.csv):", open(os.path.join(ROOT, "docs/tables.md"), encoding="utf-8").read(), re.M))
    # Besides the tables: the files of every folder and the one-file JSON documents
    # (workbooks and pages are named by the user's --output).
    others = {"provenance.json", "schema.json", "dictionary.md", "compare.json", "update_impact.json", "allocations.json"}
    for command in ("run", "compare", "update-impact", "merge", "report"):
        for name in set(FILE_NAME.findall(help_text(binary, command).lower())):
            claims += 1
            if name not in tables | others and not name.endswith((".xlsx", ".html")):
                problems.append(f"verdeel {command} --help names {name}, which verdeel does not write (docs/tables.md)")
    if problems:
        raise SystemExit("help texts that do not hold:\n  " + "\n  ".join(problems))
    return claims


def shlex_quote(text):
    return "'" + text.replace("'", "'\"'\"'") + "'"


if __name__ == "__main__":
    sys.exit(main())
