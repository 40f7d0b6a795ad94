#!/usr/bin/env python3
"""Known-answer vectors for verdeel's Monte Carlo draws, computed from the description in
docs/monte-carlo.md ("Reproducing every draw") alone, in plain Python (no numpy, no
verdeel code). DrawVectorTests.swift asserts the engine's first draws against these
numbers. Run from the repository root:

    python3 Tests/VerdeelSimulationTests/Reference/known_answers.py

The scenario: regions A, B, C with 100, 300, 600 inhabitants and 50, 30, 20 km2;
montecarlo { draws 3, seed 42, perturb inhabitants normal sd 10%,
perturb land_area_km2 uniform 20%, correlate inhabitants land_area_km2 0.5 }.
"""
import math

MASK = (1 << 64) - 1
M0, M1 = 0xD2E7470EE14C6C93, 0xCA5A826395121157
W0, W1 = 0x9E3779B97F4A7C15, 0xBB67AE8584CAA73B


def philox(key, counter):
    """Philox4x64-10: ten rounds; the key is bumped by (W0, W1) before rounds 2 to 10."""
    x0, x1, x2, x3 = counter
    k0, k1 = key
    for round_ in range(10):
        if round_ > 0:
            k0, k1 = (k0 + W0) & MASK, (k1 + W1) & MASK
        p0, p1 = M0 * x0, M1 * x2
        x0, x1, x2, x3 = ((p1 >> 64) ^ x1 ^ k0) & MASK, p1 & MASK, ((p0 >> 64) ^ x3 ^ k1) & MASK, p0 & MASK
    return x0, x1, x2, x3


def uniform(bits):
    """The top 52 bits plus half a step, times 2^-52: in (0, 1), never 0 or 1."""
    return ((bits >> 12) + 0.5) * 2.0 ** -52


def normals(seed, draw, stream, count):
    """Box-Muller on counters (draw, stream, i, 0), i = 0, 1, ...: four normals each."""
    out, i = [], 0
    while len(out) < count:
        u1, u2, u3, u4 = (uniform(b) for b in philox((seed, 0), (draw, stream, i, 0)))
        r1, r2 = math.sqrt(-2 * math.log(u1)), math.sqrt(-2 * math.log(u3))
        out += [r1 * math.cos(2 * math.pi * u2), r1 * math.sin(2 * math.pi * u2), r2 * math.cos(2 * math.pi * u4), r2 * math.sin(2 * math.pi * u4)]
        i += 1
    return out[:count]


def main():
    seed, rho = 42, 0.5
    inhabitants, area = [100.0, 300.0, 600.0], [50.0, 30.0, 20.0]
    factor = [[1.0, 0.0], [rho, math.sqrt(1 - rho * rho)]]  # lower Cholesky of [[1, rho], [rho, 1]]
    for draw in range(3):
        z = [normals(seed, draw, stream, 3) for stream in range(2)]
        people, land = [], []
        for r in range(3):
            z0 = factor[0][0] * z[0][r]
            z1 = factor[1][0] * z[0][r] + factor[1][1] * z[1][r]
            people.append(inhabitants[r] + 0.10 * abs(inhabitants[r]) * z0)
            u = 0.5 * math.erfc(-z1 / math.sqrt(2))
            land.append(area[r] + 0.20 * abs(area[r]) * (2 * u - 1))
        print(f"draw {draw}: normals {[repr(v) for v in z[0]]} {[repr(v) for v in z[1]]}")
        print(f"  inhabitants shares {[repr(v / sum(people)) for v in people]}")
        print(f"  land_area_km2 shares {[repr(v / sum(land)) for v in land]}")


if __name__ == "__main__":
    main()
