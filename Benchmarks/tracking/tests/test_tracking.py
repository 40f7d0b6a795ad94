"""The benchmark tracker's logic on figures worked out by hand (no benchmark is run here):
ratios over paired rounds, the baseline rule, the schema, the trackers' formats, the history.

  python3 -m unittest discover -s Benchmarks/tracking/tests -t Benchmarks
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

from tracking import baseline, history, measure, report, suite


def fake_runs():
    """Three rounds of w3: verdeel's engine 0.5, 0.4, 0.6 s for 130M cells, numpy 15, 14, 15 s:
    ratios 30, 35, 25 (median 30); and w3 with fairness 1.0, 1.0, 1.5 s: own ratios
    (speed with fairness / speed without) 0.5, 0.4, 0.4 (median 0.4)."""
    cells = 130_000_000
    w3 = [(measure.Run(e + 0.05, e, cells, 50_000_000, ""), measure.Run(p + 0.5, p, 0, 900_000_000, "")) for e, p in [(0.5, 15), (0.4, 14), (0.6, 15)]]
    fair = [(measure.Run(e + 0.05, e, cells, 60_000_000, ""), None) for e in (1.0, 1.0, 1.5)]
    return w3, fair


def fake_run():
    w3, fair = fake_runs()
    entries = {"w3": suite.figures(w3), "w3-fairness": suite.figures(fair)}
    own = {"w3-fairness-over-w3": suite.spread([suite.value(a, "speed") / suite.value(b, "speed") for (a, _), (b, _) in zip(fair, w3)])}
    return report.document(entries, own, 1.5, 3, 2, True)


class FiguresTests(unittest.TestCase):
    def test_ratios_are_paired_by_round(self):
        run = fake_run()
        self.assertEqual(run["benchmarks"]["w3"]["ratio"], {"median": 30.0, "min": 25.0, "max": 35.0})
        self.assertEqual(run["benchmarks"]["w3"]["verdeel"]["cells_per_second"]["median"], 130_000_000 / 0.5)
        self.assertEqual(run["benchmarks"]["w3"]["peer"]["peak_bytes"], 900_000_000)
        self.assertIsNone(run["benchmarks"]["w3-fairness"]["ratio"])
        self.assertAlmostEqual(run["own_ratios"]["w3-fairness-over-w3"]["median"], 0.4)
        self.assertEqual(sorted(run["tracked"]), ["w3-fairness-over-w3.own_ratio", "w3.peer_ratio"])


class BaselineTests(unittest.TestCase):
    def kept(self):
        return {"commit": "abc", "date": "2026-12-01", "machine": {"cores": 2}, "set": "quick", "repeat": 5,
                "figures": {"w3.peer_ratio": {"median": 30.0, "min": 28.0, "max": 32.0, "tolerance": 0.15}}}

    def run_with(self, median, low, high):
        return {"tracked": {"w3.peer_ratio": {"median": median, "min": low, "max": high}}}

    def test_within_tolerance_and_noise_passes(self):
        # noise (30 - 26) / (2 x 28) = 7.1%; limit 30 x (1 - 0.15 - 0.0714) = 23.36; 28 passes.
        verdicts, missing = baseline.compare(self.run_with(28.0, 26.0, 30.0), self.kept())
        self.assertEqual(missing, [])
        self.assertAlmostEqual(verdicts[0].limit, 30 * (1 - 0.15 - 4 / 56))
        self.assertTrue(verdicts[0].passed)

    def test_a_slowdown_fails_with_the_figure_the_baseline_and_the_tolerance(self):
        # A run twice as slow: ratio 15 with noise (16 - 14) / 30 = 6.7%; limit 23.5.
        verdicts, missing = baseline.compare(self.run_with(15.0, 14.0, 16.0), self.kept())
        self.assertFalse(verdicts[0].passed)
        self.assertEqual(baseline.failures(verdicts, missing), [
            "w3.peer_ratio: 15 is below 23.5, the baseline 30 less its tolerance 15% and this run's noise 6.7%"])
        self.assertIn("FAILED", baseline.table(verdicts))

    def test_a_figure_not_measured_is_a_failure(self):
        verdicts, missing = baseline.compare({"tracked": {}}, self.kept())
        self.assertEqual(baseline.failures(verdicts, missing), [
            "w3.peer_ratio: in the baseline but not measured by this run (run the same set, or update the baseline)"])

    def test_update_keeps_each_figures_tolerance(self):
        kept = baseline.make_baseline(fake_run(), {"w3.peer_ratio": 0.2})
        self.assertEqual(kept["figures"]["w3.peer_ratio"]["tolerance"], 0.2)
        self.assertEqual(kept["figures"]["w3-fairness-over-w3.own_ratio"]["tolerance"], baseline.DEFAULT_TOLERANCE)


    def test_a_baseline_from_several_runs_takes_the_median_of_their_medians(self):
        runs = [{"commit": c, "date": "d", "machine": {}, "set": "quick", "repeat": 5,
                 "tracked": {"w3.peer_ratio": {"median": m, "min": m - 1, "max": m + 2}}} for c, m in [("a", 25.0), ("b", 23.0), ("c", 26.0)]]
        kept = baseline.make_baseline_from(runs, {"w3.peer_ratio": 0.15})
        self.assertEqual(kept["figures"]["w3.peer_ratio"], {"median": 25.0, "min": 22.0, "max": 28.0, "tolerance": 0.15})
        self.assertEqual((kept["commit"], kept["runs"]), ("c", 3))

    def test_each_kind_of_machine_has_its_own_baseline(self):
        """An AVX-512 baseline in baseline.json: an AVX-512 machine compares with it; an AVX2
        machine with baseline-avx2.json once there is one (until then with baseline.json),
        and a new AVX2 baseline goes there, not over the AVX-512 one."""
        wide = {"vector_extensions": ["sse4_2", "avx", "avx2", "fma", "avx512f"]}
        narrow = {"vector_extensions": ["sse4_2", "avx", "avx2", "fma"]}
        self.assertEqual((baseline.widest_extension(wide), baseline.widest_extension(narrow), baseline.widest_extension({})), ("avx512f", "avx2", "none"))
        with tempfile.TemporaryDirectory() as folder:
            default = os.path.join(folder, "baseline.json")
            baseline.save({"machine": wide, "figures": {}}, default)
            self.assertEqual(baseline.path_for(wide, default), default)
            self.assertEqual(baseline.path_for(narrow, default), default)
            own = os.path.join(folder, "baseline-avx2.json")
            self.assertEqual(baseline.path_for_update(narrow, default), own)
            self.assertEqual(baseline.path_for_update(wide, default), default)
            baseline.save({"machine": narrow, "figures": {}}, own)
            self.assertEqual(baseline.path_for(narrow, default), own)
            self.assertEqual(baseline.path_for(wide, default), default)


class FormatTests(unittest.TestCase):
    def test_the_document_fits_the_schema(self):
        import jsonschema

        run = fake_run()
        report.validate(run)
        del run["tracked"]
        with self.assertRaises(jsonschema.ValidationError):
            report.validate(run)

    def test_pytest_benchmark_reads_the_tracker_file(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "0001_run.json")
            with open(path, "w") as handle:
                json.dump(report.pytest_benchmark(fake_run()), handle)
            done = subprocess.run([sys.executable, "-m", "pytest_benchmark", "compare", path, "--columns", "min,max,median,rounds"],
                                  capture_output=True, text=True, check=False)
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertIn("w3-fairness", done.stdout)
            self.assertNotIn("Failed to load", done.stdout + done.stderr)

    def test_github_action_benchmark_items(self):
        items = report.github_action_benchmark(fake_run())
        self.assertIn({"name": "w3.peer_ratio", "unit": "ratio", "value": 30.0, "range": "25..35"}, items)


class HistoryTests(unittest.TestCase):
    def test_table_and_chart(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "history.jsonl")
            run = fake_run()
            history.append(path, run)
            history.append(path, dict(run, commit="f" * 40))
            runs = history.read(path)
            lines = history.table(runs).splitlines()
            self.assertEqual(len(lines), 3)
            self.assertIn("w3.peer_ratio", lines[0])
            self.assertTrue(lines[2].lstrip().startswith("ffffffffff"))
            self.assertIn("30", lines[1])
            chart = os.path.join(directory, "history.svg")
            history.chart(runs, chart)
            with open(chart) as handle:
                self.assertIn("<svg", handle.read())

    def test_a_line_that_is_not_a_run_is_named(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "history.jsonl")
            history.append(path, fake_run())
            with open(path, "a") as handle:
                handle.write("{\"commit\": 1}\n")
            with self.assertRaises(SystemExit) as raised:
                history.read(path)
            self.assertIn("history.jsonl:2:1: not a benchmark run", str(raised.exception))


if __name__ == "__main__":
    unittest.main()
