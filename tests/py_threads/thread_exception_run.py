# An exception escaping the run() of a named Thread subclass goes to stderr.
import threading

class Checker(threading.Thread):
    def __init__(self, items):
        super().__init__(name="checker")
        self.items = items
        self.checked = 0

    def run(self):
        for item in self.items:
            if item < 0:
                raise ValueError("negative item: %d" % item)
            self.checked += 1

c = Checker([3, 1, -4, 1])
c.start()
c.join()
print("checked before failure:", c.checked)
print("main continues:", threading.active_count())
print("summary: thread_exception_run ok")
