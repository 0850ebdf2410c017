# The with-statement shuts the executor down and waits for its tasks.
from concurrent.futures import ThreadPoolExecutor
import threading

finished = []
lock = threading.Lock()

def job(i):
    with lock:
        finished.append(i)
    return i

with ThreadPoolExecutor(max_workers=3) as ex:
    fs = [ex.submit(job, i) for i in range(8)]
    print("inside: executor returned by __enter__:", isinstance(ex, ThreadPoolExecutor))
print("after with, finished:", sorted(finished))
print("all futures done:", all(f.done() for f in fs))
print("only MainThread left:", [t.name for t in threading.enumerate()])
try:
    ex.submit(job, 99)
except RuntimeError as e:
    print("submit after with:", e)

try:
    with ThreadPoolExecutor(max_workers=1) as ex2:
        f = ex2.submit(job, 100)
        raise KeyError("body failed")
except KeyError as e:
    print("exception from body:", e, "task still ran:", f.result())
print("summary: executor_with ok")
