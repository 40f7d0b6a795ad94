"""Tests of the benchmark tracker."""
