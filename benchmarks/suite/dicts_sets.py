# Dict and set operations: counting words, membership tests, inverting a dict,
# tuple keys, set algebra, adding and discarding, deleting and updating.
import time

SMALL = False  # the checksum check runs a copy with True (small sizes)
WORDS = 3_000 if SMALL else 900_000


def workload():
    words = [f"w{(i * 2654435761) % 4099}" for i in range(WORDS)]
    counts = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    grouped = {}
    for word, count in counts.items():
        grouped.setdefault(count, []).append(word)
    inverse = {count: len(group) for count, group in grouped.items()}
    grid = {}
    for i in range(len(words) // 10):
        grid[(i % 37, i % 41)] = grid.get((i % 41, i % 37), 0) + i
    evens = {len(w) * 1000 + i for i, w in enumerate(words) if i % 2 == 0}
    threes = {len(w) * 1000 + i for i, w in enumerate(words) if i % 3 == 0}
    seen = set()
    hits = 0
    for word in words:
        if word in seen:
            hits += 1
            seen.discard(word)
        else:
            seen.add(word)
    merged = dict(counts)
    for key in list(merged)[:1000]:
        del merged[key]
    merged.update(grid and {"extra": 1})
    total = hits + len(seen) + len(merged) + sum(inverse.values()) + sum(grid.values())
    total += len(evens & threes) + len(evens | threes) + len(evens - threes) + len(evens ^ threes)
    total += sum(1 for w in words[:5000] if w in counts and w not in seen)
    return total


began = time.perf_counter()
result = workload()
print(f"{time.perf_counter() - began:.4f}")
print(result)
