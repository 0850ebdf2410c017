# A global counter incremented by plain functions, with semicolon-separated calls.
import time

counter = 0

def increment(n):
    global counter
    for _ in range(n):
        counter += 1

def run_twice():
    increment(100_000); increment(100_000)

start = time.perf_counter()
run_twice()
elapsed = time.perf_counter() - start
print('Final counter:', counter)
print('elapsed is a positive float:', elapsed > 0 and isinstance(elapsed, float))

def cpu_bound(n):
    total = 0
    for i in range(n):
        total += i * i
    return total

start = time.perf_counter()
a = cpu_bound(50_000); b = cpu_bound(50_000)
single = time.perf_counter() - start
print(f'results equal: {a == b}, value {a:,}')
print(f'timing ok: {single >= 0}')
counter = 0
for i in range(5):
    increment(i)
print('Final counter:', counter)
