# Default thread names as CPython 3.12 builds them: "Thread-N (target)".
import threading

def fetch():
    pass

def store():
    pass

class Plain(threading.Thread):
    pass

seen = {}

def record():
    seen[threading.current_thread().name] = True

a = threading.Thread(target=fetch)
b = threading.Thread(target=store)
c = threading.Thread(target=fetch)
d = threading.Thread()
e = Plain()
f = threading.Thread(target=lambda: None)
g = threading.Thread(target=fetch, name="custom")
h = threading.Timer(1.0, store)
for t in (a, b, c, d, e, f, g, h):
    print(repr(t.name))

i = threading.Thread(target=record)
i.start()
i.join()
print("seen:", sorted(seen))

i.name = "renamed"
print("renamed:", i.name)
j = threading.Thread(target=record, name=42)
print("non-string name:", repr(j.name))
print("main:", threading.current_thread().name)
print("summary: names ok")
