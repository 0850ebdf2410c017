# notify(1) wakes exactly one waiter, notify_all wakes the rest.
import threading
import time

cond = threading.Condition()
waiting = 0
tickets = 0
woken = []

def waiter(i):
    global waiting, tickets
    with cond:
        waiting += 1
        cond.notify_all()          # tell main one more waiter is parked
        cond.wait_for(lambda: tickets > 0)
        tickets -= 1
        woken.append(i)
        cond.notify_all()          # tell main a ticket was used

threads = [threading.Thread(target=waiter, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
with cond:
    cond.wait_for(lambda: waiting == 4)
    print("all four waiting:", waiting)
    tickets = 1
    cond.notify(1)
    cond.wait_for(lambda: len(woken) == 1)
time.sleep(0.05)  # with one ticket only one waiter can ever get through
with cond:
    print("woken after notify(1):", len(woken))
    tickets = 3
    cond.notify_all()
for t in threads:
    t.join()
print("woken after notify_all:", len(woken), sorted(woken))
print("tickets left:", tickets)
print("summary: condition_notify_all ok")
