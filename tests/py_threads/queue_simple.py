# queue.SimpleQueue: unbounded FIFO without task tracking.
import queue
import threading

sq = queue.SimpleQueue()
print("empty:", sq.empty(), "qsize:", sq.qsize())
sq.put("a")
sq.put_nowait("b")
sq.put("c", block=False, timeout=5)
print("qsize:", sq.qsize())
print("order:", sq.get(), sq.get_nowait(), sq.get(timeout=1))
try:
    sq.get_nowait()
except queue.Empty as e:
    print("get_nowait on empty:", type(e).__name__)
try:
    sq.get(timeout=0.05)
except queue.Empty as e:
    print("get(timeout) on empty:", type(e).__name__)
print("has task_done:", hasattr(sq, "task_done"))

def worker(n):
    for i in range(n):
        sq.put(("w", i))

t = threading.Thread(target=worker, args=(5,))
t.start()
items = [sq.get() for _ in range(5)]
t.join()
print("from thread:", items)
print("summary: queue_simple ok")
