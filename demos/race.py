# Five threads each add 1 to one shared counter 100,000 times, with no lock.
# `counter += 1` is three steps: read the value, add one, write it back. If a
# thread is paused between its read and its write, another thread's updates
# made in the meantime are overwritten and lost.
import threading

THREADS = 5
ROUNDS = 100_000  # increments per thread

counter = 0
lock = threading.Lock()  # unused until the "lock" control wraps the update in it


def count_up():
    global counter
    for _ in range(ROUNDS):
        counter += 1  # not atomic: nothing stops a switch in the middle


crew = [threading.Thread(target=count_up) for _ in range(THREADS)]
for member in crew:
    member.start()
for member in crew:
    member.join()

# THREADS * ROUNDS if no update was lost; as little as ROUNDS is possible in principle.
print(f"Final counter: {counter}")
