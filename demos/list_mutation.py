# A worker keeps changing a shared list (append the next number, drop the oldest) while
# main reads it over and over. With the lock, a read never overlaps an update.
import threading

USE_LOCK = True  # False: some reads catch the list halfway through an update
WINDOW = 100


class NoLock:  # what "with guard:" uses when USE_LOCK is False: it guards nothing
    def __enter__(self): pass
    def __exit__(self, *details): pass


guard = threading.Lock() if USE_LOCK else NoLock()
numbers = list(range(WINDOW))


def writer():
    for new in range(WINDOW, WINDOW + 200_000):
        with guard:
            numbers.append(new)  # for a moment the list is one item too long...
            numbers.pop(0)  # ...then every item shifts one place to the left


scribe = threading.Thread(target=writer)
scribe.start()
torn = 0
while scribe.is_alive():  # main is the reader: it keeps reading while the writer works
    with guard:
        seen = [n for n in numbers]  # a Python-level loop: another thread can cut in
    if seen != list(range(seen[0], seen[0] + WINDOW)):
        torn += 1
scribe.join()
print(f"list holds {len(numbers)} numbers: {numbers[0]} to {numbers[-1]}")
print(f"reads that saw a torn list: {torn}")
