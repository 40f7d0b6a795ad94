"""Benchmark tracking: run the workloads and their peers side by side, record the figures
(`Benchmarks/run`), compare them with the committed baseline, keep a history."""
