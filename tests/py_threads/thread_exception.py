# An exception escaping a thread: CPython prints "Exception in thread NAME:" and a
# traceback to stderr, and the program goes on with exit code 0.
import threading

def parse(text):
    return int(text)

def worker(text):
    value = parse(text)
    print("never printed", value)

print("main: starting the failing thread")
t = threading.Thread(target=worker, args=("not a number",))
t.start()
t.join()
print("main: thread finished, alive:", t.is_alive())

ok = []
u = threading.Thread(target=ok.append, args=("second thread fine",))
u.start()
u.join()
print("main:", ok[0])
print("summary: thread_exception ok")
