# Barrier: parties, wait() indices, the action, n_waiting, reuse.
import threading

actions = []
b = threading.Barrier(3, action=lambda: actions.append(threading.current_thread().name in names))
names = {"w0", "w1", "w2"}
indices = {}

def worker(i):
    first = b.wait()
    second = b.wait()
    indices[i] = (first, second)

print("parties:", b.parties, "n_waiting:", b.n_waiting, "broken:", b.broken)
ts = [threading.Thread(target=worker, args=(i,), name="w%d" % i) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("first round indices:", sorted(v[0] for v in indices.values()))
print("second round indices:", sorted(v[1] for v in indices.values()))
print("action ran per round:", len(actions), "in a worker:", actions)
print("after completion n_waiting:", b.n_waiting, "broken:", b.broken)

single = threading.Barrier(1)
print("barrier of one returns:", single.wait())
print("summary: barrier_basic ok")
