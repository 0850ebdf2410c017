# Threads: four threads taking turns on one lock to add to a shared total.
import threading
import time

total = 0
guard = threading.Lock()


def add(times):
    global total
    for _ in range(times):
        with guard:
            total += 1


began = time.perf_counter()
workers = [threading.Thread(target=add, args=(50_000,)) for _ in range(4)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
assert total == 200_000
print(f"{time.perf_counter() - began:.4f}")
