# The proof behind the quiz: the same jobs, first one after another, then one job per
# thread, once for jobs that wait and once (three rounds) for jobs that compute.
import threading
import time

JOBS = 4
waits = []  # (began, ended) of each waiting job's sleep, on the monotonic clock
ran = []  # the CPU time each computing job really got to run


def wait_for_server():
    began = time.monotonic()
    time.sleep(0.25)  # like a download: the thread sleeps and lets go of the GIL
    waits.append((began, time.monotonic()))


def crunch_numbers():
    began = time.thread_time()  # waiting for the GIL does not count on this clock
    total = 0
    for n in range(1_000_000):  # pure Python arithmetic: the thread needs the GIL throughout
        total += n * n
    ran.append(time.thread_time() - began)


def most_at_once(spans):
    """How many spans cover one moment at most (a span began at that moment)."""
    return max(sum(1 for b, e in spans if b <= start < e) for start, _ in spans)


def timed(job, threaded):
    began = time.perf_counter()
    if threaded:
        crew = [threading.Thread(target=job) for _ in range(JOBS)]
        for member in crew:
            member.start()
        for member in crew:
            member.join()
    else:
        for _ in range(JOBS):
            job()
    return time.perf_counter() - began


# Waiting jobs help when their waits overlap: each thread notes when its wait began
# and ended, and the most waits under way at one moment says how far they overlapped.
one_by_one = timed(wait_for_server, threaded=False)
waits.clear()
together = timed(wait_for_server, threaded=True)
overlap = most_at_once(waits)
if overlap == JOBS > 1:
    verdict = "threads help"
elif overlap == 1:
    verdict = "threads do not help"
else:
    verdict = "threads help a little"
print(f"waiting jobs: {verdict}")
print(f"  {one_by_one:.2f} s one by one, {together:.2f} s on threads,",
      f"at most {overlap} waiting at the same moment")

# Computing jobs help only when threads compute at the same time, and two figures have
# to agree. The CPU time the threads got per second of the threaded batch says how many
# ran at once (at most 1 with a GIL: they take turns), and the threaded batch has to
# end sooner. Each batch runs three times, taking turns, and its best time counts, so
# neither the interpreter warming up nor a busy moment of the machine decides.
one_by_one, together, cpu = [], [], 0.0
for _ in range(3):
    one_by_one.append(timed(crunch_numbers, threaded=False))
    ran.clear()
    together.append(timed(crunch_numbers, threaded=True))
    cpu += sum(ran)
at_once = cpu / sum(together)
sooner = min(one_by_one) / min(together)  # how many times as fast on threads
if min(at_once, sooner) >= 1.5:
    verdict = "threads help"
elif min(at_once, sooner) <= 1.2:
    verdict = "threads do not help"
else:
    verdict = "threads help a little"
print(f"computing jobs: {verdict}")
print(f"  {min(one_by_one):.2f} s one by one, {min(together):.2f} s on threads",
      f"(best of 3): {sooner:.1f} times as fast, {at_once:.1f} at once")
