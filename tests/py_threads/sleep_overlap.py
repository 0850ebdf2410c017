# Sleeps in different threads overlap: three 0.3 s sleeps take well under 0.9 s.
import threading
import time

def nap(seconds):
    time.sleep(seconds)

start = time.monotonic()
threads = [threading.Thread(target=nap, args=(0.3,)) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.monotonic() - start
print("at least one sleep long:", elapsed >= 0.29)
print("less than the sum (0.85 < 0.9):", elapsed < 0.85)

start = time.perf_counter()
nap(0.05)
nap(0.05)
sequential = time.perf_counter() - start
print("sequential sleeps add up:", sequential >= 0.095)

start = time.monotonic()
time.sleep(0)
print("sleep(0) is quick:", time.monotonic() - start < 0.5)
try:
    time.sleep(-1)
except ValueError as e:
    print("sleep(-1):", e)
print("summary: sleep_overlap ok")
