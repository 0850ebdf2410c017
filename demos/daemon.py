# A daemon thread loops forever in the background. Python does not wait for it:
# once the main thread is done, the program ends and the daemon stops mid-loop.
import threading
import time


def pulse():
    while True:  # never returns on its own
        print("♥ still running")
        time.sleep(1)


beat = threading.Thread(target=pulse, daemon=True)
beat.start()

# Beats land at 0 s and 1 s; the next would be at 2 s, but we leave at 1.5 s.
time.sleep(1.5)
print("Main thread exiting — daemon will be killed")
