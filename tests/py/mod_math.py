# The math module.
import math
import math as m
from math import sqrt, pi
print(math.sqrt(16), sqrt(2), m.floor(-2.5), m.ceil(-2.5), m.floor(3.7), m.ceil(3.2))
print(pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1.0, 1.1), math.isclose(1.0, 1.05, rel_tol=0.1))
print(math.gcd(12, 18), math.gcd(0, 5), math.factorial(10), math.factorial(20))
print(math.log(math.e), math.log(8, 2), math.log2(1024), math.log10(1000), math.log(1))
print(math.exp(0), math.exp(1), round(math.exp(2), 6))
print(round(math.sin(math.pi / 6), 10), round(math.cos(math.pi), 10), math.sin(0), math.cos(0))
print(round(math.tan(math.pi / 4), 10), round(math.atan2(1, 1), 10), math.atan(0))
print(math.fabs(-3), math.isqrt(17), math.isqrt(10 ** 20), math.prod([1, 2, 3, 4]), math.prod([]))
print(math.fsum([0.1] * 10), sum([0.1] * 10))
print(math.isnan(math.nan), math.isnan(1.0), math.isinf(math.inf), math.isinf(1e308), math.isfinite(1.0))
print(math.trunc(-3.7), math.trunc(3.7), math.copysign(3, -0.0), math.copysign(-2, 1))
print(math.hypot(3, 4), math.pow(2, 10), math.pow(2, 0.5), math.degrees(math.pi), math.radians(180))
print(math.comb(5, 2), math.comb(52, 5), math.perm(5, 2), math.perm(5))
print(math.floor(2 ** 70 + 0.5) == 2 ** 70, type(math.floor(1.5)).__name__, type(math.sqrt(4)).__name__)
print(math.lcm(4, 6), math.modf(3.25), math.fmod(-7, 3), -7 % 3)
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    math.log(0)
except ValueError as e:
    print("ValueError:", e)
try:
    math.factorial(-1)
except ValueError as e:
    print("ValueError:", e)
print(math.nan == math.nan, math.inf > 1e308)
print("summary:", math.gcd(100, 75), round(math.pi, 4))
