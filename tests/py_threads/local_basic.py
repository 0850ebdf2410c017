# threading.local: every thread sees its own attributes.
import threading

data = threading.local()
data.owner = "main"
seen = {}

def work(name):
    try:
        data.owner
    except AttributeError as e:
        seen[name + " before set"] = str(e)
    data.owner = name
    data.items = [name] * 2
    seen[name] = (data.owner, data.items, hasattr(data, "items"))

ts = [threading.Thread(target=work, args=("t%d" % i,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
for key in sorted(seen):
    print(key, "->", seen[key])
print("main still sees:", data.owner)
print("main has items:", hasattr(data, "items"))

class Counter(threading.local):
    def __init__(self, start):
        self.value = start   # runs again in every thread that touches it

counter = Counter(10)
results = {}

def bump(n):
    for _ in range(n):
        counter.value += 1
    results[n] = counter.value

bs = [threading.Thread(target=bump, args=(n,)) for n in (1, 2, 3)]
for t in bs:
    t.start()
for t in bs:
    t.join()
print("per-thread counters:", sorted(results.items()))
print("main counter:", counter.value)
print("summary: local_basic ok")
