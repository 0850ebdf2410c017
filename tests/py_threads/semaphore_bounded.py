# BoundedSemaphore refuses extra releases; a plain Semaphore counts them.
import threading

bs = threading.BoundedSemaphore(2)
print("acquire:", bs.acquire())
bs.release()
try:
    bs.release()
except ValueError as e:
    print("bounded extra release:", type(e).__name__, e)

plain = threading.Semaphore(1)
plain.release()
plain.release()
got = [plain.acquire(blocking=False) for _ in range(4)]
print("plain after two extra releases:", got)

multi = threading.Semaphore(0)
multi.release(3)
print("release(3) then acquires:", [multi.acquire(False) for _ in range(4)])
try:
    multi.release(0)
except ValueError as e:
    print("release(0):", e)

# A worker blocked on a zero semaphore is let through by a release from main.
gate = threading.Semaphore(0)
passed = []

def waiter(i):
    gate.acquire()
    passed.append(i)

ws = [threading.Thread(target=waiter, args=(i,)) for i in range(3)]
for w in ws:
    w.start()
gate.release(3)
for w in ws:
    w.join()
print("passed:", sorted(passed))
b2 = threading.BoundedSemaphore(1)
b2.acquire()
t = threading.Thread(target=b2.release)
t.start()
t.join()
print("bounded released from other thread:", b2.acquire(False))
print("summary: semaphore_bounded ok")
