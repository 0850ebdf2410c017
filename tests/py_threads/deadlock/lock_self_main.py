# DEADLOCK: a single-threaded program takes a plain Lock twice. There is no
# other thread that could ever release it.
import threading

gate = threading.Lock()

def enter():
    gate.acquire()

enter()
print("main holds gate, takes it again")
enter()
print("unreachable")
