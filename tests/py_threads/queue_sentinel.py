# Producers and consumers stopped by a sentinel per consumer.
import queue
import threading

STOP = object()
q = queue.Queue(maxsize=4)
consumed = {}

def producer(tag, n):
    for i in range(n):
        q.put("%s%d" % (tag, i))

def consumer(cid):
    mine = []
    while True:
        item = q.get()
        if item is STOP:
            break
        mine.append(item)
    consumed[cid] = mine

consumers = [threading.Thread(target=consumer, args=(c,)) for c in range(3)]
producers = [threading.Thread(target=producer, args=(tag, 5)) for tag in "ab"]
for t in consumers + producers:
    t.start()
for p in producers:
    p.join()
for _ in consumers:
    q.put(STOP)
for c in consumers:
    c.join()
everything = sorted(x for items in consumed.values() for x in items)
print("items consumed:", len(everything))
print(everything)
def in_order(items, tag):
    nums = [int(x[1:]) for x in items if x[0] == tag]
    return nums == sorted(nums)

print("each consumer sees each producer in FIFO order:",
      all(in_order(items, tag) for items in consumed.values() for tag in "ab"))
print("queue empty:", q.empty())
print("summary: queue_sentinel ok")
