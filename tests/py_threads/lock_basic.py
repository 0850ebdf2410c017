# Lock: acquire/release, locked(), non-blocking acquire on a held lock.
import threading

lock = threading.Lock()
print("fresh locked:", lock.locked())
print("acquire:", lock.acquire())
print("locked:", lock.locked())
print("non-blocking acquire while held:", lock.acquire(blocking=False))
print("acquire(False) while held:", lock.acquire(False))
print("acquire(timeout=0) while held:", lock.acquire(timeout=0))
lock.release()
print("after release locked:", lock.locked())
print("non-blocking acquire when free:", lock.acquire(blocking=False))
lock.release()

try:
    lock.acquire(blocking=False, timeout=1)
except ValueError as e:
    print("ValueError:", e)
try:
    lock.acquire(timeout=-5)
except ValueError as e:
    print("ValueError:", e)

# A plain Lock is not re-entrant: the same thread cannot take it twice.
lock.acquire()
print("second acquire by owner (non-blocking):", lock.acquire(False))
lock.release()
print("type name:", type(lock).__name__)
print("summary: lock_basic ok")
