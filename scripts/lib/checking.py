"""What the long check scripts share: a tally of named checks, running verdeel, and a small scenario."""
import os
import subprocess


class Checks:
    """Counts checks and keeps the messages of the failed ones (printed as they fail)."""

    def __init__(self):
        self.count = 0
        self.failures = []

    def __call__(self, condition, message):
        self.count += 1
        if not condition:
            self.failures.append(message)
            print("FAIL:", message)

    def finish(self, what, summary):
        """Exits with 1 if any check failed, else prints the summary line."""
        if self.failures:
            print(f"{len(self.failures)} of {self.count} {what} checks failed")
            raise SystemExit(1)
        print(summary.format(count=self.count))


def run_verdeel(binary, *args, cwd, expect=0, timeout=900):
    """Runs verdeel; stops the script when a command meant to succeed fails."""
    result = subprocess.run([binary, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    if expect == 0 and result.returncode != 0:
        print(result.stdout, result.stderr)
        raise SystemExit(f"verdeel {' '.join(args)} exited with {result.returncode}")
    return result


def write_small_scenario(folder, regions, title=""):
    """`folder/s.verdeel`: scenario s, one measure m of EUR 1M in 2026 by inhabitants, over
    `folder/regions.csv` with the text `regions` (columns code,name,inhabitants)."""
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "regions.csv"), "w", encoding="utf-8") as handle:
        handle.write(regions)
    name = f" {title}" if title else ""
    with open(os.path.join(folder, "s.verdeel"), "w", encoding="utf-8") as handle:
        handle.write('scenario s {\n    data {\n        regions "regions.csv" {\n            inhabitants: count\n        }\n    }\n'
                     f'    measure m{name} {{\n        budget 2026: 1M\n        key inhabitants 100%\n    }}\n}}\n')


def add_second_ses_vintage(folder):
    """Adds a second SYNTHETIC vintage `synthetic-2` to `folder/data/ses-woa-synthetic.csv`
    (a copy of the bundled data): every even row's mean 0.05 lower, so that
    `update-impact --table ses_woa --from synthetic --to synthetic-2` has two vintages."""
    ses = os.path.join(folder, "data/ses-woa-synthetic.csv")
    lines = open(ses, encoding="utf-8").read().splitlines()
    extra = []
    for index, line in enumerate(lines[1:]):
        fields = line.split(",", 6)
        fields[2], fields[3] = "synthetic-2", f"{float(fields[3]) - (0.05 if index % 2 == 0 else 0):.3f}"
        extra.append(",".join(fields))
    with open(ses, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines + extra) + "\n")


# A variant run with draws and ranks (9 variants) and a small Sobol analysis, over the
# bundled scenario: what scripts/check-read-back.py and scripts/mutate.py shard, merge and
# report on, damaged and crafted.
READ_BACK_SCENARIO = """include "sociale-agenda.verdeel"

scenario mc extends baseline {
    variants {
        weight jongerenwerk need from 40% to 80% count 9
    }
    montecarlo {
        draws 30
        seed 9
        ranks
        perturb inhabitants normal sd 1%
    }
}

scenario sens extends baseline {
    montecarlo {
        draws 20
        seed 42
        perturb inhabitants normal sd 1%
    }
    sensitivity sobol 8 seed 7 {
        weight jongerenwerk need from 50% to 90%
        base wijk from 150k to 210k
        dummy
    }
}
"""


def monte_carlo_block(draws, seed):
    """The montecarlo block the checks put on the bundled baseline (as a scenario's block, four
    spaces in): SES-WOA means drawn by their published spread, inhabitants by 1%."""
    return (f"    montecarlo {{\n        draws {draws}\n        seed {seed}\n"
            "        perturb ses_woa_mean normal sd ses_woa_spread / sqrt(households)\n"
            "        perturb inhabitants normal sd 1%\n    }\n")
