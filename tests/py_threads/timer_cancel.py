# Timer.cancel() before the interval elapses: the function never runs and
# join() returns right away.
import threading
import time

fired = []
t = threading.Timer(30.0, fired.append, args=("too late",))
t.start()
print("alive after start:", t.is_alive())
t0 = time.monotonic()
t.cancel()
t.join()
print("fired:", fired)
print("joined quickly:", time.monotonic() - t0 < 5)
print("alive after join:", t.is_alive())
print("finished flag:", t.finished.is_set())

# cancel before start: the thread starts, sees the flag and exits.
u = threading.Timer(30.0, fired.append, args=("never",))
u.cancel()
u.start()
u.join()
print("cancel before start, fired:", fired)

# Of two timers, cancel the long one; only the short one fires.
short = threading.Timer(0.02, fired.append, args=("short",))
long_ = threading.Timer(30.0, fired.append, args=("long",))
short.start()
long_.start()
long_.cancel()
short.join()
long_.join()
print("fired:", fired)
print("summary: timer_cancel ok")
