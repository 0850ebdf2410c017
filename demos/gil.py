# The GIL experiment: one CPU-bound job run twice in a row, then on two threads at once.
import threading
import time

ROUNDS = 10_000_000  # about 0.35 s of pure Python arithmetic per call on CPython 3.12


def add_up(limit):
    total = 0  # no sleep, no I/O: with a GIL, threads running this can only take turns
    for number in range(limit):
        total += number
    return total


began = time.perf_counter()
add_up(ROUNDS)
add_up(ROUNDS)
sequential = time.perf_counter() - began

began = time.perf_counter()
twins = [threading.Thread(target=add_up, args=(ROUNDS,)) for _ in range(2)]
for twin in twins:
    twin.start()
for twin in twins:
    twin.join()
threaded = time.perf_counter() - began

print("Sequential")
print(f"  {sequential:.2f} s")
print("Two threads")
print(f"  {threaded:.2f} s")
if threaded < 0.75 * sequential:  # a real win saves at least a quarter of the time
    print("Threads helped: both jobs really ran at once")
else:
    print("Threads did not help: they took turns holding the GIL")
