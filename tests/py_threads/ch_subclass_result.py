# Chapter listing "subclassing Thread": run() stores its result on the object,
# which main reads after join().
import threading
import time

class Reader(threading.Thread):
    def __init__(self, shelf):
        super().__init__()
        self.shelf = shelf
        self.summary = None

    def run(self):
        time.sleep(0.05)
        self.summary = "contents of shelf " + self.shelf

readers = [Reader(s) for s in ("A", "B", "C")]
print("before start:", [r.summary for r in readers])
for r in readers:
    r.start()
for r in readers:
    r.join()
for r in readers:
    print(r.summary)
print("names:", [r.name for r in readers])
print("summary: ch_subclass_result ok")
