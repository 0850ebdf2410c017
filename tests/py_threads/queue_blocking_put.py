# put() on a full Queue blocks until a consumer makes room; the order of
# events is forced by the queue itself.
import queue
import threading

q = queue.Queue(maxsize=1)
log = []
put_done = threading.Event()
first_in = threading.Event()

def producer():
    q.put("first")
    log.append("first put")
    first_in.set()
    q.put("second")          # blocks: the queue is full
    log.append("second put")
    put_done.set()

q2 = threading.Thread(target=producer)
q2.start()
first_in.wait()
blocked = not put_done.wait(0.1)
print("second put blocked while full:", blocked)
print("log so far:", log)
print("main got:", q.get())
put_done.wait()
print("log now:", log)
print("main got:", q.get())
q2.join()

# get() blocks until a producer delivers.
box = queue.Queue()
got = []
def getter():
    got.append(box.get())
g = threading.Thread(target=getter)
g.start()
g.join(0.05)
print("getter still waiting:", g.is_alive())
box.put("delivered")
g.join()
print("getter received:", got)
print("summary: queue_blocking_put ok")
