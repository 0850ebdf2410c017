# An Event is a flag threads can wait on. The worker blocks in wait() until
# the main thread calls set(); waiting costs nothing, the worker just sleeps.
import threading
import time

go_signal = threading.Event()


def worker():
    print("Worker: waiting for signal...")
    go_signal.wait()  # parked here until someone sets the flag
    print("Worker: signal received, starting work")


helper = threading.Thread(target=worker)
helper.start()

time.sleep(0.5)  # the main thread gets things ready (a stand-in for setup work)
print("Main: sending signal")
go_signal.set()  # wakes every thread waiting on this event
helper.join()
