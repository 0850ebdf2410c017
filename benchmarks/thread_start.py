# How long a new Python thread waits between Thread.start() and its first line, for
# eight threads that then sleep half a second each. Prints the median and the slowest
# start in milliseconds, then the whole batch's wall time.
import threading
import time

THREADS = 8
SLEEP = 0.5

asked = [0.0] * THREADS  # perf_counter() just before each start()
delays = [0.0] * THREADS  # first line of the thread minus asked


def work(index):
    delays[index] = time.perf_counter() - asked[index]
    time.sleep(SLEEP)


threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
began = time.perf_counter()
for index, thread in enumerate(threads):
    asked[index] = time.perf_counter()
    thread.start()
for thread in threads:
    thread.join()
took = time.perf_counter() - began

ordered = sorted(delays)
median = (ordered[THREADS // 2 - 1] + ordered[THREADS // 2]) / 2
print(f"thread start: median {median * 1000:.2f} ms, slowest {ordered[-1] * 1000:.2f} ms")
print(f"batch of {THREADS} x {SLEEP} s sleeps: {took * 1000:.1f} ms")
