# Comprehensions: list, dict and set comprehensions with conditions, nested loops
# (a transpose, a flatten, a product table) and comprehensions over comprehensions.
import time

SMALL = False  # the checksum check runs a copy with True (small sizes)
ROUNDS = 10 if SMALL else 2_000
SIZE = 40


def workload():
    total = 0
    for r in range(ROUNDS):
        matrix = [[(i * SIZE + j + r) % 97 for j in range(SIZE)] for i in range(SIZE)]
        transposed = [[row[j] for row in matrix] for j in range(SIZE)]
        flat = [x for row in transposed for x in row if x % 3]
        squares = {x: x * x for x in flat if x < 50}
        distinct = {x % 17 for x in flat}
        pairs = [(a, b) for a in range(12) for b in range(a, 12) if (a + b + r) % 5 == 0]
        total += len(flat) + sum(squares.values()) + len(distinct) + len(pairs)
        total += sum([x + 1 for x in transposed[r % SIZE]])
    return total


began = time.perf_counter()
result = workload()
print(f"{time.perf_counter() - began:.4f}")
print(result)
