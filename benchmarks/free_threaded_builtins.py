# Two threads that only touch their own list, through built-ins (`len`, `isinstance`,
# `int`) and list methods: run it with `threadplay run --gil free`. Prints the seconds
# one thread takes to run both loops, then the seconds two threads take to run one loop
# each at the same time. With nothing shared but the built-ins, the second figure would
# be about half the first on two free cores; what it costs more is contention on what
# the threads share (locks, and the reference counts of the built-in objects).
import threading
import time

N = 300_000


def work():
    x = [1, 2, 3]
    n = 0
    for i in range(N):
        n += len(x)
        if isinstance(x, int):
            n -= 1
        x.append(i)
        x.pop()
    return n


def timed(threads):
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


serial = timed([threading.Thread(target=lambda: (work(), work()))])
parallel = timed([threading.Thread(target=work) for _ in range(2)])
print(f"{serial:.4f} {parallel:.4f}")
