# Chapter listing "Lock": the same five threads, with the increment guarded.
import threading

tally = 0
guard = threading.Lock()

def bump_many():
    global tally
    for _ in range(100_000):
        with guard:
            tally += 1

workers = [threading.Thread(target=bump_many) for _ in range(5)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print("tally:", tally)
print("exact:", tally == 500000)
print("summary: ch_locked_counter ok")
