#!/usr/bin/env python3
"""Writes Sources/VerdeelRandom/SobolDirections.swift: Joe and Kuo's direction numbers
(new-joe-kuo-6.21201) for the first DIMENSIONS dimensions, read from the copy scipy ships
(scipy/stats/_sobol_direction_numbers.npz). One line per dimension from the second on:
degree s, coefficients a (the polynomial's inner bits), initial direction numbers m1..ms."""
import os
import sys

import numpy as np
import scipy.stats._sobol as sobol

DIMENSIONS = 1024

numbers = np.load(os.path.join(os.path.dirname(sobol.__file__), "_sobol_direction_numbers.npz"))
lines = []
for poly, vinit in zip(numbers["poly"][1:DIMENSIONS], numbers["vinit"][1:DIMENSIONS]):
    degree = int(poly).bit_length() - 1
    inner = (int(poly) >> 1) & ((1 << (degree - 1)) - 1)
    lines.append(" ".join(str(v) for v in [degree, inner] + [int(m) for m in vinit[:degree]]))
body = "\n".join(lines)
swift = f'''/// Joe and Kuo's direction numbers (new-joe-kuo-6.21201, the table scipy.stats.qmc.Sobol
/// ships) for dimensions 2 to {DIMENSIONS}, one line each: degree s, the primitive
/// polynomial's inner coefficients a, initial direction numbers m1 ... ms. Written by
/// scripts/generate-sobol-directions.py; a string, not an array literal, so it compiles fast.
enum SobolDirections {{
    static let text = """
{body}
"""
}}
'''
path = sys.argv[1] if len(sys.argv) > 1 else "Sources/VerdeelRandom/SobolDirections.swift"
with open(path, "w") as handle:
    handle.write(swift)
