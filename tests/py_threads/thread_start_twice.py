# start() twice and join() before start() raise RuntimeError.
import threading

hits = []

def job():
    hits.append(1)

t = threading.Thread(target=job)
try:
    t.join()
except RuntimeError as e:
    print("join before start:", type(e).__name__, e)

t.start()
t.join()
try:
    t.start()
except RuntimeError as e:
    print("second start:", type(e).__name__, e)

try:
    t.start()
except RuntimeError as e:
    print("third start:", e)

try:
    threading.current_thread().join()
except RuntimeError as e:
    print("join self:", e)

def join_self():
    try:
        threading.current_thread().join()
    except RuntimeError as e:
        hits.append(str(e))

s = threading.Thread(target=join_self)
s.start()
s.join()
print("hits:", hits)
print("summary: start_twice ok")
