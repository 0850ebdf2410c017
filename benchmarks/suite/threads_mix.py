# A threaded mix: four threads adding to a shared total under a lock, producers and
# consumers passing work through queue.Queue, and a ThreadPoolExecutor mapping a CPU
# function over chunks. Run under each GIL model.
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor

SMALL = False  # the checksum check runs a copy with True (small sizes)
LOCK_ROUNDS = 500 if SMALL else 150_000
ITEMS = 300 if SMALL else 60_000
CHUNK = 1_000 if SMALL else 150_000

total = 0
guard = threading.Lock()


def add(times):
    global total
    for i in range(times):
        with guard:
            total += i & 7


def produce(jobs, start, count):
    for i in range(start, start + count):
        jobs.put(i)


def consume(jobs, results):
    subtotal = 0
    while True:
        item = jobs.get()
        if item is None:
            break
        subtotal += item * item % 1009
    results.put(subtotal)


def crunch(start):
    acc = 0
    for k in range(start, start + CHUNK):
        acc = (acc + k * k) % 1_000_003
    return acc


def workload():
    adders = [threading.Thread(target=add, args=(LOCK_ROUNDS,)) for _ in range(4)]
    for thread in adders:
        thread.start()
    jobs = queue.Queue(maxsize=100)
    results = queue.Queue()
    producers = [threading.Thread(target=produce, args=(jobs, p * ITEMS, ITEMS)) for p in range(2)]
    consumers = [threading.Thread(target=consume, args=(jobs, results)) for _ in range(2)]
    for thread in producers + consumers:
        thread.start()
    for thread in producers:
        thread.join()
    for _ in consumers:
        jobs.put(None)
    for thread in consumers + adders:
        thread.join()
    with ThreadPoolExecutor(max_workers=4) as pool:
        crunched = list(pool.map(crunch, range(0, 8 * CHUNK, CHUNK)))
    return total + results.get() + results.get() + sum(crunched)


began = time.perf_counter()
result = workload()
print(f"{time.perf_counter() - began:.4f}")
print(result)
