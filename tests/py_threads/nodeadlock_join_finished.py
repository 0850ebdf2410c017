# Not a deadlock: joins that look circular but are not. A thread joins one
# that may have finished already; a chain of joins ends in a thread that returns.
import threading

order = []

def leaf():
    order.append("leaf")

def middle(target):
    target.join()
    order.append("middle")

def top(target):
    target.join()
    order.append("top")

l = threading.Thread(target=leaf)
m = threading.Thread(target=middle, args=(l,))
t = threading.Thread(target=top, args=(m,))
l.start()
m.start()
t.start()
t.join()
print("chain order:", order)
for _ in range(3):
    l.join()
print("repeated joins of a finished thread return:", not l.is_alive())
print("join with timeout on finished:", l.join(timeout=0.01), l.is_alive())
print("summary: nodeadlock_join_finished ok")
