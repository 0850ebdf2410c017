# task_done() / join(): join returns once every item has been processed.
import queue
import threading

q = queue.Queue()
processed = []

def worker():
    while True:
        item = q.get()
        processed.append(item * item)
        q.task_done()

for i in range(6):
    q.put(i)
print("unfinished before:", q.unfinished_tasks)
for _ in range(2):
    threading.Thread(target=worker, daemon=True).start()
q.join()
print("unfinished after join:", q.unfinished_tasks)
print("processed:", sorted(processed))

fresh = queue.Queue()
fresh.join()  # nothing was ever put: returns at once
print("join on fresh queue returned")
try:
    fresh.task_done()
except ValueError as e:
    print("too many task_done:", e)
fresh.put(1)
fresh.get()
print("got but not done:", fresh.unfinished_tasks)
fresh.task_done()
print("after task_done:", fresh.unfinished_tasks)
print("summary: queue_task_done ok")
