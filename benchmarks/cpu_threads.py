# The chapter's GIL experiment: the CPU-bound loop twice in a row, then on two
# threads at once. Prints both times and their ratio (threaded / sequential).
import threading
import time


def sum_below(limit):
    # The chapter's CPU-bound loop: add every number below `limit`, one at a time.
    acc = 0
    for k in range(limit):
        acc += k
    return acc


start = time.perf_counter()
sum_below(5_000_000)
sum_below(5_000_000)
sequential = time.perf_counter() - start

start = time.perf_counter()
workers = [threading.Thread(target=sum_below, args=(5_000_000,)) for _ in range(2)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
threaded = time.perf_counter() - start
print(f"{sequential:.3f} {threaded:.3f} {threaded / sequential:.2f}")
