# A Python sandbox: edit the program and press Run (or Ctrl+Enter).
# It runs on threadplay's own interpreter, one Web Worker per Python thread.
import threading
import time


def brew(drink, minutes):
    time.sleep(minutes / 10)  # a tenth of a second stands in for each "minute"
    print(f"{drink} is ready after {minutes} minutes")


orders = [("tea", 3), ("coffee", 2), ("cocoa", 4)]
baristas = [threading.Thread(target=brew, args=order) for order in orders]
started = time.perf_counter()
for barista in baristas:
    barista.start()
for barista in baristas:
    barista.join()
# The three waits overlap, so the whole round takes as long as the slowest order.
print(f"all orders served in {time.perf_counter() - started:.1f} s")
