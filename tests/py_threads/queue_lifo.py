# queue.LifoQueue: last in, first out.
import queue
import threading

lq = queue.LifoQueue()
for ch in "abcde":
    lq.put(ch)
print("qsize:", lq.qsize())
print("get order:", "".join(lq.get() for _ in range(5)))
print("is a Queue:", isinstance(lq, queue.Queue))

bounded = queue.LifoQueue(maxsize=2)
bounded.put(1)
bounded.put(2)
print("full:", bounded.full())
try:
    bounded.put_nowait(3)
except queue.Full as e:
    print("put_nowait on full:", type(e).__name__)

# Items put by a finished thread come back newest first.
def fill():
    for n in range(4):
        lq.put(n)

t = threading.Thread(target=fill)
t.start()
t.join()
print("after thread:", [lq.get() for _ in range(4)])
print("empty:", lq.empty())
print("summary: queue_lifo ok")
