# The chapter's GIL experiment: the CPU-bound loop twice in a row, then on two
# threads at once. Prints both times and their ratio (threaded / sequential).
import threading
import time


def cpu_bound(n):
    total = 0
    for i in range(n):
        total += i
    return total


start = time.perf_counter()
cpu_bound(5_000_000)
cpu_bound(5_000_000)
sequential = time.perf_counter() - start

start = time.perf_counter()
workers = [threading.Thread(target=cpu_bound, args=(5_000_000,)) for _ in range(2)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
threaded = time.perf_counter() - start
print(f"{sequential:.3f} {threaded:.3f} {threaded / sequential:.2f}")
