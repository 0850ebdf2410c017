# Chapter listing "the GIL": the same CPU-bound work run sequentially and in
# two threads. Timings differ between interpreters, so only print facts that
# hold everywhere: the results agree.
import threading
import time

def triangle(n):
    acc = 0
    for i in range(n):
        acc += i
    return acc

N = 200_000
t0 = time.perf_counter()
seq = [triangle(N), triangle(N)]
sequential = time.perf_counter() - t0

par = [None, None]
def slot(i):
    par[i] = triangle(N)

t0 = time.perf_counter()
pair = [threading.Thread(target=slot, args=(i,)) for i in range(2)]
for t in pair:
    t.start()
for t in pair:
    t.join()
threaded = time.perf_counter() - t0
print("results equal:", seq == par)
print("value:", par[0], par[0] == N * (N - 1) // 2)
print("summary: ch_cpu_bound ok")
