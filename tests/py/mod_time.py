# The time module: only relative comparisons are printed.
import time
from time import sleep, perf_counter
start = time.perf_counter()
time.sleep(0.01)
elapsed = time.perf_counter() - start
print("slept at least 10ms:", elapsed >= 0.01)
print("not absurdly long:", elapsed < 5)
t0 = perf_counter()
sleep(0.02)
sleep(0)
t1 = perf_counter()
print("monotonic:", t1 >= t0, "type:", type(t1).__name__)
now = time.time()
print("epoch is recent:", now > 1_600_000_000, type(now).__name__)
m1 = time.monotonic()
m2 = time.monotonic()
print("monotonic non-decreasing:", m2 >= m1)
ticks = []
for i in range(3):
    ticks.append(time.perf_counter())
    time.sleep(0.005)
print("ordered:", ticks == sorted(ticks), len(ticks))
durations = [b - a for a, b in zip(ticks, ticks[1:])]
print("each gap >= 5ms:", all(d >= 0.005 for d in durations))
start = time.perf_counter()
total = sum(range(100_000))
single = time.perf_counter() - start
print(f"summed {total}; measured:", single >= 0)
print("summary: time ok")
