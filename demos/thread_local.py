# threading.local(): one shared object, but each thread sees its own attributes on it.
import threading
import time

per_thread = threading.local()


def sign_in(n):
    per_thread.user = f"user{n}"  # stored for this thread only
    # Wait a little (longer for later threads): by the time anyone reads,
    # all three threads have written, yet each reads back its own value.
    time.sleep(0.2 * (n + 1))
    me = threading.current_thread().name
    print(f"{me}: user = {per_thread.user}")


workers = [
    threading.Thread(target=sign_in, args=(n,), name=f"Thread-{n}")
    for n in range(3)
]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
