# Chapter listing "Semaphore": at most two of four threads hold a connection.
# Instead of printing interleaved lines, record the events and check them.
import threading
import time

slots = threading.Semaphore(2)
book = threading.Lock()
holders = set()
most = 0
history = {}

def borrow(tag):
    global most
    with slots:
        with book:
            holders.add(tag)
            most = max(most, len(holders))
        time.sleep(0.05)
        with book:
            holders.discard(tag)
    history[tag] = "returned"

crowd = [threading.Thread(target=borrow, args=("C%d" % i,)) for i in range(4)]
for c in crowd:
    c.start()
for c in crowd:
    c.join()
for tag in sorted(history):
    print(tag, history[tag])
print("never more than two at once:", most <= 2)
print("nobody holds one now:", len(holders) == 0)
print("summary: ch_semaphore_pool ok")
