# Chapter listing "Event": a worker blocks until main signals it.
import threading

go = threading.Event()
worker_parked = threading.Event()

def worker():
    print("worker: parked until told to go")
    worker_parked.set()
    go.wait()
    print("worker: got the go-ahead")

w = threading.Thread(target=worker)
w.start()
worker_parked.wait()
print("main: signalling")
go.set()
w.join()
print("summary: ch_event_signal ok")
