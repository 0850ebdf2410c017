# Producer/consumer on a Condition with a one-slot buffer: strict alternation.
import threading

cond = threading.Condition()
slot = []
log = []
ITEMS = ["alpha", "beta", "gamma", "delta"]

def producer():
    for item in ITEMS + [None]:
        with cond:
            cond.wait_for(lambda: not slot)
            slot.append(item)
            log.append("put " + str(item))
            cond.notify_all()

def consumer():
    while True:
        with cond:
            cond.wait_for(lambda: slot)
            item = slot.pop()
            log.append("got " + str(item))
            cond.notify_all()
        if item is None:
            break

c = threading.Thread(target=consumer)
p = threading.Thread(target=producer)
c.start()
p.start()
p.join()
c.join()
for line in log:
    print(line)
print("slot empty:", slot == [])
print("summary: condition_handshake ok")
