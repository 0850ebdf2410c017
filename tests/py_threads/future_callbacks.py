# add_done_callback: runs when the future finishes, or at once if already done.
from concurrent.futures import ThreadPoolExecutor
import threading

calls = []
lock = threading.Lock()
gate = threading.Event()

def note(tag):
    def callback(fut):
        with lock:
            calls.append((tag, fut.result(), fut.done()))
    return callback

def compute(x):
    gate.wait()
    return x + 1

with ThreadPoolExecutor(max_workers=1) as ex:
    f = ex.submit(compute, 41)
    f.add_done_callback(note("first"))
    f.add_done_callback(note("second"))
    print("callbacks run before done:", len(calls))
    gate.set()
    f.result()
print("after completion:", calls)

where = []
f.add_done_callback(lambda fut: where.append(threading.current_thread().name))
print("late callback ran at once in:", where)

order = []
g = ThreadPoolExecutor(max_workers=1)
h = g.submit(int, "7")
h.result()
for tag in "abc":
    h.add_done_callback(lambda fut, tag=tag: order.append(tag + str(fut.result())))
print("late callbacks run in order:", order)
g.shutdown()
print("summary: future_callbacks ok")
