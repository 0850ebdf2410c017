# Not a deadlock: every blocking call here has a timeout that expires while
# another thread holds the resource forever-ish (until main lets it go).
import threading

lock = threading.Lock()
rlock = threading.RLock()
sem = threading.Semaphore(0)
cond = threading.Condition()
never = threading.Event()
hold = threading.Event()
holding = threading.Event()
results = []

def holder():
    with lock, rlock:
        holding.set()
        hold.wait()

h = threading.Thread(target=holder, name="holder")
h.start()
holding.wait()
results.append(("lock.acquire(timeout=0.05)", lock.acquire(timeout=0.05)))
results.append(("rlock.acquire(timeout=0.05)", rlock.acquire(timeout=0.05)))
results.append(("sem.acquire(timeout=0.05)", sem.acquire(timeout=0.05)))
results.append(("event.wait(0.05)", never.wait(0.05)))
with cond:
    results.append(("cond.wait(0.05)", cond.wait(0.05)))
    results.append(("cond.wait_for(False, 0.05)", cond.wait_for(lambda: False, 0.05)))
h.join(timeout=0.05)
results.append(("holder alive after join(0.05)", h.is_alive()))
for name, value in results:
    print(name, "->", value)
hold.set()
h.join()
print("holder finished:", not h.is_alive())
print("summary: nodeadlock_timeouts ok")
