# Not a deadlock: a Barrier for three with only two arrivals breaks after its
# timeout instead of hanging.
import threading

gate = threading.Barrier(3, timeout=0.1)
outcomes = {}

def arrive(name):
    try:
        gate.wait()
        outcomes[name] = "passed"
    except threading.BrokenBarrierError:
        outcomes[name] = "broken"

ts = [threading.Thread(target=arrive, args=(n,)) for n in ("x", "y")]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("outcomes:", sorted(outcomes.items()))
print("broken:", gate.broken)

solo = threading.Barrier(2)
try:
    solo.wait(timeout=0.05)
except threading.BrokenBarrierError as e:
    print("explicit timeout:", type(e).__name__)
print("summary: nodeadlock_barrier_timeout ok")
