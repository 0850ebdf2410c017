# OverflowError and friends, caught.
import math
cases = [
    ("2.0 ** 10000", lambda: 2.0 ** 10000),
    ("math.exp(1000)", lambda: math.exp(1000)),
    ("float(10 ** 400)", lambda: float(10 ** 400)),
    ("10 ** 400 / 1", lambda: 10 ** 400 / 1),
    ("int(float('inf'))", lambda: int(float("inf"))),
    ("int(float('nan'))", lambda: int(float("nan"))),
    ("math.factorial(2.5)", lambda: math.factorial(2.5)),
    ("round(float('inf'))", lambda: round(float("inf"))),
]
for label, fn in cases:
    try:
        print(label, "=", fn())
    except (OverflowError, ValueError, TypeError) as e:
        print(label, "->", type(e).__name__ + ":", e)
print(10 ** 400 // 10 ** 399, 1e308 * 10, -1e308 * 10)
print("summary:", len(cases))
