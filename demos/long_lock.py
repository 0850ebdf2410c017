# Three threads share one lock, and each keeps it for its whole job, including a
# 0.3 s wait (think: a network call) that touches no shared data. Only one thread can
# hold the lock, so the waits queue up: about 0.9 s instead of 0.3 s.
import threading
import time

LOCK_WHOLE_JOB = True  # False: wait outside the lock, lock only the shared update

lock = threading.Lock()
finished = []


def handle(job):
    if LOCK_WHOLE_JOB:
        with lock:
            time.sleep(0.3)  # slow I/O inside the lock: everyone else waits
            finished.append(job)
    else:
        time.sleep(0.3)  # the slow part overlaps with the other threads
        with lock:
            finished.append(job)  # only the shared list needs protecting


started = time.perf_counter()
crew = [threading.Thread(target=handle, args=(job,)) for job in ("a", "b", "c")]
for member in crew:
    member.start()
for member in crew:
    member.join()
print(f"{len(finished)} jobs handled")
print(f"all done in {time.perf_counter() - started:.1f}s")
