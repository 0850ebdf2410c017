# DEADLOCK: two threads take two locks in opposite orders. Events force the
# interleaving: each grabs its first lock before either asks for its second.
import threading

lock_a = threading.Lock()
lock_b = threading.Lock()
a_taken = threading.Event()
b_taken = threading.Event()

def take_a_then_b():
    with lock_a:
        a_taken.set()
        b_taken.wait()
        print("Thread-1 holds lock_a, now asks for lock_b")
        with lock_b:
            print("unreachable 1")

def take_b_then_a():
    with lock_b:
        b_taken.set()
        a_taken.wait()
        with lock_a:
            print("unreachable 2")

t1 = threading.Thread(target=take_a_then_b)
t2 = threading.Thread(target=take_b_then_a)
print("main starts both threads and joins them")
t1.start()
t2.start()
t1.join()
t2.join()
print("unreachable main")
