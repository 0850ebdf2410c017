# The daemon flag: default, explicit, inherited from the creating thread.
import threading

def noop():
    pass

out = {}

def spawner():
    child = threading.Thread(target=noop)
    out["child of daemon"] = child.daemon
    child.start()
    child.join()

print("main daemon:", threading.main_thread().daemon)
t = threading.Thread(target=noop)
print("default:", t.daemon)
t2 = threading.Thread(target=noop, daemon=True)
print("explicit True:", t2.daemon)
t3 = threading.Thread(target=noop)
t3.daemon = True
print("set before start:", t3.daemon)
t4 = threading.Thread(target=noop, daemon=False)
print("explicit False:", t4.daemon)

d = threading.Thread(target=spawner, daemon=True)
d.start()
d.join()
print("child of daemon:", out["child of daemon"])

t.start()
try:
    t.daemon = True
except RuntimeError as e:
    print("set after start:", e)
t.join()
print("summary: daemon_flag ok")
