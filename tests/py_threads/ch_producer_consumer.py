# Chapter listing "thread-safe queues": producer and consumer with a sentinel.
# The producer waits (q.join) until each item is handled, so lines alternate.
import queue
import threading

jobs = queue.Queue(maxsize=5)

def make():
    for i in range(1, 5):
        print("made job-%d" % i)
        jobs.put("job-%d" % i)
        jobs.join()          # wait for the consumer to mark it done

def use():
    while True:
        job = jobs.get()
        if job is None:
            jobs.task_done()
            break
        print("used " + job)
        jobs.task_done()

consumer = threading.Thread(target=use)
producer = threading.Thread(target=make)
consumer.start()
producer.start()
producer.join()
jobs.put(None)       # sentinel: tells the consumer to stop
consumer.join()
print("queue empty:", jobs.empty(), "unfinished:", jobs.unfinished_tasks)
print("summary: ch_producer_consumer ok")
