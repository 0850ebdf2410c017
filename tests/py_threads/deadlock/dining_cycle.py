# DEADLOCK: three threads, three locks, each takes its left lock then its
# right one. A barrier makes all three hold their left lock first.
import threading

forks = [threading.Lock() for _ in range(3)]
all_seated = threading.Barrier(3)

def diner(i):
    left, right = forks[i], forks[(i + 1) % 3]
    with left:
        all_seated.wait()
        with right:
            print("unreachable diner", i)

diners = [threading.Thread(target=diner, args=(i,), name="diner-%d" % i) for i in range(3)]
for d in diners:
    d.start()
print("main waits for the diners")
for d in diners:
    d.join()
print("unreachable main")
