# More of CPython's rules for executor worker names: the pool counter counts only
# pools without a prefix, an empty prefix counts as none, a prefix may be given by
# position, an idle worker is reused instead of starting a new one, and a pool made
# inside a worker takes the next number.
from concurrent.futures import ThreadPoolExecutor
import threading
import time


def who():
    return threading.current_thread().name


with ThreadPoolExecutor(thread_name_prefix="first") as ex:
    print("prefixed pool:", ex.submit(who).result())

with ThreadPoolExecutor(max_workers=4) as ex:
    # One at a time, with a pause that lets the worker go idle before the next
    # submit: the idle worker is reused, no second one starts.
    seen = set()
    for _ in range(4):
        seen.add(ex.submit(who).result())
        time.sleep(0.05)
    print("one at a time:", sorted(seen))

with ThreadPoolExecutor(2, "by_position") as ex:
    print("prefix by position:", ex.submit(who).result())

with ThreadPoolExecutor(thread_name_prefix="") as ex:
    print("empty prefix:", ex.submit(who).result())


def inner_pool():
    with ThreadPoolExecutor(max_workers=1) as inner:
        return who() + " made " + inner.submit(who).result()


with ThreadPoolExecutor(max_workers=1) as outer:
    print("nested:", outer.submit(inner_pool).result())

barrier = threading.Barrier(3)


def wait_for_all():
    barrier.wait()
    return who()


with ThreadPoolExecutor(max_workers=3) as ex:
    futures = [ex.submit(wait_for_all) for _ in range(3)]
    print("three at once:", sorted(f.result() for f in futures))
print("threads left:", [t.name for t in threading.enumerate()])
print("summary: executor_names_more ok")
