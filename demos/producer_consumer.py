# A producer puts work on a queue; a consumer takes it off. The queue does the
# locking; None tells the consumer to stop.
import queue
import threading
import time

jobs = queue.Queue(maxsize=3)


def produce():
    for number in range(1, 6):
        jobs.put(number)
        print(f"put job {number}")
        time.sleep(0.1)
    jobs.put(None)


def consume():
    while True:
        job = jobs.get()
        if job is None:
            break
        print(f"  done job {job}: {job * job}")
        time.sleep(0.15)


workers = [threading.Thread(target=produce), threading.Thread(target=consume)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
print("all jobs done")
