# A Future used directly: set_result / set_exception / states.
from concurrent.futures import Future, InvalidStateError
import threading

f = Future()
print("new: done", f.done(), "running", f.running(), "cancelled", f.cancelled())
print("set_running_or_notify_cancel:", f.set_running_or_notify_cancel())
print("running:", f.running(), "cancel while running:", f.cancel())

def finish():
    f.set_result("made by a thread")

t = threading.Thread(target=finish)
t.start()
print("result (waits):", f.result(timeout=5))
t.join()
try:
    f.set_result("again")
except InvalidStateError as e:
    print("set_result twice:", type(e).__name__)

g = Future()
g.set_exception(KeyError("k"))
print("exception:", repr(g.exception()))
try:
    g.result()
except KeyError as e:
    print("result raised KeyError:", e)

h = Future()
print("cancel pending:", h.cancel(), "set_running_or_notify_cancel:", h.set_running_or_notify_cancel())
print("summary: future_manual ok")
