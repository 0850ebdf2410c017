# Chapter listing "running multiple threads at once": start them all, then
# join them all; the waits overlap. Only booleans about the elapsed time.
import threading
import time

pages = ["inbox", "calendar", "contacts"]
fetched = {}

def load(page):
    time.sleep(0.3)   # stand-in for a slow request
    fetched[page] = "loaded " + page

t0 = time.monotonic()
workers = [threading.Thread(target=load, args=(p,)) for p in pages]
for w in workers:
    w.start()
for w in workers:
    w.join()
elapsed = time.monotonic() - t0
for p in pages:
    print(fetched[p])
print("took at least one wait:", elapsed >= 0.29)
print("faster than sequential (0.9 s):", elapsed < 0.8)
print("summary: ch_parallel_waits ok")
