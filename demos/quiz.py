# The proof behind the quiz: the same four jobs, first one after another, then on four
# threads at once, once for jobs that wait and once for jobs that compute.
import threading
import time

JOBS = 4


def wait_for_server():
    time.sleep(0.25)  # like a download: the thread sleeps and lets go of the GIL


def crunch_numbers():
    total = 0
    for n in range(1_000_000):  # pure Python arithmetic: the thread needs the GIL throughout
        total += n * n


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


for label, job in [("waiting jobs", wait_for_server), ("computing jobs", crunch_numbers)]:
    one_by_one = timed(job, threaded=False)
    together = timed(job, threaded=True)
    verdict = "threads help" if together < 0.75 * one_by_one else "threads do not help"
    print(f"{label}: {verdict}")
    print(f"  {one_by_one:.2f} s one by one, {together:.2f} s on threads")
