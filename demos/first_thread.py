# One extra thread: start it, carry on in the main thread, then wait for it.
import threading
import time


def welcome(guest):
    time.sleep(0.5)  # stands in for slow work, such as waiting on a server
    print(f"Hello, {guest}!")


# args must be a tuple, hence the trailing comma after "Alice".
helper = threading.Thread(target=welcome, args=("Alice",))
helper.start()  # returns at once; welcome() now runs beside the main thread
print("Thread started — main continues running")
helper.join()  # the main thread blocks here until welcome() returns
print("Thread finished")
