# cancel() succeeds only for a future that has not started: block the only
# worker with an Event so the next submission stays pending.
from concurrent.futures import ThreadPoolExecutor, CancelledError
import threading

started = threading.Event()
release = threading.Event()

def blocker():
    started.set()
    release.wait()
    return "blocker done"

def never():
    return "should not run"

ex = ThreadPoolExecutor(max_workers=1)
first = ex.submit(blocker)
started.wait()
pending = ex.submit(never)
print("first running:", first.running(), "done:", first.done())
print("pending running:", pending.running(), "done:", pending.done())
print("cancel running future:", first.cancel())
print("cancel pending future:", pending.cancel())
print("pending cancelled:", pending.cancelled(), "done:", pending.done())
print("cancel again:", pending.cancel())
try:
    pending.result()
except CancelledError as e:
    print("result of cancelled:", type(e).__name__)
try:
    pending.exception()
except CancelledError as e:
    print("exception() of cancelled:", type(e).__name__)
release.set()
print("first result:", first.result())
print("first cancelled:", first.cancelled(), "running:", first.running())
print("cancel finished future:", first.cancel())
ex.shutdown(wait=True)
print("summary: future_cancel ok")
