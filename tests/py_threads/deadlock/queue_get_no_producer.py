# DEADLOCK: the only other thread blocks in queue.get() on a queue nobody
# will ever fill, and main joins it.
import queue
import threading

inbox = queue.Queue()

def consume():
    print("consumer waiting for an item")
    item = inbox.get()
    print("unreachable", item)

c = threading.Thread(target=consume)
c.start()
c.join()
print("unreachable main")
