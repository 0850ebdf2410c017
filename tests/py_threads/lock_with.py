# Lock as a context manager: released on normal exit and on exception.
import threading

lock = threading.Lock()
log = []

with lock:
    log.append(("inside", lock.locked()))
log.append(("after", lock.locked()))

try:
    with lock:
        log.append(("raising", lock.locked()))
        raise KeyError("boom")
except KeyError as e:
    log.append(("caught", repr(e), lock.locked()))

with lock as value:
    log.append(("as value", value))

def guarded(n):
    with lock:
        return n * 2

results = [None] * 3
def run(i):
    results[i] = guarded(i + 1)

ts = [threading.Thread(target=run, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
for entry in log:
    print(entry)
print("results:", results, "locked:", lock.locked())
print("summary: lock_with ok")
