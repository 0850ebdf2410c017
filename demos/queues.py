# A producer and a consumer talk through a queue.Queue. The queue does its own locking,
# so neither thread needs a Lock. None is the agreed "no more work" marker.
import queue
import threading
import time

QUEUE_SIZE = 5  # put() blocks while the queue holds this many items
ITEMS = 4

inbox = queue.Queue(maxsize=QUEUE_SIZE)


def produce():
    for n in range(1, ITEMS + 1):
        item = f"item-{n}"
        print(f"Produced {item}")
        inbox.put(item)  # wakes the consumer if it is waiting in get()
        time.sleep(0.1)  # stand-in for the time it takes to make the next item


def consume():
    while (item := inbox.get()) is not None:
        print(f"Consumed {item}")
        inbox.task_done()


consumer = threading.Thread(target=consume)
producer = threading.Thread(target=produce)
consumer.start()
producer.start()
producer.join()
inbox.put(None)  # sent after the last item, so the consumer finishes the work first
consumer.join()
