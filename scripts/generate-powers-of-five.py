#!/usr/bin/env python3
"""Writes Sources/VerdeelData/PowersOfFive.swift: 5^q for q = -342 ... 308 as 128-bit
numbers with the top bit set (truncated for q >= 0, rounded up for q < 0), the table
the Eisel-Lemire decimal-to-double conversion multiplies by (Lemire, "Number parsing at
a gigabyte per second", 2021). Exact integer arithmetic; two 64-bit words per power."""
import sys

words = []
for q in range(-342, 0):
    power5 = 5 ** -q
    z = power5.bit_length()
    bits = z + 127 if q >= -27 else 2 * z + 128
    c = 2 ** bits // power5 + 1
    while c >= 1 << 128:
        c //= 2
    words += [c >> 64, c & (2**64 - 1)]
for q in range(0, 309):
    power5 = 5 ** q
    while power5 < 1 << 127:
        power5 *= 2
    while power5 >= 1 << 128:
        power5 //= 2
    words += [power5 >> 64, power5 & (2**64 - 1)]
rows = ",\n".join("        " + ", ".join(f"0x{w:016X}" for w in words[i:i + 4]) for i in range(0, len(words), 4))
swift = f'''/// 5^q for q = -342 ... 308 as 128-bit numbers whose top bit is set (truncated for
/// q >= 0, rounded up for q < 0): high word, low word. The table of the Eisel-Lemire
/// conversion in ``DecimalNumber``; written by scripts/generate-powers-of-five.py.
enum PowersOfFive {{
    static let smallestExponent = -342
    static let largestExponent = 308
    static let words: [UInt64] = [
{rows},
    ]
}}
'''
path = sys.argv[1] if len(sys.argv) > 1 else "Sources/VerdeelData/PowersOfFive.swift"
with open(path, "w") as handle:
    handle.write(swift)
