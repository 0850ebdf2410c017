# Five threads each add 1 to one shared counter 100,000 times, with no lock.
# `counter += 1` is three steps: read the value, add one, write it back. If a
# thread is paused between its read and its write, another thread's updates
# made in the meantime are overwritten and lost.
import threading

counter = 0


def count_up():
    global counter
    for _ in range(100_000):
        counter += 1  # not atomic: nothing stops a switch in the middle


crew = [threading.Thread(target=count_up) for _ in range(5)]
for member in crew:
    member.start()
for member in crew:
    member.join()

# 500000 if no update was lost; anything down to 100000 is possible in principle.
print(f"Final counter: {counter}")
