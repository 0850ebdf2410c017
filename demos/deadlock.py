# Two threads each need both locks, but T1 takes lock_a first and T2 takes lock_b
# first. Each ends up holding one lock and waiting for the other: a deadlock.
# The sleeps only fix the timing so the bad interleaving happens on every run.
import threading
import time

SAME_ORDER = False  # True: both threads take lock_a, then lock_b; no deadlock

lock_a = threading.Lock()
lock_b = threading.Lock()
names = {lock_a: "lock_a", lock_b: "lock_b"}


def use_both(first, second, delay):
    me = threading.current_thread().name
    time.sleep(delay)  # T2 starts a little later than T1
    with first:
        print(f"{me}: took {names[first]}")
        time.sleep(0.6)  # meanwhile the other thread grabs its first lock
        print(f"{me}: waiting for {names[second]}")
        with second:
            print(f"{me}: took {names[second]} too, working with both")


t2_order = (lock_a, lock_b) if SAME_ORDER else (lock_b, lock_a)
t1 = threading.Thread(target=use_both, args=(lock_a, lock_b, 0.0), name="T1")
t2 = threading.Thread(target=use_both, args=(*t2_order, 0.3), name="T2")
t1.start()
t2.start()
t1.join()
t2.join()
print("main: both threads finished")
