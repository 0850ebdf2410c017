# Thread(target, args, kwargs): start, join, results collected in per-thread slots.
import threading

results = [None] * 4

def work(slot, base, scale=1, offset=0):
    results[slot] = base * scale + offset

threads = []
for i in range(4):
    t = threading.Thread(target=work, args=(i, i + 1), kwargs={"scale": 10, "offset": i})
    threads.append(t)

for t in threads:
    t.start()
for t in threads:
    t.join()

print("results:", results)
print("all finished:", all(not t.is_alive() for t in threads))

# A thread with no target does nothing and still joins fine.
empty = threading.Thread()
empty.start()
empty.join()
print("empty thread alive:", empty.is_alive())

# start() returns None, join() returns None.
t = threading.Thread(target=work, args=(0, 7))
print("start returns:", t.start())
print("join returns:", t.join())
print("slot 0 now:", results[0])
print("summary: start_join ok")
