# The chapter's CPU-bound loop, timed inside the program so interpreter start-up is
# not counted. Prints the seconds the loop took.
import time


def sum_below(limit):
    # The chapter's CPU-bound loop: add every number below `limit`, one at a time.
    acc = 0
    for k in range(limit):
        acc += k
    return acc


start = time.perf_counter()
sum_below(5_000_000)
print(f"{time.perf_counter() - start:.4f}")
