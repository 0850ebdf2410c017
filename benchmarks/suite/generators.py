# Generators: a three-stage pipeline and generator expressions.
import time


def numbers(limit):
    for i in range(limit):
        yield i


def squares(source):
    for n in source:
        yield n * n


def only_odd(source):
    for n in source:
        if n & 1:
            yield n


began = time.perf_counter()
total = sum(only_odd(squares(numbers(200_000))))
total += sum(x % 10 for x in range(200_000))
print(f"{time.perf_counter() - began:.4f}")
