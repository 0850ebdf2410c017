# Calls and recursion: naive Fibonacci, Takeuchi's function, and small helpers called
# with defaults, keywords and *args in a loop.
import time

SMALL = False  # the checksum check runs a copy with True (small sizes)
FIB = 16 if SMALL else 28
TAK = (12, 8, 4) if SMALL else (18, 12, 6)
LOOP = 2_000 if SMALL else 1_000_000


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def tak(x, y, z):
    if y >= x:
        return z
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))


def clamp(value, low, high):
    return low if value < low else high if value > high else value


def scaled(value, factor=3, *, offset=1):
    return value * factor + offset


def first_of(*values):
    return values[0] + len(values)


def workload():
    total = fib(FIB) + tak(*TAK)
    for i in range(LOOP):
        total += clamp(i % 97, 10, 80)
        total += scaled(i & 15) + scaled(i & 7, 2, offset=-1)
        total += first_of(i, 2, 3)
    return total


began = time.perf_counter()
result = workload()
print(f"{time.perf_counter() - began:.4f}")
print(result)
