# Three threads share one lock, and each keeps it for its whole job, including a
# 0.3 s wait (think: a network call) that touches no shared data. Only one thread can
# hold the lock, so the calls queue up: about 0.9 s instead of 0.3 s.
import threading
import time

LOCK_WHOLE_JOB = True  # False: wait outside the lock, lock only the shared update

lock = threading.Lock()
finished = []
calls = []  # (began, ended) of each slow call, on the monotonic clock


def slow_call():
    began = time.monotonic()
    time.sleep(0.3)  # stands in for a network call
    calls.append((began, time.monotonic()))


def handle(job):
    if LOCK_WHOLE_JOB:
        with lock:
            slow_call()  # slow I/O inside the lock: everyone else waits
            finished.append(job)
    else:
        slow_call()  # the slow part overlaps with the other threads
        with lock:
            finished.append(job)  # only the shared list needs protecting


def most_at_once(spans):
    """How many spans cover one moment at most (a span began at that moment)."""
    return max(sum(1 for b, e in spans if b <= start < e) for start, _ in spans)


started = time.perf_counter()
crew = [threading.Thread(target=handle, args=(job,)) for job in ("a", "b", "c")]
for member in crew:
    member.start()
for member in crew:
    member.join()
print(f"{len(finished)} jobs handled")
print(f"all done in {time.perf_counter() - started:.1f}s")

# The verdict comes from when each call began and ended, not from the total time.
at_once = most_at_once(calls)
print(f"  at most {at_once} of {len(calls)} slow calls under way at the same moment")
if at_once == 1:
    print("The slow calls queued: one at a time, behind the lock")
elif at_once == len(calls):
    print("The slow calls overlapped: all were under way at the same moment")
else:
    print("The slow calls partly overlapped: some were under way at the same moment")
