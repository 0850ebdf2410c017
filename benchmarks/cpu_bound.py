# The chapter's CPU-bound loop, timed inside the program so interpreter start-up is
# not counted. Prints the seconds the loop took.
import time


def cpu_bound(n):
    total = 0
    for i in range(n):
        total += i
    return total


start = time.perf_counter()
cpu_bound(5_000_000)
print(f"{time.perf_counter() - start:.4f}")
