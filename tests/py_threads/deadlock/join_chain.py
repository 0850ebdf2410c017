# DEADLOCK: t1 holds a lock and joins t2; t2 needs that lock to finish.
import threading

resource = threading.Lock()
held = threading.Event()

def first(other):
    with resource:
        held.set()
        print("first holds resource, joins second")
        other.join()
        print("unreachable first")

def second():
    held.wait()
    with resource:
        print("unreachable second")

t2 = threading.Thread(target=second, name="second")
t1 = threading.Thread(target=first, args=(t2,), name="first")
t2.start()
t1.start()
t1.join()
print("unreachable main")
