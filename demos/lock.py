# The same five threads and the same shared counter, but now every increment
# happens while holding a Lock. Only the thread holding it may run the
# read-add-write, so no update can be overwritten.
import threading

THREADS = 5
ROUNDS = 100_000  # increments per thread

counter = 0
counter_lock = threading.Lock()


def count_up():
    global counter
    for _ in range(ROUNDS):
        # `with` releases the lock on the way out, even if an exception is raised.
        with counter_lock:
            counter += 1


crew = [threading.Thread(target=count_up) for _ in range(THREADS)]
for member in crew:
    member.start()
for member in crew:
    member.join()

print(f"Final counter: {counter}")  # exactly THREADS * ROUNDS, on every GIL model
