# A Python sandbox: edit the program and press Run.
# It runs on a Web Worker inside the page, on threadplay's own interpreter.
import time


def cpu_bound(n):
    total = 0
    for i in range(n):
        total += i
    return total


start = time.perf_counter()
result = cpu_bound(5_000_000)
elapsed = time.perf_counter() - start
print(f"cpu_bound(5_000_000) = {result:,}")
print(f"took {elapsed:.3f} s")

words = "the quick brown fox jumps over the lazy dog".split()
longest = max(words, key=len)
print(f"{len(words)} words, longest: {longest!r}")
