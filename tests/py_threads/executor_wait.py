# concurrent.futures.wait with FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED.
from concurrent.futures import (ThreadPoolExecutor, wait, FIRST_COMPLETED,
                                FIRST_EXCEPTION, ALL_COMPLETED)
import threading

gate = threading.Event()

def quick():
    return "quick"

def blocked():
    gate.wait()
    return "blocked"

def boom():
    raise OSError("failed task")

with ThreadPoolExecutor(max_workers=3) as ex:
    a = ex.submit(quick)
    b = ex.submit(blocked)
    done, not_done = wait([a, b], return_when=FIRST_COMPLETED)
    print("FIRST_COMPLETED: done", len(done), "not_done", len(not_done), a in done)
    done, not_done = wait([a, b], timeout=0.05)
    print("ALL_COMPLETED with timeout: done", len(done), "not_done", len(not_done))
    c = ex.submit(boom)
    done, not_done = wait([b, c], return_when=FIRST_EXCEPTION)
    print("FIRST_EXCEPTION: done", len(done), "not_done", len(not_done), c in done)
    gate.set()
    done, not_done = wait([a, b, c], return_when=ALL_COMPLETED)
    print("ALL_COMPLETED: done", len(done), "not_done", len(not_done))
    print("results:", sorted(str(f.exception() or f.result()) for f in done))
    print("constants:", FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED)
    done, not_done = wait([])
    print("empty wait:", len(done), len(not_done))
print("summary: executor_wait ok")
