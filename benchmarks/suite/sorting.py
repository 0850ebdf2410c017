# Sorting with key functions: sorted() and list.sort with lambdas, tuple keys and
# str.lower, reverse=True, stable multi-pass sorts, min/max by key.
import time

SMALL = False  # the checksum check runs a copy with True (small sizes)
COUNT = 2_000 if SMALL else 180_000


class Record:
    def __init__(self, ident, group, score, name):
        self.ident = ident
        self.group = group
        self.score = score
        self.name = name


def workload():
    numbers = [(i * 7919) % 10007 for i in range(COUNT)]
    records = [Record(i, n % 13, n % 101, f"N{n % 977:03d}x") for i, n in enumerate(numbers)]
    rows = [(r.group, r.score, r.name, r.ident) for r in records]
    total = 0
    by_mod = sorted(numbers, key=lambda n: (n % 100, n))
    total += by_mod[0] + by_mod[len(by_mod) // 2] + by_mod[-1]
    by_score = sorted(records, key=lambda r: (r.score, r.ident), reverse=True)
    total += by_score[0].ident + by_score[-1].ident
    rows.sort(key=lambda row: row[2])
    rows.sort(key=lambda row: row[0], reverse=True)
    total += rows[0][3] + rows[COUNT // 3][3]
    names = sorted((r.name for r in records), key=str.lower)
    total += len(names[0]) + ord(names[-1][1])
    plain = sorted(numbers)
    plain.sort(reverse=True)
    total += plain[0] - plain[-1]
    total += max(records, key=lambda r: (r.score, -r.ident)).ident
    total += min(rows, key=lambda row: (row[1], row[3]))[3]
    return total


began = time.perf_counter()
result = workload()
print(f"{time.perf_counter() - began:.4f}")
print(result)
