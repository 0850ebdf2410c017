# Closures: counters over a nonlocal cell, composed functions, function factories and
# lambdas with default arguments, called in loops.
import time

SMALL = False  # the checksum check runs a copy with True (small sizes)
ROUNDS = 2_000 if SMALL else 1_050_000


def make_counter(step):
    count = 0

    def bump():
        nonlocal count
        count += step
        return count

    return bump


def compose(outer, inner):
    return lambda x: outer(inner(x))


def make_scaler(factor, offset):
    def scale(x):
        return x * factor + offset

    return scale


def make_accumulator():
    seen = []
    limit = 64

    def add(value):
        seen.append(value)
        if len(seen) > limit:
            del seen[: limit // 2]
        return len(seen)

    return add


def workload():
    counters = [make_counter(step) for step in range(1, 6)]
    scalers = [make_scaler(f, f - 2) for f in range(1, 5)]
    chain = compose(scalers[0], compose(scalers[1], scalers[2]))
    adders = [lambda x, k=k: x + k for k in range(7)]
    remember = make_accumulator()
    total = 0
    for i in range(ROUNDS):
        total += counters[i % 5]()
        total += chain(i & 31)
        total += adders[i % 7](i & 3)
        total += remember(i)
        total %= 1_000_000_007
    return total


began = time.perf_counter()
result = workload()
print(f"{time.perf_counter() - began:.4f}")
print(result)
