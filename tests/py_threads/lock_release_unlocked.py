# Releasing an unlocked Lock is a RuntimeError; a Lock may be released by a thread
# other than the one that acquired it (unlike RLock).
import threading

lock = threading.Lock()
try:
    lock.release()
except RuntimeError as e:
    print("release unlocked:", type(e).__name__, e)

lock.acquire()
released_by_other = []

def releaser():
    lock.release()
    released_by_other.append(lock.locked())

t = threading.Thread(target=releaser)
t.start()
t.join()
print("released by another thread, locked now:", released_by_other[0])

try:
    lock.release()
except RuntimeError as e:
    print("second release:", e)

def bad():
    try:
        with lock:
            lock.release()
    except RuntimeError as e:
        released_by_other.append(str(e))

t = threading.Thread(target=bad)
t.start()
t.join()
print("release inside with, then exit:", released_by_other[1])
print("summary: release_unlocked ok")
