# as_completed yields futures as they finish: print the results sorted.
from concurrent.futures import ThreadPoolExecutor, as_completed, TimeoutError
import threading

def label(n):
    return "item-%d" % n

with ThreadPoolExecutor(max_workers=3) as ex:
    futures = {ex.submit(label, n): n for n in range(6)}
    seen = []
    for fut in as_completed(futures):
        seen.append((futures[fut], fut.result()))
    print("yielded every future once:", len(seen), len({n for n, _ in seen}))
    for n, r in sorted(seen):
        print(n, r)

gate = threading.Event()
with ThreadPoolExecutor(max_workers=2) as ex:
    quick = ex.submit(label, 1)
    stuck = ex.submit(gate.wait)
    got = []
    try:
        for fut in as_completed([quick, stuck], timeout=0.1):
            got.append(fut.result())
    except TimeoutError as e:
        print("as_completed timeout:", e)
    print("got before timeout:", got)
    gate.set()
print("duplicates counted once:", len(list(as_completed([quick, quick, stuck]))))
print("summary: as_completed ok")
