# queue.PriorityQueue with (priority, item) tuples: smallest first.
import queue
import threading

pq = queue.PriorityQueue()
for entry in [(3, "low"), (1, "urgent"), (2, "normal"), (1, "also urgent"), (5, "idle")]:
    pq.put(entry)
print("qsize:", pq.qsize())
while not pq.empty():
    print(pq.get())

# Several producers; after join the order only depends on the priorities.
def produce(base):
    for k in range(3):
        pq.put((base + 10 * k, "p%d-%d" % (base, k)))

ts = [threading.Thread(target=produce, args=(b,)) for b in (3, 1, 2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("drained:", [pq.get_nowait()[1] for _ in range(pq.qsize())])

try:
    pq.put((1, {"a": 1}))
    pq.put((1, {"b": 2}))
except TypeError as e:
    print("uncomparable items:", type(e).__name__, e)
print("summary: queue_priority ok")
