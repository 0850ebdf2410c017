# Chapter listing "RLock": a method holding the lock calls another that takes
# the same lock again.
import threading

class Account:
    def __init__(self):
        self.guard = threading.RLock()
        self.log = []

    def transfer(self):
        with self.guard:
            self.log.append("transfer holds the lock")
            self.audit()

    def audit(self):
        with self.guard:
            self.log.append("audit holds it too")

acct = Account()
t = threading.Thread(target=acct.transfer)
t.start()
t.join()
for line in acct.log:
    print(line)
print("summary: ch_rlock_nested ok")
