# Chapter listing "data races": five threads do 100_000 unguarded increments.
# The final value depends on the interpreter, so only the bound is printed.
import threading

tally = 0

def bump_many():
    global tally
    for _ in range(100_000):
        tally += 1   # read, add, write: not atomic

workers = [threading.Thread(target=bump_many) for _ in range(5)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print("tally <= 500000:", tally <= 500000)
print("summary: ch_unsafe_counter ok")
