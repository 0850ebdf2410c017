# Semaphore(2) keeps at most two threads in the guarded section.
import threading
import time

sem = threading.Semaphore(2)
count_lock = threading.Lock()
inside = 0
peak = 0
done = []

def use(i):
    global inside, peak
    with sem:
        with count_lock:
            inside += 1
            peak = max(peak, inside)
        time.sleep(0.02)
        with count_lock:
            inside -= 1
    done.append(i)

threads = [threading.Thread(target=use, args=(i,)) for i in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("never more than 2 inside:", peak <= 2)
print("all done:", sorted(done))
print("inside at end:", inside)

s = threading.Semaphore(1)
print("acquire:", s.acquire())
print("acquire(blocking=False) when exhausted:", s.acquire(blocking=False))
print("acquire(timeout=0.05) when exhausted:", s.acquire(timeout=0.05))
s.release()
print("after release:", s.acquire(blocking=False))
s.release()
try:
    threading.Semaphore(-1)
except ValueError as e:
    print("ValueError:", e)
print("summary: semaphore_limit ok")
