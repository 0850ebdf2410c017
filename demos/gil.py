# The GIL experiment: one CPU-bound job run twice in a row, then on two threads at once.
import threading
import time

ROUNDS = 10_000_000  # about 0.35 s of pure Python arithmetic per call on CPython 3.12


def add_up(limit):
    total = 0  # no sleep, no I/O: with a GIL, threads running this can only take turns
    for number in range(limit):
        total += number
    return total


ran = []  # the CPU time each thread really got to run (waiting for the GIL does not count)


def add_up_and_clock(limit):
    began = time.thread_time()
    add_up(limit)
    ran.append(time.thread_time() - began)


began = time.perf_counter()
add_up(ROUNDS)
add_up(ROUNDS)
sequential = time.perf_counter() - began

began = time.perf_counter()
twins = [threading.Thread(target=add_up_and_clock, args=(ROUNDS,)) for _ in range(2)]
for twin in twins:
    twin.start()
for twin in twins:
    twin.join()
threaded = time.perf_counter() - began
at_once = sum(ran) / threaded  # about 1: one thread at a time; about 2: both at once
faster = sequential / threaded  # running at once pays only if a second core was free

print("Sequential")
print(f"  {sequential:.2f} s")
print("Two threads")
print(f"  {threaded:.2f} s, {at_once:.1f} threads running at once on average,")
print(f"  {faster:.1f} times as fast as one after the other")
if at_once <= 1.2:
    print("Threads did not help: they took turns, one at a time")
elif at_once >= 1.5 and faster >= 1.5:
    print("Threads helped: both jobs really ran at once")
elif at_once >= 1.5 and faster <= 1.2:
    print("The threads ran at once, but no sooner: no core was free for the second")
else:
    print("Threads helped a little: they ran at once only part of the time")
