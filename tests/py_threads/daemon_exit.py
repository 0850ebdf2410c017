# The main thread finishes while a daemon thread loops forever: the program
# exits normally and the daemon is killed without printing anything.
import threading
import time

ticks = []
running = threading.Event()

def spin():
    while True:
        ticks.append(1)
        running.set()
        time.sleep(0.01)

d = threading.Thread(target=spin, daemon=True, name="spinner")
d.start()
running.wait()
print("daemon running:", d.is_alive(), "daemon:", d.daemon)
print("ticked at least once:", len(ticks) >= 1)
print("active threads:", threading.active_count())
print("summary: daemon_exit ok")
