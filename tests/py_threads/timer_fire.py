# Timer runs its function once after the interval; join waits for it.
import threading
import time

fired = []

def ring(label, times=1):
    fired.append((label * times, threading.current_thread().name))

t = threading.Timer(0.05, ring, args=("ding",), kwargs={"times": 2})
print("is a Thread:", isinstance(t, threading.Thread))
print("finished before start:", t.finished.is_set())
t0 = time.monotonic()
t.start()
t.join()
print("fired:", fired)
print("waited at least the interval:", time.monotonic() - t0 >= 0.045)
print("finished after join:", t.finished.is_set())
t.cancel()  # cancelling after it fired is harmless
print("fired count after late cancel:", len(fired))

named = threading.Timer(0.01, ring, args=("x",))
named.name = "alarm"
named.start()
named.join()
print("last fired:", fired[-1])

class Countdown(threading.Timer):
    pass

c = Countdown(0.01, ring, ("sub",))
c.start()
c.join()
print("subclass timer fired:", fired[-1][0])
print("summary: timer_fire ok")
