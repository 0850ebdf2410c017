# Function calls: naive recursion and a small helper called in a loop.
import time


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def clamp(value, low, high):
    return low if value < low else high if value > high else value


began = time.perf_counter()
total = fib(24)
for i in range(300_000):
    total += clamp(i % 97, 10, 80)
print(f"{time.perf_counter() - began:.4f}")
