# join(timeout) returns None after the timeout while the thread is still alive.
import threading
import time

gate = threading.Event()
started = threading.Event()

def wait_gate():
    started.set()
    gate.wait()

t = threading.Thread(target=wait_gate)
t.start()
started.wait()

t0 = time.monotonic()
r = t.join(timeout=0.1)
waited = time.monotonic() - t0
print("join(timeout) returned:", r)
print("still alive:", t.is_alive())
print("waited at least 0.09:", waited >= 0.09)

r = t.join(0)
print("join(0) returned:", r, "alive:", t.is_alive())

gate.set()
t.join(timeout=5)
print("alive after release:", t.is_alive())
t0 = time.monotonic()
t.join(timeout=5)
print("join on finished thread is quick:", time.monotonic() - t0 < 1)
print("summary: join_timeout ok")
