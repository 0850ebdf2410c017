# acquire(timeout=...) returns False when another thread holds the lock.
import threading
import time

lock = threading.Lock()
holding = threading.Event()
done = threading.Event()
result = {}

def holder():
    with lock:
        holding.set()
        done.wait()

def tryer():
    t0 = time.monotonic()
    result["timeout"] = lock.acquire(timeout=0.05)
    result["waited"] = time.monotonic() - t0 >= 0.04
    result["nonblocking"] = lock.acquire(blocking=False)

h = threading.Thread(target=holder)
h.start()
holding.wait()
t = threading.Thread(target=tryer)
t.start()
t.join()
print("acquire(timeout=0.05) while held:", result["timeout"])
print("waited about the timeout:", result["waited"])
print("acquire(blocking=False) while held:", result["nonblocking"])
print("main acquire(timeout=0.05):", lock.acquire(timeout=0.05))
done.set()
h.join()
print("after holder finished:", lock.acquire(timeout=0.05))
lock.release()
print("summary: lock_timeout ok")
