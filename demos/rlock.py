# An RLock may be taken again by the thread that already holds it. It counts
# how many times its owner has acquired it and is free again only after the
# same number of releases. With a plain Lock, the second `with` would wait
# forever for a lock its own thread holds.
import threading

account_lock = threading.RLock()


def transfer():
    with account_lock:
        print("Outer acquired")
        log_transfer()  # a helper that takes the same lock itself


def log_transfer():
    with account_lock:  # same thread, so this does not block
        print("Inner acquired")


clerk = threading.Thread(target=transfer)
clerk.start()
clerk.join()
