# queue.Queue(maxsize): FIFO order, qsize / empty / full, across threads.
import queue
import threading

q = queue.Queue(maxsize=3)
print("maxsize:", q.maxsize, "empty:", q.empty(), "full:", q.full(), "qsize:", q.qsize())
for word in ("one", "two", "three"):
    q.put(word)
print("after 3 puts qsize:", q.qsize(), "full:", q.full())
print("get order:", [q.get() for _ in range(3)])
print("empty again:", q.empty())

unbounded = queue.Queue()
print("unbounded maxsize:", unbounded.maxsize, "full:", unbounded.full())

# One producer thread, main consumes: FIFO order is kept across threads.
def produce():
    for i in range(10):
        q.put(i)   # blocks whenever the queue holds 3 items

p = threading.Thread(target=produce)
p.start()
got = [q.get() for _ in range(10)]
p.join()
print("received in order:", got)
print("qsize at end:", q.qsize())
print("summary: queue_fifo ok")
