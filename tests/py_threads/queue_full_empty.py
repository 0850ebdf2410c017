# queue.Full and queue.Empty from the non-blocking and timed forms.
import queue
import time

q = queue.Queue(maxsize=1)
try:
    q.get_nowait()
except queue.Empty as e:
    print("get_nowait on empty:", type(e).__name__, repr(str(e)))
try:
    q.get(block=False)
except queue.Empty as e:
    print("get(block=False) on empty:", type(e).__name__)
t0 = time.monotonic()
try:
    q.get(timeout=0.05)
except queue.Empty as e:
    print("get(timeout=0.05) on empty:", type(e).__name__, time.monotonic() - t0 >= 0.04)

q.put("x")
try:
    q.put_nowait("y")
except queue.Full as e:
    print("put_nowait on full:", type(e).__name__, repr(str(e)))
try:
    q.put("y", block=False)
except queue.Full as e:
    print("put(block=False) on full:", type(e).__name__)
try:
    q.put("y", timeout=0.05)
except queue.Full as e:
    print("put(timeout=0.05) on full:", type(e).__name__)
try:
    q.put("y", timeout=-1)
except ValueError as e:
    print("negative timeout:", e)
print("still holds:", q.get_nowait())
print("Empty base:", queue.Empty.__mro__[1].__name__, "Full base:", queue.Full.__mro__[1].__name__)
print("summary: queue_full_empty ok")
