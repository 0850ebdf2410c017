# DEADLOCK: the notify happens before the waiter starts waiting (no predicate
# is checked), so the wake-up is lost and the waiter sleeps forever.
import threading

cond = threading.Condition()
notified = threading.Event()

def waiter():
    notified.wait()            # make sure the notify is already gone
    with cond:
        print("waiter starts waiting")
        cond.wait()
        print("unreachable waiter")

w = threading.Thread(target=waiter, name="waiter")
w.start()
with cond:
    cond.notify()              # nobody is waiting yet: lost
print("main notified too early")
notified.set()
w.join()
print("unreachable main")
