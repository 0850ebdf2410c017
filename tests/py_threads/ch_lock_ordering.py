# Chapter "deadlock" gotcha, the fix: every thread takes the two locks in the
# same order, so two threads that want both can never deadlock.
import threading

first = threading.Lock()
second = threading.Lock()
moves = {"left": 0, "right": 0}

def mover(side, rounds):
    for _ in range(rounds):
        with first:          # always first, then second
            with second:
                moves[side] += 1

a = threading.Thread(target=mover, args=("left", 2000))
b = threading.Thread(target=mover, args=("right", 2000))
a.start()
b.start()
a.join()
b.join()
print("moves:", moves)
print("both locks free:", not first.locked() and not second.locked())
print("summary: ch_lock_ordering ok")
