# Int arithmetic: Euclid's gcd, Collatz lengths, bit counting, modular powers by
# squaring, then big ints: a factorial, a long Fibonacci, big products and divisions.
import time

SMALL = False  # the checksum check runs a copy with True (small sizes)
SMALL_LOOP = 1_000 if SMALL else 240_000
BIG = 200 if SMALL else 3_000
MOD = 1_000_000_007


def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def bits(n):
    count = 0
    while n:
        n &= n - 1
        count += 1
    return count


def power_mod(base, exponent, modulus):
    result = 1
    base %= modulus
    while exponent:
        if exponent & 1:
            result = result * base % modulus
        base = base * base % modulus
        exponent >>= 1
    return result


def workload():
    total = 0
    for i in range(1, SMALL_LOOP):
        total += gcd(i * 7919, 104_729 + i) + bits(i ^ (i << 3))
        if i % 8 == 0:
            total += collatz(i) + power_mod(i, 1000 + i, MOD)
    factorial = 1
    for k in range(2, BIG):
        factorial *= k
    a, b = 0, 1
    for _ in range(BIG * 4):
        a, b = b, a + b
    product = factorial * a
    quotient, remainder = divmod(product, b + 12345)
    digits = str(a)
    total += sum(int(d) for d in digits[:2000]) + len(digits)
    total += (quotient ^ remainder) % MOD + (a << 100) % 999_983 + pow(7, factorial, MOD)
    return total


began = time.perf_counter()
result = workload()
print(f"{time.perf_counter() - began:.4f}")
print(result)
