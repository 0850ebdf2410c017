# DEADLOCK: a Barrier for three parties, but only two threads ever arrive and
# there is no timeout.
import threading

meet = threading.Barrier(3)

def arrive():
    meet.wait()
    print("unreachable worker")

w = threading.Thread(target=arrive, name="arriver")
w.start()
print("main arrives at the barrier")
meet.wait()
print("unreachable main")
