# Many threads increment a shared counter under a lock: the total is exact.
import threading

counter = 0
lock = threading.Lock()

def add(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1

def add_manual(n):
    global counter
    for _ in range(n):
        lock.acquire()
        try:
            counter += 1
        finally:
            lock.release()

threads = [threading.Thread(target=add, args=(2000,)) for _ in range(4)]
threads += [threading.Thread(target=add_manual, args=(500,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter:", counter)
print("expected:", 4 * 2000 + 4 * 500, counter == 10000)
print("lock free at end:", not lock.locked())
print("summary: lock_counter ok")
