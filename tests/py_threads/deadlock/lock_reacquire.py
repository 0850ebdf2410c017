# DEADLOCK: code written for an RLock, but the lock is a plain Lock. The
# nested method tries to take the lock its own thread already holds.
import threading

class Ledger:
    def __init__(self):
        self.guard = threading.Lock()   # should have been threading.RLock()
        self.entries = []

    def add(self, item):
        with self.guard:
            self.entries.append(item)
            self.audit()

    def audit(self):
        with self.guard:                # same thread, second acquire: blocks forever
            print("unreachable audit")

ledger = Ledger()
t = threading.Thread(target=ledger.add, args=("rent",), name="bookkeeper")
t.start()
print("main waits for bookkeeper")
t.join()
print("unreachable main")
