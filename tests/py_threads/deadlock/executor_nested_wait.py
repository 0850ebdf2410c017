# DEADLOCK: a task in a one-worker pool submits a second task to the same pool
# and waits for its result; the second task can never get a worker.
from concurrent.futures import ThreadPoolExecutor

pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pool")

def inner():
    return "unreachable inner"

def outer():
    print("outer submits inner and waits")
    return pool.submit(inner).result()

print("main submits outer and waits")
f = pool.submit(outer)
print(f.result())
