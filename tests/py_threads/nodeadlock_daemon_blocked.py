# Not a deadlock: daemon threads stay blocked forever (on a lock main holds,
# an Event nobody sets, an empty queue, a Condition nobody notifies), but the
# main thread finishes, so the program exits normally.
import queue
import threading

held = threading.Lock()
held.acquire()
never = threading.Event()
empty = queue.Queue()
cond = threading.Condition()
parked = threading.Barrier(5)

def on_lock():
    parked.wait()
    held.acquire()

def on_event():
    parked.wait()
    never.wait()

def on_queue():
    parked.wait()
    empty.get()

def on_cond():
    with cond:
        parked.wait()      # holding cond's lock is fine: nobody else needs it
        cond.wait()

stuck = [threading.Thread(target=f, daemon=True) for f in (on_lock, on_event, on_queue, on_cond)]
for t in stuck:
    t.start()
parked.wait()
print("blocked daemons:", sorted(t.name for t in stuck))
print("all daemon:", all(t.daemon for t in stuck))
print("summary: nodeadlock_daemon_blocked ok")
