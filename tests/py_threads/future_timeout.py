# result(timeout) / exception(timeout) raise TimeoutError while the task runs.
from concurrent.futures import ThreadPoolExecutor
import concurrent.futures
import threading

release = threading.Event()
started = threading.Event()

def slow():
    started.set()
    release.wait()
    return "finally"

with ThreadPoolExecutor(max_workers=1) as ex:
    f = ex.submit(slow)
    started.wait()
    try:
        f.result(timeout=0.05)
    except concurrent.futures.TimeoutError as e:
        print("result(timeout=0.05):", type(e).__name__, repr(str(e)))
    try:
        f.exception(timeout=0)
    except concurrent.futures.TimeoutError as e:
        print("exception(timeout=0):", type(e).__name__)
    # since 3.11 the futures TimeoutError is the builtin one
    print("is builtin TimeoutError:", concurrent.futures.TimeoutError is TimeoutError)
    print("still running:", f.running(), "done:", f.done())
    release.set()
    print("result(timeout=5):", f.result(timeout=5))
print("summary: future_timeout ok")
