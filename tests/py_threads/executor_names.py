# Worker thread names: thread_name_prefix + "_" + index; default prefix
# "ThreadPoolExecutor-N". A barrier forces every worker to exist at once.
from concurrent.futures import ThreadPoolExecutor
import threading

def collect(barrier):
    barrier.wait()
    return threading.current_thread().name

b = threading.Barrier(3)
with ThreadPoolExecutor(max_workers=3, thread_name_prefix="fetcher") as ex:
    names = [f.result() for f in [ex.submit(collect, b) for _ in range(3)]]
print("named pool:", sorted(names))

b = threading.Barrier(2)
with ThreadPoolExecutor(max_workers=2) as ex:
    names = [f.result() for f in [ex.submit(collect, b) for _ in range(2)]]
print("default pool:", sorted(names))

b = threading.Barrier(2)
with ThreadPoolExecutor(2) as ex:
    names = [f.result() for f in [ex.submit(collect, b) for _ in range(2)]]
print("next default pool:", sorted(names))

def is_daemon():
    return threading.current_thread().daemon

with ThreadPoolExecutor(max_workers=1, thread_name_prefix="solo") as ex:
    print("solo:", ex.submit(lambda: threading.current_thread().name).result())
    print("worker daemon flag:", ex.submit(is_daemon).result())
print("summary: executor_names ok")
