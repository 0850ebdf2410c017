# List indexing and slicing: a sieve with slice assignment, rotations and reversals by
# slicing, windows, in-place swaps by index and prefix sums.
import time

SMALL = False  # the checksum check runs a copy with True (small sizes)
SIEVE = 5_000 if SMALL else 1_000_000
ROUNDS = 100 if SMALL else 90_000
WIDTH = 200


def sieve(limit):
    marks = [True] * (limit + 1)
    marks[0] = marks[1] = False
    i = 2
    while i * i <= limit:
        if marks[i]:
            marks[i * i :: i] = [False] * len(range(i * i, limit + 1, i))
        i += 1
    return [n for n in range(limit + 1) if marks[n]]


def workload():
    primes = sieve(SIEVE)
    total = len(primes) + primes[-1]
    row = list(range(WIDTH))
    for r in range(ROUNDS):
        k = r % WIDTH
        row = row[k:] + row[:k]
        if r % 3 == 0:
            row = row[::-1]
        for i in range(0, WIDTH - 1, 2):
            if row[i] > row[i + 1]:
                row[i], row[i + 1] = row[i + 1], row[i]
        window = row[10:30]
        total += window[0] - window[-1] + row[r % WIDTH] + sum(row[::50])
    prefix = [0] * (WIDTH + 1)
    for i in range(WIDTH):
        prefix[i + 1] = prefix[i] + row[i] * (i + 1)
    return total + prefix[-1]


began = time.perf_counter()
result = workload()
print(f"{time.perf_counter() - began:.4f}")
print(result)
