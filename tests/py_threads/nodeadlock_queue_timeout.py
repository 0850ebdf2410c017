# Not a deadlock: queue operations with timeouts give up with Empty / Full,
# including in a thread whose only partner never produces.
import queue
import threading

inbox = queue.Queue()
outcome = {}

def consumer():
    try:
        outcome["get"] = inbox.get(timeout=0.1)
    except queue.Empty:
        outcome["get"] = "Empty after timeout"

c = threading.Thread(target=consumer)
c.start()
c.join()
print("consumer:", outcome["get"])

tiny = queue.Queue(maxsize=1)
tiny.put("occupied")
def producer():
    try:
        tiny.put("more", timeout=0.1)
        outcome["put"] = "put succeeded"
    except queue.Full:
        outcome["put"] = "Full after timeout"
p = threading.Thread(target=producer)
p.start()
p.join()
print("producer:", outcome["put"])

sq = queue.SimpleQueue()
try:
    sq.get(True, 0.05)
except queue.Empty as e:
    print("SimpleQueue:", type(e).__name__)
print("summary: nodeadlock_queue_timeout ok")
