# Barrier.abort() breaks the barrier: waiters get BrokenBarrierError.
import threading

b = threading.Barrier(3)
outcomes = {}

def worker(i):
    try:
        b.wait()
        outcomes[i] = "passed"
    except threading.BrokenBarrierError as e:
        outcomes[i] = type(e).__name__

ts = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
for t in ts:
    t.start()
while b.n_waiting < 2:  # both parked at the barrier
    threading.Event().wait(0.01)
print("n_waiting before abort:", b.n_waiting)
b.abort()
for t in ts:
    t.join()
print("outcomes:", sorted(outcomes.items()))
print("broken:", b.broken)
try:
    b.wait()
except threading.BrokenBarrierError as e:
    print("wait on broken barrier:", type(e).__name__, repr(e))
print("is a RuntimeError:", issubclass(threading.BrokenBarrierError, RuntimeError))

b.reset()
print("after reset broken:", b.broken)
ok = []
t = threading.Thread(target=lambda: ok.append(b.wait()))
u = threading.Thread(target=lambda: ok.append(b.wait()))
t.start(); u.start()
ok.append(b.wait())
t.join(); u.join()
print("after reset indices:", sorted(ok))
print("summary: barrier_abort ok")
