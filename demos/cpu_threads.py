# Threads do not make CPU-bound Python faster while there is a GIL: only one thread
# runs Python at a time. Compare the two timings under each GIL model; without a GIL
# (free-threaded) the two threads really run at once.
import threading
import time


def crunch(n):
    total = 0
    for i in range(n):
        total += i
    return total


started = time.perf_counter()
crunch(3_000_000)
crunch(3_000_000)
one_after_another = time.perf_counter() - started

started = time.perf_counter()
pair = [threading.Thread(target=crunch, args=(3_000_000,)) for _ in range(2)]
for thread in pair:
    thread.start()
for thread in pair:
    thread.join()
side_by_side = time.perf_counter() - started

print(f"one after another: {one_after_another:.2f} s")
print(f"two threads:       {side_by_side:.2f} s")
