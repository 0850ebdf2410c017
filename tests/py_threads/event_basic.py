# Event: set / clear / is_set / wait(timeout) returning True or False.
import threading

ev = threading.Event()
print("initial is_set:", ev.is_set())
print("wait(0.05) on unset:", ev.wait(0.05))
print("wait(timeout=0) on unset:", ev.wait(timeout=0))
ev.set()
print("after set:", ev.is_set())
print("wait() on set:", ev.wait())
print("wait(0.05) on set:", ev.wait(0.05))
ev.set()
print("set twice still set:", ev.is_set())
ev.clear()
print("after clear:", ev.is_set())

results = {}

def waiter(key, timeout):
    results[key] = ev.wait(timeout)

late = threading.Thread(target=waiter, args=("expires", 0.05))
late.start()
late.join()

waiting = [threading.Thread(target=waiter, args=("woken-%d" % i, 10)) for i in range(3)]
for t in waiting:
    t.start()
ev.set()
for t in waiting:
    t.join()
for key in sorted(results):
    print(key, results[key])
print("isSet alias exists:", hasattr(ev, "isSet"))
print("summary: event_basic ok")
