# is_alive() before start, while blocked, after finish.
import threading

go = threading.Event()
entered = threading.Event()

def worker():
    entered.set()
    go.wait()

t = threading.Thread(target=worker)
print("before start:", t.is_alive())
t.start()
entered.wait()
print("while blocked:", t.is_alive())
t.join(timeout=0.05)
print("after join(timeout) while blocked:", t.is_alive())
go.set()
t.join()
print("after join:", t.is_alive())
t.join()
print("join again is fine:", t.is_alive())
print("main alive:", threading.main_thread().is_alive())
print("summary: is_alive ok")
