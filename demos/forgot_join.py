# Main hands a slow calculation to a worker thread, then never join()s it. It goes
# on, reads the shared list before the worker has filled it, and reports nothing.
# The worker is not a daemon, so Python still waits for it before exiting: its
# answer arrives, but only after main has already used (and printed) the empty list.
import threading
import time

REMEMBER_JOIN = False  # True: main waits for the worker before reading the results

results = []


def slow_square(number):
    time.sleep(0.5)  # stands in for slow work: a download, a big computation
    results.append(number * number)
    print(f"worker: stored {number * number}")


worker = threading.Thread(target=slow_square, args=(12,))
worker.start()

time.sleep(0.1)  # main's own, shorter piece of work
print("main: my own work is done")
if REMEMBER_JOIN:
    worker.join()  # block here until the worker has finished
print(f"main: results = {results}")
print("main: reached the end of the program")
