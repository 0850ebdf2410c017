# RLock errors: releasing one that is not held, or one held by another thread.
import threading

rl = threading.RLock()
try:
    rl.release()
except RuntimeError as e:
    print("release unowned:", type(e).__name__, e)

rl.acquire()
msgs = []
tried = threading.Event()

def intruder():
    try:
        rl.release()
    except RuntimeError as e:
        msgs.append(str(e))
    tried.set()
    with rl:  # blocks until main has released its hold
        msgs.append("intruder got the lock")

t = threading.Thread(target=intruder)
t.start()
tried.wait()
print("non-owner release:", msgs[0])
print("main still owns it, intruder waiting:", t.is_alive())
rl.release()
t.join()
print("then:", msgs[1])
try:
    rl.release()
except RuntimeError as e:
    print("extra release:", e)

# Lock vs RLock: a Lock can be released by another thread, an RLock cannot.
plain = threading.Lock()
plain.acquire()
t = threading.Thread(target=plain.release)
t.start()
t.join()
print("plain lock released by other thread:", not plain.locked())
print("summary: rlock_errors ok")
