# Condition.wait / wait_for with and without timeouts; errors outside the lock.
import threading

cond = threading.Condition()
state = {"value": 0}

with cond:
    print("wait(0.05) with nobody notifying:", cond.wait(0.05))
    print("wait_for already true:", cond.wait_for(lambda: True))
    print("wait_for false, timeout 0.05:", cond.wait_for(lambda: False, timeout=0.05))
    print("wait_for returns predicate value:", cond.wait_for(lambda: "yes", 1))

def bump():
    for _ in range(5):
        with cond:
            state["value"] += 1
            cond.notify()

t = threading.Thread(target=bump)
with cond:
    t.start()
    reached = cond.wait_for(lambda: state["value"] == 5, timeout=10)
print("reached 5:", reached, state["value"])
t.join()

try:
    cond.wait(0.01)
except RuntimeError as e:
    print("wait without lock:", e)
try:
    cond.notify()
except RuntimeError as e:
    print("notify without lock:", e)
try:
    cond.notify_all()
except RuntimeError as e:
    print("notify_all without lock:", e)

rc = threading.Condition(threading.RLock())
with rc:
    with rc:
        print("condition over RLock, nested:", rc.wait(0.01))
print("summary: condition_wait_for ok")
