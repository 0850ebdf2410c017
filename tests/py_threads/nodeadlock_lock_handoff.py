# Not a deadlock: a Lock acquired in one thread and released in another is a
# legal hand-off (a Lock has no owner), used here as a binary signal.
import threading

baton = threading.Lock()
baton.acquire()
trail = []

def runner(name, give_to):
    trail.append(name + " waits for baton")
    baton.acquire()            # blocks until someone else releases
    trail.append(name + " has baton")
    give_to.set()

handed = threading.Event()
r = threading.Thread(target=runner, args=("runner", handed))
r.start()
r.join(0.05)
print("runner waiting:", r.is_alive())
baton.release()               # main releases the lock; runner gets it
handed.wait()
r.join()
print(trail)
print("baton held (by nobody in particular):", baton.locked())
baton.release()
print("summary: nodeadlock_lock_handoff ok")
