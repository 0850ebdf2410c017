# Dictionaries: counting keys, membership tests, iterating items.
import time

began = time.perf_counter()
words = [f"w{(i * 2654435761) % 5003}" for i in range(120_000)]
counts = {}
for word in words:
    counts[word] = counts.get(word, 0) + 1
common = 0
for word, count in counts.items():
    if count > 23 and word in counts:
        common += 1
merged = dict(counts)
for key in list(merged)[:2000]:
    del merged[key]
print(f"{time.perf_counter() - began:.4f}")
