# Five threads each add 1 to a shared counter 100,000 times.
# `tally += 1` reads, adds and writes back: three steps another thread can cut into.
# Try each GIL model: legacy (3.9) sometimes loses updates, modern (3.12) never
# splits the line, and free-threaded loses many. The locked version is always exact.
import threading

tally = 0
guard = threading.Lock()


def add_unlocked():
    global tally
    for _ in range(100_000):
        tally += 1


def add_locked():
    global tally
    for _ in range(100_000):
        with guard:
            tally += 1


for adder in (add_unlocked, add_locked):
    tally = 0
    crew = [threading.Thread(target=adder) for _ in range(5)]
    for member in crew:
        member.start()
    for member in crew:
        member.join()
    print(f"{adder.__name__}: {tally:,} of 500,000")
